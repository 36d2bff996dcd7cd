"""Ranking a query of words by BM25F over posting blocks, without Whoosh's matcher trees.

For the queries Praxis builds from words (an AND of groups, each an OR of terms: language
variants, fields, prefix expansions), a document's Whoosh score is the sum of the scores of
the terms it holds, and it matches when every group has one. Reading each term's postings in
the ranked window block by block (ids and weights), scoring them with `TableScorer`'s formula
and combining sets gives the same matches and scores (up to the order of float additions) at
a fraction of the per-document cost. Anything else (phrases of three words or more,
exclusions, sorting by date) is left to Whoosh: `rank` returns None. Part of the fast path:
only called when SEARCH_FAST_PATH is on.
"""
from bisect import bisect_left
from heapq import nsmallest

from whoosh import query as Q
from whoosh.matching.wrappers import FilterMatcher

from forum.adapters.search.whoosh.fastpath import block_items


def rank(searcher, query, start, limit, allow=None, mask=None, among=None):
    """(the top `limit` global document numbers, the number of matches, the top scores) among documents
    numbered `start` or above, or None when `query` is not an AND/OR tree of terms."""
    groups = _groups(query)
    if groups is None:
        return None
    among_sorted = sorted(doc for doc in among if doc >= start) if among is not None else None
    reader = searcher.reader()
    groups.sort(key=lambda terms: sum(reader.doc_frequency(name, text) for name, text, _boost in terms))
    scores, matched = {}, None
    for terms in groups:  # rarest first: the next groups read only blocks that can match
        if matched is not None:
            among_sorted = sorted(matched)
        found = set()
        for fieldname, text, boost in terms:
            postings = _postings(searcher, fieldname, text, start, among_sorted, boost)
            if postings is None:
                return None
            for doc, score in postings:
                found.add(doc)
                scores[doc] = scores.get(doc, 0.0) + score
        matched = found if matched is None else matched & found
        if not matched:
            return [], 0, []
    if among is not None:
        matched &= among
    if allow is not None:
        matched &= allow
    if mask:
        matched -= mask
    top = nsmallest(limit, matched, key=lambda doc: (-scores[doc], doc))
    return top, len(matched), [scores[doc] for doc in top]


def _groups(query):
    """The query as a list of groups of (field, text, boost) terms (AND of ORs), or None."""
    if isinstance(query, Q.And):
        groups = []
        for part in query.subqueries:
            inner = _groups(part)
            if inner is None:
                return None
            groups += inner
        return groups
    terms = _terms(query)
    return None if terms is None else [terms]


def _terms(query):
    if isinstance(query, Q.Term):  # a boost scales its score, as Whoosh's WrappingMatcher does
        return [(query.fieldname, query.text, query.boost)]
    if isinstance(query, Q.Or) and query.boost == 1.0 and not query.scale and query.minmatch in (0, 1):
        terms = []
        for part in query.subqueries:
            inner = _terms(part)
            if inner is None:
                return None
            terms += inner
        return terms
    return None


def _postings(searcher, fieldname, text, start, among=None, boost=1.0):
    """[(global docnum, score)] of one term from `start` on (in `among` when given), or None
    when its scorer has no length table."""
    out = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        end = offset + reader.doc_count_all()
        if end <= start or (fieldname, text) not in reader:
            continue
        local = None
        if among is not None:
            local = [doc - offset for doc in among[bisect_left(among, offset):bisect_left(among, end)]]
            if not local:
                continue
        scorer = searcher.weighting.scorer(subsearcher, fieldname, text)
        score = getattr(scorer, "score_posting", None)
        if score is None:
            return None
        matcher = reader.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            matcher, deleted = matcher.child, reader.deleted_docs_set
        first = max(0, start - offset)
        for doc, weight in block_items(matcher, first, local):
            if deleted is None or doc not in deleted:
                out.append((doc + offset, score(doc, weight) if boost == 1.0 else score(doc, weight) * boost))
    return out
