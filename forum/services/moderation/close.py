"""Close (soft delete) and restore a thread. Closed threads are seen by their moderators only."""
from forum.services import events
from forum.services.moderation.audit import record
from forum.services.moderation.common import (bump_sector, check_reason, load_thread, require_moderator,
                                              tell_author, thread_state)
from forum.core.transaction import transaction
from models import ThreadRedirect, utcnow


def close_thread(actor, thread_id, reason=""):
    """Take a thread out of view for everyone but moderators, with a reason."""
    reason = check_reason(reason, required=True)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, "close_thread")
        if thread.deleted_at is not None:
            return thread
        before = thread_state(thread)
        thread.deleted_at = utcnow()
        bump_sector(session, thread.sector_id, threads=-1, posts=-thread.post_count)
        record(session, actor, "close_thread", thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_removed(thread.id)
        tell_author(session, thread.id, "closed", reason)
    return thread


def restore_thread(actor, thread_id, reason=""):
    """Bring a closed thread back, with a reason in the log."""
    from flask_babel import _

    from forum.core.errors import Conflict

    reason = check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, "restore_thread")
        if thread.deleted_at is None:
            return thread
        if session.get(ThreadRedirect, thread.id) is not None:
            raise Conflict(_("This thread was merged into another one; it cannot be restored."))
        before = thread_state(thread)
        thread.deleted_at = None
        bump_sector(session, thread.sector_id, threads=1, posts=thread.post_count)
        record(session, actor, "restore_thread", thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_updated(thread.id)
    return thread
