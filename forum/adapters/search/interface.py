"""What the search use case needs from a search backend (Whoosh today; PostgreSQL can follow).

A backend holds an index of posts and answers parsed queries (forum/adapters/search/syntax.py, which
knows no backend). It never decides visibility alone: `query` applies the viewer's mask so
counts and pages leave out what they may not open, and the use case re-checks every hit
against the database (forum/services/search.py).
"""
from dataclasses import dataclass, field
from typing import Callable, Protocol

from markupsafe import Markup

PER_PAGE = 20
MAX_PAGE = 50


@dataclass
class Results:
    """One page of a query: post ids in rank order and what the results page shows with them."""

    hits: list = field(default_factory=list)  # post ids, best (or newest) first
    total: int = 0
    exact: bool = True  # False: `total` is an estimate
    snippets: Callable[[str, str], Markup] | None = None  # (body_html, language) -> highlighted
    suggestion: str | None = None  # a corrected query that finds something, when nothing did
    notices: list = field(default_factory=list)  # messages about the query (words dropped…)
    scores: list | None = None  # the hits' relevance scores (None when sorted by date)
    unavailable: bool = False  # no index yet (being built): say so, never fail


class SearchBackend(Protocol):
    """The operations the rest of Praxis calls; index updates arrive from the outbox."""

    def index(self, post_ids, thread_ids=()):
        """Make the index agree with the database for these posts (and every post of these
        threads): added, updated, or dropped when they are gone or never indexed."""

    def remove(self, post_ids):
        """Drop these posts from the index whatever the database says."""

    def query(self, parsed, viewer, page=1, sort="relevance") -> Results:
        """One page of the posts matching `parsed` (syntax.Parsed) under `viewer`'s mask."""

    def rebuild(self, progress=None, procs=1) -> int:
        """Rebuild the whole index from the database; returns the number of posts indexed."""

    def status(self) -> dict:
        """Where the index is and how many documents it holds (the `search status` command)."""

    def ensure_index(self):
        """Have a missing index built in the background (a server's first request)."""
