"""The drainer: one thread per lane in each process, woken right after a commit that wrote
outbox rows and polling every OUTBOX_POLL_SECONDS for rows that became due (backoff, delayed
mail, leases of a crashed process that expired)."""
import logging
import os
import signal
import socket
import threading
import time
import uuid
from contextvars import ContextVar
from itertools import groupby

from flask import current_app

from forum.core.outbox import claims, handlers
from models import db, utcnow

log = logging.getLogger(__name__)
_draining = ContextVar("outbox_draining", default=False)
OWNER = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner():
    """This process's lease owner name (recomputed after a fork)."""
    global OWNER
    if f":{os.getpid()}:" not in OWNER:
        OWNER = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return OWNER


def drain_once(lane=None, now=None, limit=200, results=None, kinds=None):
    """Claim the due rows of a lane (every lane without one), perform them, delete the done
    ones; returns how many rows were claimed. Handlers' return values (or "failed") are
    appended to `results` when given."""
    config = current_app.config
    now = now or utcnow()
    me = owner()
    rows = claims.claim(me, kinds or handlers.kinds(lane), now, config.get("OUTBOX_LEASE_SECONDS", 60), limit)
    done = []
    for kind, group in groupby(rows, key=lambda row: row.kind):
        done += _perform(kind, list(group), me, now, results)
    _maybe_crash("OUTBOX_CRASH_AFTER", {row.kind for row in rows})
    claims.complete(me, done)
    return len(rows)


def _perform(kind, rows, me, now, results=None):
    """Run the handler on these rows; returns the ids performed, releases the failed ones."""
    _maybe_crash("OUTBOX_CRASH_BEFORE", {kind})
    handler = handlers.HANDLERS.get(kind)
    batches = [rows] if handler is not None and handler.batch else [[row] for row in rows]
    done = []
    for batch in batches:
        try:
            function = handlers.resolve(kind)
            outcome = function([row.payload for row in batch]) if handler.batch else function(**batch[0].payload)
            done += [row.id for row in batch]
            _record(kind, batch)
        except Exception as error:  # an effect never takes the drainer down: retried later
            log.exception("outbox %s failed (attempt %s)", kind, batch[0].attempts)
            db.session.rollback()
            outcome = "failed"
            for row in batch:
                claims.fail(me, row, repr(error), now, current_app.config.get("OUTBOX_MAX_ATTEMPTS", 15))
        if results is not None:
            results.append(outcome)
    return done


def _record(kind, batch):
    """Tests: keep (kind, payload) of each performed row when the drainer has a recorder."""
    recorder = current_app.extensions["outbox"].recorder
    if recorder is not None:
        recorder.extend((kind, row.payload) for row in batch)


def _maybe_crash(setting, kinds):
    """Test-only: die like `kill -9` between commit and effect (OUTBOX_CRASH_BEFORE/AFTER)."""
    wanted = current_app.config.get(setting)
    if wanted and (wanted in kinds or wanted == "*") and kinds:
        os.kill(os.getpid(), signal.SIGKILL)


def drain_synchronously(now=None):
    """Drain every due row in this thread (TESTING with OUTBOX_SYNCHRONOUS; tests' `drain()`)."""
    if _draining.get():
        return 0  # a handler's own commit: the loop below takes its rows too
    token = _draining.set(True)
    total = 0
    try:
        for _round in range(100):
            claimed = drain_once(now=now)
            total += claimed
            if not claimed:
                break
    finally:
        _draining.reset(token)
    return total


def wake():
    """Ask the drainer of the current app for a drain soon (microseconds; starts it if needed)."""
    try:
        drainer = current_app.extensions.get("outbox")
    except RuntimeError:  # no app context: the poll will find the rows
        return
    if drainer is not None and not drainer.paused and not current_app.config.get("OUTBOX_SYNCHRONOUS"):
        drainer.wake()


def get_drainer(app=None):
    """The app's Drainer (created by `outbox.init_app`)."""
    return (app or current_app).extensions["outbox"]


class Drainer:
    """The lane threads of one app in this process."""

    def __init__(self, app):
        self.app = app
        self.wakeups = {lane: threading.Event() for lane in handlers.LANES}
        self.cond = threading.Condition()
        self.requested = dict.fromkeys(handlers.LANES, 0)
        self.done = dict.fromkeys(handlers.LANES, 0)
        self.threads = {}
        self.pid = None
        self.started = False
        self.paused = False  # tests' `captured_effects`: rows stay until drained by hand
        self.recorder = None  # tests: a list that receives (kind, payload) of performed rows
        self.stopping = False

    def start(self):
        """Start (or, after a fork, restart) one thread per lane; each drains at once."""
        with self.cond:
            if self.pid == os.getpid() and self.threads and all(t.is_alive() for t in self.threads.values()):
                return
            self.pid, self.started = os.getpid(), True
            for lane in handlers.LANES:
                self.requested[lane] += 1
                self.wakeups[lane].set()
                self.threads[lane] = threading.Thread(target=self._run, args=(lane,), daemon=True,
                                                      name=f"outbox-{lane}")
                self.threads[lane].start()

    def stop(self, timeout=10.0):
        """End the lane threads after their current drain (tests; a clean shutdown)."""
        with self.cond:
            self.stopping = True
            for event in self.wakeups.values():
                event.set()
        for thread in self.threads.values():
            thread.join(timeout)
        self.threads, self.started, self.stopping = {}, False, False

    def wake(self):
        """Every lane drains soon (threads started on first use and after a fork)."""
        if self.pid != os.getpid() or not self.started:
            self.start()
        with self.cond:
            for lane in handlers.LANES:
                self.requested[lane] += 1
                self.wakeups[lane].set()

    def wait_idle(self, timeout=10.0):
        """True once every lane drained everything that was due when this was called."""
        if self.app.config.get("OUTBOX_SYNCHRONOUS"):
            with self.app.app_context():
                drain_synchronously()
            return True
        self.wake()
        with self.cond:
            target = dict(self.requested)
            return self.cond.wait_for(lambda: all(self.done[lane] >= target[lane] for lane in target), timeout)

    def _run(self, lane):
        poll = self.app.config.get("OUTBOX_POLL_SECONDS", 2.0)
        window = self.app.config.get("OUTBOX_BATCH_WINDOW", 0.01)
        delay = 0.0
        while True:
            if self.wakeups[lane].wait(timeout=poll):
                # Woken by a commit: let the committing request answer first, and gather the
                # rows of commits made meanwhile into the same claim.
                time.sleep(window)
            with self.cond:
                if self.stopping:
                    return
                self.wakeups[lane].clear()
                target = self.requested[lane]
            delay = self._drain_lane(lane, delay)
            if delay:
                time.sleep(delay)
                continue
            with self.cond:
                self.done[lane] = max(self.done[lane], target)
                self.cond.notify_all()

    def _drain_lane(self, lane, delay):
        """Drain until nothing is due; on a database error wait longer each time (max 30 s)."""
        with self.app.app_context():
            try:
                while drain_once(lane):
                    pass
                return 0.0
            except Exception:
                log.exception("outbox %s lane: drain failed; retrying", lane)
                return min(max(delay * 2, 0.5), 30.0)
            finally:
                db.session.remove()
