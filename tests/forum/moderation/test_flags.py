"""Flags: once per member and post, auto-hide at the threshold, the queue and its one-click resolves."""
import pytest

from forum.core import permissions
from forum.core.errors import Conflict, PermissionDenied, ValidationError
from forum.services.moderation import flags
from models import Flag, ModerationAction, Post, db, utcnow


@pytest.fixture
def reply(cast, make_thread, make_post):
    thread = make_thread(cast["anna"], sector="school")
    return make_post(cast["ben"], thread, body="Something rude")


@pytest.fixture
def flaggers(user):
    """Three established members (verified addresses; the testing config needs no age or posts)."""
    return [user(f"flagger{n}", email_verified_at=utcnow()) for n in range(3)]


def test_a_member_flags_a_post_once(client, cast, reply):
    client.login("anna")
    page = client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)
    assert f"/posts/{reply.id}/flag" in page
    response = client.submit(f"/posts/{reply.id}/flag", {"reason": "offensive", "text": "Insults"})
    assert response.status_code == 302
    client.submit(f"/posts/{reply.id}/flag", {"reason": "spam"})
    rows = db.session.scalars(db.select(Flag)).all()
    assert [(f.user.username, f.reason, f.text) for f in rows] == [("anna", "offensive", "Insults")]


def test_flag_input_is_checked(client, cast, reply):
    with pytest.raises(ValidationError):
        flags.flag_post(cast["anna"], reply.id, "boring")
    with pytest.raises(ValidationError):
        flags.flag_post(cast["anna"], reply.id, "other", "")
    with pytest.raises(PermissionDenied):
        flags.flag_post(cast["ben"], reply.id, "spam")  # one's own post
    client.login("anna")
    response = client.submit(f"/posts/{reply.id}/flag", {"reason": "other", "text": ""})
    assert response.status_code == 422 and "Tell the moderators" in response.get_data(as_text=True)


def test_three_distinct_flaggers_hide_the_post_until_reviewed(client, cast, reply, flaggers, effects):
    flags.flag_post(flaggers[0], reply.id, "spam")
    flags.flag_post(flaggers[0], reply.id, "spam")  # the same member again counts once
    flags.flag_post(flaggers[1], reply.id, "offensive")
    assert db.session.get(Post, reply.id).hidden_at is None
    flags.flag_post(flaggers[2], reply.id, "spam")
    post = db.session.get(Post, reply.id)
    assert post.hidden_at is not None and post.hidden_by_id is None
    assert ("post_hidden", reply.id) in effects
    assert "hidden by a moderator" in client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "auto_hide_post"))
    assert entry.actor_id is None
    flags.resolve_flags(cast["mod"], reply.id, "dismiss")
    assert db.session.get(Post, reply.id).hidden_at is None
    assert "Something rude" in client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)


def test_the_queue_groups_open_flags_by_post_per_sector(client, cast, reply, flaggers, make_thread, make_post):
    other = make_post(cast["anna"], make_thread(cast["ben"], sector="vet"), body="VET post")
    flags.flag_post(flaggers[0], reply.id, "spam")
    flags.flag_post(flaggers[1], reply.id, "off-topic", "Not about schools")
    flags.flag_post(flaggers[0], other.id, "spam")
    groups = flags.open_flags_by_post(cast["glob"])
    assert [(post.id, len(items)) for post, items in groups] == [(reply.id, 2), (other.id, 1)]
    assert [post.id for post, _items in flags.open_flags_by_post(cast["mod"])] == [reply.id]
    client.login("mod")
    page = client.get("/moderation/flags").get_data(as_text=True)
    assert "Not about schools" in page and "VET post" not in page and "Dismiss flags" in page
    assert client.get("/moderation/flags?sector=vet").status_code == 404
    client.logout()
    client.login("anna")
    assert client.get("/moderation/flags").status_code == 404


@pytest.mark.parametrize("resolution", ["hide", "dismiss", "warn", "suspend"])
def test_one_click_resolve_closes_every_open_flag(client, cast, reply, flaggers, resolution, effects):
    for member in flaggers[:2]:
        flags.flag_post(member, reply.id, "offensive")
    client.login("glob")
    response = client.submit(f"/moderation/flags/{reply.id}/resolve",
                             {"resolution": resolution, "reason": "Rude to members"}, token_from="/moderation/flags")
    assert response.status_code == 302
    assert all(f.resolution == resolution and f.resolved_by_id == cast["glob"].id
               for f in db.session.scalars(db.select(Flag)))
    post, author = db.session.get(Post, reply.id), cast["ben"]
    db.session.refresh(author)
    assert (post.hidden_at is not None) == (resolution in ("hide", "suspend"))
    assert permissions.is_suspended(author) == (resolution == "suspend")
    if resolution == "warn":
        assert ("post_moderated", reply.id, "warned", "Rude to members") in effects
    assert flags.open_flags_by_post(cast["glob"]) == []
    # the same click again is harmless; a different one meets a clear conflict
    flags.resolve_flags(cast["glob"], reply.id, resolution, "Rude to members")
    with pytest.raises(Conflict):
        flags.resolve_flags(cast["glob"], reply.id, "hide" if resolution != "hide" else "dismiss", "x")


def test_a_sector_moderator_cannot_suspend_from_the_queue(cast, reply, flaggers):
    flags.flag_post(flaggers[0], reply.id, "spam")
    with pytest.raises(PermissionDenied):
        flags.resolve_flags(cast["mod"], reply.id, "suspend", "Spammer")
    assert db.session.scalar(db.select(Flag)).resolved_at is None
