"""Per-process state of live connections: who each socket is, its joins, its rate budget,
and the "N reading now" counts (in Redis when several processes serve, else in memory)."""
import threading
import time
from dataclasses import dataclass, field

PRESENCE_TTL = 6 * 3600  # a process that died without cleaning up stops counting after this
PRESENCE_DELAY = 1.0     # presence broadcasts are coalesced: at most one a second per thread


@dataclass
class Conn:
    """What a socket proved at connect time (a copy of its session) and what it joined."""

    user_id: int | None = None
    session_version: int | None = None
    name: str = ""
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


class RedisPresence:
    """Readers per thread shared by every process: a sorted set of sids scored by expiry."""

    def __init__(self, url, channel):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2)
        self._prefix = f"{channel}:presence:thread:"

    def _key(self, thread_id):
        return f"{self._prefix}{thread_id}"

    def add(self, thread_id, sid):
        key = self._key(thread_id)
        pipe = self._redis.pipeline()
        pipe.zadd(key, {sid: time.time() + PRESENCE_TTL})
        pipe.expire(key, PRESENCE_TTL)
        pipe.execute()

    def remove(self, thread_id, sid):
        self._redis.zrem(self._key(thread_id), sid)

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
