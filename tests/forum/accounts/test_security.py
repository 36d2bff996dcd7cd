"""CSRF, cookies, headers, configuration and friendly error pages."""
import os
import stat

import pytest
from flask import abort

import config
from forum import create_app
from models import db
from tests.support import PASSWORD


def test_a_form_without_its_token_is_a_400_with_a_message(client):
    response = client.post("/register", data={"username": "anna", "email": "a@example.eu", "password": PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


def test_a_form_with_a_wrong_token_is_a_400_with_a_message(client, make_user):
    make_user("anna")
    response = client.post("/login", data={"login": "anna", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert client.get("/profile").status_code == 302


def test_every_page_carries_the_security_headers(client):
    for response in (client.get("/"), client.get("/login"), client.get("/users/nobody")):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in response.headers


def test_pages_have_no_inline_script(client, make_user):
    make_user("anna")
    client.login("anna")
    for path in ("/", "/login", "/register", "/profile", "/profile/password", "/users/anna"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " on" + "click=" not in html, path


def _set_cookies(response):
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_session_and_remember_cookies_are_httponly_and_samesite_lax(client, make_user):
    make_user("anna")
    cookies = _set_cookies(client.login("anna", remember=True))
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name]
        assert "Secure" not in cookies[name]


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.db'}")
    return monkeypatch


def test_production_cookies_are_secure_and_https_is_enforced(production_env, tmp_path):
    app = create_app("production", SEARCH_INDEX_DIR=str(tmp_path / "index"), MAIL_OUTBOX_DIR=str(tmp_path / "mail"))
    with app.app_context():
        db.create_all()
        response = app.test_client().get("/login")
        app.extensions["outbox"].stop()  # the first request started the drainer: never leave it running
        db.engine.dispose()
    assert app.config["SECRET_KEY"] == "a-long-random-production-secret"
    cookie = _set_cookies(response)["session"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_secret_key_or_database_url(production_env, missing):
    production_env.delenv(missing)
    with pytest.raises(RuntimeError, match=missing):
        create_app("production")


def test_development_generates_a_private_secret_key_once_into_instance(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "INSTANCE", tmp_path / "instance")
    first, second = {"SECRET_KEY": None}, {"SECRET_KEY": None}
    config.DevelopmentConfig.finalize(first)
    config.DevelopmentConfig.finalize(second)
    key_file = tmp_path / "instance" / "secret_key"
    assert first["SECRET_KEY"] == second["SECRET_KEY"] == key_file.read_text().strip()
    assert len(first["SECRET_KEY"]) >= 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


@pytest.fixture
def failing_app(private_app):
    """Routes that end in each error status, and a real crash (with propagation off, as in production)."""
    app = private_app  # routes cannot be added to the session's app once it served a request
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/_test/abort/<int:status>")
    def aborts(status):
        abort(status)

    @app.route("/_test/crash")
    def crash():
        raise RuntimeError("secret internals: /etc/praxis password=hunter2")

    return app


@pytest.mark.parametrize("status, title", [
    (400, "Bad request"), (403, "Not allowed"), (404, "Page not found"), (405, "Method not allowed"),
    (409, "Conflict"), (413, "Too large"), (429, "Too many requests"),
])
def test_error_statuses_get_a_friendly_page(failing_app, status, title):
    response = failing_app.test_client().get(f"/_test/abort/{status}")
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in html and "Traceback" not in html and "werkzeug" not in html.lower()


def test_a_crash_is_a_friendly_500_without_a_traceback(failing_app, caplog):
    response = failing_app.test_client().get("/_test/crash")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html and "hunter2" not in html and "RuntimeError" not in html
    assert "hunter2" in caplog.text  # it is logged for the operators instead


def test_real_405_and_413_and_404_pages(client):
    response = client.get("/logout")
    assert response.status_code == 405 and "Method not allowed" in response.get_data(as_text=True)
    assert "POST" in response.headers["Allow"]
    response = client.post("/register", data={"bio": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and "Too large" in response.get_data(as_text=True)
    response = client.get("/users/nobody")
    assert response.status_code == 404 and "Traceback" not in response.get_data(as_text=True)
