"""Running a query under the viewer's visibility mask: one page of post ids, ranked or newest first."""
from dataclasses import dataclass

from whoosh import query as Q
from whoosh.collectors import WrappingCollector

from forum.permissions import ALL

PER_PAGE = 20
MAX_PAGE = 50
SCORED_DOCS = 2_500  # broad queries are ranked among about this many of the newest matches


def visibility_mask(visibility):
    """The documents this viewer may not see, from `permissions.search_visibility`.

    Outside the sectors a viewer moderates: deleted threads, other people's pending threads,
    and other people's hidden or pending posts. Masks are small sets (cheap to compute).
    """
    sectors, member_id = visibility["sectors"], visibility["member_id"]
    if sectors == ALL:
        return None
    pending_thread = Q.Term("thread_state", "pending")
    restricted = Q.Term("restricted", True)
    if member_id is not None:
        pending_thread = Q.AndNot(pending_thread, Q.Term("thread_author_id", str(member_id)))
        restricted = Q.AndNot(restricted, Q.Term("author_id", str(member_id)))
    mask = Q.Or([Q.Term("thread_state", "deleted"), pending_thread, restricted])
    if sectors:
        mask = Q.AndNot(mask, Q.Or([Q.Term("sector_id", str(sector)) for sector in sorted(sectors)]))
    return mask


@dataclass
class Found:
    post_ids: list
    total: int
    exact: bool


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
        return self.child.count()


def mask_docs(searcher, mask):
    """The masked document numbers as a plain set, or None (cached per searcher).

    Whoosh would turn the mask query into a BitSet whose truth test scans every byte, once per
    matching document: a plain set keeps broad queries fast.
    """
    if mask is None:
        return None
    cache = searcher.__dict__.setdefault("_praxis_masks", {})
    key = repr(mask)
    if key not in cache:
        cache[key] = set(searcher.docs_for_query(mask)) or None
    return cache[key]


def run(searcher, query, mask, page, sort):
    """One page of matching post ids, by BM25F relevance or newest first.

    A query matching more than SCORED_DOCS documents is ranked within the newest part of the
    index that holds about that many matches (widened until the page is full); its total is
    then an estimate.
    """
    limit = page * PER_PAGE
    mask = mask_docs(searcher, mask)
    size = searcher.doc_count_all()
    estimate = query.estimate_size(searcher.reader())
    start = size - int(size * SCORED_DOCS / estimate) if estimate > SCORED_DOCS else 0
    while True:
        collector = searcher.collector(limit=limit, mask=mask, **(
            {"sortedby": "created", "reverse": True} if sort == "newest" else {}))
        windowed = RecentCollector(collector, start) if start > 0 else collector
        searcher.search_with_collector(query, windowed)
        results = windowed.results()
        if start <= 0 or results.scored_length() >= limit:
            break
        start = max(0, size - (size - start) * 4)
    hits = results[(page - 1) * PER_PAGE:limit]
    if start > 0:
        seen = len(results.docs()) if sort == "newest" else results.scored_length()
        total, exact = max(estimate, seen), False
    else:
        exact = results.has_exact_length()
        total = len(results) if exact else results.estimated_length()
    return Found([int(hit["post_id"]) for hit in hits], total, exact)


def has_hits(searcher, query, mask):
    return query is not None and searcher.search(
        query, limit=1, mask=mask_docs(searcher, mask)).scored_length() > 0
