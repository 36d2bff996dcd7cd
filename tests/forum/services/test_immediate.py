"""Immediate email for watched threads: batched, and nothing about posts already read."""
from datetime import timedelta

import pytest

from forum.services import immediate, subscriptions
from models import utcnow
from tests.forum.conftest import text_of


@pytest.fixture
def watching(app, smtp, verified_user, make_thread):
    app.config.update(IMMEDIATE_EMAIL_DELAY=60, IMMEDIATE_EMAIL_INTERVAL=900)
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna, title="Watched thread")
    subscriptions.set_level(bob, "thread", thread.id, "watch")
    return anna, bob, thread


def test_at_most_one_email_per_thread_per_fifteen_minutes(smtp, watching, make_post):
    anna, bob, thread = watching
    make_post(anna, thread, body="First news.")
    assert immediate.send_due(utcnow() + timedelta(seconds=30))["sent"] == 0  # not due yet
    assert immediate.send_due(utcnow() + timedelta(seconds=61))["sent"] == 1
    make_post(anna, thread, body="Second news.")
    make_post(anna, thread, body="Third news.")
    assert immediate.send_due(utcnow() + timedelta(minutes=5))["sent"] == 0
    assert immediate.send_due(utcnow() + timedelta(minutes=16))["sent"] == 1
    first, second = smtp.to("bob@example.eu")
    assert "First news." in text_of(first) and "Watched thread" in first["Subject"]
    assert "Second news." in text_of(second) and "Third news." in text_of(second)
    assert "First news." not in text_of(second)
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_email_about_a_post_the_member_already_read(client, smtp, watching, make_post):
    anna, bob, thread = watching
    make_post(anna, thread, body="Read on the site.")
    client.login("bob")
    assert client.get(f"/threads/{thread.id}").status_code == 200
    assert immediate.send_due(utcnow() + timedelta(seconds=61)) == {"sent": 0, "skipped": 1, "failed": 0}
    assert smtp.messages == []


def test_members_who_turned_immediate_email_off_get_none(smtp, watching, make_post):
    anna, bob, thread = watching
    subscriptions.save_preferences(bob, immediate_email=False)
    make_post(anna, thread, body="Quiet.")
    immediate.send_due(utcnow() + timedelta(seconds=61))
    assert smtp.messages == []
