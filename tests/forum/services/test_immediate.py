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


def test_a_refused_email_keeps_its_batch_and_is_retried_after_a_delay(smtp, watching, make_post):
    anna, bob, thread = watching
    make_post(anna, thread, body="Retried news.")
    smtp.reject.add("bob@example.eu")
    assert immediate.send_due(utcnow() + timedelta(seconds=61)) == {"sent": 0, "skipped": 0, "failed": 1}
    smtp.reject.clear()
    assert immediate.send_due(utcnow() + timedelta(seconds=62))["sent"] == 0  # backing off
    assert immediate.send_due(utcnow() + timedelta(seconds=70))["sent"] == 1
    (message,) = smtp.to("bob@example.eu")
    assert "Retried news." in text_of(message)
    assert message["Message-ID"].startswith(f"<immediate-{bob.id}-{thread.id}-")


def test_posts_written_while_a_batch_was_being_sent_open_the_next_one(smtp, watching, make_post, monkeypatch):
    from forum.adapters import mail
    from models import ImmediateEmail, db

    anna, bob, thread = watching
    make_post(anna, thread, body="In the first email.")
    original = mail.send

    def send_and_meanwhile_reply(message):  # another member replies while SMTP is talking
        original(message)
        make_post(anna, thread, body="Written during the send.")

    monkeypatch.setattr(mail, "send", send_and_meanwhile_reply)
    assert immediate.send_due(utcnow() + timedelta(seconds=61))["sent"] == 1
    monkeypatch.setattr(mail, "send", original)
    state = db.session.get(ImmediateEmail, (bob.id, thread.id))
    assert state.pending_post_id is not None  # reopened, due one interval later
    assert immediate.send_due(utcnow() + timedelta(minutes=16))["sent"] == 1
    assert "Written during the send." in text_of(smtp.to("bob@example.eu")[1])
