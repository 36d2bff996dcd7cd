"""Running a Whoosh query under the viewer's mask: one page of post ids, ranked or newest first.

With the fast path (fastpath.py) broad word queries are ranked block by block (blockrank.py)
and ANDs are narrowed to candidate sets (candidates.py); without it, Whoosh's collectors do
all of it. Both return the same totals and pages (tests/forum/adapters/search/test_fast_path_oracle.py).
"""
from dataclasses import dataclass

from whoosh import query as Q
from whoosh.collectors import WrappingCollector

from forum.adapters.search.whoosh import blockrank, candidates
from forum.adapters.search.whoosh.masks import mask_docs

PER_PAGE = 20
MAX_PAGE = 50
SCORED_DOCS = 2_500  # broad queries are ranked among about this many of the newest matches


@dataclass
class Found:
    """One page of a query: post ids, how many matched (exactly or estimated) and scores."""

    post_ids: list
    total: int
    exact: bool
    scores: list | None = None  # of the page's hits, by relevance (None: newest first)


class RecentCollector(WrappingCollector):
    """Scores only documents numbered `start` or above: the newest part of the index.

    Documents are added in the order posts are written (a rebuild goes by post id), so high
    numbers are recent posts. Ranking a word that matches half the forum then costs as much as
    ranking a rare one: the best matches among the most recent few thousand.
    """

    def __init__(self, child, start):
        super().__init__(child)
        self.start = start
        self.window_matches = 0

    def collect_matches(self):
        """Collect only the newest matches of a broad query (document numbers rise with age)."""
        child = self.child
        first = self.start - child.offset
        if child.offset + child.subsearcher.doc_count_all() <= self.start:
            return
        matcher = child.matcher
        if first > 0 and matcher.is_active() and matcher.id() < first:
            matcher.skip_to(first)
        if matcher.is_active():
            child.collect_matches()

    def count(self):
        """The full match count, though only the newest matches were ranked."""
        return self.child.count()


FILTER_CACHE = 64  # filter docsets kept per searcher (sectors, authors, tags: few and reused)


def filter_docs(searcher, query, fast=True):
    """The document numbers matching the filter `query` as a set (cached per searcher, which
    is replaced when the index changes): a sector or tag filter then costs a set lookup per
    match instead of a leapfrogging intersection, and never a score."""
    if query is None:
        return None
    cache = searcher.__dict__.setdefault("_praxis_filters", {})
    docs = cache.get(query)
    if docs is None:
        if len(cache) >= FILTER_CACHE:
            cache.clear()
        docs = None
        for part in query.subqueries if isinstance(query, Q.And) else [query]:
            found = (candidates.term_docs(searcher, part, fast) if isinstance(part, Q.Term)
                     else set(searcher.docs_for_query(part)))
            docs = found if docs is None else docs & found
        cache[query] = docs
    return docs


def run(searcher, query, mask, page, sort, restrict=None, fast=True):
    """One page of matching post ids, by BM25F relevance or newest first.

    `restrict` (filters: a sector, a tag, dates) is applied as a set of allowed documents.
    A query expected to match more than SCORED_DOCS documents is ranked within the newest part
    of the index that should hold about that many matches; when that part does not fill the
    page, it is widened once by the density seen there (to the whole index when it found
    nothing). The total of a windowed query is an estimate. `fast`: SEARCH_FAST_PATH (the
    same windows and candidates, read from posting blocks, and word queries ranked by blockrank).
    """
    limit = page * PER_PAGE
    mask = mask_docs(searcher, mask)
    size = searcher.doc_count_all()
    allow = filter_docs(searcher, restrict, fast)
    if allow is not None and not allow:  # (Whoosh reads an empty filter as "no filter")
        return Found([], 0, True)
    docs = candidates.candidates(searcher, query, allow, fast)
    if docs is not None:  # a rare part: only its candidates are visited
        docs = docs - mask if mask else docs
        if not docs:
            return Found([], 0, True)
        driver = candidates.DocsQuery(searcher, docs)
        estimate = len(docs)
        window = size - driver.docs[-SCORED_DOCS] if estimate > SCORED_DOCS else size
    else:
        driver, estimate = None, estimate_size(query, searcher.reader(), size)
        if allow is not None:
            estimate = estimate * len(allow) // max(size, 1)
        window = int(size * SCORED_DOCS / estimate) if estimate > SCORED_DOCS else size
    while True:
        start = max(0, size - window)
        ranked = (blockrank.rank(searcher, query, start, limit, allow, mask, docs)
                  if fast and sort != "newest" else None)
        if ranked is None:
            docnums, found, results, scores = _collect(searcher, query if driver is None else
                                                       Q.And([driver, query]), start, limit, allow, mask, sort)
        else:
            (docnums, found, scores), results = ranked, None
        if start <= 0 or found >= limit:
            break
        window = window * 2 * limit // found if found else size
    hits = docnums[(page - 1) * PER_PAGE:limit]
    if start > 0:
        seen = len(results.docs()) if results is not None and sort == "newest" else found
        total, exact = max(estimate, seen), False
    elif found < limit or results is None:  # nothing was skipped
        total, exact = found, True
    else:  # Whoosh skipped low-quality blocks: count the matches (within the filter and mask)
        total, exact = len(results), True
    return Found([int(searcher.stored_fields(docnum)["post_id"]) for docnum in hits], total, exact,
                 None if sort == "newest" else scores[(page - 1) * PER_PAGE:limit])


def _collect(searcher, query, start, limit, allow, mask, sort):
    """Whoosh's own search from document `start` on: (top docnums, scored, results)."""
    collector = searcher.collector(limit=limit, filter=allow, mask=mask, **(
        {"sortedby": "created", "reverse": True} if sort == "newest" else {}))
    scored = collector.child if isinstance(collector, WrappingCollector) else collector
    # whoosh-reloaded 2.7.5 prunes with `matcher.replace(minscore)` every 10 documents and then
    # counts only what is left as the total, when a part has no block quality (an And with a
    # DocsQuery: 562 of 871 in the oracle test). Count every match.
    scored.replace = 0
    windowed = RecentCollector(collector, start) if start > 0 else collector
    searcher.search_with_collector(query, windowed)
    results = windowed.results()
    top = results[:limit]
    return [hit.docnum for hit in top], results.scored_length(), results, [hit.score for hit in top]


def estimate_size(query, reader, size):
    """Expected matches, words taken as independent: Whoosh's own estimate of an And is its
    rarest part, far too high for two common words that rarely meet (two languages)."""
    if isinstance(query, (Q.And, Q.Phrase)):
        parts = (query.subqueries if isinstance(query, Q.And)
                 else [Q.Term(query.fieldname, word) for word in query.words])
        fraction = 1.0
        for part in parts:
            fraction *= min(1.0, estimate_size(part, reader, size) / max(size, 1))
        return int(size * fraction)
    if isinstance(query, Q.Or):
        return min(size, sum(estimate_size(part, reader, size) for part in query.subqueries))
    if isinstance(query, (Q.AndNot, Q.ConstantScoreQuery)):
        return estimate_size(query.child if hasattr(query, "child") else query.a, reader, size)
    return query.estimate_size(reader)
