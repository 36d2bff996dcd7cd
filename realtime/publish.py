"""Publish functions services call after commit (through forum/events.py). Ids only, never
ORM objects: each function re-reads what it sends and asks forum/permissions.py who may see it."""


def post_created(post_id):
    """Announce a new post to readers of its thread and sector."""


def post_edited(post_id):
    """Announce an edited post."""


def thread_created(thread_id):
    """Announce a new thread to readers of its sector and the home page."""
