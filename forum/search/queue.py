"""A durable queue of index updates and the writer that drains it.

Saving a post appends "post 12" to an in-memory list and wakes this process's writer thread
(microseconds, no system call in the request). The writer first writes what it was given to one
queue file, `queue/<time>-<pid>-<n>` (under a dot-name, then renamed, so a reader never sees
half a file), then takes the cross-process write lock, reads *every* queued entry (its own and
other processes'), re-reads those posts from the database, updates the index, commits, and only
then deletes the files. So:
- no LockError reaches a user: requests never open an index writer;
- no update is lost: entries outlive a failed update (and a crashed process, once written, a
  few milliseconds after the commit) and are retried by the next drain in any process; the database is read after the lock is taken, so the last writer
  always writes the newest committed state;
- entries are idempotent ("make the index agree with the database for post 12").
"""
import itertools
import logging
import os
import threading
import time

from forum.search.store import LockTimeout

log = logging.getLogger(__name__)

BATCH = 5000
_counter = itertools.count()


def write_entry(queue_dir, kind, ident):
    """Queue one update durably (a few tens of microseconds)."""
    write_entries(queue_dir, [(kind, ident)])


def write_entries(queue_dir, entries):
    """Queue updates durably in one file (written under a dot-name, then renamed)."""
    name = f"{time.time_ns():020d}-{os.getpid()}-{next(_counter)}"
    tmp = os.path.join(queue_dir, "." + name)
    with open(tmp, "w") as handle:
        handle.write("".join(f"{kind} {int(ident)}\n" for kind, ident in entries))
    os.rename(tmp, os.path.join(queue_dir, name))


def read_entries(queue_dir, limit=BATCH):
    """[(file name, kind, id)] from the oldest queue files; removes unreadable junk."""
    names = sorted(name for name in os.listdir(queue_dir) if not name.startswith("."))[:limit]
    entries = []
    for name in names:
        path = os.path.join(queue_dir, name)
        try:
            with open(path) as handle:
                lines = [line.split() for line in handle.read().splitlines() if line.strip()]
            entries += [(name, kind, int(ident)) for kind, ident in lines]
        except FileNotFoundError:
            continue  # drained by another process meanwhile
        except ValueError:
            log.warning("dropping malformed search queue entry %s", name)
            os.unlink(path)
    _sweep_stale_temporaries(queue_dir)
    return entries


def _sweep_stale_temporaries(queue_dir, age=3600):
    now = time.time()
    for name in os.listdir(queue_dir):
        if name.startswith(".") and now - _mtime(os.path.join(queue_dir, name)) > age:
            _unlink(os.path.join(queue_dir, name))


def _mtime(path):
    try:
        return os.path.getmtime(path)
    except FileNotFoundError:
        return time.time()


def _unlink(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def delete_entries(queue_dir, names):
    for name in set(names):
        _unlink(os.path.join(queue_dir, name))


def pending(queue_dir):
    """Queued updates not yet applied (lines in queue files)."""
    return len(read_entries(queue_dir))


class WriterThread:
    """One background thread per process that calls `drain()` when woken; exits when idle."""

    def __init__(self, drain, idle_exit=60.0, batch_window=0.02):
        self._drain = drain
        self._idle_exit = idle_exit
        self._batch_window = batch_window
        self._wake = threading.Event()
        self._cond = threading.Condition()
        self._requested = self._done = 0
        self._thread = None
        self._pid = None

    def wake(self):
        """Ask for a drain soon; starts the thread if needed (also after a fork)."""
        with self._cond:
            self._requested += 1
            self._wake.set()
            alive = self._thread is not None and self._thread.is_alive() and self._pid == os.getpid()
            if not alive:
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="search-writer", daemon=True)
                self._thread.start()

    def wait_idle(self, timeout=10.0):
        """Block until every update queued so far in this process is in the index."""
        with self._cond:
            target = self._requested
            return self._cond.wait_for(lambda: self._done >= target, timeout)

    def _run(self):
        delay = 0.0
        while True:
            if not self._wake.wait(timeout=self._idle_exit):
                with self._cond:
                    if not self._wake.is_set():
                        self._thread = None
                        return
                continue
            time.sleep(max(self._batch_window, delay))
            with self._cond:
                self._wake.clear()
                target = self._requested
            delay = self._drain_once(target, delay)

    def _drain_once(self, target, delay):
        """Drain; on failure keep the entries and retry with a growing delay (max 30 s)."""
        try:
            more = self._drain()
        except LockTimeout:
            log.info("search index busy in another process; will retry")
            self._wake.set()
            return 0.2
        except Exception:
            log.exception("search index update failed; queued entries kept for a retry")
            self._wake.set()
            return min(max(delay * 2, 0.5), 30.0)
        if more:
            self._wake.set()
            return 0.0
        with self._cond:
            self._done = max(self._done, target)
            self._cond.notify_all()
        return 0.0
