"""Pin, lock, move, rename, tags, close and restore: effects on pages, the audit log and events."""
import logging

import pytest

from forum.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from forum.services.moderation import close, lock, move, pin, rename
from models import ModerationAction, Post, Thread, db


def _log(action=None):
    query = db.select(ModerationAction).order_by(ModerationAction.id)
    if action:
        query = query.where(ModerationAction.action == action)
    return db.session.scalars(query).all()


def test_locking_stops_member_replies_and_shows_a_notice_while_moderators_still_reply(
        client, cast, make_thread, make_post, effects):
    thread = make_thread(cast["anna"], sector="school")
    client.login("mod")
    response = client.submit(f"/moderation/threads/{thread.id}/lock", {"reason": "Finished"},
                             token_from=f"/threads/{thread.id}")
    assert response.status_code == 302
    assert ("thread_updated", thread.id) in effects and ("index_thread", thread.id) in effects
    entry = _log("lock_thread")[0]
    assert entry.actor.username == "mod" and entry.reason == "Finished" and entry.target_id == thread.id
    assert '"locked": false' in entry.before and '"locked": true' in entry.after
    make_post(cast["mod"], db.session.get(Thread, thread.id), body="Moderators may still reply.")
    client.logout()
    client.login("ben")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "This thread is locked" in page and 'name="body"' not in page
    assert client.get(f"/threads/{thread.id}/reply").status_code == 403


def test_locking_twice_is_idempotent_and_writes_one_entry(cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    lock.lock_thread(cast["mod"], thread.id)
    lock.lock_thread(cast["mod"], thread.id)
    assert len(_log("lock_thread")) == 1
    lock.unlock_thread(cast["mod"], thread.id)
    assert not db.session.get(Thread, thread.id).is_locked


def test_pinned_threads_head_their_sector_list(client, cast, make_thread):
    first = make_thread(cast["anna"], sector="school", title="Older but important")
    make_thread(cast["anna"], sector="school", title="Newer chatter")
    pin.pin_thread(cast["glob"], first.id)
    page = client.get("/sectors/school").get_data(as_text=True)
    assert page.index("Older but important") < page.index("Newer chatter")
    assert "Pinned" in page


def test_moving_a_thread_changes_its_sector_counters_and_log(client, cast, make_thread, make_post, effects):
    thread = make_thread(cast["anna"], sector="school")
    make_post(cast["ben"], thread)
    move.move_thread(cast["glob"], thread.id, "vet", reason="Belongs to VET", expected_sector="school")
    thread = db.session.get(Thread, thread.id)
    assert thread.sector.slug == "vet"
    school, vet = (db.session.scalar(db.select(db.text("thread_count, post_count")).select_from(
        db.text("sectors")).where(db.text(f"slug = '{s}'"))) for s in ("school", "vet"))
    assert "Belongs to VET" == _log("move_thread")[0].reason
    assert '"sector": "school"' in _log("move_thread")[0].before
    assert ("thread_updated", thread.id) in effects
    assert "A thread about practice" in client.get("/sectors/vet").get_data(as_text=True)
    assert "A thread about practice" not in client.get("/sectors/school").get_data(as_text=True)


def test_move_to_the_same_sector_is_refused_but_a_repeated_submit_is_harmless(cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    with pytest.raises(ValidationError, match="already in this sector"):
        move.move_thread(cast["glob"], thread.id, "school")
    move.move_thread(cast["glob"], thread.id, "vet", expected_sector="school")
    move.move_thread(cast["glob"], thread.id, "vet", expected_sector="school")  # the double click
    assert len(_log("move_thread")) == 1
    with pytest.raises(Conflict):
        move.move_thread(cast["glob"], thread.id, "adult-learning", expected_sector="school")


def test_a_sector_moderator_cannot_move_a_thread_out_of_reach(cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    with pytest.raises(PermissionDenied):
        move.move_thread(cast["mod"], thread.id, "vet")
    other = make_thread(cast["anna"], sector="vet")
    with pytest.raises(PermissionDenied):
        lock.lock_thread(cast["mod"], other.id)
    assert _log() == []


def test_rename_and_retag_are_recorded_with_before_and_after(client, cast, make_thread):
    thread = make_thread(cast["anna"], sector="school", title="Tpyo in title", tags="old")
    rename.rename_thread(cast["mod"], thread.id, "Typo in title fixed")
    rename.retag_thread(cast["mod"], thread.id, "assessment, ai")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Typo in title fixed" in page and "assessment" in page
    entry = _log("rename_thread")[0]
    assert "Tpyo in title" in entry.before and "Typo in title fixed" in entry.after
    assert '"old"' in _log("retag_thread")[0].before


def test_closed_threads_vanish_for_readers_and_come_back_when_restored(client, cast, make_thread, effects):
    thread = make_thread(cast["anna"], sector="school", title="Spam thread to close")
    with pytest.raises(ValidationError):
        close.close_thread(cast["mod"], thread.id, reason="")
    close.close_thread(cast["mod"], thread.id, reason="Spam")
    assert ("index_thread", thread.id) in effects and ("thread_removed", thread.id) in effects
    assert client.get(f"/threads/{thread.id}").status_code == 404
    assert "Spam thread to close" not in client.get("/sectors/school").get_data(as_text=True)
    client.login("mod")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "only moderators see it" in page
    close.restore_thread(cast["mod"], thread.id)
    client.logout()
    assert client.get(f"/threads/{thread.id}").status_code == 200


def test_a_forged_form_from_a_member_changes_nothing_and_is_logged(client, cast, make_thread, caplog):
    thread = make_thread(cast["anna"], sector="school")
    client.login("ben")
    with caplog.at_level(logging.WARNING, logger="praxis.moderation"):
        response = client.submit(f"/moderation/threads/{thread.id}/lock", {"reason": "x"}, token_from="/")
    assert response.status_code == 404  # the gate answers before the form or the service is reached
    assert not db.session.get(Thread, thread.id).is_locked
    assert "moderation refused" in caplog.text and "'verb': 'lock'" in caplog.text
    with pytest.raises(PermissionDenied), caplog.at_level(logging.WARNING, logger="praxis.moderation"):
        lock.lock_thread(cast["ben"], thread.id)  # the service still refuses on its own
    assert "lock_thread" in caplog.text
    assert client.get(f"/moderation/threads/{thread.id}/lock").status_code == 404


def test_moderator_actions_need_a_csrf_token(client, cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    client.login("mod")
    response = client.post(f"/moderation/threads/{thread.id}/lock", data={"reason": "x"})
    assert response.status_code == 400
    assert not db.session.get(Thread, thread.id).is_locked


def test_actions_on_missing_threads_give_404_with_a_message(client, cast):
    with pytest.raises(NotFound):
        lock.lock_thread(cast["mod"], 999)
    client.login("mod")
    response = client.submit("/moderation/threads/999/lock", {}, token_from="/")
    assert response.status_code == 404 and "There is nothing here" in response.get_data(as_text=True)


def test_moderators_see_the_controls_and_members_do_not(client, cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    client.login("ben")
    assert "Moderate this thread" not in client.get(f"/threads/{thread.id}").get_data(as_text=True)
    client.logout()
    client.login("mod")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Moderate this thread" in page and f"/moderation/threads/{thread.id}/move" in page
    move_page = client.get(f"/moderation/threads/{thread.id}/move")
    assert move_page.status_code == 200 and "Move to sector" in move_page.get_data(as_text=True)


def test_the_author_is_told_when_a_thread_is_moved_or_closed(cast, make_thread, effects):
    thread = make_thread(cast["anna"], sector="school")
    first = db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id))
    move.move_thread(cast["glob"], thread.id, "vet", reason="Fits VET better")
    close.close_thread(cast["glob"], thread.id, reason="Duplicate")
    assert ("post_moderated", first, "moved", "Fits VET better") in effects
    assert ("post_moderated", first, "closed", "Duplicate") in effects
