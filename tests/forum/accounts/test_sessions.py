"""Signing in and out through the real routes; sessions end on the server, not just in the browser."""
import re

import pytest

from forum.web.accounts.views import safe_next
from tests.support import PASSWORD, FormClient


def _signed_in(client):
    """Whether the client's cookies open a members-only page."""
    return client.get("/profile").status_code == 200


def _labels(html):
    """The labels of the page's main content (the footer has the language menu's)."""
    main = html[html.index("<main"):html.index("</main>")]
    return [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", main, re.S)]


def test_login_page_labels_and_button_read_exactly(client):
    html = client.get("/login").get_data(as_text=True)
    assert _labels(html) == ["Username", "Password", "Remember me"]
    assert 'value="Sign in"' in html


def test_sign_in_by_username_or_email_then_sign_out(client, make_user):
    make_user("anna", email="anna@example.eu")
    client.login("Anna")
    assert _signed_in(client)
    assert ">Sign out</button>" in client.get("/").get_data(as_text=True)
    assert client.logout().status_code == 302
    assert not _signed_in(client)
    client.login("ANNA@example.eu")
    assert _signed_in(client)


def test_a_wrong_password_is_a_422_that_keeps_the_username_but_not_the_password(client, make_user):
    make_user("anna")
    response = client.submit("/login", {"login": "anna", "password": "not my password"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The username or password is wrong." in html and 'value="anna"' in html
    assert "not my password" not in html


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(client):
    response = client.submit("/login", {"login": "nobody", "password": PASSWORD})
    assert response.status_code == 422
    assert "The username or password is wrong." in response.get_data(as_text=True)


@pytest.mark.parametrize("login", ["an\x00na", "x" * 10_000, "<script>alert(1)</script>", "\u202eanna"])
def test_hostile_sign_in_input_never_gives_a_500(client, make_user, login):
    make_user("anna")
    response = client.submit("/login", {"login": login, "password": login})
    assert response.status_code == 422
    assert "<script>alert" not in response.get_data(as_text=True)


def test_a_copied_session_cookie_stops_working_after_sign_out(client, make_user):
    make_user("anna")
    client.login("anna")
    stolen = client.get_cookie("session").value
    client.logout()
    thief = FormClient(client.application)
    thief.set_cookie("session", stolen)
    assert not _signed_in(thief)


def test_sign_out_ends_the_remember_me_cookie_too(client, make_user):
    make_user("anna")
    client.login("anna", remember=True)
    remember = client.get_cookie("remember_token")
    assert remember is not None
    other_device = FormClient(client.application)
    other_device.set_cookie("remember_token", remember.value)
    assert _signed_in(other_device), "remember me signs a browser in without a session"
    client.logout()
    replay = FormClient(client.application)
    replay.set_cookie("remember_token", remember.value)
    assert not _signed_in(replay)
    assert not _signed_in(other_device)


def test_changing_the_password_signs_out_other_devices_but_not_this_one(client, make_user):
    make_user("anna")
    laptop = FormClient(client.application)
    laptop.login("anna", remember=True)
    copied = laptop.get_cookie("session").value
    client.login("anna", remember=True)
    response = client.submit("/profile/password", {"current_password": PASSWORD,
                                                   "new_password": "a brand new password"})
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(laptop)
    renewed = FormClient(client.application)  # this browser's remember-me cookie was renewed
    renewed.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert _signed_in(renewed)
    replay = FormClient(client.application)
    replay.set_cookie("session", copied)
    assert not _signed_in(replay)
    client.logout()
    client.login("anna", password="a brand new password")


def test_change_password_errors_sit_beside_their_fields(client, make_user):
    make_user("anna")
    client.login("anna")
    html = client.get("/profile/password").get_data(as_text=True)
    assert _labels(html) == ["Current password", "New password"] and 'value="Save"' in html
    response = client.submit("/profile/password", {"current_password": "wrong one!", "new_password": "x" * 12})
    assert response.status_code == 422
    assert re.search(r'id="current_password-error">[^<]*not your current password', response.get_data(as_text=True))
    response = client.submit("/profile/password", {"current_password": PASSWORD, "new_password": "short"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="new_password-error"' in html and PASSWORD not in html


def test_members_only_pages_send_visitors_to_sign_in_and_back(client, make_user):
    make_user("anna")
    response = client.get("/profile/password")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    response = client.submit(response.headers["Location"], {"login": "anna", "password": PASSWORD})
    assert response.headers["Location"] == "/profile/password"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
    "/\n/evil.example", "javascript:alert(1)", "http:/evil.example", " //evil.example", "evil.example",
    "/%0a", "",
])
def test_unsafe_next_targets_fall_back_to_home(target):
    assert safe_next(target, "/") in ("/", "/%0a")


def test_safe_next_keeps_paths_and_query_strings():
    assert safe_next("/threads/7?page=2#post-9", "/") == "/threads/7?page=2#post-9"
    assert safe_next(None, "/home") == "/home"


def test_sign_in_ignores_an_offsite_next(client, make_user):
    make_user("anna")
    response = client.submit("/login?next=//evil.example/x", {"login": "anna", "password": PASSWORD},
                             token_from="/login")
    assert response.headers["Location"] == "/"


def test_sign_out_needs_a_post_with_a_token(client, make_user):
    make_user("anna")
    client.login("anna")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert _signed_in(client)
