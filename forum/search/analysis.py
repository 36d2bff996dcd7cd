"""Language-aware text analysis: one stemmer per post language, accents folded.

Each post is analysed with its own language's stop words and stemmer (where Whoosh has one),
then folded to plain letters, so "évaluation" and "evaluations" meet on "evalu". A query's
language is unknown, so each query word is analysed with every language present in the index
and matches any of the resulting stems: shared words match across languages.
"""
import re
import unicodedata
from functools import lru_cache

from whoosh import lang as whoosh_lang
from whoosh.analysis import (Analyzer, CharsetFilter, Filter, LowercaseFilter, RegexTokenizer,
                             StopFilter)
from whoosh.support.charset import accent_map

GENERIC = "xx"  # languages without a Whoosh stemmer: tokenised, lower-cased, folded
STEMMED = tuple(code for code in whoosh_lang.languages
                if whoosh_lang.has_stemmer(code) and code != "tr")
MARK = "\x1f"  # separates the language code from the text in values given to the index

_TOKENS = r"\w+(?:[.'’]?\w+)*"


@lru_cache(maxsize=None)
def analyzer_for(code):
    """The analyzer of one language (cached: analyzers are reusable and thread-safe)."""
    code = index_language(code)
    chain = RegexTokenizer(_TOKENS) | LowercaseFilter()
    if code != GENERIC:
        if whoosh_lang.has_stopwords(code):
            chain = chain | StopFilter(stoplist=whoosh_lang.stopwords_for_language(code), minsize=1)
        return chain | FoldingStemFilter(code)
    return chain | CharsetFilter(accent_map)


class FoldingStemFilter(Filter):
    """Stem, then fold accents; a word written with accents is also indexed as stemmed without
    them, so "avaliacoes" typed on a keyboard without accents finds "avaliações"."""

    def __init__(self, code):
        self.code = code
        self._stem = whoosh_lang.stemmer_for_language(code)
        self._cache = {}

    def __eq__(self, other):
        return isinstance(other, FoldingStemFilter) and other.code == self.code

    def __hash__(self):
        return hash((FoldingStemFilter, self.code))

    def __getstate__(self):
        return {"code": self.code}

    def __setstate__(self, state):
        self.__init__(state["code"])

    def forms(self, word):
        forms = self._cache.get(word)
        if forms is None:
            stem = self._stem(word).translate(accent_map)
            plain = word.translate(accent_map)
            plain_stem = self._stem(plain).translate(accent_map) if plain != word else stem
            forms = (stem,) if plain_stem == stem else (stem, plain_stem)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = forms
        return forms

    def __call__(self, tokens):
        for token in tokens:
            if getattr(token, "stopped", False):
                yield token
                continue
            forms = self.forms(token.text)
            if token.mode == "highlight":  # one token per word, its other form alongside
                token.text, token.alt = forms[0], forms[-1]
                yield token
                continue
            for form in forms:
                token.text = form
                yield token


@lru_cache(maxsize=None)
def words_analyzer():
    """Surface words, lower-cased and folded: prefix search and spelling suggestions."""
    return RegexTokenizer(_TOKENS) | LowercaseFilter() | CharsetFilter(accent_map)


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
    its stem with and without them, as FoldingStemFilter indexed it)."""
    positions = {}
    for token in analyzer_for(code)(text, positions=True):
        forms = positions.setdefault(token.pos, [])
        if token.text not in forms:
            forms.append(token.text)
    return [tuple(forms) for _pos, forms in sorted(positions.items())]


def fold(word):
    """Lower-cased, accent-folded surface form (the `words` field)."""
    return " ".join(token.text for token in words_analyzer()(word))


_UNSAFE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                     r"\u2060-\u2069\ufeff\ufff0-\uffff]")


def clean_text(text):
    """NFC-normalised text without control, zero-width or bidirectional override characters."""
    text = unicodedata.normalize("NFC", text or "")
    return _UNSAFE.sub(" ", text)
