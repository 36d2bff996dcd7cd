"""What each kind of outbox row does: one table, read top to bottom.

A handler gets the row's payload (ids and plain data) and must be idempotent: a row is performed
at least once. `batch` handlers get every claimed payload of their kind at once (one index
commit for many posts). Lanes are drained by separate threads, so a slow SMTP server or an index
rebuild never delays live events; targets never span lanes.
"""
from collections import namedtuple
from importlib import import_module

Handler = namedtuple("Handler", "path lane batch")

HANDLERS = {
    "search.update": Handler("forum.adapters.search.queue:apply", "search", True),
    "search.rebuild": Handler("forum.adapters.search:rebuild", "search", False),
    "live.post_created": Handler("forum.adapters.live.publish:post_created", "live", False),
    "live.post_edited": Handler("forum.adapters.live.publish:post_edited", "live", False),
    "live.post_hidden": Handler("forum.adapters.live.publish:post_hidden", "live", False),
    "live.post_restored": Handler("forum.adapters.live.publish:post_restored", "live", False),
    "live.thread_created": Handler("forum.adapters.live.publish:thread_created", "live", False),
    "live.thread_updated": Handler("forum.adapters.live.publish:thread_updated", "live", False),
    "live.thread_removed": Handler("forum.adapters.live.publish:thread_removed", "live", False),
    "live.notification_created": Handler("forum.adapters.live.publish:notification_created", "live", False),
    "live.user_access_changed": Handler("forum.adapters.live.publish:user_access_changed", "live", False),
    "mail.immediate": Handler("forum.services.immediate:send_batch", "mail", False),
    # Account email (verification, reset): enqueue("mail.account", f"mail:user:{id}", user_id=…,
    # purpose="verify"|"reset", token=…) in the transaction that issued the token.
    "mail.account": Handler("forum.services.account_email:_mail", "mail", False),
}
LANES = ("live", "search", "mail")
_resolved = {}


def register(kind, path, lane="mail", batch=False):
    """Add a kind (e.g. "mail.account" → "forum.services.account_email:deliver")."""
    HANDLERS[kind] = Handler(path, lane, batch)
    _resolved.pop(kind, None)


def kinds(lane=None):
    """The kinds one lane drains (every kind without a lane)."""
    return sorted(kind for kind, handler in HANDLERS.items() if lane is None or handler.lane == lane)


def resolve(kind):
    """The function behind a kind (imported on first use: handlers live in lower floors)."""
    if kind not in _resolved:
        module, name = HANDLERS[kind].path.split(":")
        _resolved[kind] = getattr(import_module(module), name)
    return _resolved[kind]
