"""Test helpers: a test client that submits forms with their CSRF token, and factories."""
import re

from flask import g, has_app_context
from flask.testing import FlaskClient
from jinja2 import BytecodeCache

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def find_csrf_token(html):
    match = _TOKEN.search(html)
    return match.group(1) if match else None


class FormClient(FlaskClient):
    """FlaskClient with `submit`: POST a form the way a browser would, CSRF token included.

    Each request gets an empty `g`, as in production. The `app` fixture keeps an app context
    pushed, and Flask reuses it for requests: without this, Flask-Login's cached user, the CSRF
    token and Flask-Babel's locale and time zone would leak from one request (and client) to the next.
    """

    def open(self, *args, **kwargs):
        if not has_app_context():
            return super().open(*args, **kwargs)
        saved = dict(g.__dict__)
        g.__dict__.clear()
        try:
            return super().open(*args, **kwargs)
        finally:
            g.__dict__.clear()
            g.__dict__.update(saved)

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
    """Compiled templates shared by every test's app in this process: each test builds a new app,
    and compiling the templates again each time was most of a page request's cost."""

    def __init__(self):
        self._store = {}

    def load_bytecode(self, bucket):
        code = self._store.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._store[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()
