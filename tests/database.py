"""A real, empty database for every test, without building the schema every time.

Creating a dozen tables with their indexes is most of what a test's set-up costs (on PostgreSQL
DDL and TRUNCATE also wait for the disk), so the schema is built once per test session:

- SQLite: the schema and the sectors go into a template file; each test gets its own copy.
- PostgreSQL: the tables live in the session's private schema; before each test every table is
  emptied with DELETE (far cheaper than TRUNCATE on small tables), the sequences restart at 1 and
  the sectors are inserted again. A test or module fixture that dropped or rebuilt the tables
  (migrations, seed-demo tests, live servers) leaves nothing behind: missing tables are re-created.

The app itself is built once per session and reset for each test (tests/apps.py).
Either way a test starts from what a fresh installation holds: the tables, the six sectors, ids from 1.
"""
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError


def sqlite_path(url):
    """The file behind a SQLite URL, or None (PostgreSQL, in-memory SQLite)."""
    url = make_url(url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return url.database


def build_sqlite_template(path):
    """Create the tables and sectors in a new SQLite file, left self-contained (no WAL beside it)."""
    from forum import create_app
    from forum.services.setup import ensure_sectors
    from models import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", SERVER_NAME=None,
                     SEARCH_INDEX_DIR=f"{path}-index", MAIL_OUTBOX_DIR=f"{path}-outbox")
    with app.app_context():
        db.create_all()
        ensure_sectors()
        db.session.remove()
        db.engine.dispose()
    with sqlite3.connect(path) as connection:  # a copy must not depend on a -wal file
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    return path


def copy_sqlite_template(url, template):
    """Give the SQLite file at `url` the template's content, before anything connects to it."""
    path = sqlite_path(url)
    if path is not None:
        for leftover in (f"{path}-wal", f"{path}-shm"):  # an earlier test's, never this copy's
            Path(leftover).unlink(missing_ok=True)
        shutil.copyfile(template, path)


def prepare():
    """In the app context, after copy_sqlite_template: leave the app's database fresh."""
    from forum.services.setup import ensure_sectors
    from models import db

    if db.engine.dialect.name == "postgresql":
        empty_postgres()
    elif sqlite_path(str(db.engine.url)) is None:  # in-memory: nothing to copy
        db.create_all()
        ensure_sectors()


def empty_postgres():
    """Empty every table of the current schema and restart its sequences (in the app context)."""
    from forum.services.setup import ensure_sectors
    from models import db

    tables = list(reversed(db.metadata.sorted_tables))
    try:
        with db.engine.begin() as connection:
            present = set(connection.scalars(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))
            if any(table.name not in present for table in tables):
                raise LookupError("tables are missing")
            for table in tables:
                connection.execute(table.delete())
            connection.execute(text(
                "SELECT setval(c.oid, 1, false) FROM pg_class c "
                "WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace"))
    except (LookupError, DBAPIError):
        # Dropped or rebuilt by some test, or rows a plain DELETE cannot remove: start over.
        db.session.remove()
        db.drop_all()
        db.create_all()
    ensure_sectors()
    db.session.remove()
