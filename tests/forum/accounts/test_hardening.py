"""Issue 11 (security review): reset links voided by any credential change, neutral and equally
fast reset answers with the mail sent off the request, sign-in limits per account and address
behind a configured proxy, private pages never cached, the CSRF token renewed at sign-in."""
import re
import statistics
import time

import pytest

from forum.services import accounts
from forum.services.account_email import wait_for_queued_mail
from models import AccountToken, db
from tests.forum.conftest import text_of
from tests.support import PASSWORD, FormClient, find_csrf_token

NEW_PASSWORD = "a brand new password"


def _reset_link(client, smtp, login="anna"):
    """Ask for a reset link through the page and read it from the mail that arrives."""
    before = len(smtp.to("anna@example.eu"))
    response = client.submit("/reset-password", {"login": login})
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    messages = smtp.to("anna@example.eu")
    assert len(messages) == before + 1
    return re.search(r"https://praxis\.example\.eu(/reset-password/\S+)", text_of(messages[-1])).group(1)


# 10: after a reset or a password change no older reset link works.

def test_a_reset_voids_every_other_outstanding_reset_link(client, smtp, verified_user):
    verified_user("anna")
    first, second = _reset_link(client, smtp), _reset_link(client, smtp, login="anna@example.eu")
    assert client.submit(second, {"password": NEW_PASSWORD}).status_code == 302
    assert client.get(first).status_code == 404
    assert client.submit(first, {"password": "yet another password"}, token_from="/login").status_code == 404
    assert client.get(second).status_code == 404  # single use kept
    client.login("anna", password=NEW_PASSWORD)


def test_a_password_change_voids_outstanding_reset_links(client, smtp, verified_user):
    verified_user("anna")
    link = _reset_link(client, smtp)
    client.login("anna")
    response = client.submit("/profile/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get(link).status_code == 404
    assert db.session.scalar(db.select(AccountToken.used_at)) is not None


def test_a_reset_ends_every_other_session_of_the_member(client, smtp, verified_user):
    verified_user("anna")
    other_device = FormClient(client.application)
    other_device.login("anna", remember=True)
    assert other_device.get("/profile").status_code == 200
    assert client.submit(_reset_link(client, smtp), {"password": NEW_PASSWORD}).status_code == 302
    assert other_device.get("/profile").status_code == 302


# 12: neutral answers, the same work for known and unknown addresses, mail off the request.

def _timed_reset_request(client, login, token, effects):
    started = time.perf_counter()
    response = client.post("/reset-password", data={"login": login, "csrf_token": token})
    elapsed = time.perf_counter() - started
    effects.drain()  # what the drainer thread does after the answer, outside the measurement
    return response, elapsed


def test_reset_requests_answer_alike_and_as_fast_for_known_and_unknown_addresses(client, smtp, verified_user,
                                                                               captured_effects):
    verified_user("anna")
    token = client.csrf_token("/reset-password")
    known, unknown = [], []
    for _round in range(15):
        response_known, seconds = _timed_reset_request(client, "anna@example.eu", token, captured_effects)
        known.append(seconds)
        response_unknown, seconds = _timed_reset_request(client, "nobody@example.eu", token, captured_effects)
        unknown.append(seconds)
    assert response_known.status_code == response_unknown.status_code == 200
    assert response_known.get_data() == response_unknown.get_data()
    ratio = statistics.median(known) / statistics.median(unknown)
    assert 0.5 < ratio < 2, (statistics.median(known), statistics.median(unknown))
    assert len(smtp.to("anna@example.eu")) == 15  # and the mail still arrives, only for the account
    assert len(smtp.messages) == 15


def test_the_reset_mail_is_built_and_sent_off_the_request(client, smtp, verified_user, captured_effects):
    """The request only writes an outbox row: no token issued and nothing sent until it is drained."""
    verified_user("anna")
    response = client.submit("/reset-password", {"login": "anna"})
    assert response.status_code == 200 and smtp.messages == []
    assert db.session.scalar(db.select(db.func.count(AccountToken.id))) == 0
    assert [kind for kind, _target, _payload in captured_effects.rows()] == ["mail.account"]
    captured_effects.drain()
    assert len(smtp.to("anna@example.eu")) == 1


# 13: the sign-in limit is keyed on the account, per address, behind a configured proxy.

@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_LOGIN_ACCOUNT": "3 per minute", "RATELIMIT_LOGIN_ACCOUNT_CAP": "5 per minute",
            "RATELIMIT_LOGIN_IP": "4 per minute"}


def _fail(client, login, address="10.0.0.1", headers=None):
    return client.submit("/login", {"login": login, "password": "not the password"},
                         environ_base={"REMOTE_ADDR": address}, headers=headers or {}).status_code


def _sign_in(client, address="10.0.0.1", headers=None):
    return client.submit("/login", {"login": "anna", "password": PASSWORD},
                         environ_base={"REMOTE_ADDR": address}, headers=headers or {}).status_code


def test_username_and_email_share_one_sign_in_budget(client, make_user):
    make_user("anna")
    assert [_fail(client, "anna"), _fail(client, "ANNA@example.eu"), _fail(client, " Anna ")] == [422] * 3
    assert _fail(client, "anna@example.eu") == 429


def test_a_stranger_on_another_address_cannot_lock_the_member_out(client, make_user):
    make_user("anna")
    stranger = FormClient(client.application)
    assert [_fail(stranger, "anna", "203.0.113.9") for _ in range(4)] == [422, 422, 422, 429]
    assert _sign_in(client, "10.0.0.1") == 302


def test_the_per_account_cap_stops_guessing_spread_over_addresses(client, make_user):
    make_user("anna")
    codes = [_fail(client, "anna", f"198.51.100.{n}") for n in range(6)]
    assert codes == [422] * 5 + [429]


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(client, make_user):
    make_user("anna")
    spoofed = [_fail(client, "anna", "10.0.0.1", {"X-Forwarded-For": f"192.0.2.{n}"}) for n in range(4)]
    assert spoofed == [422, 422, 422, 429]  # every attempt counted against the real address


@pytest.mark.parametrize("hops", [1])
def test_behind_a_trusted_proxy_the_forwarded_client_address_counts(app_config, sqlite_template, hops):
    from forum import create_app
    from tests import database

    database.copy_sqlite_template(app_config["SQLALCHEMY_DATABASE_URI"], sqlite_template)
    app = create_app("testing", **{**app_config, "PROXY_FIX_X_FOR": hops})
    app.test_client_class = FormClient
    with app.app_context():
        database.prepare()
        accounts.register("anna", "anna@example.eu", PASSWORD)
        client = app.test_client()
        proxy = "10.0.0.1"  # every request reaches the app from the proxy
        assert [_fail(client, "anna", proxy, {"X-Forwarded-For": "203.0.113.9"}) for _ in range(4)] == \
            [422, 422, 422, 429]
        assert _sign_in(client, proxy, {"X-Forwarded-For": "198.51.100.7"}) == 302
        db.session.remove()
        db.engine.dispose()


# 15: private pages are never stored; the CSRF token is renewed at sign-in.

def test_signed_in_moderation_and_form_pages_are_private_no_store(client, make_user):
    make_user("mod", role="moderator")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")  # public, cacheable
    for path in ("/login", "/register", "/reset-password"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store", path
    client.login("mod")
    for path in ("/", "/profile", "/settings", "/moderation", "/moderation/flags", "/users/mod"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store", path


def test_the_csrf_token_seen_before_sign_in_stops_working_after_it(client, make_user):
    make_user("anna")
    before = client.csrf_token("/login")
    response = client.post("/login", data={"login": "anna", "password": PASSWORD, "csrf_token": before})
    assert response.status_code == 302
    after = find_csrf_token(client.get("/").get_data(as_text=True))
    assert after and after != before
    assert client.post("/logout", data={"csrf_token": before}).status_code == 400
    assert client.get("/profile").status_code == 200
    assert client.post("/logout", data={"csrf_token": after}).status_code == 302
