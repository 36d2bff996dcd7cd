"""Domain events: what happens after a write commits.

Services queue these with `after_commit(events.post_created, post.id)`. Each event fans out to
the side-effect adapters (search index, live events, notifications), each call isolated: one
failing adapter is logged and never stops the others or fails the user's request. Adapters get
ids and re-read what they need, so they always see committed data.
"""
import logging

log = logging.getLogger(__name__)


def _each(*calls):
    for fn, *args in calls:
        try:
            fn(*args)
        except Exception:
            log.exception("event handler %s failed", getattr(fn, "__qualname__", fn))


def thread_created(thread_id, first_post_id):
    from forum import search
    from forum.services import notifications
    from realtime import publish

    _each((search.index_post, first_post_id), (publish.thread_created, thread_id),
          (notifications.post_created, first_post_id))


def post_created(post_id):
    from forum import search
    from forum.services import notifications
    from realtime import publish

    _each((search.index_post, post_id), (publish.post_created, post_id),
          (notifications.post_created, post_id))


def post_edited(post_id):
    from forum import search
    from realtime import publish

    _each((search.index_post, post_id), (publish.post_edited, post_id))


def user_access_changed(user_id):
    """Sign-out, password change, suspension or role change: open sockets are re-checked."""
    from realtime import publish

    _each((publish.user_access_changed, user_id))
