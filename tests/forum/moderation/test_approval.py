"""New-member approval: off by default; when on, first posts wait, are approved or rejected."""
import pytest

from forum.core.errors import Conflict, PermissionDenied, ValidationError
from forum.services.moderation import approval, settings
from models import Post, Thread, db


@pytest.fixture
def approval_on(cast):
    settings.change_approval(cast["ada"], True, 2)


def test_approval_is_off_by_default_and_only_admins_switch_it(client, cast, make_thread):
    assert settings.approval_enabled() is False
    thread = make_thread(cast["anna"], sector="school")
    assert thread.pending_at is None
    with pytest.raises(PermissionDenied):
        settings.change_approval(cast["glob"], True, 2)
    with pytest.raises(ValidationError):
        settings.change_approval(cast["ada"], True, 0)
    client.login("glob")
    assert client.get("/moderation/settings").status_code == 404
    client.logout()
    client.login("ada")
    response = client.submit("/moderation/settings", {"approval_enabled": "y", "approval_post_count": "2"})
    assert response.status_code == 302 and settings.approval_enabled() and settings.approval_post_count() == 2


def test_the_approval_round_trip(client, cast, approval_on, effects):
    client.login("anna")
    response = client.submit("/sectors/school/new", {
        "sector": "school", "title": "My first question here", "body": "Hello all", "language": "en", "tags": "",
        "submission_key": "k1"})
    thread_url = response.headers["Location"]
    thread = db.session.scalar(db.select(Thread).where(Thread.title == "My first question here"))
    assert thread.pending_at is not None
    assert ("thread_created", thread.id) not in effects and ("index_post",) not in [e[:1] for e in effects]
    page = client.get(thread_url).get_data(as_text=True)
    assert "Waiting for a moderator" in page and "Hello all" in page
    client.logout()
    assert client.get(thread_url).status_code == 404
    assert "My first question here" not in client.get("/sectors/school").get_data(as_text=True)

    client.login("mod")
    queue = client.get("/moderation/approval").get_data(as_text=True)
    assert "My first question here" in queue and "Hello all" in queue
    first = db.session.scalar(db.select(Post).where(Post.thread_id == thread.id))
    assert client.submit(f"/moderation/posts/{first.id}/approve", {}, token_from="/moderation/approval"
                         ).status_code == 302
    assert ("approval_decided", first.id, True, None) in effects and ("thread_created", thread.id) in effects
    client.logout()
    assert "Hello all" in client.get(thread_url).get_data(as_text=True)


def test_a_rejected_reply_disappears_and_the_author_is_told_why(client, cast, approval_on, make_thread,
                                                              make_post, effects):
    thread = make_thread(cast["ben"], sector="school")  # ben's first post: pending too
    approval.approve_post(cast["mod"], db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id)))
    reply = make_post(cast["anna"], db.session.get(Thread, thread.id), body="Visit my shop")
    assert reply.pending_at is not None
    assert [p.id for p in approval.queue(cast["mod"])] == [reply.id]
    assert approval.queue(cast["anna"]) == []
    with pytest.raises(ValidationError):
        approval.reject_post(cast["mod"], reply.id, "")
    approval.reject_post(cast["mod"], reply.id, "Advertising is not allowed")
    assert ("approval_decided", reply.id, False, "Advertising is not allowed") in effects
    assert db.session.get(Post, reply.id).deleted_at is not None
    approval.reject_post(cast["mod"], reply.id, "Advertising is not allowed")  # repeat: harmless
    with pytest.raises(Conflict):
        approval.approve_post(cast["mod"], reply.id)
    assert "Visit my shop" not in client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_after_the_configured_count_posts_no_longer_wait(cast, approval_on, make_thread, make_post):
    thread = make_thread(cast["mod"], sector="school")  # moderators never wait
    assert thread.pending_at is None
    for _ in range(2):
        approval.approve_post(cast["mod"], make_post(cast["anna"], thread).id)
    assert make_post(cast["anna"], thread).pending_at is None


def test_pending_posts_are_invisible_to_other_readers(client, cast, approval_on, make_thread, make_post):
    thread = make_thread(cast["mod"], sector="school")
    make_post(cast["anna"], thread, body="Pending words")
    client.login("ben")
    page = client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Pending words" not in page and "anna" not in page.split('id="posts"')[1].split("</div>")[0]


def test_a_pending_thread_never_shows_on_the_home_page(client, cast, approval_on, make_thread):
    make_thread(cast["anna"], sector="school", title="Pending thread title")
    assert "Pending thread title" not in client.get("/").get_data(as_text=True)


def test_pending_posts_count_nowhere_until_approved(cast, approval_on, make_thread, make_post):
    from forum.services.reading import get_sector

    thread = make_thread(cast["mod"], sector="school")
    school = get_sector("school")
    before = (school.thread_count, school.post_count)
    reply = make_post(cast["anna"], thread)
    pending_thread = make_thread(cast["ben"], sector="school", title="Waiting thread")
    db.session.expire_all()
    thread, school = db.session.get(Thread, thread.id), get_sector("school")
    assert (thread.reply_count, thread.last_poster_id) == (0, cast["mod"].id)
    assert (school.thread_count, school.post_count) == before
    approval.approve_post(cast["mod"], reply.id)
    first = db.session.scalar(db.select(Post.id).where(Post.thread_id == pending_thread.id))
    approval.approve_post(cast["mod"], first)
    db.session.expire_all()
    thread, school = db.session.get(Thread, thread.id), get_sector("school")
    assert (thread.reply_count, thread.post_count, thread.last_poster_id) == (1, 2, cast["anna"].id)
    assert (school.thread_count, school.post_count) == (before[0] + 1, before[1] + 2)
