"""Email verification at registration and password reset, through the real SMTP server."""
import re
from datetime import timedelta

from forum.services import subscriptions
from forum.core.transaction import transaction
from models import AccountToken, User, db
from tests.forum.conftest import text_of


def _link(message):
    return re.search(r"https://praxis\.example\.eu(/\S+)", text_of(message)).group(1)


def test_registration_asks_the_digest_choice_and_sends_a_verification_link(client, smtp):
    page = client.get("/register").get_data(as_text=True)
    assert "Email digest" in page and '<option selected value="weekly">Weekly</option>' in page
    response = client.submit("/register", {"username": "anna", "email": "anna@example.eu",
                                           "password": "long enough pw", "digest_frequency": "daily"})
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    anna = db.session.scalar(db.select(User).where(User.username == "anna"))
    assert anna.email_verified_at is None
    assert subscriptions.preferences_of(anna.id).digest_frequency == "daily"
    (message,) = smtp.to("anna@example.eu")
    link = _link(message)
    assert link.startswith("/verify-email/") and message["List-Unsubscribe"]
    assert client.get(link).status_code == 200
    db.session.refresh(anna)
    assert anna.email_verified_at is not None
    assert client.get(link).status_code == 404  # single use


def test_password_reset_link_works_once_and_expires(app, client, smtp, verified_user):
    verified_user("anna")
    page = client.get("/login").get_data(as_text=True)
    assert "/reset-password" in page
    response = client.submit("/reset-password", {"login": "anna@example.eu"})
    assert "Check your email" in response.get_data(as_text=True)
    client.submit("/reset-password", {"login": "nobody@example.eu"})  # same answer, no mail
    (message,) = smtp.to("anna@example.eu")
    assert len(smtp.messages) == 1
    link = _link(message)
    assert client.submit(link, {"password": "short"}).status_code == 422
    assert client.submit(link, {"password": "a brand new password"}).status_code == 302
    assert client.get(link).status_code == 404
    client.login("anna", password="a brand new password")


def test_an_expired_reset_link_is_refused(client, smtp, verified_user):
    verified_user("anna")
    client.submit("/reset-password", {"login": "anna"})
    link = _link(smtp.to("anna@example.eu")[0])
    with transaction():
        token = db.session.scalars(db.select(AccountToken)).one()
        token.expires_at = token.created_at - timedelta(seconds=1)
    assert client.get(link).status_code == 404
    assert client.submit(link, {"password": "a brand new password"}, token_from="/login").status_code == 404
