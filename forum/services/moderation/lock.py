"""Lock and unlock a thread: a locked thread takes replies from its moderators only."""
from forum.services import events
from forum.services.moderation.audit import record
from forum.services.moderation.common import check_reason, load_thread, require_moderator, thread_state
from forum.core.transaction import transaction


def set_thread_flag(actor, thread_id, attribute, value, action, reason=""):
    """Set a boolean on a thread; a repeat (already in that state) changes and records nothing."""
    reason = check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, action)
        if getattr(thread, attribute) == value:
            return thread
        before = thread_state(thread)
        setattr(thread, attribute, value)
        record(session, actor, action, thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_updated(thread.id)
    return thread


def lock_thread(actor, thread_id, reason=""):
    """Stop replies to a thread while it stays readable."""
    return set_thread_flag(actor, thread_id, "is_locked", True, "lock_thread", reason)


def unlock_thread(actor, thread_id, reason=""):
    """Let members reply to a locked thread again."""
    return set_thread_flag(actor, thread_id, "is_locked", False, "unlock_thread", reason)
