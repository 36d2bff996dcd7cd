"""Write transactions.

Services write inside `with transaction():` everything a use case changes in the database, and
record every effect outside it (search index, live events, mail) as outbox rows in that same
transaction (`forum.outbox.enqueue`): one commit makes both durable, a rollback announces nothing.
After the outermost commit the outbox drainer is woken (or, in tests, drains at once).

`after_commit(fn, *args)` is the older in-memory hook, kept only for account email until it moves
to the outbox (`mail.account`); an effect queued with it is lost if the process dies.
"""
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from models import db

log = logging.getLogger(__name__)

# Read by the SQLite `begin` hook: write transactions start with BEGIN IMMEDIATE.
writing = ContextVar("writing", default=False)

_PENDING = "praxis_pending_effects"
_READY = "praxis_ready_effects"


def after_commit(fn, *args, **kwargs):
    """Legacy: queue `fn(*args, **kwargs)` in memory until the commit (use the outbox instead)."""
    db.session().info.setdefault(_PENDING, []).append((fn, args, kwargs))


@event.listens_for(Session, "after_commit")
def _commit_moves_pending_to_ready(session):
    # SQLAlchemy 2 also fires after_commit when a SAVEPOINT is released: wait for the real one.
    if session.in_nested_transaction():
        return
    pending = session.info.pop(_PENDING, [])
    session.info.setdefault(_READY, []).extend(pending)


@event.listens_for(Session, "after_transaction_end")
def _rollback_drops_pending(session, transaction):
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def run_effects():
    """Run effects whose transaction committed; log failures, never raise them."""
    session = db.session()
    while session.info.get(_READY):
        fn, args, kwargs = session.info[_READY].pop(0)
        try:
            fn(*args, **kwargs)
        except Exception:  # an effect must never fail the user's request
            log.exception("side effect %s failed", getattr(fn, "__qualname__", fn))


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
    run_effects()
    from forum import outbox

    outbox.after_outermost_commit()


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
