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
from whoosh.analysis import (Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter,
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
        chain = chain | StemFilter(lang=code, cachesize=200_000)
    return chain | CharsetFilter(accent_map)


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


def fold(word):
    """Lower-cased, accent-folded surface form (the `words` field)."""
    return " ".join(token.text for token in words_analyzer()(word))


_UNSAFE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                     r"\u2060-\u2069\ufeff\ufff0-\uffff]")


def clean_text(text):
    """NFC-normalised text without control, zero-width or bidirectional override characters."""
    text = unicodedata.normalize("NFC", text or "")
    return _UNSAFE.sub(" ", text)
