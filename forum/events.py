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


# Moderation events: every action takes effect live and in search.

def post_hidden(post_id):
    from forum import search
    from realtime import publish

    _each((search.remove_post, post_id), (publish.post_hidden, post_id))


def post_restored(post_id):
    from forum import search
    from realtime import publish

    _each((search.index_post, post_id), (publish.post_restored, post_id))


def post_moderated(post_id, action, reason=None):
    """Tell the author what a moderator did to their post."""
    from forum.services import notifications

    _each((notifications.post_moderated, post_id, action, reason))


def thread_updated(thread_id):
    """Pin, lock, rename, tags, move, merge target or split: readers and the index follow."""
    from forum import search
    from realtime import publish

    _each((search.index_thread, thread_id), (publish.thread_updated, thread_id))


def thread_removed(thread_id):
    """Closed, or merged away: out of the index, readers told."""
    from forum import search
    from realtime import publish

    _each((search.remove_thread, thread_id), (publish.thread_updated, thread_id),
          (publish.thread_removed, thread_id))


def post_approved(post_id, first_of_thread_id=None):
    """A pending post enters the forum: announced as if just written, its author told."""
    from forum import search
    from forum.services import notifications
    from realtime import publish

    announce = ((publish.thread_created, first_of_thread_id) if first_of_thread_id
                else (publish.post_created, post_id))
    _each((search.index_post, post_id), announce, (notifications.post_created, post_id),
          (notifications.approval_decided, post_id, True, None))


def post_rejected(post_id, reason):
    from forum.services import notifications

    _each((notifications.approval_decided, post_id, False, reason))


def user_access_changed(user_id):
    """Suspended, silenced, lifted or role changed: open sockets re-check or disconnect."""
    from realtime import publish

    _each((publish.user_access_changed, user_id))
