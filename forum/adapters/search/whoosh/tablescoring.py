"""BM25F as Whoosh computes it, with the per-document field length read from a table.

Whoosh's scorer asks for each matched document's field length through five calls (searcher,
reader, per-document reader, column reader, a one-byte file read) and decodes the length
byte: most of the cost of ranking a broad word. Here a segment's length bytes are read once
per reader and the length part of the BM25 denominator is precomputed for the 256 possible
bytes, so a score is two lookups and the same arithmetic (the same floats as Whoosh's).
Part of the fast path (fastpath.py reads the column); off, Whoosh's `BM25F` scores.
"""
from functools import lru_cache

from whoosh import scoring
from whoosh.util.numeric import byte_to_length

from forum.adapters.search.whoosh.fastpath import length_bytes


class TableBM25F(scoring.BM25F):
    """`scoring.BM25F` with `TableScorer` for fields whose length column can be read."""

    def scorer(self, searcher, fieldname, text, qf=1):
        """BM25F with per-field weights from our table (unscorable fields keep the default)."""
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return TableScorer(searcher, fieldname, text, B, self.K1, qf=qf)


class TableScorer(scoring.BM25FScorer):
    """A BM25F term scorer whose `score` reads the document length byte from memory."""

    def __init__(self, searcher, fieldname, text, B, K1, qf=1):
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        lengths = length_bytes(searcher.reader(), fieldname)
        if lengths is None:
            return  # (Whoosh's own per-document lookup)
        idf, k1_plus, count = self.idf, K1 + 1, len(lengths)
        norms = _norms(B, K1, self.avgfl)

        def score(matcher):
            weight, docnum = matcher.weight(), matcher.id()
            return idf * ((weight * k1_plus) / (weight + norms[lengths[docnum] if docnum < count else 0]))

        def score_posting(docnum, weight):
            return idf * ((weight * k1_plus) / (weight + norms[lengths[docnum] if docnum < count else 0]))

        self.score, self.score_posting = score, score_posting


@lru_cache(maxsize=64)
def _norms(B, K1, avgfl):
    """The length part of the BM25 denominator for each of the 256 length bytes."""
    return [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
