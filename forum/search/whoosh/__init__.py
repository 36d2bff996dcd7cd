"""The Whoosh search backend (whoosh-reloaded 2.7.5).

    backend.py     WhooshBackend: the interface (forum/search/interface.py) over one index
    store.py       the index directory, schema, write lock and atomic swap
    analysis.py    tokenising and stemming per language; documents.py: posts -> documents
    indexing.py    rebuilds (in several processes) and the incremental writer's merges
    compiling.py   parsed queries -> Whoosh queries; masks.py: the viewer's visibility mask
    searching.py   one page of a query under the mask (windows for broad queries)
    snippets.py, suggestions.py   highlighted extracts and "did you mean"
    fastpath.py    EVERY use of Whoosh's private internals (SEARCH_FAST_PATH), used by
                   blockrank.py (word queries ranked block by block), candidates.py (AND
                   narrowed to candidate sets) and tablescoring.py (BM25F from a length table)
"""
from forum.search.whoosh.backend import WhooshBackend  # noqa: F401
