"""kill -9 between commit and effect loses nothing: a real server process dies right after its
drainer claimed the rows of a reply (or right after SMTP accepted its email), and a new process
on the same database and index performs them: the post becomes searchable, readers' sockets get
it, the watcher's email arrives, exactly once where the batch was already closed."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from forum.services import subscriptions
from models import ImmediateEmail, Notification, OutboxEntry, Post, db
from tests.realtime.support import ROOT, Browser, Live, free_port, wait_until_serving

pytestmark = pytest.mark.slow
LEASE = 6  # seconds: long enough to connect a reader to the second process before it drains


class Process:
    """One server process on the test's database and index, in its own process group."""

    def __init__(self, app_config, log_path, first_request=True, **overrides):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = {**app_config, "OUTBOX_LEASE_SECONDS": LEASE, "OUTBOX_POLL_SECONDS": 0.2, **overrides}
        env = {**os.environ, "PORT": str(self.port), "PYTHONPATH": str(ROOT),
               "PRAXIS_TEST_CONFIG": json.dumps(config)}
        with open(log_path, "ab") as log:
            self.popen = subprocess.Popen([sys.executable, str(ROOT / "tests/forum/outbox_server.py")], env=env,
                                          cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        if first_request:
            wait_until_serving(self.base)  # the first request starts the drainer
        else:
            self._wait_listening()

    def _wait_listening(self, timeout=60):
        """Listening, without a request to the app yet (its drainer has not started)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"nothing listens on {self.base}")

    def wait_killed(self, timeout=20):
        self.popen.wait(timeout)
        return self.popen.returncode

    def stop(self):
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)


@pytest.fixture
def processes():
    started = []
    yield started
    for process in started:
        process.stop()


@pytest.fixture
def forum_setup(app, verified_user, make_thread):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna, title="Crash-proof thread", body="First post.")
    subscriptions.set_level(bob, "thread", thread.id, "watch")
    ids = anna.id, bob.id, thread.id
    db.session.remove()
    return ids


def _config(app_config, **more):
    return {key: value for key, value in {**app_config, **more}.items() if key != "SERVER_NAME"}


def _reply_until_killed(process, username, thread_id, body):
    """Reply through the real form; the server may die before it answers (its drainer claims
    the reply's rows right after the commit, racing the response)."""
    browser = Browser(process.base).login(username)
    try:
        browser.reply(thread_id, body)
    except requests.ConnectionError:
        pass
    assert process.wait_killed() == -signal.SIGKILL


def _rows():
    db.session.rollback()
    return db.session.scalars(db.select(OutboxEntry).order_by(OutboxEntry.id)).all()


def _until(check, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_a_server_killed_after_claiming_a_replys_effects_loses_none_of_them(
        app_config, forum_setup, processes, tmp_path):
    anna_id, bob_id, thread_id = forum_setup
    config = _config(app_config)
    first = Process(config, tmp_path / "server.log", OUTBOX_CRASH_BEFORE="*")
    processes.append(first)
    _reply_until_killed(first, "bob", thread_id, "Quokkaquarrel survives a crash.")
    post = db.session.scalar(db.select(Post).where(Post.body_markdown.contains("Quokkaquarrel")))
    assert post is not None  # the reply, its notification and its effects were committed together
    assert db.session.scalar(db.select(Notification).where(Notification.post_id == post.id)).user_id == anna_id
    kinds = {row.kind for row in _rows()}
    assert {"search.update", "live.post_created", "live.notification_created"} <= kinds
    assert any(row.lease_owner for row in _rows())  # claimed by the dead process

    second = Process(config, tmp_path / "server.log", first_request=False)
    processes.append(second)
    reader = Live(second.base)  # a socket, not a request: the drainer waits for the first request
    assert reader.call("join", {"thread": thread_id})["ok"]
    requests.get(second.base + "/healthz", timeout=30)
    try:
        created = reader.wait_for("post_created", timeout=LEASE + 15, post_id=post.id)
    finally:
        reader.close()
    assert "Quokkaquarrel" in created["html"]
    search = lambda: "Quokkaquarrel" in requests.get(second.base + "/search", params={"q": "quokkaquarrel"},
                                                     timeout=10).text
    assert _until(search)
    assert _until(lambda: not [row for row in _rows() if row.kind != "mail.immediate"])


def test_an_immediate_email_whose_sending_was_killed_is_sent_by_the_next_process(
        app_config, forum_setup, processes, tmp_path, smtp_controller):
    controller, inbox = smtp_controller
    inbox.clear()
    anna_id, bob_id, thread_id = forum_setup
    config = _config(app_config, MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, IMMEDIATE_EMAIL_DELAY=0)
    first = Process(config, tmp_path / "server.log", OUTBOX_CRASH_BEFORE="mail.immediate")
    processes.append(first)
    _reply_until_killed(first, "anna", thread_id, "Wallabywatch news for watchers.")
    assert inbox.to("bob@example.eu") == []  # claimed, then killed before SMTP
    assert db.session.get(ImmediateEmail, (bob_id, thread_id)).pending_post_id is not None

    second = Process(config, tmp_path / "server.log")
    processes.append(second)
    assert _until(lambda: inbox.to("bob@example.eu"), timeout=LEASE + 15)
    assert _until(lambda: not _rows())
    (message,) = inbox.to("bob@example.eu")
    assert "Wallabywatch" in message.get_body(("plain",)).get_content()
    assert message["Message-ID"].startswith(f"<immediate-{bob_id}-{thread_id}-")


def test_a_server_killed_after_smtp_accepted_does_not_send_the_email_twice(
        app_config, forum_setup, processes, tmp_path, smtp_controller):
    controller, inbox = smtp_controller
    inbox.clear()
    anna_id, bob_id, thread_id = forum_setup
    config = _config(app_config, MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, IMMEDIATE_EMAIL_DELAY=0)
    first = Process(config, tmp_path / "server.log", OUTBOX_CRASH_AFTER="mail.immediate")
    processes.append(first)
    _reply_until_killed(first, "anna", thread_id, "Bilbybulletin for watchers.")
    assert len(inbox.to("bob@example.eu")) == 1  # sent, batch closed, row not yet deleted
    assert [row.kind for row in _rows() if row.kind == "mail.immediate"] == ["mail.immediate"]

    second = Process(config, tmp_path / "server.log")
    processes.append(second)
    assert _until(lambda: not _rows(), timeout=LEASE + 15)  # the row is performed again…
    assert len(inbox.to("bob@example.eu")) == 1  # …and finds its batch closed: no second email
