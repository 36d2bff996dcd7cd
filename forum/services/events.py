"""Domain events: what a use case writes, inside its own transaction, when something happens.

Services call these inside `with transaction():` with ids. Each event writes its database
consequences there and then (notification rows, thread tracking, immediate-email batches, through
forum/services/notifications.py) and records its effects outside the database as outbox rows:
search index updates (`search.update`, lane "search") and live events (`live.*`, one target per
thread or member, so a thread's events reach readers in the order they happened). The drainer
performs them after the commit (forum/outbox/); a rollback writes none of it.
"""
from forum.core import outbox
from models import Post, db


def _live(kind, target, **payload):
    outbox.enqueue(f"live.{kind}", f"live:{target}", **payload)


def _thread_of(post_id):
    return db.session.get(Post, post_id).thread_id  # in the session already: no query


def _index_post(post_id):
    from forum.adapters import search

    search.index_post(post_id)


def _index_thread(thread_id):
    from forum.adapters import search

    search.index_thread(thread_id)


def _notify(post_id):
    from forum.services import notifications

    notifications.post_created(db.session.get(Post, post_id))


def thread_created(thread_id, first_post_id):
    """What a new, visible thread sets off: index, live event, notifications."""
    _index_post(first_post_id)
    _live("thread_created", f"thread:{thread_id}", thread_id=thread_id)
    _notify(first_post_id)


def post_created(post_id):
    """What a new, visible reply sets off: index, live event, notifications."""
    _index_post(post_id)
    _live("post_created", f"thread:{_thread_of(post_id)}", post_id=post_id)
    _notify(post_id)


def post_edited(post_id):
    """An edit changes the index and every open page of the thread."""
    _index_post(post_id)
    _live("post_edited", f"thread:{_thread_of(post_id)}", post_id=post_id)


# Moderation events: every action takes effect live and in search.

def post_hidden(post_id):
    """A hidden post leaves search and readers' pages at once."""
    _index_post(post_id)
    _live("post_hidden", f"thread:{_thread_of(post_id)}", post_id=post_id)


def post_restored(post_id):
    """A restored post returns to search and readers' pages."""
    _index_post(post_id)
    _live("post_restored", f"thread:{_thread_of(post_id)}", post_id=post_id)


def post_moderated(post_id, action, reason=None):
    """Tell the author what a moderator did to their post."""
    from forum.services import notifications

    notifications.post_moderated(post_id, action, reason)


def thread_updated(thread_id):
    """Pin, lock, rename, tags, move, merge target or split: readers and the index follow."""
    _index_thread(thread_id)
    _live("thread_updated", f"thread:{thread_id}", thread_id=thread_id)


def thread_removed(thread_id):
    """Closed, or merged away: out of the index, readers told."""
    _index_thread(thread_id)
    _live("thread_updated", f"thread:{thread_id}", thread_id=thread_id)
    _live("thread_removed", f"thread:{thread_id}", thread_id=thread_id)


def post_approved(post_id, first_of_thread_id=None):
    """A pending post enters the forum: announced as if just written, its author told."""
    from forum.services import notifications

    _index_post(post_id)
    if first_of_thread_id:
        _live("thread_created", f"thread:{first_of_thread_id}", thread_id=first_of_thread_id)
    else:
        _live("post_created", f"thread:{_thread_of(post_id)}", post_id=post_id)
    _notify(post_id)
    notifications.approval_decided(post_id, True, None)


def post_rejected(post_id, reason):
    """A rejected post tells its author why."""
    from forum.services import notifications

    notifications.approval_decided(post_id, False, reason)


def user_access_changed(user_id):
    """Suspended, silenced, lifted or role changed: open sockets re-check or disconnect."""
    _live("user_access_changed", f"user:{user_id}", user_id=user_id)
