"""The one permission policy. Pages, search, live events, digests and feeds all ask it.

Functions take the viewer (a `User`, or Flask-Login's anonymous user, or None) first.
The query helpers return SQL filters so lists never load what the viewer may not open.
"""
from sqlalchemy import and_, or_, true

from models import Post, Thread, utcnow


def _member(user):
    """The signed-in `User`, or None for anonymous viewers."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def is_suspended(user):
    user = _member(user)
    return bool(user and user.suspended_until and user.suspended_until > utcnow())


def is_silenced(user):
    user = _member(user)
    return bool(user and user.silenced_until and user.silenced_until > utcnow())


def can_moderate(user, thing=None):
    """Moderators and admins act on any sector (sector-scoped moderators come with moderation)."""
    user = _member(user)
    if user is None or is_suspended(user):
        return False
    return user.role in ("moderator", "admin")


def can_view_sector(user, sector):
    """Every sector is public to read."""
    return sector is not None


def can_view_thread(user, thread):
    if thread is None:
        return False
    if thread.deleted_at is not None:
        return can_moderate(user, thread)
    return can_view_sector(user, thread.sector)


def can_view_post(user, post):
    """Hidden posts stay visible to their author and moderators (greyed, with the reason)."""
    if post is None or post.deleted_at is not None or not can_view_thread(user, post.thread):
        return False
    if post.hidden_at is None:
        return True
    member = _member(user)
    return bool(member and (member.id == post.author_id or can_moderate(member, post)))


def can_view(user, thing):
    """Dispatch on the kind of thing: sector, thread or post."""
    from models import Sector

    if isinstance(thing, Post):
        return can_view_post(user, thing)
    if isinstance(thing, Thread):
        return can_view_thread(user, thing)
    if isinstance(thing, Sector):
        return can_view_sector(user, thing)
    return False


def can_start_thread(user, sector):
    member = _member(user)
    return bool(member and sector is not None and not is_suspended(member) and not is_silenced(member))


def can_post(user, thread):
    """Reply rights: signed in, not suspended or silenced; a locked thread only for moderators."""
    member = _member(user)
    if member is None or is_suspended(member) or is_silenced(member):
        return False
    if not can_view_thread(member, thread):
        return False
    return not thread.is_locked or can_moderate(member, thread)


def can_edit_post(user, post):
    member = _member(user)
    if member is None or is_suspended(member) or not can_view_post(member, post):
        return False
    if can_moderate(member, post):
        return True
    return member.id == post.author_id and not is_silenced(member) and not post.thread.is_locked


def visible_threads_filter(user):
    """SQL filter of the threads `user` may list."""
    if can_moderate(user):
        return true()
    return Thread.deleted_at.is_(None)


def visible_posts_filter(user):
    """SQL filter of the posts `user` may read in full (hidden ones only for author and moderators)."""
    member = _member(user)
    not_deleted = Post.deleted_at.is_(None)
    if can_moderate(member):
        return not_deleted
    if member is None:
        return and_(not_deleted, Post.hidden_at.is_(None))
    return and_(not_deleted, or_(Post.hidden_at.is_(None), Post.author_id == member.id))


def search_visibility(user):
    """What search may show `user`, as data the index filters on (mirrors visible_posts_filter).

    `hidden`: "all" (moderators), "own" (members see their own hidden posts) or "none".
    Deleted posts are never indexed; posts of deleted threads only reach moderators.
    """
    member = _member(user)
    moderator = can_moderate(member)
    return {
        "deleted_threads": moderator,
        "hidden": "all" if moderator else ("own" if member else "none"),
        "author_id": member.id if member else None,
    }
