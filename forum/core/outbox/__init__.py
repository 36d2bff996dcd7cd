"""The outbox: every effect outside the database, written as a row in the use case's own
transaction and performed afterwards, at least once, by a drainer.

    with transaction():
        ...                                   # the change itself
        outbox.enqueue("live.post_created", f"live:thread:{thread_id}", post_id=post.id)

A rollback writes no row, so nothing is announced. After the commit the drainer is woken (a thread
per lane in this process, `forum/outbox/drainer.py`); it claims rows with a lease, performs them
through the handler registered for their kind (`forum/outbox/handlers.py`) and deletes them. A row
is not taken while an earlier row of the same target waits, so effects on one target keep their
order; a failure is retried with backoff; a process killed at any point leaves its rows, which
another drain takes once their lease expired. Handlers must therefore be idempotent.

Under TESTING with OUTBOX_SYNCHRONOUS the rows are drained in the committing thread instead.
"""
from datetime import timedelta

from forum.core.transaction import writing
from models import OutboxEntry, db, utcnow

_WROTE = "praxis_outbox_wrote"
_COMMITTED = "praxis_outbox_committed"


def enqueue(kind, target, *, delay=0, **payload):
    """Record one effect in the current write transaction (ids and plain data only)."""
    if not writing.get():
        raise RuntimeError("outbox.enqueue() belongs inside `with transaction():`")
    now = utcnow()
    session = db.session()
    session.add(OutboxEntry(kind=kind, target=target, payload=payload, created_at=now,
                            available_at=now + timedelta(seconds=delay) if delay else now))
    session.info[_WROTE] = True


def note_commit(session):
    """Session `after_commit`: rows became visible, so the drainer is to be woken."""
    # A released SAVEPOINT also fires after_commit: only the real commit makes rows visible.
    if session.in_nested_transaction() or not session.info.pop(_WROTE, False):
        return
    session.info[_COMMITTED] = True  # the drainer is woken once the commit is fully done


def forget_after_rollback(session, transaction):
    """Session `after_transaction_end`: rows rolled back wake nobody."""
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def after_outermost_commit():
    """Called by `transaction()` and at the end of a request once rows were committed: wake the
    drainer (a few microseconds), or drain now when synchronous."""
    session = db.session()
    if not session.info.pop(_COMMITTED, False):
        return
    from flask import current_app

    from forum.core.outbox.drainer import drain_synchronously, wake

    if not current_app.config.get("OUTBOX_SYNCHRONOUS"):
        wake()
    elif not current_app.extensions["outbox"].paused:
        drain_synchronously()


def init_app(app):
    """Start the drainer with a server's first request (it takes over rows a crashed process
    left once their lease expired); CLI commands wake it when they write rows."""
    from forum.core.outbox.drainer import Drainer

    drainer = app.extensions["outbox"] = Drainer(app)
    if app.config.get("OUTBOX_SYNCHRONOUS"):
        return

    @app.before_request
    def _start_drainer():
        if not drainer.started:
            drainer.start()


def wait_idle(timeout=10.0, app=None):
    """Block until no row is due (tests, benches, CLI jobs before they exit)."""
    from forum.core.outbox.drainer import get_drainer

    return get_drainer(app).wait_idle(timeout)
