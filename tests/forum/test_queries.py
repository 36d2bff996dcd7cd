"""Pages run a fixed number of SQL queries however many threads and posts exist (no N+1)."""
from contextlib import contextmanager

import pytest
from flask import has_request_context
from sqlalchemy import event

from forum.services import posting, reading
from models import Thread, User, db


@contextmanager
def counting_queries():
    """The statements requests run meanwhile (not the test's own, which reloads what it holds)."""
    statements = []

    def count(conn, cursor, statement, *args):
        if has_request_context():
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _populate(size):
    """`size` authors, `size` threads spread over sectors with tags, and one thread of `size` posts."""
    authors = [User(username=f"user{i}", username_canonical=f"user{i}", email=f"u{i}@example.eu",
                    password_hash="not-used", display_name=f"User {i}") for i in range(size)]
    db.session.add_all(authors)
    db.session.commit()
    sectors = ["school", "vet", "higher-education"]
    threads = [posting.create_thread(a, reading.get_sector(sectors[i % 3]).id, f"Thread number {i}",
                                     "Body", tags=f"tag{i % 7}, common") for i, a in enumerate(authors)]
    long_thread = threads[0]
    for i, author in enumerate(authors):
        posting.reply(author, long_thread.id, f"Reply {i}")
    return long_thread.id


def _queries_per_page(client, size):
    thread_id = _populate(size)
    last_page = reading.page_of(size + 1)
    urls = ["/", "/sectors/school", f"/threads/{thread_id}", f"/threads/{thread_id}?page={last_page}",
            "/tags/common"]
    counts = {}
    for url, key in zip(urls, ["home", "sector", "thread first", "thread last", "tag"]):
        db.session.remove()
        client.application.extensions.pop("praxis_nav_sectors", None)  # count the header's query
        with counting_queries() as statements:
            assert client.get(url).status_code == 200
        counts[key] = len(statements)
    return counts


@pytest.fixture
def small_and_large(app, app_config, tmp_path, postgres_schema):
    """Query counts with 3 and with 60 threads/posts/authors, each in a fresh database."""
    small = _queries_per_page(app.test_client(), 3)
    db.session.remove()
    db.drop_all()
    db.create_all()
    from forum.services.setup import ensure_sectors

    ensure_sectors()
    large = _queries_per_page(app.test_client(), 60)
    return small, large


def test_page_query_counts_do_not_grow_with_the_data(small_and_large):
    small, large = small_and_large
    assert small == large
    assert max(large.values()) <= 7, large  # 6 to render, 1 for the page cache's version


def test_a_signed_in_member_adds_a_fixed_number_of_queries(client, make_user, make_thread, make_post):
    anna = make_user("anna")
    anna_id, thread_id = anna.id, make_thread(anna).id
    client.login("anna")
    counts = []
    for _ in range(2):
        for i in range(25):
            make_post(db.session.get(User, anna_id), db.session.get(Thread, thread_id), body=f"More {i}")
        db.session.remove()
        with counting_queries() as statements:
            assert client.get(f"/threads/{thread_id}?page=2").status_code == 200
        counts.append(len(statements))
    # 7, plus the bell's unread count, the follow state and the read-marker upsert (issue 6)
    assert counts[0] == counts[1] and counts[0] <= 11
