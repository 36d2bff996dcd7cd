"""Hiding, restoring, moderator edits and permanent deletion of posts."""
import pytest

from forum.core.errors import PermissionDenied, ValidationError
from forum.services import posting
from forum.services.moderation import hide
from models import ModerationAction, Post, PostRevision, db


@pytest.fixture
def reply(cast, make_thread, make_post):
    thread = make_thread(cast["anna"], sector="school")
    return make_post(cast["ben"], thread, body="Buy cheap pills at example")


def _actions():
    return [e.action for e in db.session.scalars(db.select(ModerationAction).order_by(ModerationAction.id))]


def test_a_hidden_post_shows_a_placeholder_to_readers_and_the_reason_to_its_author(client, cast, reply, effects):
    hide.hide_post(cast["mod"], reply.id, "Advertising")
    assert ("post_hidden", reply.id) in effects and ("index_post", reply.id) in effects  # the index re-reads it: now hidden
    assert ("post_moderated", reply.id, "hidden", "Advertising") in effects
    url = f"/threads/{reply.thread_id}"
    page = client.get(url).get_data(as_text=True)
    assert "hidden by a moderator" in page and "cheap pills" not in page and "Advertising" not in page
    client.login("anna")
    assert "cheap pills" not in client.get(url).get_data(as_text=True)
    client.logout()
    client.login("ben")
    page = client.get(url).get_data(as_text=True)
    assert "cheap pills" in page and "Reason: Advertising" in page and "post-hidden" in page
    client.logout()
    client.login("mod")
    page = client.get(url).get_data(as_text=True)
    assert "cheap pills" in page and "Advertising" in page and "Restore" in page


def test_hiding_needs_a_reason_and_twice_is_once(cast, reply):
    with pytest.raises(ValidationError):
        hide.hide_post(cast["mod"], reply.id, "  ")
    hide.hide_post(cast["mod"], reply.id, "Spam")
    hide.hide_post(cast["mod"], reply.id, "Spam")
    assert _actions() == ["hide_post"]


def test_restoring_brings_the_post_back_for_everyone(client, cast, reply, effects):
    hide.hide_post(cast["mod"], reply.id, "Spam")
    hide.restore_post(cast["mod"], reply.id, "Was fine after all")
    assert ("post_restored", reply.id) in effects and ("index_post", reply.id) in effects
    assert "cheap pills" in client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)
    assert _actions() == ["hide_post", "restore_post"]


def test_a_hidden_post_cannot_be_edited_back_by_its_author(cast, reply):
    hide.hide_post(cast["mod"], reply.id, "Spam")
    with pytest.raises(PermissionDenied):
        posting.edit_post(cast["ben"], reply.id, "Innocent text now")


def test_a_moderator_edit_is_recorded_in_the_revision_and_the_log(cast, reply, effects):
    posting.edit_post(cast["mod"], reply.id, "Removed the advertising.")
    revision = db.session.scalar(db.select(PostRevision).where(PostRevision.post_id == reply.id))
    assert revision.editor_id == cast["mod"].id and "cheap pills" in revision.body_markdown
    assert _actions() == ["edit_post"]
    assert ("post_moderated", reply.id, "edited", None) in effects


def test_only_admins_delete_posts_for_good(client, cast, reply):
    with pytest.raises(PermissionDenied):
        hide.delete_post(cast["glob"], reply.id, "Illegal content")
    hide.delete_post(cast["ada"], reply.id, "Illegal content")
    post = db.session.get(Post, reply.id)
    assert post.deleted_at is not None and post.body_markdown == "" and post.body_html == ""
    assert post.thread.post_count == 1
    assert "cheap pills" not in client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)
    hide.delete_post(cast["ada"], reply.id, "Illegal content")  # a repeat is harmless
    assert _actions() == ["delete_post"]


def test_moderators_cannot_hide_an_admins_post(cast, make_thread, make_post):
    thread = make_thread(cast["anna"], sector="school")
    post = make_post(cast["ada"], thread, body="Admin announcement")
    with pytest.raises(PermissionDenied):
        hide.hide_post(cast["glob"], post.id, "No")
    hide.hide_post(cast["ada"], post.id, "Outdated")


def test_the_hide_form_shows_errors_next_to_the_reason(client, cast, reply):
    client.login("mod")
    response = client.submit(f"/moderation/posts/{reply.id}/hide", {"reason": ""})
    assert response.status_code == 422 and "Give a reason" in response.get_data(as_text=True)
    response = client.submit(f"/moderation/posts/{reply.id}/hide", {"reason": "Spam"})
    assert response.status_code == 302
    assert db.session.get(Post, reply.id).hidden_reason == "Spam"
    assert client.submit("/moderation/posts/424242/hide", {"reason": "x"}, token_from="/").status_code == 404


def test_deleting_through_the_page_returns_to_the_thread(client, cast, reply):
    client.login("ada")
    page = client.get(f"/threads/{reply.thread_id}").get_data(as_text=True)
    assert f"/moderation/posts/{reply.id}/delete" in page
    response = client.submit(f"/moderation/posts/{reply.id}/delete", {"reason": "Illegal"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/threads/{reply.thread_id}")
    assert client.get(response.headers["Location"]).status_code == 200
