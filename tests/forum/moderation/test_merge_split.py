"""Merging threads (posts interleaved by time, renumbered, old address redirects) and splitting."""
from datetime import timedelta

import pytest

from forum.core.errors import Conflict, PermissionDenied, ValidationError
from forum.services.moderation import merge, split
from models import ModerationAction, Post, Thread, db


def _posts(thread_id):
    return db.session.scalars(db.select(Post).where(Post.thread_id == thread_id).order_by(Post.number)).all()


def _age(post, minutes):
    post.created_at = post.created_at - timedelta(minutes=minutes)


def test_merge_interleaves_posts_by_time_renumbers_and_redirects_the_old_address(
        client, cast, make_thread, make_post, effects):
    target = make_thread(cast["anna"], sector="school", title="Keeping this thread", body="T1")
    source = make_thread(cast["ben"], sector="school", title="Duplicate thread here", body="S1")
    t2, s2 = make_post(cast["ben"], target, body="T2"), make_post(cast["anna"], source, body="S2")
    first_t, first_s = _posts(target.id)[0], _posts(source.id)[0]
    _age(first_t, 40), _age(first_s, 30), _age(t2, 20), _age(s2, 10)
    db.session.commit()
    merge.merge_threads(cast["mod"], source.id, target.id, reason="Same question")
    bodies = [p.body_markdown for p in _posts(target.id)]
    assert bodies == ["T1", "S1", "T2", "S2"]
    assert [p.number for p in _posts(target.id)] == [1, 2, 3, 4]
    merged = db.session.get(Thread, target.id)
    assert merged.post_count == 4 and merged.reply_count == 3 and merged.last_number == 4
    response = client.get(f"/threads/{source.id}/duplicate-thread-here")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/threads/{target.id}")
    page = client.get(f"/threads/{target.id}").get_data(as_text=True)
    assert page.index("<p>S1</p>") < page.index("<p>T2</p>")
    assert "Duplicate thread here" not in client.get("/sectors/school").get_data(as_text=True)
    entry = db.session.scalar(db.select(ModerationAction).where(ModerationAction.action == "merge_threads"))
    assert entry.reason == "Same question" and f'"merged_thread_id": {source.id}' in entry.after
    assert ("index_thread", source.id) in effects and ("index_thread", target.id) in effects


def test_merging_into_itself_is_refused(cast, make_thread):
    thread = make_thread(cast["anna"], sector="school")
    with pytest.raises(ValidationError, match="itself"):
        merge.merge_threads(cast["mod"], thread.id, thread.id)


def test_a_repeated_merge_is_idempotent_and_a_merge_elsewhere_conflicts(cast, make_thread):
    a, b, c = (make_thread(cast["anna"], sector="school", title=f"Thread number {n}") for n in range(3))
    merge.merge_threads(cast["mod"], a.id, b.id)
    merge.merge_threads(cast["mod"], a.id, b.id)
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 1
    with pytest.raises(Conflict):
        merge.merge_threads(cast["mod"], a.id, c.id)


def test_a_sector_moderator_cannot_merge_across_sectors(cast, make_thread):
    a, b = make_thread(cast["anna"], sector="school"), make_thread(cast["anna"], sector="vet")
    with pytest.raises(PermissionDenied):
        merge.merge_threads(cast["mod"], a.id, b.id)


def test_merge_through_the_form_accepts_a_thread_address(client, cast, make_thread):
    a, b = make_thread(cast["anna"], sector="school"), make_thread(cast["anna"], sector="school")
    client.login("mod")
    bad = client.submit(f"/moderation/threads/{a.id}/merge", {"target": "nonsense"})
    assert bad.status_code == 422 and "number or the address" in bad.get_data(as_text=True)
    response = client.submit(f"/moderation/threads/{a.id}/merge",
                             {"target": f"http://localhost/threads/{b.id}/slug", "reason": ""})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/threads/{b.id}")


def test_split_moves_the_chosen_posts_into_a_new_thread(client, cast, make_thread, make_post, effects):
    thread = make_thread(cast["anna"], sector="school", body="Opening")
    keep = make_post(cast["ben"], thread, body="On topic")
    off1, off2 = make_post(cast["ben"], thread, body="Tangent one"), make_post(cast["anna"], thread, body="Tangent two")
    new = split.split_posts(cast["mod"], thread.id, [off2.id, off1.id], "A tangent worth its own thread")
    assert [p.body_markdown for p in _posts(new.id)] == ["Tangent one", "Tangent two"]
    assert [p.number for p in _posts(new.id)] == [1, 2]
    assert new.author_id == cast["ben"].id and new.sector.slug == "school" and new.reply_count == 1
    old = db.session.get(Thread, thread.id)
    assert [p.id for p in _posts(thread.id)][-1] == keep.id and old.post_count == 2
    assert "Tangent one" in client.get(f"/threads/{new.id}").get_data(as_text=True)
    assert "Tangent one" not in client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert ("index_thread", new.id) in effects
    again = split.split_posts(cast["mod"], thread.id, [off1.id, off2.id], "A tangent worth its own thread")
    assert again.id == new.id
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 2


def test_split_refuses_zero_posts_and_emptying_the_thread(client, cast, make_thread, make_post):
    thread = make_thread(cast["anna"], sector="school")
    reply = make_post(cast["ben"], thread)
    with pytest.raises(ValidationError, match="at least one post to split"):
        split.split_posts(cast["mod"], thread.id, [], "New thread title")
    first = _posts(thread.id)[0]
    with pytest.raises(ValidationError, match="Leave at least one"):
        split.split_posts(cast["mod"], thread.id, [first.id, reply.id], "New thread title")
    client.login("mod")
    page = client.get(f"/moderation/threads/{thread.id}/split")
    assert page.status_code == 200 and 'name="posts"' in page.get_data(as_text=True)
    response = client.submit(f"/moderation/threads/{thread.id}/split", {"title": "New thread title"})
    assert response.status_code == 422 and "Choose at least one post" in response.get_data(as_text=True)


def test_split_with_posts_from_another_thread_conflicts(cast, make_thread, make_post):
    a, b = make_thread(cast["anna"], sector="school"), make_thread(cast["anna"], sector="school")
    pa, pb = make_post(cast["ben"], a), make_post(cast["ben"], b)
    with pytest.raises(Conflict):
        split.split_posts(cast["mod"], a.id, [pa.id, pb.id], "New thread title")
