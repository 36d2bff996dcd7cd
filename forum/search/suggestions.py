""""Did you mean": corrections from the index vocabulary that find something the viewer may see."""
import copy

from forum.search.analysis import fold
from forum.search.compiling import Highlight, text_query, build, languages_in
from forum.search.ranking import has_hits
from forum.search.syntax import Term, unparse


def suggest(searcher, parsed, mask):
    """A corrected query string that finds something this viewer may see, or None.

    Candidates come from the index vocabulary (which may hold words of hidden posts); each is
    kept only if it finds a visible post, so a suggestion never reveals hidden content.
    """
    parsed = copy.deepcopy(parsed)
    corrector = searcher.corrector("words")
    languages, changed = languages_in(searcher), False
    for group in parsed.groups:
        for position, term in enumerate(group):
            if term.kind != "word" or has_hits(searcher, text_query(term.text, languages, ("title", "body"), Highlight()), mask):
                continue
            for candidate in corrector.suggest(fold(term.text), limit=5, maxdist=2, prefix=1):
                query = text_query(candidate, languages, ("title", "body"), Highlight())
                if candidate != fold(term.text) and has_hits(searcher, query, mask):
                    group[position], changed = Term("word", candidate), True
                    break
    if changed and has_hits(searcher, build(parsed, searcher).query, mask):
        return unparse(parsed)
    return None
