"""The one permission policy. Pages, search, live events, digests and feeds all ask it.

Functions take the viewer (a `User`, or Flask-Login's anonymous user, or None) first.
The query helpers return SQL filters so lists never load what the viewer may not open.

Roles: admins do everything; moderators act in every sector, or only in the sectors listed in
`ModeratorSector` for them; members post. Nobody but an admin acts on an admin (or on another
moderator). Suspended members cannot act at all; silenced members read (and flag) but never write.
Who may see a post or thread in each of its states is the table in forum/visibility.py.
"""
from sqlalchemy import false, select, true

from forum.core import visibility, visibility_sql
from models import Post, Sector, Thread, ThreadRedirect, User, utcnow

ALL = "all"  # the scope of admins and global moderators


def _member(user):
    """The signed-in `User`, or None for anonymous viewers."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


def is_suspended(user):
    """Whether a suspension is running now (it ends by itself: no job lifts it)."""
    user = _member(user)
    return bool(user and user.suspended_until and user.suspended_until > utcnow())


def is_silenced(user):
    """Whether a silence is running now (it ends by itself: no job lifts it)."""
    user = _member(user)
    return bool(user and user.silenced_until and user.silenced_until > utcnow())


def is_admin(user):
    """Admins manage sites and moderators (a suspended admin is no admin)."""
    user = _member(user)
    return bool(user and user.role == "admin" and not is_suspended(user))


def is_new_member(user):
    """A member whose account is young or who has written little: stricter limits, fewer links.
    Moderators and admins are never new. Thresholds are config values."""
    from flask import current_app
    from sqlalchemy import func

    from models import db

    member = _member(user)
    if member is None or member.role in ("moderator", "admin"):
        return False
    config = current_app.config
    if member.created_at and (utcnow() - member.created_at).days < config.get("NEW_MEMBER_DAYS", 3):
        return True
    written = db.session.scalar(select(func.count(Post.id)).where(
        Post.author_id == member.id, Post.deleted_at.is_(None), Post.pending_at.is_(None)))
    return written < config.get("NEW_MEMBER_POSTS", 5)


def moderated_sectors(user):
    """`ALL`, a frozenset of sector ids, or an empty frozenset for people who do not moderate."""
    user = _member(user)
    if user is None or is_suspended(user) or user.role not in ("moderator", "admin"):
        return frozenset()
    if user.role == "admin":
        return ALL
    scoped = frozenset(row.sector_id for row in getattr(user, "moderator_sectors", ()) or ())
    return scoped or ALL


def is_global_moderator(user):
    """A moderator of every sector (sees and acts on every queue)."""
    return moderated_sectors(user) == ALL


def _sector_id(thing):
    """The sector a thing lives in (sector, thread, post, flag), or None."""
    if isinstance(thing, Sector):
        return thing.id
    if isinstance(thing, Thread):
        return thing.sector_id
    if isinstance(thing, Post):
        return thing.thread.sector_id
    post = getattr(thing, "post", None)
    return post.thread.sector_id if isinstance(post, Post) else None


def can_act_on_user(user, target):
    """Suspend, silence, lift, warn: global moderators on members; admins on everyone but themselves."""
    member = _member(user)
    if member is None or target is None or member.id == target.id:
        return False
    if target.role in ("admin", "moderator"):
        return is_admin(member)
    return is_global_moderator(member)


_ANYTHING = object()


def can_moderate(user, thing=_ANYTHING):
    """May `user` use moderator tools on `thing`?

    With no thing: does the user moderate anything at all (dashboard, queues). A missing thing
    (None) is never moderatable. For a sector,
    thread or post the sector must be in the moderator's scope; posts by admins (and other
    moderators' posts, for non-admins) are out of reach; for a user see `can_act_on_user`.
    """
    scope = moderated_sectors(user)
    if not scope or thing is None:
        return False
    if thing is _ANYTHING:
        return True
    if isinstance(thing, User):
        return can_act_on_user(user, thing)
    sector_id = _sector_id(thing)
    if scope != ALL and sector_id not in scope:
        return False
    if isinstance(thing, Post) and thing.author_id != user.id and thing.author.role in ("admin", "moderator"):
        return is_admin(user)
    return True


def can_delete_permanently(user, thing):
    """Erasing posts or threads for good is for admins only."""
    return is_admin(user) and thing is not None


def can_appoint(user):
    """Appoint and remove moderators, change site settings: admins."""
    return is_admin(user)


def can_view_sector(user, sector):
    """Every sector is public to read."""
    return sector is not None


def _own(member, thing):
    return bool(member and thing.author_id == member.id)


def audiences(user, sector_id, author_id):
    """The audiences of the visibility table `user` belongs to for a thing in this sector by
    this author (forum/visibility.py): every channel asks this one question."""
    found = {visibility.ANYONE}
    member = _member(user)
    if member is None:
        return frozenset(found)
    found.add(visibility.MEMBERS)
    if author_id == member.id:
        found.add(visibility.AUTHOR)
    scope = moderated_sectors(member)
    if is_admin(member):
        found.add(visibility.ADMINS)
    elif scope == ALL:
        found.add(visibility.GLOBAL_MODERATORS)
    elif sector_id in scope:
        found.add(visibility.SECTOR_MODERATORS)
    return frozenset(found)


def _merged(thread):
    """Whether a redirect names this closed thread (merged away); one look-up, closed threads only."""
    from models import db

    return thread.deleted_at is not None and db.session.get(ThreadRedirect, thread.id) is not None


def thread_state(thread):
    """The thread's row name in the visibility table."""
    return visibility.thread_state(thread.deleted_at, thread.pending_at, _merged(thread))


def post_state(post):
    """The post's row name in the visibility table."""
    return visibility.post_state(post.deleted_at, post.pending_at, post.hidden_at)


def _sees(user, kind, state, sector_id, author_id):
    return bool(audiences(user, sector_id, author_id) & visibility.row(kind, state))


def can_view_thread(user, thread):
    """The thread's row of the visibility table admits one of the viewer's audiences."""
    if thread is None:
        return False
    return _sees(user, visibility.THREAD, thread_state(thread), thread.sector_id, thread.author_id)


def can_view_post(user, post):
    """Both the thread's row and the post's row admit the viewer (hidden and pending posts stay
    visible, greyed, to their author and moderators)."""
    if post is None or not can_view_thread(user, post.thread):
        return False
    return _sees(user, visibility.POST, post_state(post), post.thread.sector_id, post.author_id)


def can_view(user, thing):
    """Dispatch on the kind of thing: sector, thread or post."""
    if isinstance(thing, Post):
        return can_view_post(user, thing)
    if isinstance(thing, Thread):
        return can_view_thread(user, thing)
    if isinstance(thing, Sector):
        return can_view_sector(user, thing)
    return False


def can_write(user):
    """Signed in, neither suspended nor silenced."""
    member = _member(user)
    return bool(member and not is_suspended(member) and not is_silenced(member))


def can_start_thread(user, sector):
    """Whether `user` may open a thread in `sector` (writers, in a sector that exists)."""
    return can_write(user) and sector is not None


def can_post(user, thread):
    """Reply rights: may write and view; a locked or closed thread only for its moderators."""
    member = _member(user)
    if not can_write(member) or not can_view_thread(member, thread):
        return False
    if thread.is_locked or thread.deleted_at is not None:
        return can_moderate(member, thread)
    return True


def can_edit_post(user, post):
    """Authors edit their own visible posts and moderators those they moderate."""
    member = _member(user)
    if member is None or is_suspended(member) or not can_view_post(member, post):
        return False
    if can_moderate(member, post):
        return True
    return (_own(member, post) and not is_silenced(member) and not post.thread.is_locked
            and post.hidden_at is None)


def can_flag(user, post):
    """Any member (silenced ones too: reporting is not posting) may flag a post of someone else."""
    member = _member(user)
    return bool(member and not is_suspended(member) and can_view_post(member, post)
                and post.author_id != member.id and post.pending_at is None)


def _scope_filter(scope, sector_column):
    if scope == ALL:
        return true()
    if not scope:
        return false()
    return sector_column.in_(sorted(scope))


def visible_threads_filter(user):
    """SQL filter of the threads `user` may list, derived from the visibility table."""
    return visibility_sql.visible_filter(visibility.THREAD, audiences_sql(user, visibility.THREAD))


def visible_posts_filter(user):
    """SQL filter of the posts `user` may read in full by the post's own row (callers add
    `visible_threads_filter` when they join threads). Works with or without a join to threads."""
    return visibility_sql.visible_filter(visibility.POST, audiences_sql(user, visibility.POST))


def audiences_sql(user, kind):
    """audience -> True, False or a SQL condition on the rows of `kind` (posts or threads)."""
    member, held = _member(user), audiences(user, None, None)
    scope = moderated_sectors(member)
    return visibility_sql.audience_conditions(
        kind, member.id if member else None, frozenset() if scope == ALL else scope,
        visibility.GLOBAL_MODERATORS in held, visibility.ADMINS in held)


def moderated_sectors_filter(user, sector_column):
    """SQL filter restricting moderation lists (flags, queues, log) to the user's sectors."""
    return _scope_filter(moderated_sectors(user), sector_column)


def search_visibility(user):
    """What search may show `user`, as plain data the index mask derives from the table:
    `audiences` the viewer holds everywhere (members, global moderators, admins), the ids of
    the sectors they moderate (or ALL) and their member id for their own posts and threads."""
    member = _member(user)
    everywhere = {a for a in audiences(member, None, None) if a != visibility.AUTHOR}
    scope = moderated_sectors(member)
    return {"sectors": scope, "member_id": member.id if member else None,
            "audiences": frozenset(everywhere)}


def can_view_revisions(user, post):
    """A post's earlier versions are for its author and its moderators: what an edit took out
    (a phone number, an address) must not stay public."""
    member = _member(user)
    return can_view_post(member, post) and (_own(member, post) or can_moderate(member, post))
