"""The per-app search backend: queue, writer, rebuild and cached searchers."""
import atexit
import logging
import threading
import time

from flask import current_app

from forum.search import documents, indexing, queue
from forum.search.scoring import TableBM25F
from forum.search.store import Store

log = logging.getLogger(__name__)


class SearchService:
    """Owns one index directory. Stored in `app.extensions["search"]`."""

    def __init__(self, app):
        self.app = app
        self.store = Store(app.config["SEARCH_INDEX_DIR"])
        self.sync = app.config.get("SEARCH_SYNCHRONOUS", False)
        self.writer = queue.WriterThread(self._drain_in_app_context)
        self.rebuilding = threading.Event()
        self._local = threading.local()
        self._dirs_ready = False
        self._pending = []  # updates this process has not written to the queue yet
        self._pending_lock = threading.Lock()
        if not self.sync:
            atexit.register(self._persist_pending)  # a clean shutdown keeps what is in memory

    # -- writing -----------------------------------------------------------------------------

    def enqueue(self, kind, ident):
        """Record that the index must catch up with post/thread `ident`; never blocks on the index."""
        if not self._dirs_ready:
            self.store.ensure_dirs()
            self._dirs_ready = True
        if self.sync:
            queue.write_entry(self.store.queue_dir, kind, ident)
            self.drain_all()
        else:
            with self._pending_lock:
                self._pending.append((kind, ident))
            self.writer.wake()

    def _persist_pending(self):
        """Write the updates requests handed over to a queue file (the writer thread does this)."""
        with self._pending_lock:
            pending, self._pending = self._pending, []
        if pending:
            queue.write_entries(self.store.queue_dir, pending)

    def _drain_in_app_context(self):
        self._persist_pending()
        with self.app.app_context():
            return self.drain()

    def drain(self, timeout=5.0):
        """Apply queued entries (all processes') under the write lock; True if more remain."""
        with self.store.write_lock(timeout):
            if not self.store.exists():
                self._rebuild_locked()
                return False
            return self._apply_queue(self.store.open())

    def drain_all(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while self.drain(timeout=max(deadline - time.monotonic(), 0.1)):
            pass

    def wait(self, timeout=10.0):
        """Wait until this process's queued updates are searchable (tests, CLI jobs)."""
        return self.sync or self.writer.wait_idle(timeout)

    def _apply_queue(self, ix):
        entries = queue.read_entries(self.store.queue_dir)
        if not entries:
            return False
        post_ids = {ident for _name, kind, ident in entries if kind == "post"}
        thread_ids = {ident for _name, kind, ident in entries if kind == "thread"}
        self._update(ix, post_ids, thread_ids)
        queue.delete_entries(self.store.queue_dir, [name for name, _kind, _ident in entries])
        return len(entries) >= queue.BATCH

    def _update(self, ix, post_ids, thread_ids):
        """Make the index agree with the database for these posts and threads."""
        if thread_ids:
            post_ids = post_ids | self._indexed_posts_of(ix, thread_ids)
        with _fresh_session() as session:  # committed data, read after the lock was taken
            docs, dropped = documents.documents_for(session, post_ids, thread_ids)
        writer = ix.writer(timeout=5.0)
        try:
            for thread_id in thread_ids:
                writer.delete_by_term("thread_id", str(thread_id))
            for post_id in dropped | {int(doc["post_id"]) for doc in docs}:
                writer.delete_by_term("post_id", str(post_id))
            kept = indexing.merge_tail(writer)  # after deletions: a copied document stays deleted
            for doc in docs:  # last: the newest documents get the highest numbers
                writer.add_document(**doc)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=lambda _writer, _segments: kept)

    @staticmethod
    def _indexed_posts_of(ix, thread_ids):
        """Posts the index files under these threads (they may have moved away since)."""
        with ix.searcher() as searcher:
            return {int(fields["post_id"]) for thread_id in thread_ids
                    for fields in searcher.documents(thread_id=str(thread_id))}

    # -- rebuilding --------------------------------------------------------------------------

    def rebuild(self, progress=None, timeout=600.0, procs=1):
        """Rebuild the whole index from the database and swap it in; returns the post count.

        `procs` > 1 builds in that many processes (the CLI; never inside a server).
        """
        with self.store.write_lock(timeout):
            return self._rebuild_locked(progress, procs)

    def _rebuild_locked(self, progress=None, procs=1):
        self.rebuilding.set()
        try:
            ix = self.store.new_index()
            count = indexing.build(self.app, ix, procs, progress)
            self.store.swap(ix)
            self._local = threading.local()
            while self._apply_queue(self.store.open()):
                pass
            return count
        finally:
            self.rebuilding.clear()

    def ensure_index(self):
        """On a server's first request: rebuild a missing index, or apply updates other processes
        (a CLI job, a crashed worker) left queued, in the background."""
        if self.rebuilding.is_set():
            return
        if not self.store.exists():
            self.enqueue("post", 0)  # a drain that finds no index rebuilds it
        elif self.store.queue_dir.exists() and queue.pending(self.store.queue_dir):
            self.drain_all() if self.sync else self.writer.wake()

    # -- reading -----------------------------------------------------------------------------

    def searcher(self):
        """This thread's searcher on the live index (refreshed when it changed), or None."""
        try:
            path = self.store.live_path()
            cached = getattr(self._local, "searcher", None)
            if cached is not None and cached[0] == path and cached[1].up_to_date():
                searcher = cached[1]
            else:
                if not self.store.exists():
                    return None
                # A fresh reader, never `Searcher.refresh()`: whoosh-reloaded 2.7.5 re-adds the
                # reused reader's old segments, which shows replaced documents twice.
                from whoosh import index as whoosh_index
                searcher = whoosh_index.open_dir(path).searcher(weighting=TableBM25F())
                if cached is not None:
                    cached[1].close()
        except Exception as error:  # a missing or half-swapped index: search says so, never 500s
            log.warning("search index unavailable: %s", error)
            self._local = threading.local()
            return None
        self._local.searcher = (path, searcher)
        return searcher


def _fresh_session():
    from sqlalchemy.orm import Session

    from models import db

    return Session(db.engine)


def get_service(app=None):
    app = app or current_app
    service = app.extensions.get("search")
    if service is None:
        service = app.extensions["search"] = SearchService(app)
    return service
