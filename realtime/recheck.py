"""Re-asking the visibility table for the sockets already on a thread.

A socket's rooms were chosen when it joined (realtime/audiences.viewer_rooms). When the thread
moves to another sector, is merged, closed or changes state, each process runs `recheck` for
its own sockets on that thread (through the Redis message queue when REDIS_URL is set, see
realtime/managers.py): a moderator of the old sector drops from the moderators' room to the
readers' one, a reader who may no longer see the thread leaves every room of it and is told
`thread_removed`. Role and sector changes disconnect the member's sockets instead
(`publish.user_access_changed`): they reconnect and join afresh.
"""
import logging

from flask import url_for

from forum.core import permissions
from models import Thread, ThreadRedirect, User, db
from forum.adapters.live.audiences import every_room, viewer_rooms

log = logging.getLogger(__name__)


def install(app, socketio):
    """Register the re-check of `app` on the socket server's manager."""
    socketio.server.manager.on_recheck = lambda thread_id: recheck(app, socketio, thread_id)


def recheck(app, socketio, thread_id):
    """Move this process's sockets on `thread_id` to the rooms the table gives them now."""
    hub = app.extensions["praxis_realtime"]
    key = f"thread:{thread_id}"
    with hub.lock:
        sockets = [(sid, conn) for sid, conn in hub.conns.items() if key in conn.rooms]
    if not sockets:
        return
    with app.app_context(), app.test_request_context("/"):
        thread = db.session.get(Thread, thread_id)
        for sid, conn in sockets:
            user = db.session.get(User, conn.user_id) if conn.user_id is not None else None
            if conn.user_id is not None and (user is None or user.session_version != conn.session_version):
                socketio.server.disconnect(sid, namespace="/")
                continue
            wanted = viewer_rooms(user, thread) if thread is not None else []
            _move(socketio.server, sid, thread_id, conn.user_id, wanted)
            if not wanted:
                conn.rooms.discard(key)
                conn.counted.discard(thread_id)
                hub.presence.remove(thread_id, sid)
                socketio.emit("thread_removed", _removed(user, thread, thread_id), to=sid, namespace="/")
        db.session.remove()


def _move(server, sid, thread_id, user_id, wanted):
    for room in every_room(thread_id, user_id):
        if room in wanted:
            server.enter_room(sid, room, namespace="/")
        else:
            server.leave_room(sid, room, namespace="/")


def _removed(user, thread, thread_id):
    """The `thread_removed` payload for one reader: where the thread lives on, if they may open it."""
    redirect = db.session.get(ThreadRedirect, thread_id)
    target = db.session.get(Thread, redirect.new_thread_id) if redirect else None
    moved_to = None
    if target is not None and permissions.can_view_thread(user, target):
        moved_to = url_for("threads.show", thread_id=target.id, slug=target.slug)
    return {"thread_id": thread_id, "sector": thread.sector.slug if thread else None, "moved_to": moved_to}
