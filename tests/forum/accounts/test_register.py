"""Registering through the real page: rules, messages next to the field, hostile input."""
import io
import re

import pytest
from werkzeug.datastructures import MultiDict

from models import User, db
from tests.forum.conftest import text_of
from tests.support import PASSWORD, FormClient


def _register(client, **fields):
    data = {"username": "anna", "email": "anna@example.eu", "password": PASSWORD, **fields}
    return client.submit("/register", data)


def _labels(html):
    """The labels of the page's main content (the footer has the language menu's)."""
    main = html[html.index("<main"):html.index("</main>")]
    return [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", main, re.S)]


CHECK_EMAIL = "We sent a message to %s. Follow its link to confirm your address, then sign in"


def test_register_answers_check_your_email_and_the_member_then_signs_in(client):
    response = _register(client)
    assert response.status_code == 200
    assert CHECK_EMAIL % "anna@example.eu" in response.get_data(as_text=True)
    assert ">Sign out<" not in client.get("/").get_data(as_text=True)  # as for a taken address
    assert db.session.query(User).filter_by(username="anna").one().email == "anna@example.eu"
    client.login("anna")
    assert ">Sign out<" in client.get("/").get_data(as_text=True)


def test_register_page_labels_and_button_read_exactly(client):
    html = client.get("/register").get_data(as_text=True)
    assert _labels(html) == ["Username", "Email", "Password", "Email digest"]  # digest: issue 6
    assert 'value="Register"' in html
    assert '<a href="/register"' in html or 'href="/register"' in html  # the header link


def test_a_taken_username_is_shown_next_to_the_field_keeping_what_was_typed(client, make_user):
    make_user("anna")
    response = _register(client, username="ANNA", email="new@example.eu")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="username-error"' in html and "This username is taken" in html
    assert 'value="ANNA"' in html and 'value="new@example.eu"' in html
    assert PASSWORD not in html


def _page_text(response, email):
    """The answer without what differs by construction (the CSRF token, the typed address)."""
    html = re.sub(r'name="csrf-token" content="[^"]*"', "", response.get_data(as_text=True))
    return html.replace(email, "EMAIL")


def test_a_taken_email_gets_the_answer_of_a_success_and_its_owner_a_notice(client, make_user, smtp):
    from forum.services.account_email import wait_for_queued_mail

    make_user("anna", email="anna@example.eu")
    taken = _register(client, username="bert", email="Anna@EXAMPLE.eu")
    fresh = FormClient(client.application)
    success = fresh.submit("/register", {"username": "cleo", "email": "cleo@example.eu", "password": PASSWORD})
    assert taken.status_code == success.status_code == 200
    assert _page_text(taken, "Anna@EXAMPLE.eu") == _page_text(success, "cleo@example.eu")
    assert "already exists" not in taken.get_data(as_text=True)
    assert db.session.query(User).filter_by(username="bert").first() is None
    wait_for_queued_mail()
    (notice,) = smtp.to("anna@example.eu")
    assert notice["Subject"] == "Someone tried to register with your address"
    assert "https://praxis.example.eu/reset-password" in text_of(notice)
    (verify,) = smtp.to("cleo@example.eu")
    assert verify["Subject"] == "Confirm your email address"


@pytest.mark.parametrize("fields, field, message", [
    ({"username": ""}, "username", "Choose a username."),
    ({"username": "ab"}, "username", "Use 3 to 30 characters"),
    ({"username": "x" * 10_000}, "username", "Use at most 30 characters."),
    ({"email": "not-an-email"}, "email", "Enter a valid email address"),
    ({"email": "x" * 10_000}, "email", "Use at most 254 characters."),
    ({"password": "short"}, "password", "Use at least 10 characters."),
    ({"password": "p" * 10_000}, "password", "Use at most 1024 characters."),
    ({"password": ""}, "password", "Choose a password."),
])
def test_bad_registrations_get_a_422_with_the_message_beside_the_field(client, fields, field, message):
    response = _register(client, **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    assert error and message in error.group(1)
    assert db.session.query(User).count() == 0
    if field == "password":
        assert fields["password"] not in html or not fields["password"]


HOSTILE = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "an\x00na",
    "\u202eanna",
    "anna\r\nSet-Cookie: x=1",
    "' OR 1=1 --",
    "${7*7}{{7*7}}",
    "x" * 10_000,
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", ["username", "email", "password"])
def test_hostile_registration_input_is_refused_without_a_500_or_executing(client, value, field):
    response = _register(client, **{field: value})
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 422)
    assert "<script>alert" not in html and "<img src=x" not in html
    if response.status_code == 422 and field != "password":
        assert "\x00" not in html


def test_a_file_posted_as_a_text_field_is_a_form_error_not_a_500(client):
    token = client.csrf_token("/register")
    response = client.post("/register", content_type="multipart/form-data", data={
        "csrf_token": token, "username": (io.BytesIO(b"anna"), "anna.txt"),
        "email": "anna@example.eu", "password": PASSWORD})
    assert response.status_code == 422
    assert "Choose a username." in response.get_data(as_text=True)


def test_repeated_fields_use_the_first_value(client):
    token = client.csrf_token("/register")
    response = client.post("/register", data=MultiDict([
        ("csrf_token", token), ("username", "anna"), ("username", "<b>bert</b>"),
        ("email", "anna@example.eu"), ("password", PASSWORD)]))
    assert response.status_code == 200
    assert db.session.query(User).one().username == "anna"


def test_invalid_utf8_in_a_field_is_a_form_error_not_a_500(client):
    token = client.csrf_token("/register")
    body = f"csrf_token={token}&username=%FF%FEanna&email=anna%40example.eu&password=correct+horse+battery"
    response = client.post("/register", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert 'id="username-error"' in response.get_data(as_text=True)
