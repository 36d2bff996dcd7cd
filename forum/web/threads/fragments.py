"""A thread page's posts, rendered once for every anonymous reader.

Anonymous readers (most of a public forum's traffic) all see the same markup for the same posts,
so the rendered list is kept in a small per-process LRU cache. The key holds everything
`threads/_post.html` shows a reader who is not signed in -- ids, numbers, bodies, edit, hidden
and pending state, the author's names and role, locale and time zone -- so it never needs
invalidating: a changed post simply has another key. Posts younger than a week show relative
times ("3 hours ago") and are not cached. Signed-in members get their own actions: never cached.
Anything added to `_post.html` for anonymous readers must be added to `_key`.
"""
import threading
from collections import OrderedDict
from datetime import timedelta

from flask import render_template
from flask_babel import get_locale, get_timezone
from flask_login import current_user
from markupsafe import Markup

from forum.core import permissions
from models import utcnow

MAX_ENTRIES = 512
SETTLED = timedelta(days=7)

_lock = threading.Lock()
_cache = OrderedDict()


def _key(posts):
    """Everything the anonymous markup depends on, or None when it may change with time."""
    settled = utcnow() - SETTLED
    parts = []
    for p in posts:
        if p.created_at > settled:
            return None
        a = p.author
        parts.append((p.id, p.thread_id, p.number, p.body_html, p.language, p.created_at, p.edited_at,
                      p.hidden_at, p.hidden_reason, p.pending_at, a.username, a.display_name, a.role))
    return str(get_locale()), str(get_timezone()), tuple(parts)


def _render(posts):
    return Markup(render_template("threads/_posts.html", posts=posts, permissions=permissions))


def post_list(posts):
    """The rendered posts of a page (from the cache for anonymous readers)."""
    if current_user.is_authenticated:
        return _render(posts)
    key = _key(posts)
    if key is None:
        return _render(posts)
    with _lock:
        html = _cache.get(key)
        if html is not None:
            _cache.move_to_end(key)
            return html
    html = _render(posts)
    with _lock:
        _cache[key] = html
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return html
