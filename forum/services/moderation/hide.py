"""Hide and restore posts; erase one for good (admins). Readers see a placeholder for hidden
posts; the author and moderators see them greyed with the reason."""
from flask_babel import _
from sqlalchemy import delete, update

from forum.services import events
from forum.core import permissions
from forum.core.errors import ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import (bump_sector, check_reason, load_post, recount, require,
                                              require_moderator)
from forum.core.transaction import transaction
from models import Flag, PostRevision, PostTranslation, utcnow


def _state(post):
    return {"hidden": post.hidden_at is not None, "reason": post.hidden_reason}


def apply_hide(session, actor, post, reason, action="hide_post"):
    """Hide `post` inside the caller's transaction (also used by flag review and auto-hide)."""
    before = _state(post)
    post.hidden_at = post.hidden_at or utcnow()
    post.hidden_by_id = actor.id if actor is not None else None
    post.hidden_reason = reason
    record(session, actor, action, post, reason=reason, before=before, after=_state(post))
    events.post_hidden(post.id)
    if actor is not None:
        events.post_moderated(post.id, "hidden", reason)


def apply_restore(session, actor, post, reason=""):
    """Restore a hidden post inside the caller's transaction (merge and split reuse it)."""
    before = _state(post)
    post.hidden_at = post.hidden_by_id = post.hidden_reason = None
    record(session, actor, "restore_post", post, reason=reason, before=before, after=_state(post))
    events.post_restored(post.id)
    events.post_moderated(post.id, "restored", reason)


def hide_post(actor, post_id, reason):
    """Hide a post with a reason; hiding a hidden post again changes nothing."""
    reason = check_reason(reason, required=True)
    with transaction() as session:
        post = load_post(session, post_id)
        require_moderator(actor, post, "hide_post")
        if post.hidden_at is not None and post.hidden_by_id is not None:
            return post
        apply_hide(session, actor, post, reason)
    return post


def restore_post(actor, post_id, reason=""):
    """Make a hidden post visible again, logged with its reason."""
    reason = check_reason(reason)
    with transaction() as session:
        post = load_post(session, post_id)
        require_moderator(actor, post, "restore_post")
        if post.hidden_at is None:
            return post
        apply_restore(session, actor, post, reason)
    return post


def delete_post(actor, post_id, reason):
    """Erase a post's text and history for good (admins only). The row stays as a tombstone so
    numbering, links and other records pointing at it keep working."""
    reason = check_reason(reason, required=True)
    with transaction() as session:
        post = load_post(session, post_id, deleted_ok=True)
        require(permissions.can_delete_permanently(actor, post), actor, "delete_post", post.id)
        if post.deleted_at is not None and not post.body_markdown:
            return post
        if post.number == 1:
            raise ValidationError("post", _("This post opens its thread: close the thread instead."))
        before = {"hidden": post.hidden_at is not None, "length": len(post.body_markdown)}
        was_live = post.deleted_at is None and post.pending_at is None
        post.deleted_at = post.deleted_at or utcnow()
        post.body_markdown = post.body_html = ""
        session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
        session.execute(delete(PostTranslation).where(PostTranslation.post_id == post.id))  # they hold its text too
        session.execute(update(Flag).where(Flag.post_id == post.id, Flag.resolved_at.is_(None))
                        .values(resolved_at=utcnow(), resolved_by_id=actor.id, resolution="deleted"))
        recount(session, post.thread)
        if was_live:
            bump_sector(session, post.thread.sector_id, posts=-1)
        record(session, actor, "delete_post", post, reason=reason, before=before, after={"deleted": True})
        events.post_hidden(post.id)
    return post
