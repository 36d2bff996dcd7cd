"""Live-test helpers: sign in over HTTP with `requests`, connect a real python-socketio client
with that cookie, collect the events it receives, and start servers on free ports."""
import os
import queue
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
import socketio

from tests.support import PASSWORD, find_csrf_token

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/login", timeout=5)
            return
        except requests.RequestException:  # not listening yet, or busy booting
            time.sleep(0.05)
    raise RuntimeError(f"no server at {base}")


class Browser:
    """A requests session signed in through the real /login form."""

    def __init__(self, base):
        self.base = base
        self.http = requests.Session()

    def token(self, path):
        token = find_csrf_token(self.http.get(self.base + path, timeout=10).text)
        assert token, f"no CSRF token on {path}"
        return token

    def login(self, username, password=PASSWORD):
        response = self.http.post(self.base + "/login", data={
            "login": username, "password": password, "csrf_token": self.token("/login")},
            allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text[:500]
        return self

    def logout(self):
        response = self.http.post(self.base + "/logout", data={"csrf_token": self.token("/")},
                                  allow_redirects=False, timeout=10)
        assert response.status_code == 302
        return self

    def reply(self, thread_id, body):
        response = self.http.post(self.base + f"/threads/{thread_id}/reply", data={
            "body": body, "language": "en", "csrf_token": self.token(f"/threads/{thread_id}")},
            allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text[:500]
        return response

    @property
    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)


class Live:
    """A connected python-socketio client that records every event it receives."""

    def __init__(self, base, cookie=None, connect=True):
        self.base, self.cookie = base, cookie
        self.events = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", lambda event, data=None: self.events.put((event, data)))
        self.disconnected = False
        self.sio.on("disconnect", self._on_disconnect)
        if connect:
            self.connect()

    def _on_disconnect(self, *args):
        self.disconnected = True

    def connect(self):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.sio.connect(self.base, headers=headers, transports=["websocket"], wait_timeout=5)
        return self

    def call(self, event, *data):
        return self.sio.call(event, data[0] if len(data) == 1 else data, timeout=5) if data \
            else self.sio.call(event, timeout=5)

    def wait_for(self, event, timeout=5, **match):
        """The first `event` whose payload has these values; other events are kept aside."""
        deadline, kept = time.monotonic() + timeout, []
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no {event} {match} within {timeout}s; got {kept}")
                try:
                    name, data = self.events.get(timeout=remaining)
                except queue.Empty:
                    continue
                if name == event and all((data or {}).get(k) == v for k, v in match.items()):
                    return data
                kept.append((name, data))
        finally:
            for item in kept:
                self.events.put(item)

    def received(self, settle=0.5):
        """Every event received so far (after waiting `settle` seconds for stragglers)."""
        time.sleep(settle)
        items = []
        while not self.events.empty():
            items.append(self.events.get())
        return items

    def close(self):
        if self.sio.connected:
            # A polite close waits up to 3 s for the server's close frame, which Werkzeug never sends.
            if self.sio.eio.ws is not None:
                self.sio.eio.ws.close(timeout=0)
            self.sio.eio.disconnect(abort=True)


def start_server(port, database_url, redis_url=None, log_path=None):
    """A separate server process (tests/realtime/serve.py) in its own session group."""
    env = {**os.environ, "PRAXIS_TEST_DB": database_url, "PORT": str(port), "PYTHONPATH": str(ROOT)}
    if redis_url:
        env["REDIS_URL"] = redis_url
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    try:
        return subprocess.Popen([sys.executable, str(Path(__file__).with_name("serve.py"))], env=env,
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        if log_path:
            out.close()  # the child keeps its own copy
