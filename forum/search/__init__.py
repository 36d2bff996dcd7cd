"""Full-text search behind a small interface (Whoosh backend; another backend can follow).

Called after commit with ids; never raises into the user's request (see forum/events.py).
Updates are queued durably and applied by one writer at a time (forum/search/queue.py).
"""
import logging

log = logging.getLogger(__name__)


def _enqueue(kind, ident):
    from forum.search.service import get_service

    try:
        get_service().enqueue(kind, ident)
    except Exception:  # a failed index update must never fail the user's post
        log.exception("could not queue search update %s %s", kind, ident)


def index_post(post_id):
    """Add or update one post (and its thread's title) in the index."""
    _enqueue("post", post_id)


def remove_post(post_id):
    """Drop one post from the index (re-read from the database: hidden posts stay for moderators)."""
    _enqueue("post", post_id)


def index_thread(thread_id):
    """Re-index every post of a thread (after a rename, move, merge or tag change)."""
    _enqueue("thread", thread_id)


def remove_thread(thread_id):
    """Drop every post of a thread from the index (thread closed or deleted)."""
    _enqueue("thread", thread_id)


def rebuild(progress=None, procs=1):
    """Rebuild the index from the database now (seed-demo, `flask search reindex`)."""
    from forum.search.service import get_service

    return get_service().rebuild(progress=progress, procs=procs)


def wait(timeout=10.0):
    """Block until this process's queued updates are searchable."""
    from forum.search.service import get_service

    return get_service().wait(timeout)


def init_app(app):
    """Create the backend; a server's first request rebuilds a missing index in the background."""
    from forum.search.service import get_service

    service = get_service(app)
    started = []

    @app.before_request
    def _ensure_index():
        if not started:
            started.append(True)
            if not service.sync:
                try:
                    service.ensure_index()
                except Exception:
                    log.exception("could not start the search index rebuild")
