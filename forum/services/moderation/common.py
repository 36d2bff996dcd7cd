"""Helpers every moderation verb shares: loading targets, checking rights, recounting threads."""
from flask_babel import _
from sqlalchemy import func, select, update

from forum.services import events
from forum.core import permissions
from forum.core.errors import NotFound, PermissionDenied, ValidationError
from forum.core.ids import parse_id
from forum.services.moderation.audit import log_refusal
from forum.adapters.text import clean_source
from models import Post, Sector, Thread, User


def ident(thing):
    """An id from an id or a model object (views pass ids, tests often pass objects)."""
    return getattr(thing, "id", thing)


def _id(thing):
    """A database id from an id, its text or a model object; None for anything else."""
    return parse_id(ident(thing))


def load_thread(session, thread_id):
    """The thread, inside the caller's transaction, or NotFound for a clear answer."""
    thread = session.get(Thread, _id(thread_id)) if _id(thread_id) else None
    if thread is None:
        raise NotFound(_("This thread does not exist (any more)."))
    return thread


def load_post(session, post_id, deleted_ok=False):
    """The post, inside the caller's transaction, or NotFound for a clear answer."""
    post = session.get(Post, _id(post_id)) if _id(post_id) else None
    if post is None or (post.deleted_at is not None and not deleted_ok):
        raise NotFound(_("This post does not exist (any more)."))
    return post


def load_user(session, user_id):
    """The member, inside the caller's transaction, or NotFound for a clear answer."""
    user = session.get(User, _id(user_id)) if _id(user_id) else None
    if user is None:
        raise NotFound(_("This member does not exist."))
    return user


def load_sector(session, sector):
    """A sector from an id, a slug or a Sector."""
    if isinstance(sector, Sector):
        return sector
    found = None
    if _id(sector):
        found = session.get(Sector, _id(sector))
    elif sector:
        found = session.scalar(select(Sector).where(Sector.slug == str(sector)))
    if found is None:
        raise ValidationError("sector", _("Choose a sector from the list."))
    return found


def require(allowed, actor, action, target_id):
    """Refuse (and log) a request the policy does not allow: nothing is changed."""
    if not allowed:
        log_refusal(actor, action, target_id)
        raise PermissionDenied(_("You are not allowed to do this."))


def require_moderator(actor, thing, action):
    """Refuse (and log the refusal) unless `actor` moderates `thing`."""
    require(permissions.can_moderate(actor, thing), actor, action, getattr(thing, "id", None))


def check_reason(reason, required=False):
    """A moderator's reason: plain text up to 1000 characters; required for some actions."""
    reason = " ".join(clean_source(reason or "").split())
    if required and not reason:
        raise ValidationError("reason", _("Give a reason: the member will read it."))
    if len(reason) > 1000:
        raise ValidationError("reason", _("Use at most 1000 characters for the reason."))
    return reason


def thread_state(thread):
    """The parts of a thread an audit entry records before and after."""
    return {"title": thread.title, "sector": thread.sector.slug if thread.sector else thread.sector_id,
            "pinned": thread.is_pinned, "locked": thread.is_locked,
            "closed": thread.deleted_at is not None, "tags": [t.name for t in thread.tags]}


def park_numbers(session, thread_id, offset=0):
    """Turn a thread's post numbers negative (shifted by `offset`): (thread, number) is unique,
    so posts are renumbered through numbers no real post uses."""
    session.execute(update(Post).where(Post.thread_id == thread_id, Post.number > 0)
                    .values(number=-(Post.number + offset)), execution_options={"synchronize_session": False})


def renumber(session, thread_id):
    """Number a thread's posts 1..n by time (after a merge or split)."""
    park_numbers(session, thread_id)
    session.expire_all()
    posts = session.scalars(select(Post).where(Post.thread_id == thread_id)
                            .order_by(Post.created_at, Post.id)).all()
    for number, post in enumerate(posts, start=1):
        post.number = number
    session.flush()
    return posts


def recount(session, thread):
    """Recompute a thread's counters and last activity from its posts."""
    live = select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None), Post.pending_at.is_(None))
    count = session.scalar(select(func.count()).select_from(live.subquery())) or 0
    last = session.scalar(live.order_by(Post.created_at.desc(), Post.id.desc()).limit(1))
    thread.post_count, thread.reply_count = count, max(count - 1, 0)
    thread.last_number = session.scalar(select(func.max(Post.number)).where(Post.thread_id == thread.id)) or 0
    if last is not None:
        thread.last_post_at, thread.last_poster_id = last.created_at, last.author_id


def tell_author(session, thread_id, action, reason):
    """After commit, tell a thread's author (through its opening post) what a moderator did."""
    first = session.scalar(select(Post.id).where(Post.thread_id == thread_id).order_by(Post.number).limit(1))
    if first is not None:
        events.post_moderated(first, action, reason)


def bump_sector(session, sector_id, threads=0, posts=0):
    """Adjust a sector's stored counters when threads or posts leave or enter it."""
    if threads or posts:
        session.execute(update(Sector).where(Sector.id == sector_id).values(
            thread_count=Sector.thread_count + threads, post_count=Sector.post_count + posts))
