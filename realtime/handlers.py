"""Socket.IO handlers: connect, join/leave, typing, catch-up.

The socket knows its member from the Flask session cookie at connect time, through the same
user loader as pages (a signed-out or stale cookie is refused; the page load before the socket
has already turned a remember-me cookie into a session) and re-reads that member before each join, typing or catch-up, so a
bumped session version ends the socket. Every client event is rate limited, validated and
answered with an ack `{"ok": true, ...}` or `{"ok": false, "error": "..."}`; a handler never
raises into the server and the connection stays usable for valid events.
"""
import json
import logging
import re
import time

from flask import current_app, request, session
from flask_socketio import ConnectionRefusedError, disconnect, join_room, leave_room
from sqlalchemy import select

from forum.core import permissions
from forum.web.auth import load_user
from models import Sector, Thread, User, db
from forum.adapters.live import audiences
from realtime import socketio
from forum.adapters.live.rooms import HOME_ROOM, moderators_room, sector_room, thread_room, user_room
from realtime.state import Conn

log = logging.getLogger(__name__)

MAX_JOINS = 20          # a page needs one or two rooms; a script joining hundreds is refused
MAX_PAYLOAD = 1024      # bytes of JSON in a client event's payload (catch-up lists a page's posts)
MAX_ID = 2**31 - 1
TYPING_EVERY = 3.0      # seconds between two typing broadcasts of one member in one thread
SLUG_RE = re.compile(r"^[a-z0-9-]{1,40}$")


class BadRequest(Exception):
    """A client event the server refuses, with the reason for the ack."""


def _hub():
    return current_app.extensions["praxis_realtime"]


def _reply(error):
    return {"ok": False, "error": error}


# -- connect / disconnect -------------------------------------------------------------------

@socketio.on("connect")
def on_connect(auth=None):
    """Identify the reader from the session cookie; refuse cookies that no longer sign in."""
    claimed = session.get("_user_id")  # "id:session_version", as Flask-Login stored it
    user = load_user(claimed) if claimed else None
    if claimed and user is None:
        raise ConnectionRefusedError("signed out")  # the cookie's session version was ended
    if user is not None and permissions.is_suspended(user):
        raise ConnectionRefusedError("suspended")
    conn = Conn(address=request.remote_addr or "")
    if user is not None:
        conn.user_id, conn.session_version, conn.name = user.id, user.session_version, user.name
    if not _hub().admit(request.sid, conn, current_app.config["SOCKETS_PER_ADDRESS"]):
        raise ConnectionRefusedError("too many connections from your address")
    if user is not None:
        join_room(user_room(user.id))
    return True


@socketio.on("disconnect")
def on_disconnect(reason=None):
    hub = _hub()
    conn = hub.pop(request.sid)
    if conn is None:
        return
    for target in list(conn.rooms):
        if target.startswith("thread:"):
            _presence_leave(hub, int(target.split(":", 1)[1]), request.sid)


# -- the guard every client event passes ------------------------------------------------------

def _guarded(handler):
    """Rate limit, validate the single JSON object argument, re-check the member, and turn
    every failure into an error ack."""

    def wrapper(*args):
        hub = _hub()
        conn = hub.get(request.sid)
        if conn is None:
            return _reply("not connected")
        if not hub.limit.allow(conn):
            return _reply("rate limited")
        try:
            payload = _payload(args)
            user = _member(conn)
            return handler(hub, conn, user, payload)
        except BadRequest as error:
            return _reply(str(error))
        except Exception:
            log.exception("live event %s failed", handler.__name__)
            db.session.rollback()
            return _reply("server error")

    wrapper.__name__ = handler.__name__
    return wrapper


def _payload(args):
    if len(args) != 1 or not isinstance(args[0], dict):
        raise BadRequest("expected one JSON object")
    if len(json.dumps(args[0])) > MAX_PAYLOAD:
        raise BadRequest("payload too large")
    return args[0]


def _member(conn):
    """The socket's member re-read now, or None for anonymous sockets; a member whose
    session was ended since connect is disconnected."""
    if conn.user_id is None:
        return None
    user = db.session.get(User, conn.user_id)
    if user is None or user.session_version != conn.session_version or permissions.is_suspended(user):
        disconnect()
        raise BadRequest("signed out")
    return user


def _thread_id(value):
    if type(value) is not int or not 0 < value <= MAX_ID:
        raise BadRequest("thread must be a positive integer id")
    return value


def _target(payload):
    """Exactly one of {"thread": id}, {"sector": "slug"}, {"home": true}."""
    keys = set(payload)
    if keys == {"thread"}:
        return "thread", _thread_id(payload["thread"])
    if keys == {"sector"}:
        slug = payload["sector"]
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise BadRequest("sector must be a sector slug")
        return "sector", slug
    if keys == {"home"} and payload["home"] is True:
        return "home", True
    raise BadRequest("expected {\"thread\": id}, {\"sector\": \"slug\"} or {\"home\": true}")


def _visible_thread(user, thread_id):
    thread = db.session.get(Thread, thread_id)
    if not permissions.can_view_thread(user, thread):
        raise BadRequest("not found")  # the same answer for missing and not visible
    return thread


def _target_rooms(user, kind, value):
    if kind == "thread":
        return audiences.viewer_rooms(user, _visible_thread(user, value))
    if kind == "sector":
        sector = db.session.scalar(select(Sector).where(Sector.slug == value))
        if not permissions.can_view_sector(user, sector):
            raise BadRequest("not found")
        return [sector_room(value)]
    return [HOME_ROOM]


# -- join / leave ---------------------------------------------------------------------------

@socketio.on("join")
@_guarded
def on_join(hub, conn, user, payload):
    kind, value = _target(payload)
    key = f"{kind}:{value}" if kind != "home" else HOME_ROOM
    if key in conn.rooms:
        return {"ok": True}
    if len(conn.rooms) >= MAX_JOINS:
        raise BadRequest("too many rooms")
    for room in _target_rooms(user, kind, value):
        join_room(room)
    conn.rooms.add(key)
    if kind == "thread":
        hub.presence.start_refreshing(socketio.start_background_task, socketio.sleep)
        if hub.counts(conn, value, current_app.config["PRESENCE_ANONYMOUS_PER_ADDRESS"]):
            hub.presence.add(value, request.sid)
            hub.presence_changed(value, socketio.start_background_task, _broadcast_presence)
        return {"ok": True, "reading": hub.presence.count(value)}
    return {"ok": True}


@socketio.on("leave")
@_guarded
def on_leave(hub, conn, user, payload):
    kind, value = _target(payload)
    key = f"{kind}:{value}" if kind != "home" else HOME_ROOM
    if key not in conn.rooms:
        return {"ok": True}
    conn.rooms.discard(key)
    if kind == "thread":
        rooms = audiences.every_room(value, conn.user_id)
        conn.counted.discard(value)
        _presence_leave(hub, value, request.sid)
    else:
        rooms = [sector_room(value)] if kind == "sector" else [HOME_ROOM]
    for room in rooms:
        leave_room(room)
    return {"ok": True}


# -- typing and presence ----------------------------------------------------------------------

@socketio.on("typing")
@_guarded
def on_typing(hub, conn, user, payload):
    if set(payload) != {"thread"}:
        raise BadRequest("expected {\"thread\": id}")
    thread_id = _thread_id(payload["thread"])
    if f"thread:{thread_id}" not in conn.rooms:
        raise BadRequest("join the thread first")
    now = time.monotonic()
    if now - conn.typed_at.get(thread_id, 0) < TYPING_EVERY:
        return {"ok": True}  # throttled: readers already show the indicator
    thread = _visible_thread(user, thread_id)
    if not permissions.can_post(user, thread):
        raise BadRequest("you cannot reply here")
    conn.typed_at[thread_id] = now
    socketio.emit("typing", {"thread_id": thread_id, "user_id": user.id, "name": user.name},
                  to=audiences.thread_rooms(thread), skip_sid=request.sid, namespace="/")
    return {"ok": True}


def _presence_leave(hub, thread_id, sid):
    try:
        hub.presence.remove(thread_id, sid)
        hub.presence_changed(thread_id, socketio.start_background_task, _broadcast_presence)
    except Exception:
        log.warning("presence update failed for thread %s", thread_id, exc_info=True)


def _broadcast_presence(thread_id, count):
    """Readers of a thread learn how many read it now (counts only, no names)."""
    socketio.emit("presence", {"thread_id": thread_id, "reading": count},
                  to=[thread_room(thread_id), moderators_room(thread_id)], namespace="/")


@socketio.on_error_default
def on_error(error):
    """Last resort: log and answer with an error ack, never a server exception."""
    log.warning("live event failed: %r", error)
    return _reply("server error")
