"""Client managers that can drop one member's sockets in every server process.

`user_access_changed` closes the room `user:<id>`; the close travels through the message
queue like any emit, and each process disconnects its own sockets in that room. A CLI job
(write-only manager) reaches the servers the same way.
"""
import logging

import socketio as sio

log = logging.getLogger(__name__)
KICK_PREFIX = "user:"


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
        _disconnect_members(self, room, namespace)
        return super().close_room(room, namespace)


class KickingRedisManager(sio.RedisManager):
    """Redis manager: every process, the sender included, runs `_handle_close_room`."""

    def _handle_close_room(self, message):
        _disconnect_members(self, message.get("room"), message.get("namespace"))
        return super()._handle_close_room(message)


def make_manager(redis_url, channel="praxis-socketio", write_only=False):
    if redis_url:
        return KickingRedisManager(redis_url, channel=channel, write_only=write_only)
    return KickingManager()
