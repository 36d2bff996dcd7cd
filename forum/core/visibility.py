"""The visibility table: for every state of a thing, the audiences that may see it.

This is the one place that says who may see what. `forum/permissions.py` derives the Python
predicates and the SQL filters from it, `forum/adapters/search/whoosh/documents.py` the index flags,
`forum/adapters/search/whoosh/masks.py` the query mask and `forum/adapters/live/audiences.py` the Socket.IO rooms; every
channel refuses an audience it cannot express (`Unsupported`), and tests/forum/test_visibility.py
checks each channel against this table cell by cell. A new state (group-only, draft…) is one row
here, then whatever the agreement test says is missing.

A post is seen by a viewer in an audience of its thread's row *and* of its own row. "Author" means
the author of the thing the row is about (the thread's author in the thread table).
"""

ANYONE = "anyone"                      # every reader, signed in or not
MEMBERS = "members"                    # every signed-in member (suspended ones too: they may read)
AUTHOR = "author"                      # the author of this post (post rows) or thread (thread rows)
SECTOR_MODERATORS = "sector_moderators"  # moderators whose scope lists the thing's sector
GLOBAL_MODERATORS = "global_moderators"  # moderators of every sector
ADMINS = "admins"

AUDIENCES = (ANYONE, MEMBERS, AUTHOR, SECTOR_MODERATORS, GLOBAL_MODERATORS, ADMINS)
MODERATORS = frozenset({SECTOR_MODERATORS, GLOBAL_MODERATORS, ADMINS})  # who may moderate it
NOBODY = frozenset()

POST, THREAD = "post", "thread"

TABLE = {
    POST: {
        "visible": frozenset({ANYONE}),
        "pending": frozenset({AUTHOR}) | MODERATORS,  # in the approval queue
        "hidden": frozenset({AUTHOR}) | MODERATORS,   # greyed, with the reason
        "deleted": NOBODY,                             # gone for everyone, never indexed
    },
    THREAD: {
        "open": frozenset({ANYONE}),
        "pending": frozenset({AUTHOR}) | MODERATORS,  # its first post waits for approval
        "closed": MODERATORS,
        "merged": NOBODY,                              # its address redirects to the target
    },
}

# The state a thing shows when nothing restricts it (index flags are written only for others).
PUBLIC_STATE = {POST: "visible", THREAD: "open"}


class Unsupported(Exception):
    """A channel met a state or an audience it cannot express: teach it before using the row."""


def post_state(deleted_at, pending_at, hidden_at):
    """A post's state from its columns (deleted over pending over hidden)."""
    if deleted_at is not None:
        return "deleted"
    if pending_at is not None:
        return "pending"
    return "hidden" if hidden_at is not None else "visible"


def thread_state(deleted_at, pending_at, merged):
    """A thread's state from its columns and whether a redirect names it (merged away)."""
    if deleted_at is not None:
        return "merged" if merged else "closed"
    return "pending" if pending_at is not None else "open"


def row(kind, state):
    """The audiences that may see a thing of `kind` in `state`."""
    try:
        return TABLE[kind][state]
    except KeyError:
        raise Unsupported(f"no row for {kind} state {state!r}") from None


def is_invisible(kind, state):
    """Nobody at all may see it (deleted posts, merged threads): never indexed or announced."""
    return not row(kind, state)
