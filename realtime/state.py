"""Per-process state of live connections: who each socket is, its joins, its rate budget,
and the "N reading now" counts (in Redis when several processes serve, else in memory)."""
import logging
import threading
import time
from dataclasses import dataclass, field

PRESENCE_TTL = 90       # seconds a reader counts unless its process re-asserts it (Redis)
PRESENCE_REFRESH = 30   # each process re-asserts its own readers this often
PRESENCE_DELAY = 1.0     # presence broadcasts are coalesced: at most one a second per thread

log = logging.getLogger(__name__)


@dataclass
class Conn:
    """What a socket proved at connect time (a copy of its session) and what it joined."""

    user_id: int | None = None
    session_version: int | None = None
    name: str = ""
    address: str = ""                            # the client address (ProxyFix-corrected)
    counted: set = field(default_factory=set)    # threads whose presence count includes it
    rooms: set = field(default_factory=set)      # joined targets: "thread:7", "sector:vet", "home"
    tokens: float = 0.0
    refilled_at: float = field(default_factory=time.monotonic)
    typed_at: dict = field(default_factory=dict)  # thread id -> monotonic time of last broadcast


class RateLimit:
    """A token bucket per socket: bursts of `burst` events, `rate` a second sustained."""

    def __init__(self, burst=20, rate=5.0):
        self.burst, self.rate = burst, rate

    def allow(self, conn):
        now = time.monotonic()
        conn.tokens = min(self.burst, conn.tokens + (now - conn.refilled_at) * self.rate)
        conn.refilled_at = now
        if conn.tokens < 1:
            return False
        conn.tokens -= 1
        return True


class MemoryPresence:
    """Readers per thread in this process (the embedded default)."""

    def __init__(self):
        self._readers = {}
        self._lock = threading.Lock()

    def add(self, thread_id, sid):
        with self._lock:
            self._readers.setdefault(thread_id, set()).add(sid)

    def remove(self, thread_id, sid):
        with self._lock:
            readers = self._readers.get(thread_id)
            if readers is not None:
                readers.discard(sid)
                if not readers:
                    del self._readers[thread_id]

    def count(self, thread_id):
        with self._lock:
            return len(self._readers.get(thread_id, ()))

    def snapshot(self):
        with self._lock:
            return {thread_id: list(sids) for thread_id, sids in self._readers.items()}

    def start_refreshing(self, start_task, sleep):
        """Nothing to refresh: a process's memory dies with it."""


class RedisPresence:
    """Readers per thread shared by every process: a sorted set of sids scored by expiry.

    Each process re-asserts its own readers every PRESENCE_REFRESH seconds, so the readers of a
    process that died without cleaning up stop counting within PRESENCE_TTL.
    """

    def __init__(self, url, channel):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2)
        self._prefix = f"{channel}:presence:thread:"
        self._local = MemoryPresence()  # this process's readers, re-asserted by the refresher
        self._lock = threading.Lock()
        self._refreshing = False

    def _key(self, thread_id):
        return f"{self._prefix}{thread_id}"

    def add(self, thread_id, sid):
        self._local.add(thread_id, sid)
        self._assert({thread_id: [sid]})

    def remove(self, thread_id, sid):
        self._local.remove(thread_id, sid)
        self._redis.zrem(self._key(thread_id), sid)

    def refresh(self):
        """Extend the expiry of every reader this process holds."""
        readers = self._local.snapshot()
        if readers:
            self._assert(readers)

    def _assert(self, readers):
        expiry = time.time() + PRESENCE_TTL
        pipe = self._redis.pipeline()
        for thread_id, sids in readers.items():
            key = self._key(thread_id)
            pipe.zadd(key, dict.fromkeys(sids, expiry))
            pipe.expire(key, PRESENCE_TTL)
        pipe.execute()

    def start_refreshing(self, start_task, sleep):
        """Start the refresher once per process (the first join calls this)."""
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True
        start_task(self._refresh_forever, sleep)

    def _refresh_forever(self, sleep):
        while True:
            sleep(PRESENCE_REFRESH)
            try:
                self.refresh()
            except Exception:  # Redis away for a moment: the next round re-asserts everything
                log.warning("presence refresh failed", exc_info=True)

    def count(self, thread_id):
        key = self._key(thread_id)
        pipe = self._redis.pipeline()
        pipe.zremrangebyscore(key, "-inf", time.time())
        pipe.zcard(key)
        return int(pipe.execute()[1])


class Hub:
    """The live-connection registry of one app in one process."""

    def __init__(self, redis_url=None, channel="praxis-socketio"):
        self.conns = {}
        self.lock = threading.Lock()
        self.limit = RateLimit()
        self.presence = RedisPresence(redis_url, channel) if redis_url else MemoryPresence()
        self._dirty = set()
        self._flush_pending = False

    def add(self, sid, conn):
        conn.tokens = self.limit.burst
        with self.lock:
            self.conns[sid] = conn

    def admit(self, sid, conn, per_address):
        """Add the socket unless its address already holds `per_address` sockets here."""
        with self.lock:
            if sum(1 for other in self.conns.values() if other.address == conn.address) >= per_address:
                return False
            conn.tokens = self.limit.burst
            self.conns[sid] = conn
            return True

    def counts(self, conn, thread_id, anonymous_per_address):
        """Whether a reader joining `thread_id` adds to its presence count: members always,
        anonymous sockets up to `anonymous_per_address` per address (a script opening many
        anonymous sockets cannot inflate "N reading now")."""
        with self.lock:
            if conn.user_id is None and sum(
                    1 for other in self.conns.values() if other.user_id is None
                    and other.address == conn.address and thread_id in other.counted) >= anonymous_per_address:
                return False
            conn.counted.add(thread_id)
            return True

    def get(self, sid):
        with self.lock:
            return self.conns.get(sid)

    def pop(self, sid):
        with self.lock:
            return self.conns.pop(sid, None)

    def presence_changed(self, thread_id, start_task, flush):
        """Mark a thread's count dirty; one task a second broadcasts all dirty counts."""
        with self.lock:
            self._dirty.add(thread_id)
            if self._flush_pending:
                return
            self._flush_pending = True
        start_task(self._flush_later, flush)

    def _flush_later(self, flush):
        time.sleep(PRESENCE_DELAY)
        with self.lock:
            dirty, self._dirty, self._flush_pending = self._dirty, set(), False
        for thread_id in dirty:
            try:
                flush(thread_id, self.presence.count(thread_id))
            except Exception:  # Redis away for a moment: the next change corrects the count
                pass
