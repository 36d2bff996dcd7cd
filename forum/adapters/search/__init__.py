"""Full-text search behind a small interface (Whoosh backend; another backend can follow).

Updates are outbox rows written in the saving transaction (forum/events.py) and applied by
one writer at a time, the outbox's search lane (forum/search/queue.py).
"""
import logging

log = logging.getLogger(__name__)


def _enqueue(post_ids=(), thread_ids=()):
    from forum.adapters.search import queue

    queue.enqueue(post_ids, thread_ids)


def index_post(post_id):
    """In a write transaction: add or update one post (and its thread's title) in the index."""
    _enqueue(post_ids=[post_id])


def remove_post(post_id):
    """Drop one post from the index (re-read from the database: hidden posts stay for moderators)."""
    _enqueue(post_ids=[post_id])


def index_thread(thread_id):
    """Re-index every post of a thread (after a rename, move, merge or tag change)."""
    _enqueue(thread_ids=[thread_id])


def remove_thread(thread_id):
    """Drop every post of a thread from the index (thread closed or deleted)."""
    _enqueue(thread_ids=[thread_id])


def rebuild(progress=None, procs=1):
    """Rebuild the index from the database now (seed-demo, `flask search reindex`)."""
    from forum.adapters.search.service import get_service

    return get_service().rebuild(progress=progress, procs=procs)


def wait(timeout=10.0):
    """Block until every committed update is searchable (the outbox drained)."""
    from forum.core import outbox

    return outbox.wait_idle(timeout)


def init_app(app):
    """Create the backend; a server's first request rebuilds a missing index in the background."""
    from forum.adapters.search.service import get_service

    service = get_service(app)
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
