"""Candidate documents of a query, from posting lists read block by block (no scoring).

Whoosh intersects an AND (or a query with a filter) by leapfrogging through trees of union
matchers, one document at a time: for two words of 2,000 and 10,000 documents that never
meet, 25 ms. Reading the rarest part's documents as a set, then only the blocks of the other
parts that can hold one of them, costs a few ms, and ranking then visits the candidates only
(`ranking.run`). Sets are supersets of the matches (phrases count as their words, exclusions
are ignored): Whoosh still decides each candidate. Part of the fast path: only called when
SEARCH_FAST_PATH is on.
"""
from bisect import bisect_right

from whoosh import query as Q
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.matching.wrappers import FilterMatcher

from forum.adapters.search.whoosh.fastpath import block_ids

RAREST_CAP = 8_000  # postings read in full for the rarest part; broader queries use windows


def candidates(searcher, query, allow=None, fast=True):
    """A superset of the global document numbers `query` matches (within `allow`), or None
    when that would cost more than Whoosh's own matching (no part rarer than RAREST_CAP)."""
    reader = searcher.reader()
    parts = [] if allow is None else [(len(allow), allow)]
    for part in _conjuncts(query):
        if _leaves(part) is not None:
            parts.append((part.estimate_size(reader), part))
    if len(parts) < 2 and allow is None or not parts or min(parts, key=_size)[0] > RAREST_CAP:
        return None
    parts.sort(key=_size)
    docs = None
    for _estimate, part in parts:
        if isinstance(part, (set, frozenset)):
            docs = set(part) if docs is None else docs & part
        else:
            docs = _docs(searcher, _leaves(part), None if docs is None else sorted(docs), fast)
        if not docs:
            return set()
    return docs


def _size(part):
    return part[0]


def _conjuncts(query):
    """The parts of an AND (a lone query is its own part)."""
    if isinstance(query, Q.And):
        return [sub for part in query.subqueries for sub in _conjuncts(part)]
    return [query]


def _leaves(query):
    """The (field, text) terms whose union holds every match of `query`, or None."""
    if isinstance(query, Q.Term):
        return [(query.fieldname, query.text)]
    if isinstance(query, Q.Phrase):
        return [(query.fieldname, query.words[0])]
    if isinstance(query, Q.And):
        parts = [_leaves(part) for part in query.subqueries]
        parts = [part for part in parts if part is not None]
        return min(parts, key=len) if parts else None
    if isinstance(query, Q.Or):
        terms = []
        for part in query.subqueries:
            leaves = _leaves(part)
            if leaves is None:
                return None
            terms += leaves
        return terms
    return None


def term_docs(searcher, term, fast=True):
    """The documents holding one Term (deleted ones included: callers combine this with
    matching, which leaves them out), read by blocks: half the cost of docs_for_query."""
    return _docs(searcher, [(term.fieldname, term.text)], fast=fast)


def _docs(searcher, terms, among=None, fast=True):
    """Global numbers of the documents holding any of `terms` (only those in the sorted list
    `among`, when given: blocks that cannot hold one of them are skipped unread)."""
    found = set()
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        local = None if among is None else [doc - offset for doc in among
                                             if offset <= doc < offset + reader.doc_count_all()]
        if local == []:
            continue
        for fieldname, text in terms:
            if (fieldname, text) not in reader:
                continue
            matcher = reader.postings(fieldname, text)
            if isinstance(matcher, FilterMatcher):  # deleted documents: a superset is fine
                matcher = matcher.child
            ids = block_ids(matcher, local) if fast else _all_ids(matcher, local)
            found.update(ids if not offset else (doc + offset for doc in ids))
    return found


def _all_ids(matcher, among):
    """The ids of a posting list (in `among` if given) through Whoosh's public matcher API."""
    ids = set(matcher.all_ids())
    return ids if among is None else ids.intersection(among)


class DocsQuery(Q.Query):
    """Matches the given global document numbers, with score 0 (drives an AND)."""

    def __init__(self, top_searcher, docs):
        self.docs = sorted(docs)
        self._offsets = {id(sub): offset for sub, offset in top_searcher.leaf_searchers()}

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return f"DocsQuery({len(self.docs)} documents)"

    def is_leaf(self):
        """Whoosh asks: a fixed set of documents has no sub-queries."""
        return True

    def estimate_size(self, ixreader):
        """Whoosh orders an AND by size: the set's size is exact."""
        return len(self.docs)

    def matcher(self, searcher, context=None):
        """A matcher over this searcher's slice of the document set (segments have offsets)."""
        offset = self._offsets.get(id(searcher), 0)
        end = offset + searcher.doc_count_all()
        docs = self.docs
        local = [doc - offset for doc in docs[bisect_right(docs, offset - 1):bisect_right(docs, end - 1)]]
        # weights, not all_weights=0.0: Whoosh reads a zero all_weights as unset and scores 1.0
        return ListMatcher(local, weights=[0.0] * len(local)) if local else NullMatcher()
