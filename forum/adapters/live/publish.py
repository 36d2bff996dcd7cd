"""Publish functions services call after commit (through forum/events.py). Ids only, never
ORM objects: each function re-reads what it sends and sends it to the rooms that
forum/adapters/live/audiences.py derives from the visibility table (forum/visibility.py).

Every function is safe to call from a request, a CLI job or another process (through the
Redis message queue); it never raises into the caller's request (forum/events.py logs).
"""
from forum.core import permissions
from models import Post, Thread, db
from forum.adapters.live import audiences, socketio
from forum.adapters.live.managers import RECHECK_PREFIX
from forum.adapters.live.rooms import (HOME_ROOM, neutral_context, post_payload, sector_room, thread_room, thread_row, user_room)


def _emit(event, payload, rooms):
    if rooms:
        socketio.emit(event, payload, to=rooms if len(rooms) > 1 else rooms[0], namespace="/")


def _post_event(event, post_id, with_activity=False):
    """Send `event` with the readable fragment of a post to exactly the sockets that may read it
    (the table's rows for the post and its thread), nothing to anyone else."""
    with neutral_context():
        post = db.session.get(Post, post_id)
        if post is None or post.thread is None:
            return
        _emit(event, post_payload(post, True), audiences.post_rooms(post))
        if with_activity and permissions.can_view_post(None, post):
            _activity(post.thread, "thread_activity", post_id=post.id)


def _activity(thread, event, **extra):
    """Sector and home pages: the thread's list row, only for threads the public may open."""
    if not permissions.can_view_thread(None, thread):
        return
    base = {"thread_id": thread.id, "sector": thread.sector.slug, **extra}
    _emit(event, {**base, "html": thread_row(thread, show_sector=False)}, [sector_room(thread.sector.slug)])
    _emit(event, {**base, "html": thread_row(thread, show_sector=True)}, [HOME_ROOM])


def post_created(post_id):
    """Announce a new post to readers of its thread, and its thread's activity to list pages."""
    _post_event("post_created", post_id, with_activity=True)


def post_edited(post_id):
    """Announce an edited post."""
    _post_event("post_edited", post_id)


def post_restored(post_id):
    """A hidden post is visible again: every reader gets it back in full."""
    _post_event("post_restored", post_id)


def post_hidden(post_id):
    """A moderator hid a post. Readers who may not open it get `post_removed` with the
    placeholder the page now shows them; `post_hidden` with the greyed, readable fragment goes
    only to moderators and the author."""
    with neutral_context():
        post = db.session.get(Post, post_id)
        if post is None or post.thread is None:
            return
        lost = sorted(set(audiences.thread_rooms(post.thread)) - set(audiences.post_rooms(post)))
        if lost:  # the readers of the thread who may not read the post: the placeholder
            _emit("post_removed", post_payload(post, False), lost)
    # The readable version last, so the author (also a reader) ends with the greyed post.
    _post_event("post_hidden", post_id)


def thread_created(thread_id):
    """Announce a new thread to readers of its sector and the home page."""
    with neutral_context():
        thread = db.session.get(Thread, thread_id)
        if thread is not None:
            _activity(thread, "thread_created")


def thread_updated(thread_id):
    """Lock, pin, rename, tags, move or close changed: readers of the thread and lists update."""
    with neutral_context():
        thread = db.session.get(Thread, thread_id)
        if thread is None:
            return
        state = {"thread_id": thread.id, "title": thread.title, "is_locked": thread.is_locked,
                 "is_pinned": thread.is_pinned, "sector": thread.sector.slug}
        recheck_thread(thread_id)  # moved, merged into, closed: who may stay is asked again
        _emit("thread_updated", state, audiences.thread_rooms(thread))
        _activity(thread, "thread_updated", **{k: v for k, v in state.items() if k.startswith("is_")})


def thread_removed(thread_id):
    """Closed, or merged into another thread: its readers and list pages that may no longer open
    it are told (`moved_to` is the thread it lives on in, when they may open that one);
    moderators, who still may, get `thread_updated` instead."""
    from flask import url_for

    from models import ThreadRedirect

    with neutral_context():
        thread = db.session.get(Thread, thread_id)
        if thread is None or permissions.can_view_thread(None, thread):
            return
        recheck_thread(thread_id)
        redirect = db.session.get(ThreadRedirect, thread_id)
        target = db.session.get(Thread, redirect.new_thread_id) if redirect else None
        moved_to = None
        if target is not None and permissions.can_view_thread(None, target):
            moved_to = url_for("threads.show", thread_id=target.id, slug=target.slug)
        _emit("thread_removed", {"thread_id": thread_id, "sector": thread.sector.slug, "moved_to": moved_to},
              [thread_room(thread_id), sector_room(thread.sector.slug), HOME_ROOM])


def notification_created(user_id, notification_id):
    """A member's bell count changed (room user:<id>, only that member's sockets)."""
    _emit("notification_created", {"notification_id": int(notification_id)}, [user_room(int(user_id))])


def user_access_changed(user_id):
    """Sign-out, suspension or role change: disconnect that member's open sockets in every
    process (they reconnect and are checked afresh from their current cookie)."""
    server = socketio.server
    if server is not None:
        server.manager.close_room(user_room(int(user_id)), "/")


def recheck_thread(thread_id):
    """A thread moved, merged or changed state: every process re-asks the table for each of
    its sockets on that thread and moves it between rooms, or out (realtime/managers.py)."""
    server = socketio.server
    if server is not None:
        server.manager.close_room(f"{RECHECK_PREFIX}{int(thread_id)}", "/")
