"""Running a query under the viewer's visibility mask: one page of post ids, ranked or newest first."""
from dataclasses import dataclass

from whoosh import query as Q
from whoosh.collectors import WrappingCollector

from forum.core import visibility
from forum.core.permissions import ALL
from forum.adapters.search import docsets, ranker
from forum.adapters.search.documents import STATE_FIELDS

PER_PAGE = 20
MAX_PAGE = 50
SCORED_DOCS = 2_500  # broad queries are ranked among about this many of the newest matches


@dataclass(frozen=True)
class Mask:
    """Whose exceptions apply: the audiences the viewer holds everywhere, their own posts and
    threads, the sectors they moderate."""

    member_id: int | None
    sectors: frozenset
    audiences: frozenset = frozenset({visibility.ANYONE})


def visibility_mask(seen):
    """What this viewer may not see, from `permissions.search_visibility` (None: everything).

    Derived from the table (forum/visibility.py): a document in a restricted state is masked
    unless the viewer holds one of its row's audiences everywhere, is its author, or moderates
    its sector. `mask_docs` turns it into document numbers.
    """
    sectors = seen["sectors"]
    mask = Mask(seen["member_id"], frozenset() if sectors == ALL else frozenset(sectors),
                frozenset(seen.get("audiences", {visibility.ANYONE})))
    return mask if _restricted_rows(mask) else None


# audience -> the document field and value that admit a viewer to a restricted row
_AUTHOR_FIELD = {visibility.POST: "author_id", visibility.THREAD: "thread_author_id"}
_MASKABLE = {visibility.AUTHOR, visibility.SECTOR_MODERATORS} | {
    visibility.MEMBERS, visibility.GLOBAL_MODERATORS, visibility.ADMINS}


def _restricted_rows(mask):
    """[(kind, state, audiences)] of the indexed states this viewer is not admitted to everywhere."""
    rows = []
    for kind, states in visibility.TABLE.items():
        for state, audiences in states.items():
            if not audiences or visibility.ANYONE in audiences:
                continue  # never indexed, or public (no flag)
            unknown = audiences - _MASKABLE
            if unknown:
                raise visibility.Unsupported(f"the search mask cannot express {sorted(unknown)}")
            if not audiences & mask.audiences:
                rows.append((kind, state, audiences))
    return rows


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


def mask_docs(searcher, mask):
    """The masked document numbers as a plain set, or None (cached per searcher).

    Built with set arithmetic on single-term posting lists, never with Whoosh's AndNot: its
    matcher keeps a document when the excluded list starts before it (whoosh-reloaded 2.7.5,
    AndNotMatcher._find_first), which hid an author's own hidden post from them. A plain set
    also keeps broad queries fast (Whoosh's BitSet truth test scans every byte, per match).
    """
    if mask is None:
        return None
    cache = searcher.__dict__.setdefault("_praxis_masks", {})
    if mask not in cache:
        def docs(field, text):
            return set(searcher.docs_for_query(Q.Term(field, text)))

        masked, sector_docs = set(), None
        for kind, state, audiences in _restricted_rows(mask):
            found = docs(STATE_FIELDS[kind], state)
            if found and visibility.AUTHOR in audiences and mask.member_id is not None:
                found -= docs(_AUTHOR_FIELD[kind], str(mask.member_id))
            if found and visibility.SECTOR_MODERATORS in audiences and mask.sectors:
                if sector_docs is None:
                    sector_docs = set().union(*(docs("sector_id", str(s)) for s in sorted(mask.sectors)))
                found -= sector_docs
            masked |= found
        cache[mask] = masked or None
    return cache[mask]


FILTER_CACHE = 64  # filter docsets kept per searcher (sectors, authors, tags: few and reused)


def filter_docs(searcher, query):
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
            found = (docsets.term_docs(searcher, part) if isinstance(part, Q.Term)
                     else set(searcher.docs_for_query(part)))
            docs = found if docs is None else docs & found
        cache[query] = docs
    return docs


def run(searcher, query, mask, page, sort, restrict=None):
    """One page of matching post ids, by BM25F relevance or newest first.

    `restrict` (filters: a sector, a tag, dates) is applied as a set of allowed documents.
    A query expected to match more than SCORED_DOCS documents is ranked within the newest part
    of the index that should hold about that many matches; when that part does not fill the
    page, it is widened once by the density seen there (to the whole index when it found
    nothing). The total of a windowed query is an estimate.
    """
    limit = page * PER_PAGE
    mask = mask_docs(searcher, mask)
    size = searcher.doc_count_all()
    allow = filter_docs(searcher, restrict)
    if allow is not None and not allow:  # (Whoosh reads an empty filter as "no filter")
        return Found([], 0, True)
    docs = docsets.candidates(searcher, query, allow)
    if docs is not None:  # a rare part: only its candidates are visited
        docs = docs - mask if mask else docs
        if not docs:
            return Found([], 0, True)
        driver = docsets.DocsQuery(searcher, docs)
        estimate = len(docs)
        window = size - driver.docs[-SCORED_DOCS] if estimate > SCORED_DOCS else size
    else:
        driver, estimate = None, estimate_size(query, searcher.reader(), size)
        if allow is not None:
            estimate = estimate * len(allow) // max(size, 1)
        window = int(size * SCORED_DOCS / estimate) if estimate > SCORED_DOCS else size
    while True:
        start = max(0, size - window)
        ranked = (ranker.rank(searcher, query, start, limit, allow, mask, docs)
                  if sort != "newest" else None)
        if ranked is None:
            docnums, found, results = _collect(searcher, query if driver is None else
                                               Q.And([driver, query]), start, limit, allow, mask, sort)
        else:
            (docnums, found), results = ranked, None
        if start <= 0 or found >= limit:
            break
        window = window * 2 * limit // found if found else size
    hits = docnums[(page - 1) * PER_PAGE:limit]
    if start > 0:
        seen = len(results.docs()) if results is not None and sort == "newest" else found
        total, exact = max(estimate, seen), False
    elif found < limit or results is None:  # nothing was skipped
        total, exact = found, True
    else:
        exact = results.has_exact_length()
        total = len(results) if exact else results.estimated_length()
    return Found([int(searcher.stored_fields(docnum)["post_id"]) for docnum in hits], total, exact)


def _collect(searcher, query, start, limit, allow, mask, sort):
    """Whoosh's own search from document `start` on: (top docnums, scored, results)."""
    collector = searcher.collector(limit=limit, filter=allow, mask=mask, **(
        {"sortedby": "created", "reverse": True} if sort == "newest" else {}))
    windowed = RecentCollector(collector, start) if start > 0 else collector
    searcher.search_with_collector(query, windowed)
    results = windowed.results()
    return [hit.docnum for hit in results[:limit]], results.scored_length(), results


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


def has_hits(searcher, query, mask):
    """Whether `query` matches a document this viewer may see (stops at the first one: no
    scoring, no counting)."""
    if query is None:
        return False
    masked = mask_docs(searcher, mask) or ()
    return any(docnum not in masked for docnum in searcher.docs_for_query(query))
