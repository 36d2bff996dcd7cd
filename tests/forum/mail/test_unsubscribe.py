"""One-click unsubscribe (RFC 8058) from a real email's headers."""
from datetime import timedelta

from forum.services import digests, subscriptions
from models import utcnow


def _unsubscribe_path(message):
    https = message["List-Unsubscribe"].split(",")[0].strip(" <>")
    return https.replace("https://praxis.example.eu", "")


def test_one_click_post_from_a_digest_unsubscribes_without_login_cookies_or_csrf(
        app, smtp, verified_user, make_thread):
    anna = verified_user("anna")
    make_thread(anna, title="Something new to read")
    digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))
    (message,) = smtp.to("anna@example.eu")
    path = _unsubscribe_path(message)
    client = app.test_client(use_cookies=False)
    page = client.get(path)
    assert page.status_code == 200 and "email digests" in page.get_data(as_text=True)
    assert subscriptions.preferences_of(anna.id).digest_frequency == "weekly"  # GET changes nothing
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You are unsubscribed" in response.get_data(as_text=True)
    assert subscriptions.preferences_of(anna.id).digest_frequency == "never"
    assert subscriptions.preferences_of(anna.id).immediate_email is True  # only that list


def test_forged_or_damaged_tokens_change_nothing(app, verified_user):
    from forum.adapters.mail import unsubscribe_token

    anna, bob = verified_user("anna"), verified_user("bob")
    client = app.test_client(use_cookies=False)
    token = unsubscribe_token(anna.id, "digest")
    assert client.post(f"/unsubscribe/{token[:-3]}abc").status_code == 404
    assert client.get("/unsubscribe/not-a-token").status_code == 404
    payload, signature = token.split(".")
    other_payload = unsubscribe_token(bob.id, "digest").split(".")[0]
    assert client.post(f"/unsubscribe/{other_payload}.{signature}").status_code == 404
    assert subscriptions.preferences_of(bob.id).digest_frequency == "weekly"
    assert subscriptions.preferences_of(anna.id).digest_frequency == "weekly"


def test_immediate_list_token_turns_off_only_immediate_email(app, verified_user):
    from forum.adapters.mail import unsubscribe_token

    anna = verified_user("anna")
    app.test_client(use_cookies=False).post(f"/unsubscribe/{unsubscribe_token(anna.id, 'immediate')}")
    prefs = subscriptions.preferences_of(anna.id)
    assert prefs.immediate_email is False and prefs.digest_frequency == "weekly"
