"""Fixtures: one app per test session, reset for each test to a real, fresh database (a SQLite
file copied from a template, or PostgreSQL with TEST_DATABASE_URL), an empty search index and
outbox; factories, and logging in through the real routes."""
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests import apps, database
from tests.support import PASSWORD

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")

# One Chromium per session, shared by every browser test (see tests/browser.py).
pytest_plugins = ("tests.browser",)


@pytest.fixture(scope="session")
def postgres_schema():
    """A private schema per test session, so concurrent runs never share tables."""
    if not TEST_DATABASE_URL:
        yield None
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield schema
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def database_url(directory, schema):
    if schema is None:
        return f"sqlite:///{directory / 'test.db'}"
    return TEST_DATABASE_URL


@pytest.fixture(scope="session")
def base_config(tmp_path_factory, postgres_schema):
    """The session app's config overrides: one database, index and outbox path, reset per test."""
    directory = tmp_path_factory.mktemp("app")
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url(directory, postgres_schema),
        "SEARCH_INDEX_DIR": str(directory / "search-index"),
        "MAIL_OUTBOX_DIR": str(directory / "outbox"),
        "SERVER_NAME": None,
    }
    if postgres_schema:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={postgres_schema}"}}
    return config


@pytest.fixture
def app_config(base_config):
    """Config for this test's app; a module overrides it to change settings (tests/apps.py)."""
    return dict(base_config)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """The schema and sectors built once per session, copied for each test (tests/database.py)."""
    return database.build_sqlite_template(tmp_path_factory.mktemp("template") / "template.db")


@pytest.fixture(scope="session")
def app_cache(base_config, sqlite_template):
    """The apps of this session: one, plus one per distinct build-time config (tests/apps.py)."""
    cache = apps.AppCache(base_config, sqlite_template)
    yield cache
    cache.close()


@pytest.fixture
def app(app_config, app_cache):
    """The session's app, reset: a fresh database (the tables and the six sectors), empty index,
    outbox and rate limits, this test's config. The test body runs in an app context of its own;
    the test client's requests never share it (tests/support.FormClient)."""
    with app_cache.checkout(app_config) as app:
        yield app


@pytest.fixture
def private_app(app_config, app_cache):
    """An app built for this test alone, on the same fresh database: for tests that add routes."""
    with app_cache.checkout(app_config, private=True) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """make_user("alice", role="moderator", display_name="Alice A.") -> User."""
    from forum.services import accounts

    def make(username, *, role="member", password=PASSWORD, email=None, **profile):
        return accounts.register(username, email or f"{username}@example.eu", password, role=role, **profile)

    return make


@pytest.fixture
def make_thread(app):
    """make_thread(author, sector="school", title=…, body=…, tags=…) -> Thread."""
    from forum.services import posting, reading

    def make(author, *, sector="school", title="A thread about practice", body="First post.", tags="", **kw):
        return posting.create_thread(author, reading.get_sector(sector).id, title, body, tags, **kw)

    return make


@pytest.fixture
def make_post(app):
    """make_post(author, thread, body=…) -> Post (a reply)."""
    from forum.services import posting

    def make(author, thread, *, body="A reply.", **kw):
        return posting.reply(author, thread.id, body, **kw)

    return make


@pytest.fixture
def login(client):
    """login("alice") signs in through the real /login route."""
    return client.login


@pytest.fixture
def captured_effects(app):
    """The outbox rows use cases write, kept instead of performed: `.rows()`, `.kinds()`,
    `.drain()` (tests/outbox.py)."""
    from tests.outbox import CapturedEffects

    effects = CapturedEffects(app)
    yield effects
    effects.release()


@pytest.fixture
def drain(app):
    """drain() performs every due outbox row now (tests that turned synchronous draining off)."""
    from forum.core.outbox.drainer import drain_synchronously

    return drain_synchronously
