"""The Whoosh search backend (forum/adapters/search/interface.py): index updates, rebuild, queries."""
import logging
import threading
from functools import partial

from flask_babel import _
from whoosh.scoring import BM25F

from forum.core import permissions
from forum.adapters.search.interface import Results
from forum.adapters.search.whoosh import compiling, documents, fastpath, indexing, masks, searching
from forum.adapters.search.whoosh.snippets import snippet
from forum.adapters.search.whoosh.store import Store
from forum.adapters.search.whoosh.suggestions import suggest
from forum.adapters.search.whoosh.tablescoring import TableBM25F

log = logging.getLogger(__name__)


class WhooshBackend:
    """Owns one index directory. Stored in `app.extensions["search"]` (forum.adapters.search.backend).

    `fast_path` (SEARCH_FAST_PATH, default on) selects fastpath.py's use of Whoosh internals;
    off, queries take Whoosh's public searcher path and rebuilds one process.
    """

    def __init__(self, app, fast_path=None):
        self.app = app
        self.fast_path = fastpath.enabled(app) if fast_path is None else fast_path
        self.store = Store(app.config["SEARCH_INDEX_DIR"])
        self.rebuilding = threading.Event()
        self._local = threading.local()

    # -- writing (called by the outbox's search lane, forum/adapters/search/queue.py) ----------------

    def index(self, post_ids, thread_ids=(), timeout=5.0):
        """Make the index agree with the database for these posts and threads, under the write
        lock; a missing index is rebuilt instead (which covers them)."""
        with self.store.write_lock(timeout):
            if not self.store.exists():
                self._rebuild_locked()
            elif post_ids or thread_ids:
                self._update(self.store.open(), set(post_ids), set(thread_ids))

    def remove(self, post_ids, timeout=5.0):
        """Drop these posts from the index whatever the database says (under the write lock)."""
        with self.store.write_lock(timeout):
            if not self.store.exists() or not post_ids:
                return
            writer = self.store.open().writer(timeout=5.0)
            try:
                for post_id in post_ids:
                    writer.delete_by_term("post_id", str(post_id))
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=False)  # Whoosh's merge policy would reorder segments by size

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
            return self._rebuild_locked(progress, procs if self.fast_path else 1)

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

    def status(self):
        """Where the index is and how many documents it holds (None: no index yet)."""
        if not self.store.exists():
            return {"backend": "whoosh", "location": str(self.store.base), "documents": None}
        with self.store.open().searcher() as searcher:
            return {"backend": "whoosh", "location": str(self.store.base),
                    "documents": searcher.doc_count(), "segments": len(searcher.reader().leaf_readers()),
                    "fast_path": self.fast_path}

    # -- reading -----------------------------------------------------------------------------

    def query(self, parsed, viewer, page=1, sort="relevance"):
        """One page of the posts matching `parsed` that the index lets `viewer` see."""
        searcher = self.searcher()
        if searcher is None:
            self.ensure_index()  # by the outbox's search lane (at once when draining synchronously)
            searcher = self.searcher()
        if searcher is None:
            return Results(unavailable=True)
        built = compiling.build(parsed, searcher)
        notices = ([_("Too common to search for: %(words)s.", words=", ".join(built.dropped[:5]))]
                   if built.dropped else [])
        if built.query is None:
            return Results(notices=notices)
        mask = masks.visibility_mask(permissions.search_visibility(viewer))
        found = searching.run(searcher, built.positive, mask, page, "newest" if built.filters_only else sort,
                              restrict=built.filter, fast=self.fast_path)
        suggestion = suggest(searcher, parsed, mask) if found.total == 0 and page == 1 else None
        return Results(found.post_ids, found.total, found.exact, partial(_snippet, built.highlight),
                       suggestion, notices, found.scores)

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
                weighting = TableBM25F() if self.fast_path else BM25F()
                searcher = whoosh_index.open_dir(path).searcher(weighting=weighting)
                if cached is not None:
                    cached[1].close()
        except Exception as error:  # a missing or half-swapped index: search says so, never 500s
            log.warning("search index unavailable: %s", error)
            self._local = threading.local()
            return None
        self._local.searcher = (path, searcher)
        return searcher


def _snippet(highlight, body_html, language):
    """The post's text around the query's words, marked (Results.snippets)."""
    return snippet(documents.post_text(body_html), language, highlight)


def _fresh_session():
    from sqlalchemy.orm import Session

    from models import db

    return Session(db.engine)
