"""Publish functions services call after commit (through forum/events.py). Ids only, never
ORM objects: each function re-reads what it sends and asks forum/permissions.py who may see it."""


def post_created(post_id):
    """Announce a new post to readers of its thread and sector."""


def post_edited(post_id):
    """Announce an edited post."""


def thread_created(thread_id):
    """Announce a new thread to readers of its sector and the home page."""


def post_hidden(post_id):
    """A moderator hid a post: readers lose it, its author and moderators see it greyed."""


def post_restored(post_id):
    """A hidden post is visible again."""


def thread_updated(thread_id):
    """Lock, pin, rename, tags, move or close changed: readers of the thread and sector update."""


def notification_created(user_id, notification_id):
    """A member's bell count changed (room user:<id>)."""


def user_access_changed(user_id):
    """Sign-out, suspension or role change: re-check or disconnect that member's open sockets."""
