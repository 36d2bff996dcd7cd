"""The anonymous page cache: served from memory, never stale, never for members."""
from datetime import timedelta

import pytest
from flask import template_rendered

from forum.adapters import page_cache
from tests.forum.test_queries import counting_queries
from forum.services import accounts, subscriptions
from forum.services.moderation import hide, lock, merge
from models import Post, PublicVersion, Thread, db, utcnow


@pytest.fixture
def renders(app):
    """Names of the page templates rendered (a cached page renders none)."""
    names = []

    def record(_sender, template, context, **_extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    yield names
    template_rendered.disconnect(record, app)


@pytest.fixture
def old_thread(app, make_user, make_thread, make_post):
    """A thread whose posts are a month old (no relative times: cached without expiry)."""
    anna, ben = make_user("anna", display_name="Anna Kowalska"), make_user("ben")
    thread = make_thread(anna, title="Assessment rubrics in VET", body="Our rubric.")
    make_post(ben, thread, body="We use a **shared** rubric too.")
    month_ago = utcnow() - timedelta(days=30)
    db.session.execute(db.update(Post).values(created_at=month_ago))
    db.session.execute(db.update(Thread).values(created_at=month_ago, last_post_at=month_ago))
    db.session.commit()
    return thread


def _page(client, thread):
    return client.get(f"/threads/{thread.id}").get_data(as_text=True)


def test_an_anonymous_reader_gets_the_page_from_the_cache(client, old_thread, renders):
    first = _page(client, old_thread)
    rendered = len(renders)
    assert rendered and "shared</strong> rubric" in first
    with counting_queries() as statements:
        assert _page(client, old_thread) == first
    assert len(renders) == rendered
    assert [s for s in statements if s != "BEGIN"] == ["SELECT value FROM public_version WHERE id = 1"]


def test_a_new_reply_is_on_the_next_anonymous_page(client, old_thread, make_user, make_post):
    _page(client, old_thread)
    make_post(make_user("carla"), old_thread, body="Fresh reply from Carla.")
    assert "Fresh reply from Carla." in _page(client, old_thread)


def test_a_hidden_post_leaves_the_cached_page_at_once(client, app, old_thread, make_user):
    assert "shared</strong> rubric" in _page(client, old_thread)
    moderator = make_user("mod", role="moderator")
    reply = db.session.scalar(db.select(Post).where(Post.number == 2))
    hide.hide_post(moderator, reply.id, "off-topic")
    assert "shared</strong> rubric" not in _page(client, old_thread)


def test_a_bulk_update_also_invalidates(client, app, old_thread, make_user, make_thread):
    """Merging moves posts with one UPDATE statement, not through the ORM's unit of work."""
    target = make_thread(make_user("dora"), title="Rubrics, the big thread")
    page = client.get(f"/threads/{target.id}").get_data(as_text=True)
    assert "shared</strong> rubric" not in page
    merge.merge_threads(make_user("mod", role="moderator"), old_thread.id, target.id)
    assert "shared</strong> rubric" in client.get(f"/threads/{target.id}").get_data(as_text=True)


def test_lock_and_a_renamed_author_show_at_once(client, app, old_thread, make_user):
    _page(client, old_thread)
    lock.lock_thread(make_user("mod", role="moderator"), old_thread.id)
    accounts.update_profile(accounts.get_by_username("anna"), display_name="Anna K. Nowak")
    page = _page(client, old_thread)
    assert "Anna K. Nowak" in page and "locked" in page.lower()


def test_private_writes_and_rollbacks_keep_the_version(app, old_thread, make_user):
    before = page_cache.current_version()
    ben = accounts.get_by_username("ben")
    subscriptions.set_level(ben, "thread", old_thread.id, "watch")
    accounts.touch_last_seen(ben)
    db.session.add(Post(thread_id=old_thread.id, author_id=ben.id, number=99, body_markdown="x",
                        body_html="x"))
    db.session.flush()
    db.session.rollback()
    assert page_cache.current_version() == before
    accounts.update_profile(ben, display_name="Ben B.")
    assert page_cache.current_version() == before + 1
    assert db.session.get(PublicVersion, 1).value == before + 1


def test_members_never_get_the_anonymous_page(client, old_thread, make_user):
    anonymous = _page(client, old_thread)
    make_user("emil", display_name="Emil Emilsson")
    client.login("emil")
    member = _page(client, old_thread)
    assert "Emil Emilsson" in member and "Emil Emilsson" not in anonymous
    assert "Post reply" in member and "Sign in to reply" in anonymous


def test_a_page_with_flashed_messages_is_neither_served_nor_stored(client, old_thread, renders):
    _page(client, old_thread)
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Welcome back, friend.")]
    assert "Welcome back, friend." in _page(client, old_thread)
    assert "Welcome back, friend." not in _page(client, old_thread)


def test_pages_with_relative_times_expire(client, old_thread, make_user, make_thread, renders,
                                          monkeypatch):
    monkeypatch.setattr(page_cache, "RELATIVE_TTL", -1)  # already expired when stored
    recent = make_thread(make_user("fatima"), title="Posted just now")
    for thread in (recent, old_thread, recent, old_thread):
        _page(client, thread)
    assert renders.count("threads/show.html") == 3  # the recent page twice, the old one once
    assert "minute" in _page(client, recent) or "second" in _page(client, recent)


def test_the_cache_can_be_switched_off(app, client, old_thread, renders):
    app.config["PAGE_CACHE_ENTRIES"] = 0
    _page(client, old_thread)
    rendered = len(renders)
    _page(client, old_thread)
    assert len(renders) > rendered


def test_unknown_query_strings_are_rendered_not_stored(client, old_thread, renders):
    for _ in range(2):
        client.get(f"/threads/{old_thread.id}?utm_source=newsletter")
    assert renders.count("threads/show.html") == 2
