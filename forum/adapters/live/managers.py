"""Client managers that can drop one member's sockets in every server process.

`user_access_changed` closes the room `user:<id>`; the close travels through the message
queue like any emit, and each process disconnects its own sockets in that room. A CLI job
(write-only manager) reaches the servers the same way.

`publish.recheck_thread` closes the pseudo-room `recheck:thread:<id>` the same way: each
process then re-asks the visibility table for its own sockets on that thread (`on_recheck`,
set by realtime.init_app) and moves them between rooms or out.
"""
import logging

import socketio as sio

log = logging.getLogger(__name__)
KICK_PREFIX = "user:"
RECHECK_PREFIX = "recheck:thread:"


def _recheck(manager, room):
    """Re-check the local sockets of a thread (no-op without a registered app)."""
    if not room or not str(room).startswith(RECHECK_PREFIX):
        return
    hook = getattr(manager, "on_recheck", None)
    if hook is None or manager.server is None:
        return
    try:
        hook(int(str(room)[len(RECHECK_PREFIX):]))
    except Exception:  # never into the publisher or the Redis listener
        log.exception("re-checking the sockets of %s failed", room)


def _disconnect_members(manager, room, namespace):
    """Disconnect the local sockets in `room` (only for per-user rooms)."""
    if not room or not str(room).startswith(KICK_PREFIX) or manager.server is None:
        return
    namespace = namespace or "/"
    try:
        sids = [sid for sid, _eio in manager.get_participants(namespace, room)]
    except KeyError:
        return
    for sid in sids:
        try:
            manager.server.disconnect(sid, namespace=namespace, ignore_queue=True)
        except Exception:  # a socket closing at the same moment is fine
            log.debug("could not disconnect %s", sid, exc_info=True)


class KickingManager(sio.Manager):
    """In-process manager (no REDIS_URL)."""

    def close_room(self, room, namespace):
        """Closing a room also disconnects its members' sockets and asks the others to re-check."""
        _disconnect_members(self, room, namespace)
        _recheck(self, room)
        return super().close_room(room, namespace)


class KickingRedisManager(sio.RedisManager):
    """Redis manager: every process, the sender included, runs `_handle_close_room`."""

    def _handle_close_room(self, message):
        _disconnect_members(self, message.get("room"), message.get("namespace"))
        _recheck(self, message.get("room"))
        return super()._handle_close_room(message)


def make_manager(redis_url, channel="praxis-socketio", write_only=False):
    """The client manager for this deployment: Redis across processes, in-memory alone."""
    if redis_url:
        return KickingRedisManager(redis_url, channel=channel, write_only=write_only)
    return KickingManager()
