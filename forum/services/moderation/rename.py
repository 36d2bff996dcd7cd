"""Rename a thread and edit its tags."""
from forum.services import events
from forum.services.moderation.audit import record
from forum.services.moderation.common import check_reason, load_thread, require_moderator, thread_state
from forum.services.posting import check_title
from forum.services.tags import get_or_create_tags, parse_tags
from forum.adapters.text import slugify
from forum.core.transaction import transaction


def rename_thread(actor, thread_id, title, reason=""):
    """Give a thread a better title, logged with the old one."""
    title, reason = check_title(title), check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, "rename_thread")
        if thread.title == title:
            return thread
        before = thread_state(thread)
        thread.title, thread.slug = title, slugify(title)
        record(session, actor, "rename_thread", thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_updated(thread.id)
    return thread


def retag_thread(actor, thread_id, tags, reason=""):
    """Replace a thread's tags, logged with the old ones."""
    names, reason = parse_tags(tags), check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, "retag_thread")
        if [t.name for t in thread.tags] == sorted(names):
            return thread
        before = thread_state(thread)
        thread.tags = get_or_create_tags(session, names)
        session.flush()
        record(session, actor, "retag_thread", thread, reason=reason, before=before, after=thread_state(thread))
        events.thread_updated(thread.id)
    return thread
