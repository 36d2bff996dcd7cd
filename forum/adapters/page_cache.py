"""Whole pages for readers who are not signed in, rendered once per content version.

Most of a public forum's traffic is anonymous reading of threads and lists, and every
anonymous reader sees the same markup. `anonymous_cache` keeps such pages per app, keyed by
the URL, locale, time zone and the public content version (models.PublicVersion). The version
is bumped inside every commit that writes a table anonymous pages show (`note_*` below mark
the session, `bump_before_commit` bumps; forum/__init__.py registers them), so a cached page is never served after the change
it predates, in any process. What is private (notifications, follows, mail logs, flags…) does
not bump it. A page that shows relative times ("3 minutes ago") is kept for a minute at most.
Signed-in members, and requests with flashed messages to show, are never served from it.
"""
import threading
import time
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, has_app_context, request, session
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from sqlalchemy import inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from models import PublicVersion, User, db

# Tables no anonymous page shows: writing them leaves cached pages valid.
PRIVATE_TABLES = frozenset({
    "public_version", "notifications", "thread_reads", "subscriptions", "email_preferences",
    "digest_watermarks", "digest_sends", "immediate_emails", "late_publications", "account_tokens",
    "flags", "moderation_actions", "moderator_sectors", "post_revisions",
})
# Member columns no anonymous page shows (sign-in bookkeeping, preferences, contact data).
PRIVATE_USER_COLUMNS = frozenset({
    "password_hash", "email", "email_verified_at", "last_seen_at", "session_version", "language",
    "timezone",
})
RELATIVE_TTL = 60  # seconds a page with relative times stays fresh
_CHANGED = "praxis_public_changed"


# -- the version: marked at flush or bulk write, bumped in the same commit -------------------

def _is_public(obj):
    table = obj.__table__.name
    if table in PRIVATE_TABLES:
        return False
    if isinstance(obj, User):
        state = inspect(obj)
        return any(attr.history.has_changes() for attr in state.attrs
                   if attr.key not in PRIVATE_USER_COLUMNS)
    return True


def note_flush(session, _context, _instances):
    """Session `before_flush`: a flush that writes something public marks the transaction."""
    if not session.info.get(_CHANGED) and any(
            _is_public(obj) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_CHANGED] = True


def note_bulk_write(state):
    """Session `do_orm_execute`: a bulk write to a public table marks the transaction."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is None or getattr(table, "name", None) not in PRIVATE_TABLES:
            state.session.info[_CHANGED] = True


def bump_before_commit(session):
    """Session `before_commit`: a marked transaction bumps the version, as its last write: it
    holds the row lock only until the commit, and never before another row's lock (no
    lock-order deadlock on PostgreSQL)."""
    if session.in_nested_transaction():
        return
    session.flush()
    if session.info.pop(_CHANGED, False):
        session.execute(_bump_statement(session.get_bind()))


def forget_on_rollback(session, transaction):
    """Session `after_transaction_end`: a rolled-back transaction bumps nothing."""
    if transaction.parent is None:
        session.info.pop(_CHANGED, None)


def _bump_statement(bind):
    insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(PublicVersion).values(id=1, value=1)
    return statement.on_conflict_do_update(index_elements=["id"],
                                           set_={"value": PublicVersion.value + 1})


def current_version():
    """The version now (0 before the first bump), read in the request's own transaction (on
    SQLite the page then renders from the same snapshot). Plain SQL: it runs on every hit."""
    return db.session.connection().exec_driver_sql(
        "SELECT value FROM public_version WHERE id = 1").scalar() or 0


# -- the cache ------------------------------------------------------------------------------

def note_relative_time():
    """Called when a page renders a relative time: it may be kept for RELATIVE_TTL only."""
    if has_app_context():
        g.praxis_relative_time = True


class PageCache:
    """A per-app LRU of rendered pages: key -> (html, expires_at or None)."""

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """A fresh cached page for `key`, or None (expired entries are dropped on the way)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            html, expires = entry
            if expires is not None and expires < time.monotonic():
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return html

    def put(self, key, html, ttl):
        """Keep a page, dropping the least recently used past the size bound."""
        with self._lock:
            self._entries[key] = (html, time.monotonic() + ttl if ttl else None)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)


def _cache():
    cache = current_app.extensions.get("praxis_page_cache")
    if cache is None:
        cache = current_app.extensions.setdefault(
            "praxis_page_cache", PageCache(current_app.config["PAGE_CACHE_ENTRIES"]))
    return cache


CACHED_ARGS = frozenset({"page"})  # other query strings are rendered, not stored (no cache flooding)


def _cacheable_request():
    return (request.method == "GET" and current_app.config["PAGE_CACHE_ENTRIES"] > 0
            and CACHED_ARGS.issuperset(request.args) and not current_user.is_authenticated
            and "_flashes" not in session)


def anonymous_cache(view):
    """Serve `view` from the page cache to readers who are not signed in."""

    @wraps(view)
    def cached_view(*args, **kwargs):
        if not _cacheable_request():
            return view(*args, **kwargs)
        key = (request.full_path, str(get_locale()), str(get_timezone()), current_version())
        cache = _cache()
        html = cache.get(key)
        if html is not None:
            return current_app.response_class(html, mimetype="text/html")
        g.praxis_relative_time = False
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and response.mimetype == "text/html" and not response.direct_passthrough:
            ttl = RELATIVE_TTL if g.praxis_relative_time else None
            cache.put(key, response.get_data(), ttl)
        return response

    return cached_view

