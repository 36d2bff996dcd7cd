"""Pin and unpin a thread: pinned threads head their sector's list."""
from forum.services.moderation.lock import set_thread_flag


def pin_thread(actor, thread_id, reason=""):
    """Keep a thread at the top of its sector."""
    return set_thread_flag(actor, thread_id, "is_pinned", True, "pin_thread", reason)


def unpin_thread(actor, thread_id, reason=""):
    """Let a pinned thread sort by activity again."""
    return set_thread_flag(actor, thread_id, "is_pinned", False, "unpin_thread", reason)
