"""New-member approval: when an admin switches it on, a new account's first posts wait as pending
until a moderator approves them or rejects them with a reason the author is told."""
from flask_babel import _
from sqlalchemy import func, select

from forum.services import events
from forum.core import permissions
from forum.core.errors import Conflict
from forum.services.moderation import settings
from forum.services.moderation.audit import record
from forum.services.moderation.common import bump_sector, check_reason, load_post, recount, require_moderator
from forum.core.transaction import transaction
from models import Post, Thread, db, utcnow


def needs_approval(author):
    """Do this author's next posts wait in the queue? Moderators and admins never wait."""
    if not settings.approval_enabled() or permissions.can_moderate(author):
        return False
    approved = db.session.scalar(select(func.count(Post.id)).where(
        Post.author_id == author.id, Post.pending_at.is_(None), Post.deleted_at.is_(None)))
    return approved < settings.approval_post_count()


def approve_post(actor, post_id):
    """Publish a pending post: counted, indexed and announced as if just written."""
    with transaction() as session:
        post = load_post(session, post_id, deleted_ok=True)
        require_moderator(actor, post.thread, "approve_post")
        if post.deleted_at is not None:
            raise Conflict(_("This post was rejected or deleted meanwhile."))
        if post.pending_at is None:
            return post
        post.pending_at = None
        thread = post.thread
        opens_thread = thread.pending_at is not None and post.number == 1
        if opens_thread:
            thread.pending_at = None
        session.flush()
        recount(session, thread)  # now counted, and the thread's latest activity
        bump_sector(session, thread.sector_id, threads=1 if opens_thread else 0, posts=1)
        sector = thread.sector
        sector.last_post_at = max(filter(None, (sector.last_post_at, post.created_at)))
        record(session, actor, "approve_post", post, before={"pending": True}, after={"pending": False})
        events.post_approved(post.id, post.thread_id if opens_thread else None)
    return post


def reject_post(actor, post_id, reason):
    """Reject with a reason; a rejected opening post takes its (still pending) thread with it."""
    reason = check_reason(reason, required=True)
    with transaction() as session:
        post = load_post(session, post_id, deleted_ok=True)
        require_moderator(actor, post.thread, "reject_post")
        if post.deleted_at is not None:
            return post
        if post.pending_at is None:
            raise Conflict(_("This post was approved meanwhile: hide it instead."))
        now = utcnow()
        post.deleted_at = now  # pending posts were never counted: no counter changes
        if post.thread.pending_at is not None and post.number == 1:
            post.thread.deleted_at = now
        record(session, actor, "reject_post", post, reason=reason, before={"pending": True},
               after={"rejected": True})
        events.post_rejected(post.id, reason)
    return post


def queue(viewer, sector_id=None):
    """Pending posts in the viewer's sectors, oldest first."""
    query = (select(Post).join(Post.thread).where(
        Post.pending_at.is_not(None), Post.deleted_at.is_(None),
        permissions.moderated_sectors_filter(viewer, Thread.sector_id)).order_by(Post.pending_at, Post.id))
    if sector_id:
        query = query.where(Thread.sector_id == sector_id)
    return db.session.scalars(query.limit(200)).all()


def queue_count(viewer):
    """How many posts wait for this moderator, for the dashboard and menu."""
    return db.session.scalar(select(func.count(Post.id)).join(Post.thread).where(
        Post.pending_at.is_not(None), Post.deleted_at.is_(None),
        permissions.moderated_sectors_filter(viewer, Thread.sector_id)))
