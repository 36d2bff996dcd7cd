"""The test fixtures behave like production: one app, reset per test; requests in their own context."""
import pytest
from flask import g, request_started

from models import User, db

apps_seen = []


def test_a_request_has_its_own_app_context_and_database_session(app, client):
    seen = []

    def record(_sender, **_extra):
        seen.append((db.session(), g._get_current_object()))

    request_started.connect(record, app)
    try:
        assert client.get("/").status_code == 200
    finally:
        request_started.disconnect(record, app)
    [(request_session, request_g)] = seen
    assert request_session is not db.session() and request_g is not g._get_current_object()


def test_a_request_is_refused_while_the_test_holds_uncommitted_changes(client, make_user):
    make_user("anna").display_name = "Not committed"
    with pytest.raises(AssertionError, match="commit before the request"):
        client.get("/")
    db.session.rollback()


def test_the_test_reads_what_a_request_committed(client, make_user):
    anna = make_user("anna")
    assert anna.interface_language == ""  # loaded in the test's session
    client.login("anna")
    assert client.submit("/language", {"lang": "de"}, token_from="/").status_code == 303
    assert anna.interface_language == "de"  # reloaded, not the test's stale copy


def test_the_session_app_is_built_once(app, make_user):
    apps_seen.append(app)
    make_user("anna")
    app.config["SOMETHING_A_TEST_SET"] = True


def test_the_next_test_gets_it_back_fresh(app):
    assert apps_seen == [app]
    assert "SOMETHING_A_TEST_SET" not in app.config
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0
