"""Test helpers: a test client that submits forms with their CSRF token, and factories."""
import re

import contextvars

from flask import has_app_context
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def find_csrf_token(html):
    match = _TOKEN.search(html)
    return match.group(1) if match else None


class FormClient(FlaskClient):
    """FlaskClient with `submit`: POST a form the way a browser would, CSRF token included.

    Each request runs as in production, in a context of its own: a new app context, `g` and
    database session, even while the test body holds an app context. Before it the test's session
    ends its transaction, so the request sees only what was committed and the test's objects reload
    afterwards what the request wrote.
    """

    def open(self, *args, **kwargs):
        _end_test_transaction()
        return contextvars.Context().run(super().open, *args, **kwargs)

    def csrf_token(self, path="/login"):
        html = self.get(path).get_data(as_text=True)
        token = find_csrf_token(html) or find_csrf_token(self.get("/").get_data(as_text=True))
        assert token, f"no CSRF token on {path}"
        return token

    def submit(self, url, data=None, token_from=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token(token_from or url))
        return self.post(url, data=data, **kwargs)

    def login(self, username, password=PASSWORD, remember=False):
        response = self.submit("/login", {"login": username, "password": password,
                                          **({"remember": "y"} if remember else {})})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        return response

    def logout(self):
        return self.submit("/logout", token_from="/")


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every app built in this process (the session's app, the
    live servers' apps, tests' own apps): compiling them is most of a first page request's cost."""

    def __init__(self):
        self._store = {}

    def load_bytecode(self, bucket):
        code = self._store.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._store[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()


def _end_test_transaction():
    """Refuse uncommitted changes of the test (a request could not see them), then end its read
    transaction: its objects are expired and reload, after the request, what it committed."""
    if not has_app_context():
        return
    from models import db

    session = db.session()
    pending = list(session.new) + list(session.dirty) + list(session.deleted)
    assert not pending, f"commit before the request, it cannot see uncommitted changes: {pending}"
    session.rollback()
    session.expire_all()
