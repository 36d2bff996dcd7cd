"""The SQL side of the visibility table: which rows are in which state, which rows a viewer's
audiences cover, and the filter every list and count uses (derived, never written by hand)."""
from sqlalchemy import and_, false, or_, select

from forum.core import visibility as v
from models import Post, Thread, ThreadRedirect


def _merged():
    return Thread.id.in_(select(ThreadRedirect.old_thread_id))


def state_conditions(kind):
    """state -> SQL condition; the conditions of one kind exclude each other, like the Python
    `visibility.post_state` / `thread_state` precedence."""
    if kind == v.POST:
        alive = Post.deleted_at.is_(None)
        return {
            "deleted": Post.deleted_at.is_not(None),
            "pending": and_(alive, Post.pending_at.is_not(None)),
            "hidden": and_(alive, Post.pending_at.is_(None), Post.hidden_at.is_not(None)),
            "visible": and_(alive, Post.pending_at.is_(None), Post.hidden_at.is_(None)),
        }
    if kind == v.THREAD:
        alive = Thread.deleted_at.is_(None)
        return {
            "merged": and_(Thread.deleted_at.is_not(None), _merged()),
            "closed": and_(Thread.deleted_at.is_not(None), ~_merged()),
            "pending": and_(alive, Thread.pending_at.is_not(None)),
            "open": and_(alive, Thread.pending_at.is_(None)),
        }
    raise v.Unsupported(f"no SQL states for {kind!r}")


def audience_conditions(kind, member_id, sectors, global_moderator, admin):
    """audience -> True (the viewer holds it for every row), False (for none) or a SQL condition
    on the rows of `kind` (the viewer's own rows, the rows of the `sectors` they moderate)."""
    author = Post.author_id if kind == v.POST else Thread.author_id
    if sectors and kind == v.POST:
        in_scope = Post.thread_id.in_(select(Thread.id).where(Thread.sector_id.in_(sorted(sectors))))
    elif sectors:
        in_scope = Thread.sector_id.in_(sorted(sectors))
    else:
        in_scope = False
    return {
        v.ANYONE: True,
        v.MEMBERS: member_id is not None,
        v.AUTHOR: (author == member_id) if member_id is not None else False,
        v.SECTOR_MODERATORS: in_scope,
        v.GLOBAL_MODERATORS: bool(global_moderator),
        v.ADMINS: bool(admin),
    }


def _any(conditions):
    """OR of True/False/SQL values, folded: True if one is True, False if none remains."""
    sql = []
    for condition in conditions:
        if condition is True:
            return True
        if condition is not False:
            sql.append(condition)
    return or_(*sql) if sql else False


def visible_filter(kind, held):
    """The rows of `kind` whose state's row admits an audience the viewer `held` (from
    `audience_conditions`): OR over states of (in that state AND the viewer may see it)."""
    states = state_conditions(kind)
    if set(states) != set(v.TABLE[kind]):
        raise v.Unsupported(f"SQL states {sorted(states)} differ from the table's {sorted(v.TABLE[kind])}")
    clauses = []
    for state, audiences in v.TABLE[kind].items():
        unknown = set(audiences) - set(held)
        if unknown:
            raise v.Unsupported(f"no SQL condition for audience {sorted(unknown)}")
        may = _any(held[audience] for audience in audiences)
        if may is True:
            clauses.append(states[state])
        elif may is not False:
            clauses.append(and_(states[state], may))
    if not clauses:
        return false()
    return or_(*clauses) if len(clauses) > 1 else clauses[0]
