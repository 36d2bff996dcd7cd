"""A body is rendered once per write; the renderer's findings drive the link limit and notifications."""
import pytest

from forum.core.errors import ValidationError
from forum.services import posting
from models import Notification, Post, db


@pytest.fixture
def app_config(app_config):
    """Everyone is a new member (fewer than 5 posts) with at most 2 links."""
    return {**app_config, "NEW_MEMBER_DAYS": 0, "NEW_MEMBER_POSTS": 5, "NEW_MEMBER_MAX_LINKS": 2}


@pytest.fixture
def calls(monkeypatch):
    """Counts the real renderer's calls from the posting service."""
    seen = []
    real = posting.render_markdown

    def counting(*args, **kwargs):
        seen.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(posting, "render_markdown", counting)
    return seen


def test_mentions_do_not_count_against_a_new_members_link_limit(make_user, make_thread):
    anna = make_user("anna")
    for name in ("bert", "carl", "dora"):
        make_user(name)
    thread = make_thread(make_user("ben"))
    post = posting.reply(anna, thread.id, "Thanks @bert @carl @dora")
    assert post.body_html.count('href="/users/') == 3


def test_a_new_members_third_link_is_still_refused(make_user, make_thread):
    thread = make_thread(make_user("ben"))
    with pytest.raises(ValidationError, match="at most 2 links"):
        posting.reply(make_user("anna"), thread.id, "https://a.eu https://b.eu and @ben https://c.eu")


def test_a_reply_renders_its_body_once(make_user, make_thread, calls):
    anna, thread = make_user("anna"), make_thread(make_user("ben"))
    del calls[:]
    posting.reply(anna, thread.id, "See https://a.example.eu, @ben")
    assert calls == ["See https://a.example.eu, @ben"]


def test_new_threads_and_edits_render_their_body_once(make_user, make_thread, calls):
    anna = make_user("anna")
    thread = make_thread(anna, body="First https://a.example.eu")
    assert calls == ["First https://a.example.eu"]
    posting.edit_post(anna, _first(thread).id, "Changed https://b.example.eu")
    assert calls[1:] == ["Changed https://b.example.eu"]


def _first(thread):
    return db.session.scalar(db.select(Post).where(Post.thread_id == thread.id, Post.number == 1))


def test_mentioned_and_quoted_members_are_notified_from_what_the_renderer_found(make_user, make_thread):
    anna, ben, carl = make_user("anna"), make_user("ben"), make_user("carl")
    thread = make_thread(ben)
    quoted = _first(thread)
    posting.reply(anna, thread.id, f"{posting.quote_markdown(quoted)}Right, @carl? `@anna` is code.")
    kinds = dict(db.session.execute(db.select(Notification.user_id, Notification.kind)).all())
    assert kinds == {ben.id: "quote", carl.id: "mention"}


HEAVY = "`a` " * 12_000  # 48,000 characters, 12,000 code spans: about half a second to render


def test_a_body_past_the_render_budget_is_refused_and_nothing_is_saved(app, make_user, make_thread):
    app.config["RENDER_BUDGET_SECONDS"] = 0.02
    anna, thread = make_user("anna"), make_thread(make_user("ben"))
    before = db.session.scalar(db.select(db.func.count(Post.id)))
    with pytest.raises(ValidationError, match="too much formatting"):
        posting.reply(anna, thread.id, HEAVY)
    assert db.session.scalar(db.select(db.func.count(Post.id))) == before
    assert posting.reply(anna, thread.id, "`a` " * 10).body_html.count("<code>") == 10


def test_a_preview_past_the_budget_says_why_instead_of_rendering(app):
    app.config["RENDER_BUDGET_SECONDS"] = 0.02
    with app.test_request_context():
        assert "too much formatting" in posting.preview(HEAVY)
