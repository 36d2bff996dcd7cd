"""Write transactions.

Services write inside `with transaction():` everything a use case changes in the database, and
record every effect outside it (search index, live events, mail) as outbox rows in that same
transaction (`forum.core.outbox.enqueue`): one commit makes both durable, a rollback announces nothing.
After the outermost commit the outbox drainer is woken (or, in tests, drains at once).
"""
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event

from models import db

log = logging.getLogger(__name__)

# Read by the SQLite `begin` hook: write transactions start with BEGIN IMMEDIATE.
writing = ContextVar("writing", default=False)

@contextmanager
def transaction():
    """One write transaction: commit on success, rollback on error, then wake the outbox drainer.

    Any read transaction the view opened is closed first, so the write starts with a fresh
    snapshot (and on SQLite with BEGIN IMMEDIATE, waiting for other writers instead of failing).
    """
    session = db.session()
    if session.in_transaction():
        session.commit()
    token = writing.set(True)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        writing.reset(token)
    for function in _after_outermost_commit:
        function()


_after_outermost_commit = []


def call_after_outermost_commit(function):
    """Have `function()` called after each outermost commit of `transaction()`: create_app hands
    the outbox's wake-up here, so transactions need not know the outbox that uses them."""
    if function not in _after_outermost_commit:
        _after_outermost_commit.append(function)


def configure_sqlite(engine):
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for write transactions."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let the `begin` hook emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing.get() else "BEGIN")
