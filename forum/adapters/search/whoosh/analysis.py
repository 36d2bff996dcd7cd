"""Language-aware text analysis: one stemmer per post language, accents folded.

Each post is analysed with its own language's stop words and stemmer (where Whoosh has one),
then folded to plain letters, so "évaluation" and "evaluations" meet on "evalu". A query's
language is unknown, so each query word is analysed with every language present in the index
and matches any of the resulting stems: shared words match across languages (the stems of the
reader's languages in full, the others' at a lower weight: compiling.text_query).
"""
import re
from functools import lru_cache

from whoosh import lang as whoosh_lang
from whoosh.analysis import Analyzer, Token
from whoosh.support.charset import accent_map

from forum.adapters.search.syntax import normalise_text  # noqa: F401 (documents and queries clean alike)

GENERIC = "xx"  # languages without a Whoosh stemmer: tokenised, lower-cased, folded
STEMMED = tuple(code for code in whoosh_lang.languages
                if whoosh_lang.has_stemmer(code) and code != "tr")
MARK = "\x1f"  # separates the language code from the text in values given to the index

_TOKENS = r"\w+(?:[.'’]?\w+)*"


_WORD = re.compile(_TOKENS)


@lru_cache(maxsize=None)
def analyzer_for(code):
    """The analyzer of one language (cached: analyzers are reusable and thread-safe)."""
    return LanguageAnalyzer(index_language(code))


class LanguageAnalyzer(Analyzer):
    """Words -> lower case -> stop words out -> stem -> accents folded, in one loop.

    The same result as RegexTokenizer | LowercaseFilter | StopFilter | stemmer | CharsetFilter,
    at a fraction of the cost per token (one generator, forms cached per word): analysis runs
    for every word of every post on a rebuild. A word written with accents is also indexed as
    stemmed without them, so "avaliacoes" typed on a keyboard without accents finds
    "avaliações". Positions count the words that are not stop words (as StopFilter renumbers).
    """

    def __init__(self, code):
        self.code = code
        self.stops = (frozenset(whoosh_lang.stopwords_for_language(code))
                      if code != GENERIC and whoosh_lang.has_stopwords(code) else frozenset())
        self._stem = whoosh_lang.stemmer_for_language(code) if code != GENERIC else None
        self._cache = {}

    def __eq__(self, other):
        return isinstance(other, LanguageAnalyzer) and other.code == self.code

    def __hash__(self):
        return hash((LanguageAnalyzer, self.code))

    def __getstate__(self):
        return {"code": self.code}

    def __setstate__(self, state):
        self.__init__(state["code"])

    def forms(self, word):
        """(stem,) or (stem, stem of the word without accents), accent-folded; cached."""
        forms = self._cache.get(word)
        if forms is None:
            if self._stem is None:
                forms = (word.translate(accent_map),)
            else:
                stem = self._stem(word).translate(accent_map)
                plain = word.translate(accent_map)
                plain_stem = self._stem(plain).translate(accent_map) if plain != word else stem
                forms = (stem,) if plain_stem == stem else (stem, plain_stem)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = forms
        return forms

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        highlight, stops, forms_of = mode == "highlight", self.stops, self.forms
        matches = _WORD.finditer(value) if tokenize else [_Whole(value)]
        pos = start_pos
        for match in matches:
            original = match.group()
            word = original.lower()
            if keeporiginal:
                token.original = original
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            if word in stops:
                if not removestops:
                    token.text, token.stopped, token.alt = word, True, None
                    yield token
                continue
            token.stopped = False
            if positions:
                token.pos = pos
            pos += 1
            forms = forms_of(word)
            if highlight:  # one token per word, its other form alongside
                token.text, token.alt = forms[0], forms[-1]
                yield token
                continue
            for form in forms:
                token.text = form
                yield token


class _Whole:
    """A regex-match look-alike for the whole value (analysis with tokenize=False)."""

    def __init__(self, value):
        self.value = value

    def group(self):
        return self.value

    def start(self):
        return 0

    def end(self):
        return len(self.value)


def surface_words(text, stops=frozenset()):
    """Lower-cased, accent-folded words of `text` without `stops` (the `words` field)."""
    return [word for word in _WORD.findall(text.lower().translate(accent_map)) if word not in stops]


class WordsAnalyzer(Analyzer):
    """Surface words for prefix search and spelling suggestions: lower-cased, folded, the post
    language's stop words left out (a prefix or a correction never needs them). No positions:
    the field is not searched for phrases."""

    def __call__(self, value, positions=False, chars=False, removestops=True, mode="", **kwargs):
        code, sep, text = value.partition(MARK)
        if not sep or len(code) > 3:
            code, text = GENERIC, value
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        for pos, word in enumerate(surface_words(text, analyzer_for(code).stops)):
            token.text = token.original = word
            if positions:
                token.pos = pos
            yield token

    def __eq__(self, other):
        return isinstance(other, WordsAnalyzer)

    def __hash__(self):
        return hash(WordsAnalyzer)


class PairsAnalyzer(Analyzer):
    """Adjacent word pairs ("stem stem") for two-word phrases, one term each: a phrase becomes a
    single posting-list lookup instead of a position check on every document holding both words.
    Stop words are skipped as in the word fields (their positions do not count), so a pair is
    exactly what a two-word Phrase on the word field matches; accent variants pair up too."""

    def __call__(self, value, positions=False, chars=False, removestops=True, mode="", **kwargs):
        code, sep, text = value.partition(MARK)
        if not sep or len(code) > 3:
            code, text = GENERIC, value
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        previous, pos = (), 0
        for word in analyzer_for(code)(text, positions=True, mode="highlight"):
            forms = (word.text,) if word.alt == word.text else (word.text, word.alt)
            for first in previous:
                for second in forms:
                    token.text = pair(first, second)
                    if positions:
                        token.pos = pos
                    yield token
            previous, pos = forms, pos + 1

    def __eq__(self, other):
        return isinstance(other, PairsAnalyzer)

    def __hash__(self):
        return hash(PairsAnalyzer)


def pair(first, second):
    """The index term of two adjacent stems (the pairs fields)."""
    return f"{first} {second}"


def index_language(code):
    """The analysis language for a post language code ("de", "pl" -> generic)."""
    code = (code or "").lower()[:2]
    return code if code in STEMMED else GENERIC


def tag_value(code, text):
    """Prefix `text` with its language so `MultilingualAnalyzer` picks the right chain."""
    return f"{index_language(code)}{MARK}{text}"


class MultilingualAnalyzer(Analyzer):
    """Dispatches on the language prefix written by `tag_value` (one index field for all)."""

    def __call__(self, value, **kwargs):
        code, sep, text = value.partition(MARK)
        if not sep or len(code) > 3:
            code, text = GENERIC, value
        return analyzer_for(code)(text, **kwargs)

    def __eq__(self, other):
        return isinstance(other, MultilingualAnalyzer)

    def __hash__(self):
        return hash(MultilingualAnalyzer)


def analyse(code, text):
    """The index terms of `text` in one language."""
    return [token.text for token in analyzer_for(code)(text)]


def analyse_query(code, text):
    """Query terms per word position, each a tuple of alternatives (a word with accents has
    its stem with and without them, as LanguageAnalyzer indexed it)."""
    positions = {}
    for token in analyzer_for(code)(text, positions=True):
        forms = positions.setdefault(token.pos, [])
        if token.text not in forms:
            forms.append(token.text)
    return [tuple(forms) for _pos, forms in sorted(positions.items())]


def fold(word):
    """Lower-cased, accent-folded surface form (as in the `words` field)."""
    return " ".join(surface_words(word))
