"""The per-app search backend: index updates, rebuild and cached searchers."""
import logging
import threading

from flask import current_app

from forum.adapters.search import documents, indexing
from forum.adapters.search.scoring import TableBM25F
from forum.adapters.search.store import Store

log = logging.getLogger(__name__)


class SearchService:
    """Owns one index directory. Stored in `app.extensions["search"]`."""

    def __init__(self, app):
        self.app = app
        self.store = Store(app.config["SEARCH_INDEX_DIR"])
        self.rebuilding = threading.Event()
        self._local = threading.local()

    # -- writing (called by the outbox's search lane, forum/search/queue.py) ----------------

    def apply(self, post_ids, thread_ids, timeout=5.0):
        """Make the index agree with the database for these posts and threads, under the write
        lock; a missing index is rebuilt instead (which covers them)."""
        with self.store.write_lock(timeout):
            if not self.store.exists():
                self._rebuild_locked()
            elif post_ids or thread_ids:
                self._update(self.store.open(), set(post_ids), set(thread_ids))

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
            return count
        finally:
            self.rebuilding.clear()

    def ensure_index(self):
        """On a server's first request: have a missing index rebuilt by the outbox's search lane
        (in the background; a rebuild under way elsewhere is waited for by the row)."""
        from forum.adapters.search import queue
        from forum.core.transaction import transaction

        if not self.rebuilding.is_set() and not self.store.exists():
            with transaction():
                queue.enqueue()

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
    """The app's one search service (one index writer per process)."""
    app = app or current_app
    service = app.extensions.get("search")
    if service is None:
        service = app.extensions["search"] = SearchService(app)
    return service


def apply(payloads):
    """Outbox handler: bring the index in line with the database for every payload at once
    (a missing index is rebuilt first, which covers them all)."""
    post_ids = {int(i) for payload in payloads for i in payload.get("post_ids", ())}
    thread_ids = {int(i) for payload in payloads for i in payload.get("thread_ids", ())}
    get_service().apply(post_ids, thread_ids)
