"""The Whoosh search backend (whoosh-reloaded 2.7.5).

    backend.py     WhooshBackend: the interface (forum/adapters/search/interface.py) over one index
    store.py       the index directory, schema, write lock and atomic swap
    analysis.py    tokenising and stemming per language; documents.py: posts -> documents
    indexing.py    rebuilds (in several processes) and the incremental writer's merges
    compiling.py   parsed queries -> Whoosh queries; masks.py: the viewer's visibility mask
    searching.py   one page of a query under the mask (windows for broad queries)
    snippets.py, suggestions.py   highlighted extracts and "did you mean"
    candidates.py  an AND or a filter narrowed to the candidates of its rarest part
    fastpath.py    EVERY use of Whoosh's private internals, used only when SEARCH_FAST_PATH is
                   on: by blockrank.py (word queries ranked block by block, instead of Whoosh's
                   collectors), candidates.py (posting blocks skipped, instead of public
                   matchers), tablescoring.py (BM25F from a length table, instead of BM25F) and
                   indexing.py (forked rebuild writers, instead of one process)
"""
from forum.adapters.search.whoosh.backend import WhooshBackend  # noqa: F401
