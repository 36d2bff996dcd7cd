"""Full-text search behind a small interface (the Whoosh backend comes with the search issue).

Called after commit with ids; never raises into the user's request (see forum/events.py).
"""


def index_post(post_id):
    """Add or update one post (and its thread's title) in the index."""


def remove_post(post_id):
    """Drop one post from the index."""


def index_thread(thread_id):
    """Re-index every post of a thread (after a rename, move, merge or tag change)."""


def remove_thread(thread_id):
    """Drop every post of a thread from the index (thread closed or deleted)."""
