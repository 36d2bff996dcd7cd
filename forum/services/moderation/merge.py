"""Merge a thread into another: posts interleaved by time, the old address redirects."""
from flask_babel import _
from sqlalchemy import func, select, update

from forum.services import events
from forum.core.errors import Conflict, ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import (bump_sector, check_reason, ident, load_thread,
                                              park_numbers, recount, renumber, require_moderator, tell_author,
                                              thread_state)
from forum.core.transaction import transaction
from models import Post, ThreadRedirect, utcnow


def resolve_redirect(session, thread_id):
    """The thread a merged thread's address now leads to, or None."""
    redirect = session.get(ThreadRedirect, thread_id)
    return redirect.new_thread_id if redirect else None


def merge_threads(actor, source_id, target_id, reason=""):
    """Move every post of `source` into `target`, renumber by time, close `source` with a redirect."""
    reason = check_reason(reason)
    if str(ident(source_id)) == str(ident(target_id)):
        raise ValidationError("target", _("A thread cannot be merged into itself."))
    with transaction() as session:
        merged_into = resolve_redirect(session, ident(source_id))
        if merged_into is not None:
            if str(merged_into) == str(ident(target_id)):
                return load_thread(session, merged_into)  # a repeated submit
            raise Conflict(_("This thread was already merged into another thread."))
        source, target = load_thread(session, source_id), load_thread(session, target_id)
        require_moderator(actor, source, "merge_threads")
        require_moderator(actor, target, "merge_threads")
        if target.deleted_at is not None:
            raise Conflict(_("The target thread is closed: restore it first."))
        tell_author(session, source.id, "merged", reason)
        before = {"source": thread_state(source), "target": thread_state(target),
                  "source_posts": source.post_count, "target_posts": target.post_count}
        moved = source.post_count if source.deleted_at is None else 0
        offset = session.scalar(select(func.max(Post.number)).where(Post.thread_id == target.id)) or 0
        park_numbers(session, target.id)
        park_numbers(session, source.id, offset=offset)  # below every parked number of the target
        session.execute(update(Post).where(Post.thread_id == source.id).values(thread_id=target.id),
                        execution_options={"synchronize_session": False})
        session.expire_all()
        source, target = load_thread(session, source.id), load_thread(session, target.id)
        target.tags = list({t.id: t for t in [*target.tags, *source.tags]}.values())
        renumber(session, target.id)
        recount(session, target)
        bump_sector(session, source.sector_id, threads=-1 if source.deleted_at is None else 0, posts=-moved)
        bump_sector(session, target.sector_id, posts=moved)
        source.deleted_at = source.deleted_at or utcnow()
        source.post_count = source.reply_count = 0
        session.execute(update(ThreadRedirect).where(ThreadRedirect.new_thread_id == source.id)
                        .values(new_thread_id=target.id))
        session.add(ThreadRedirect(old_thread_id=source.id, new_thread_id=target.id))
        record(session, actor, "merge_threads", target, reason=reason, before=before,
               after={"target": thread_state(target), "target_posts": target.post_count,
                      "merged_thread_id": source.id})
        events.thread_removed(source.id)
        events.thread_updated(target.id)
    return target

