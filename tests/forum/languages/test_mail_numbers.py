"""Counts in mail are numbers in the recipient's locale (1.234 in German, 1,234 in English)."""
from datetime import datetime

from forum.services import languages
from forum.services.mailing import render_mail
from models import Sector, db

ITEM = {"thread_id": 1, "title": "Ein großer Faden", "excerpt": "…", "author": "anna", "reply_count": 1234,
        "new_posts": 1500, "is_new": False, "created_at": datetime(2026, 3, 5, 17, 30), "url": "/threads/1/posts/2"}


def test_digest_item_counts_are_formatted_for_a_german_and_an_english_reader(app, verified_user):
    german, english = verified_user("greta"), verified_user("eddie")
    languages.set_interface_language(german, "de")
    text, html = render_mail("digest_item", german, item=ITEM)
    for body in (text, html):
        assert "1.234 Antworten" in body and "1.500 neue Beiträge" in body
    text, html = render_mail("digest_item", english, item=ITEM)
    for body in (text, html):
        assert "1,234 replies" in body and "1,500 new posts" in body


def test_the_more_line_counts_in_the_readers_locale(app, verified_user):
    german = verified_user("greta")
    languages.set_interface_language(german, "de")
    sector = db.session.query(Sector).filter_by(slug="vet").one()
    text, html = render_mail("digest_more", german, sector=sector, more={"new": 2500, "active": 0}, url="/sectors/vet")
    assert "2.500" in text and "2.500" in html and "2500" not in text
