"""Test helpers: a test client that submits forms with their CSRF token, and factories."""
import re

from flask.testing import FlaskClient

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def find_csrf_token(html):
    match = _TOKEN.search(html)
    return match.group(1) if match else None


class FormClient(FlaskClient):
    """FlaskClient with `submit`: POST a form the way a browser would, CSRF token included."""

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
