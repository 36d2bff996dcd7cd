"""Full-text search behind a small interface (forum/adapters/search/interface.py).

    syntax.py      the query language users type, parsed into a backend-neutral `Parsed`
    interface.py   SearchBackend (index, remove, query, rebuild, status) and its Results
    queue.py       the outbox's search lane: index updates arrive as rows, applied by `index`
    whoosh/        the Whoosh backend (SEARCH_BACKEND = "whoosh", the default)

Updates are outbox rows written in the saving transaction (forum/events.py) and applied by
one writer at a time, the outbox's search lane (forum/adapters/search/queue.py). `backend()` is the
configured backend, one per app.
"""
import importlib
import logging

from flask import current_app

from forum.adapters.search.interface import MAX_PAGE, PER_PAGE, Results, SearchBackend  # noqa: F401

log = logging.getLogger(__name__)

BACKENDS = {"whoosh": "forum.adapters.search.whoosh:WhooshBackend"}


def backend(app=None):
    """This app's search backend (SEARCH_BACKEND, default "whoosh"), created on first use."""
    app = app or current_app
    found = app.extensions.get("search")
    if found is None:
        name = app.config.get("SEARCH_BACKEND", "whoosh")
        if name not in BACKENDS:
            raise RuntimeError(f"SEARCH_BACKEND {name!r} is not one of {sorted(BACKENDS)}")
        module, cls = BACKENDS[name].split(":")
        found = app.extensions["search"] = getattr(importlib.import_module(module), cls)(app)
    return found


def _enqueue(post_ids=(), thread_ids=()):
    from forum.adapters.search import queue

    queue.enqueue(post_ids, thread_ids)


def index_post(post_id):
    """In a write transaction: add or update one post (and its thread's title) in the index."""
    _enqueue(post_ids=[post_id])


def remove_post(post_id):
    """Drop one post from the index (re-read from the database: hidden posts stay for moderators)."""
    _enqueue(post_ids=[post_id])


def index_posts(post_ids):
    """In a write transaction: bring these posts' index entries in line (stale search hits)."""
    _enqueue(post_ids=post_ids)


def index_thread(thread_id):
    """Re-index every post of a thread (after a rename, move, merge or tag change)."""
    _enqueue(thread_ids=[thread_id])


def remove_thread(thread_id):
    """Drop every post of a thread from the index (thread closed or deleted)."""
    _enqueue(thread_ids=[thread_id])


def rebuild(progress=None, procs=1):
    """Rebuild the index from the database now (seed-demo, `flask search reindex`)."""
    return backend().rebuild(progress=progress, procs=procs)


def wait(timeout=10.0):
    """Block until every committed update is searchable (the outbox drained)."""
    from forum.core import outbox

    return outbox.wait_idle(timeout)


def init_app(app):
    """Create the backend; a server's first request rebuilds a missing index in the background."""
    service = backend(app)
    started = []

    @app.before_request
    def _ensure_index():
        if not started:
            started.append(True)
            if not app.config.get("OUTBOX_SYNCHRONOUS"):
                try:
                    service.ensure_index()
                except Exception:
                    log.exception("could not start the search index rebuild")
