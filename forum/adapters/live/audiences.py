"""Socket.IO rooms derived from the visibility table (forum/visibility.py).

A socket on a thread page joins the rooms of the audiences it holds for that thread
(`viewer_rooms`); an event about a thread or a post goes to the rooms of the audiences its rows
admit (`thread_rooms`, `post_rooms`). Both sides are computed from the same table, so a state
the table adds reaches exactly the sockets the table names, or fails loudly (`Unsupported`)
until this module learns its audience.

Targets: ANYONE (every socket on the thread), MEMBERS (signed-in sockets), MODERATORS (those who
may moderate the thread: sector moderators, global moderators and admins together) and one
member (`("user", id)`, the author).
"""
from forum.core import permissions, visibility as v
from models import User, db
from forum.adapters.live.rooms import author_room, members_room, moderators_room, thread_room

ANYONE, MEMBERS, MODERATORS = "anyone", "members", "moderators"


def _targets(row, author_id):
    """The targets of one row of the table for a thing by `author_id`."""
    unknown = set(row) - set(v.AUDIENCES)
    if unknown:
        raise v.Unsupported(f"no socket room for audience {sorted(unknown)}")
    if v.ANYONE in row:
        return {ANYONE}
    targets = set()
    if v.MEMBERS in row:
        targets.add(MEMBERS)
    if v.AUTHOR in row:
        targets.add(("user", author_id))
    mods = row & v.MODERATORS
    if mods == v.MODERATORS:
        targets.add(MODERATORS)
    elif mods:
        raise v.Unsupported(f"no socket room for only {sorted(mods)} of the moderators")
    return targets


def _meet(one, other, thread):
    """Targets in both sets (a post is seen by those its thread's row and its own row admit)."""
    if ANYONE in one:
        return set(other)
    if ANYONE in other:
        return set(one)
    met = set()
    for a in one:
        for b in other:
            met |= _pair(a, b, thread)
    return met


def _pair(a, b, thread):
    """The meet of two targets."""
    if a == b:
        return {a}
    if MEMBERS in (a, b):  # every other target is a signed-in member
        return {b if a == MEMBERS else a}
    if MODERATORS in (a, b):  # one member and the moderators: that member if they moderate it
        user = a if a != MODERATORS else b
        return {user} if permissions.can_moderate(db.session.get(User, user[1]), thread) else set()
    return set()  # two different members


def _rooms(thread_id, targets):
    rooms = set()
    for target in targets:
        if target == ANYONE:
            rooms |= {thread_room(thread_id), moderators_room(thread_id)}
        elif target == MEMBERS:
            rooms.add(members_room(thread_id))
        elif target == MODERATORS:
            rooms.add(moderators_room(thread_id))
        else:
            rooms.add(author_room(thread_id, target[1]))
    return sorted(rooms)


def thread_targets(thread):
    """Who may see the thread now, as targets."""
    return _targets(v.row(v.THREAD, permissions.thread_state(thread)), thread.author_id)


def post_targets(post):
    """Who may read the post now: its own row met with its thread's."""
    own = _targets(v.row(v.POST, permissions.post_state(post)), post.author_id)
    return _meet(thread_targets(post.thread), own, post.thread)


def thread_rooms(thread):
    """The rooms of the sockets that may see `thread` now."""
    return _rooms(thread.id, thread_targets(thread))


def post_rooms(post):
    """The rooms of the sockets that may read `post` now."""
    return _rooms(post.thread_id, post_targets(post))


def viewer_rooms(user, thread):
    """The rooms one socket of `user` joins on `thread` ([] when they may not see it): the
    moderators' room or the readers' room, the members' room, and their own."""
    if not permissions.can_view_thread(user, thread):
        return []
    rooms = [moderators_room(thread.id) if permissions.can_moderate(user, thread) else thread_room(thread.id)]
    member = user if user is not None and getattr(user, "is_authenticated", False) else None
    if member is not None:
        rooms += [members_room(thread.id), author_room(thread.id, member.id)]
    return rooms


def every_room(thread_id, user_id=None):
    """Every room a socket may hold on a thread (what a re-check or a leave clears)."""
    rooms = [thread_room(thread_id), moderators_room(thread_id)]
    if user_id is not None:
        rooms += [members_room(thread_id), author_room(thread_id, user_id)]
    return rooms
