"""A digest that caps a section says how many threads it left out and links to them."""
from datetime import timedelta

import pytest

from forum.services import digest_content, digests, reading, subscriptions
from forum.core.transaction import transaction
from models import db, utcnow
from tests.forum.conftest import html_of, text_of

VET = "Vocational education and training"


def run():
    return digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))


@pytest.fixture
def people(verified_user):
    """An author (no digest of their own) and a reader."""
    return verified_user("writer", verified=False), verified_user("reader")


def threads(make_thread, author, n, sector="vet", **kw):
    return [make_thread(author, sector=sector, title=f"Thread {i} in {sector}", **kw) for i in range(n)]


def follow(reader, slug, level="track"):
    subscriptions.set_level(reader, "sector", reading.get_sector(slug).id, level)


def test_capped_sector_says_how_many_more_new_threads_and_links_to_the_sector(
        smtp, people, make_thread, make_post):
    author, reader = people
    follow(reader, "vet", "watch")
    busy = threads(make_thread, author, 11)
    for thread in busy[:5]:
        make_post(author, thread, body="A reply that makes it busier.")
    make_thread(author, sector="vet", title="Fresh question without a reply")
    run()
    (message,) = smtp.to("reader@example.eu")
    text, html = text_of(message), html_of(message)
    assert text.count("\n* ") == 5
    assert f"and 7 more new threads in {VET}: https://praxis.example.eu/sectors/vet" in text
    assert f'<a href="https://praxis.example.eu/sectors/vet">and 7 more new threads in {VET}</a>' in html


def test_one_more_is_singular_and_muted_threads_are_not_counted(smtp, people, make_thread):
    author, reader = people
    follow(reader, "vet")
    made = threads(make_thread, author, 7)
    subscriptions.set_level(reader, "thread", made[0].id, "mute")
    run()
    message = smtp.to("reader@example.eu")[0]
    assert f"and 1 more new thread in {VET}:" in text_of(message)
    assert f">and 1 more new thread in {VET}</a>" in html_of(message)


def test_no_line_when_nothing_was_left_out(smtp, people, make_thread):
    author, reader = people
    follow(reader, "vet")
    threads(make_thread, author, 5)
    run()
    message = smtp.to("reader@example.eu")[0]
    assert "more new thread" not in text_of(message) + html_of(message)


def test_new_threads_of_a_watched_sector_come_before_active_threads_elsewhere(
        smtp, people, make_thread, make_post, monkeypatch):
    author, reader = people
    monkeypatch.setattr(digest_content, "MAX_ITEMS", 5)
    follow(reader, "school")
    follow(reader, "vet", "watch")
    old = threads(make_thread, author, 5, sector="school")
    with transaction() as session:
        session.execute(db.text("UPDATE posts SET created_at = :t"), {"t": utcnow() - timedelta(days=10)})
        session.execute(db.text("UPDATE threads SET created_at = :t"), {"t": utcnow() - timedelta(days=10)})
    for thread in old:
        make_post(author, thread, body="Still going.")
    make_thread(author, sector="vet", title="Fresh question without a reply")
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert "Fresh question without a reply" in text
    assert "and 1 more active thread in School education: https://praxis.example.eu/sectors/school" in text


def test_member_following_nothing_is_told_what_the_top_list_left_out(smtp, people, make_thread):
    author, reader = people
    threads(make_thread, author, 12)
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert text.count("\n* ") == 10 and f"and 2 more new threads in {VET}:" in text


def test_threads_of_a_followed_tag_left_out_are_counted_in_their_sector(smtp, people, make_thread):
    author, reader = people
    threads(make_thread, author, 7, sector="adult-learning", tags="badges")
    threads(make_thread, author, 3, sector="adult-learning")
    tag_id = db.session.scalar(db.text("SELECT id FROM tags WHERE name = 'badges'"))
    subscriptions.set_level(reader, "tag", tag_id, "track")
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert text.count("\n* ") == 5 and "and 2 more new threads in Adult learning:" in text
