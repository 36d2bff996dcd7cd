"""Fixtures: a real database per test (SQLite file, or PostgreSQL with TEST_DATABASE_URL),
a search index and outbox under tmp_path, factories, and logging in through the real routes."""
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests import database
from tests.support import PASSWORD, TEMPLATE_CACHE, FormClient, share_url_builders

share_url_builders()

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


def database_url(tmp_path, schema):
    if schema is None:
        return f"sqlite:///{tmp_path / 'test.db'}"
    return TEST_DATABASE_URL


@pytest.fixture
def app_config(tmp_path, postgres_schema):
    """Config overrides for one test's app: its own database, index and outbox."""
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url(tmp_path, postgres_schema),
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SERVER_NAME": None,
    }
    if postgres_schema:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "connect_args": {"options": f"-csearch_path={postgres_schema}"}}
    return config


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """The schema and sectors built once per session, copied for each test (tests/database.py)."""
    return database.build_sqlite_template(tmp_path_factory.mktemp("template") / "template.db")


@pytest.fixture
def app(app_config, sqlite_template):
    """The app with a fresh database: the tables and the six sectors, nothing else."""
    from forum import create_app
    from models import db

    database.copy_sqlite_template(app_config["SQLALCHEMY_DATABASE_URI"], sqlite_template)
    app = create_app("testing", **app_config)
    app.test_client_class = FormClient
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    with app.app_context():
        database.prepare()
        yield app
        db.session.remove()
        db.engine.dispose()


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
