""""Did you mean": corrections from the index vocabulary that find something the viewer may see."""
import copy

from whoosh import query as Q
from whoosh.support.levenshtein import distance

from forum.adapters.search.whoosh.analysis import fold
from forum.adapters.search.whoosh.compiling import Highlight, text_query, build, languages_in
from forum.adapters.search.whoosh.masks import has_hits
from forum.adapters.search.syntax import Term, unparse

MIN_LENGTH = 3  # shorter words are not corrected (and must be longer than PREFIX, see below)
PREFIX = 1  # a correction keeps the word's first letter


def suggest(searcher, parsed, mask):
    """A corrected query string that finds something this viewer may see, or None.

    Candidates come from the index vocabulary, which holds the words of hidden posts too: a
    candidate is offered only if that very word (the `words` field, not a stem it shares with
    visible posts) is in a post the viewer may see, under the mask the results use.
    """
    parsed = copy.deepcopy(parsed)
    corrector = searcher.corrector("words")
    languages, changed = languages_in(searcher), False
    for group in parsed.groups:
        for position, term in enumerate(group):
            word = fold(term.text) if term.kind == "word" else ""
            if not _correctable(word) or has_hits(searcher, _text(term.text, languages), mask):
                continue
            for candidate in _closest_first(word, corrector.suggest(word, limit=8, maxdist=2, prefix=PREFIX)):
                if candidate != word and _visible_word(searcher, candidate, mask):
                    group[position], changed = Term("word", candidate), True
                    break
    if changed and has_hits(searcher, build(parsed, searcher).query, mask):
        return unparse(parsed)
    return None


def _correctable(word):
    """One word long enough to correct. Whoosh's Levenshtein automaton (whoosh-reloaded 2.7.5,
    automata/lev.py) indexes `term[i]` for every i below `prefix`: a word that folds to less
    than PREFIX letters (":" folds to "") raised IndexError, a 500 on the search page."""
    return len(word) >= max(MIN_LENGTH, PREFIX + 1) and " " not in word


def _closest_first(word, candidates):
    """Whoosh ranks corrections by frequency alone (its score ignores the edit distance):
    the nearest word comes first, the more frequent one among equals."""
    return sorted(candidates, key=lambda candidate: distance(word, candidate))


def _text(text, languages):
    return text_query(text, languages, ("title", "body"), Highlight())


def _visible_word(searcher, word, mask):
    """Whether `word` itself occurs in a post the viewer may see."""
    return has_hits(searcher, Q.Term("words", word), mask)
