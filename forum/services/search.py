"""Searching posts: the index proposes, the database and the permission policy decide.

Only the search interface (`forum.adapters.search.backend()`, forum/adapters/search/interface.py) and the
query parser are used here: the backend behind them is SEARCH_BACKEND's.

Visibility is applied twice: as a mask inside the index query (so counts and pages never
include what the viewer may not open) and again on every hit against the database through
`forum/permissions.py` (so a stale index entry can never show a hidden post).
"""
import logging
from dataclasses import dataclass, field, replace

from flask_babel import get_locale
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, lazyload

from forum.core import permissions
from forum.adapters import search
from forum.adapters.search import syntax
from forum.services.languages import read_languages
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
    per_page: int = search.PER_PAGE
    sort: str = "relevance"
    notices: list = field(default_factory=list)
    suggestion: str | None = None
    unavailable: bool = False
    searched: bool = False

    @property
    def pages(self):
        """The number of result pages (capped: deep pages are not ranked)."""
        return max(1, min(search.MAX_PAGE, -(-self.total // self.per_page)))

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
    parsed = replace(syntax.parse(text, filters), languages=reader_languages(viewer))
    result = SearchPage(query=syntax.unparse(parsed), page=max(1, min(page, search.MAX_PAGE)),
                        sort="newest" if sort == "newest" else "relevance",
                        notices=_unique(parsed.notices))
    if parsed.empty:
        return result
    result.searched = True
    found = search.backend().query(parsed, viewer, result.page, result.sort)
    result.unavailable = found.unavailable
    result.notices += found.notices
    posts = _visible_posts(viewer, found.hits)
    if result.sort == "relevance" and found.scores is not None:  # ranked, not listed by date
        posts = prefer_languages(posts, reader_languages(viewer))
    result.total = max(found.total - (len(found.hits) - len(posts)), len(posts))
    result.exact = found.exact
    result.items = [Result(post, found.snippets(post.body_html, post.language)) for post in posts]
    result.suggestion = found.suggestion
    return result


def reader_languages(viewer):
    """The reader's interface language and their "languages I read": a word's stems in other
    languages often match unrelated posts, so the backend analyses the query in these first and
    posts the reader reads come first on a page."""
    codes = {get_locale().language} if get_locale() is not None else set()
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        codes |= read_languages(viewer)
    return frozenset(codes)


def prefer_languages(posts, languages):
    """A page of hits re-ranked: posts in `languages` first, each group in relevance order.

    A step after ranking (the page holds the same hits relevance chose), so it costs nothing
    in the index and leaves its ranking alone."""
    if not languages:
        return posts
    return sorted(posts, key=lambda post: (post.language or "en") not in languages)


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
            search.index_posts(stale)
    return [by_id[post_id] for post_id in post_ids if post_id in by_id]


def _unique(messages):
    seen, unique = set(), []
    for message in messages:
        if str(message) not in seen:
            seen.add(str(message))
            unique.append(message)
    return unique
