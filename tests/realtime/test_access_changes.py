"""Issue 11, item 4: a password reset by email ends the member's open sockets and every other
session, like sign-out, password change and suspension (one `revoke_access` door), on a real
server with real Socket.IO clients; the reset mail is read from the server's outbox."""
import email
import re
import time
from email import policy
from pathlib import Path

import pytest
import socketio

from forum.services.account_email import wait_for_queued_mail
from tests.realtime.support import Browser

NEW_PASSWORD = "a brand new password"


def _wait_disconnected(client, timeout=5):
    deadline = time.monotonic() + timeout
    while not client.disconnected and time.monotonic() < deadline:
        time.sleep(0.05)
    return client.disconnected


def _reset_link(live, username):
    """Ask for a reset link anonymously and read it from the newest mail in the outbox."""
    anonymous = Browser(live.base)
    response = anonymous.http.post(live.base + "/reset-password", data={
        "login": username, "csrf_token": anonymous.token("/reset-password")}, timeout=10)
    assert response.status_code == 200 and "Check your email" in response.text
    with live.app.app_context():
        wait_for_queued_mail()
    outbox = Path(live.app.config["MAIL_OUTBOX_DIR"])
    newest = max(outbox.glob("*.eml"), key=lambda path: path.stat().st_mtime)
    message = email.message_from_bytes(newest.read_bytes(), policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    return anonymous, re.search(r"(/reset-password/\S+)", text).group(1)


def test_a_password_reset_disconnects_the_members_socket_and_ends_other_sessions(live):
    live.user("rosa")
    thread_id = live.thread("rosa")
    phone, laptop = live.browser("rosa"), live.browser("rosa")
    socket = live.live(phone)
    assert socket.call("join", {"thread": thread_id})["ok"]
    assert laptop.http.get(live.base + "/profile", allow_redirects=False, timeout=10).status_code == 200

    anonymous, link = _reset_link(live, "rosa")
    response = anonymous.http.post(live.base + link, data={
        "password": NEW_PASSWORD, "csrf_token": anonymous.token(link)}, allow_redirects=False, timeout=10)
    assert response.status_code == 302

    assert _wait_disconnected(socket), "the reset left the member's socket open"
    assert laptop.http.get(live.base + "/profile", allow_redirects=False, timeout=10).status_code == 302
    with pytest.raises(socketio.exceptions.ConnectionError):
        live.live(phone)  # the old cookie no longer opens a socket
    assert live.browser().login("rosa", NEW_PASSWORD).http.get(
        live.base + "/profile", allow_redirects=False, timeout=10).status_code == 200


def test_a_role_change_and_a_suspension_disconnect_through_the_same_door(live):
    from forum.services import accounts, reading
    from forum.services.moderation import users

    live.user("sami")
    live.user("boss", role="admin")
    thread_id = live.thread("sami")
    browser = live.browser("sami")
    first = live.live(browser)
    assert first.call("join", {"thread": thread_id})["ok"]
    live.run(lambda: accounts.set_role(reading.get_user("sami"), "moderator"))
    assert _wait_disconnected(first)

    browser = live.browser("sami")
    second = live.live(browser)
    assert second.call("join", {"thread": thread_id})["ok"]
    live.run(lambda: users.suspend_user(reading.get_user("boss"), reading.get_user("sami").id, 3, "Test"))
    assert _wait_disconnected(second)
    with pytest.raises(socketio.exceptions.ConnectionError):
        live.live(browser)
