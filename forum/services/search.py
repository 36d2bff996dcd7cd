"""Searching posts: the index proposes, the database and the permission policy decide.

Visibility is applied twice: as a mask inside the index query (so counts and pages never
include what the viewer may not open) and again on every hit against the database through
`forum/permissions.py` (so a stale index entry can never show a hidden post).
"""
import logging
from dataclasses import dataclass, field

from flask_babel import _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, lazyload

from forum.core import permissions
from forum.adapters.search import compiling, ranking, syntax
from forum.adapters.search import queue as search_queue
from forum.adapters.search.documents import post_text
from forum.adapters.search.snippets import snippet
from forum.adapters.search.suggestions import suggest
from forum.adapters.search.service import get_service
from forum.core.transaction import transaction
from models import Post, Thread, db

log = logging.getLogger(__name__)


@dataclass
class Result:
    post: object
    snippet: str


@dataclass
class SearchPage:
    """What the results page shows (also shaped like `forum.core.pagination.Page` for the macro)."""

    query: str = ""
    items: list = field(default_factory=list)
    total: int = 0
    exact: bool = True
    page: int = 1
    per_page: int = ranking.PER_PAGE
    sort: str = "relevance"
    notices: list = field(default_factory=list)
    suggestion: str | None = None
    unavailable: bool = False
    searched: bool = False

    @property
    def pages(self):
        """The number of result pages (capped: deep pages are not ranked)."""
        return max(1, min(ranking.MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def has_prev(self):
        """Whether a 'previous' link makes sense."""
        return self.page > 1

    @property
    def has_next(self):
        """Whether a 'next' link makes sense."""
        return self.page < self.pages


def search_posts(viewer, text, filters=None, page=1, sort="relevance"):
    """One page of posts matching `text` (query syntax) and `filters` that `viewer` may read."""
    parsed = syntax.parse(text, filters)
    result = SearchPage(query=syntax.unparse(parsed), page=max(1, min(page, ranking.MAX_PAGE)),
                        sort="newest" if sort == "newest" else "relevance",
                        notices=_unique(parsed.notices))
    if parsed.empty:
        return result
    result.searched = True
    service = get_service()
    searcher = service.searcher()
    if searcher is None:
        service.ensure_index()  # by the outbox's search lane (at once when draining synchronously)
        searcher = service.searcher()
    if searcher is None:
        result.unavailable = True
        return result
    built = compiling.build(parsed, searcher)
    if built.dropped:
        result.notices.append(_("Too common to search for: %(words)s.", words=", ".join(built.dropped[:5])))
    if built.query is None:
        return result
    mask = ranking.visibility_mask(permissions.search_visibility(viewer))
    found = ranking.run(searcher, built.positive, mask, result.page,
                        "newest" if built.filters_only else result.sort, restrict=built.filter)
    posts = _visible_posts(viewer, found.post_ids)
    result.total = max(found.total - (len(found.post_ids) - len(posts)), len(posts))
    result.exact = found.exact
    result.items = [Result(post, snippet(post_text(post.body_html), post.language, built.highlight))
                    for post in posts]
    if found.total == 0 and result.page == 1:
        result.suggestion = suggest(searcher, parsed, mask)
    return result


def _visible_posts(viewer, post_ids):
    """The posts behind these hits that the viewer may open, in hit order (one query).

    A hit the database refuses means the index is stale: it is queued for repair.
    """
    if not post_ids:
        return []
    rows = db.session.scalars(
        select(Post).join(Post.thread).join(Thread.sector).where(
            Post.id.in_(post_ids), permissions.visible_posts_filter(viewer),
            permissions.visible_threads_filter(viewer))
        .options(contains_eager(Post.thread).options(  # what a result row shows, in one query
            contains_eager(Thread.sector), lazyload(Thread.author), lazyload(Thread.last_poster),
            lazyload(Thread.tags)), joinedload(Post.author))).all()
    by_id = {post.id: post for post in rows if permissions.can_view_post(viewer, post)}
    stale = set(post_ids) - set(by_id)
    if stale:
        log.info("search hits %s are no longer visible; re-indexing them", sorted(stale))
        with transaction():
            search_queue.enqueue(post_ids=stale)
    return [by_id[post_id] for post_id in post_ids if post_id in by_id]


def _unique(messages):
    seen, unique = set(), []
    for message in messages:
        if str(message) not in seen:
            seen.add(str(message))
            unique.append(message)
    return unique
