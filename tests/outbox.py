"""Test helpers for effects: read the outbox rows a use case wrote, and drain them on demand."""
from sqlalchemy import delete, select

from models import OutboxEntry, db


class CapturedEffects:
    """While active, committed outbox rows stay in the table (the app's drainer is paused)."""

    def __init__(self, app):
        self.app = app
        self.drainer = app.extensions["outbox"]
        self.drainer.paused = True

    def rows(self, kind=None):
        """[(kind, target, payload)] in the order they were written (committed rows only)."""
        with db.engine.connect() as connection:
            query = select(OutboxEntry.kind, OutboxEntry.target, OutboxEntry.payload).order_by(OutboxEntry.id)
            if kind:
                query = query.where(OutboxEntry.kind == kind)
            return [tuple(row) for row in connection.execute(query)]

    def kinds(self):
        return [kind for kind, _target, _payload in self.rows()]

    def drain(self, now=None):
        """Perform every due row now, in this thread; returns how many were claimed."""
        from forum.core.outbox.drainer import drain_synchronously

        return drain_synchronously(now=now)

    def clear(self):
        with db.engine.begin() as connection:
            connection.execute(delete(OutboxEntry))

    def release(self):
        self.drainer.paused = False


class PerformedEffects:
    """A list-like record of what use cases set in motion, as tuples: ("post_hidden", post_id),
    ("index_post", post_id), ("index_thread", thread_id), ("post_moderated", post_id, what,
    reason), ("approval_decided", post_id, approved, reason)… Effects are still performed."""

    def __init__(self, app):
        self.drainer = app.extensions["outbox"]
        self.performed = self.drainer.recorder = []

    def _tuples(self):
        found = []
        for kind, payload in self.performed:
            if kind == "search.update":
                found += [("index_post", i) for i in payload["post_ids"]]
                found += [("index_thread", i) for i in payload["thread_ids"]]
            elif kind.startswith("live."):
                ident = next(payload[key] for key in ("post_id", "thread_id", "user_id") if key in payload)
                found.append((kind[5:], ident))
        return found + self._notifications()

    @staticmethod
    def _notifications():
        from models import Notification

        found = []
        for kind, post_id, detail in db.session.execute(select(
                Notification.kind, Notification.post_id, Notification.detail).order_by(Notification.id)):
            what, _sep, reason = detail.partition(": ")
            if kind == "moderation":
                found.append(("post_moderated", post_id, what, reason or None))
            elif kind == "approval":
                found.append(("approval_decided", post_id, what == "approved", reason or None))
        return found

    def __iter__(self):
        return iter(self._tuples())

    def __contains__(self, item):
        return item in self._tuples()

    def __repr__(self):
        return repr(self._tuples())

    def release(self):
        self.drainer.recorder = None
