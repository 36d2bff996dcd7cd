"""Parsed queries -> Whoosh queries: words in the reader's languages first (then every indexed
language), prefixes, filters."""
from dataclasses import dataclass, field
from datetime import datetime, time, timezone

from whoosh import query as Q

from forum.adapters.search.whoosh.analysis import GENERIC, analyse_query, fold, index_language, pair

PREFIX_SCAN = 400  # lexicon entries looked at for one prefix
PREFIX_TERMS = 24  # most frequent of those searched
PRELOAD_TERMS = 8  # a prefix expanding to this many words or more is matched in blocks
FALLBACK_BOOST = 0.25  # weight of a word's stems in languages the reader does not read


@dataclass
class Highlight:
    """What to mark in snippets: stems (title/body fields) and folded surface words."""

    stems: set = field(default_factory=set)
    words: set = field(default_factory=set)


@dataclass
class Built:
    query: object = None
    positive: object = None  # `query` without its filters (ranking applies them as a docset)
    filter: object = None  # the filters' conjunction, or None
    highlight: Highlight = field(default_factory=Highlight)
    dropped: list = field(default_factory=list)  # words that are too common in every language
    filters_only: bool = False  # no words: list newest first


def languages_in(searcher):
    """Analysis languages with documents in this index (cached per searcher)."""
    cached = getattr(searcher, "_praxis_languages", None)
    if cached is None:
        codes = {index_language(text.decode() if isinstance(text, bytes) else text)
                 for text in searcher.lexicon("lang")}
        cached = tuple(sorted(codes)) or (GENERIC,)
        searcher._praxis_languages = cached
    return cached


def text_query(text, languages, fields, highlight, preferred=()):
    """OR over languages and fields of the analysed `text`: Terms for one word, a pair term for
    two (the `*_pairs` fields), a Phrase of pairs for more.

    The reader's languages (`preferred`) are analysed first and score in full; the other
    languages' terms they did not give weigh FALLBACK_BOOST: they keep shared words and other
    languages' posts findable, but rank below, as their stems mostly match unrelated words
    (Hungarian stems "lesson" to "less")."""
    seen, parts = set(), []
    first = [code for code in preferred if code in languages] if preferred else []
    for code in first + [code for code in languages if code not in first]:
        boost = 1.0 if not first or code in first else FALLBACK_BOOST
        for words in _variants(analyse_query(code, text)):
            if words in seen:
                continue
            seen.add(words)
            highlight.stems.update(words)
            parts += [_words_query(name, words, boost) for name in fields]
    return Q.Or(parts) if parts else None


def _words_query(name, words, boost=1.0):
    """One word; a two-word phrase as one pair term; a longer phrase as consecutive pairs
    ("a b c": "a b" then "b c" one position later, which only "a b c" gives)."""
    if len(words) == 1:
        return Q.Term(name, words[0], boost=boost)
    pairs = [pair(first, second) for first, second in zip(words, words[1:])]
    if len(pairs) == 1:
        return Q.Term(f"{name}_pairs", pairs[0], boost=boost)
    return Q.Phrase(f"{name}_pairs", pairs, boost=boost)


def preferred_languages(parsed):
    """The analysis languages of the reader's languages (`Parsed.languages`), in a fixed order."""
    return tuple(sorted({index_language(code) for code in parsed.languages}))


def _variants(positions, limit=4):
    """Word sequences from per-position alternatives (at most `limit`, the first forms first)."""
    sequences = [()]
    for forms in positions:
        sequences = [seq + (form,) for seq in sequences for form in forms][:limit]
    return sequences if positions else []


def _prefix_query(prefix, searcher, highlight):
    """The most frequent indexed words starting with `prefix` (bounded expansion)."""
    folded = fold(prefix).split()
    if not folded:
        return None
    reader, stem = searcher.reader(), folded[-1]
    candidates = []
    for index, word in enumerate(reader.expand_prefix("words", stem)):
        if index >= PREFIX_SCAN:
            break
        word = word.decode() if isinstance(word, bytes) else word
        candidates.append((reader.doc_frequency("words", word), word))
    chosen = [word for _freq, word in sorted(candidates, reverse=True)[:PREFIX_TERMS]]
    highlight.words.update(chosen)
    if not chosen:
        return None
    query = Q.Or([Q.Term("words", word) for word in chosen])
    if len(chosen) >= PRELOAD_TERMS:  # scores a block of documents term by term: cheaper than
        query.matcher_type = Q.Or.ARRAY_MATCHER  # a deep tree of unions (measured: -30 %)
    return query


def term_query(term, searcher, fields, highlight, preferred=()):
    """The query of one word, phrase or prefix (None when nothing of it is indexed)."""
    if term.kind == "prefix":
        return _prefix_query(term.text, searcher, highlight)
    return text_query(term.text, languages_in(searcher), fields, highlight, preferred)


def _timestamp(day, end=False):
    moment = datetime.combine(day, time.max if end else time.min, tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def filter_queries(filters):
    """Required, unscored conditions for the typed or form filters."""
    parts = []
    for key in ("sector", "author", "lang"):
        if filters.get(key):
            parts.append(Q.Term(key, filters[key]))
    parts += [Q.Term("tags", tag) for tag in filters.get("tag", [])]
    if filters.get("after") or filters.get("before"):
        start = _timestamp(filters["after"]) if filters.get("after") else None
        end = _timestamp(filters["before"], end=True) if filters.get("before") else None
        parts.append(Q.NumericRange("created", start, end))
    return parts


def build(parsed, searcher):
    """The Whoosh query for a parsed search (None when nothing searchable is left)."""
    scope = parsed.filters.get("in")
    fields = {"titles": ("title",), "posts": ("body",)}.get(scope, ("title", "body"))
    built, preferred = Built(), preferred_languages(parsed)
    groups = []
    for group in parsed.groups:
        alternatives = [term_query(term, searcher, fields, built.highlight, preferred) for term in group]
        alternatives = [query for query in alternatives if query is not None]
        if alternatives:
            groups.append(Q.Or(alternatives) if len(alternatives) > 1 else alternatives[0])
        else:
            built.dropped += [term.text for term in group]
    filters = filter_queries(parsed.filters)
    if scope == "titles":
        filters.append(Q.Term("first", True))
    if groups:
        positive = Q.And(groups) if len(groups) > 1 else groups[0]
    elif filters and not built.dropped:
        positive, built.filters_only = Q.Every(), True
    else:
        return built
    excluded = [term_query(term, searcher, ("title", "body"), Highlight()) for term in parsed.excluded]
    excluded = [query for query in excluded if query is not None]
    if excluded:  # (not Q.AndNot: its matcher misses an exclusion listed before the first match)
        positive = Q.And([positive, Q.Not(Q.Or(excluded))])
    # Filters match without scoring (Whoosh's Require trips an assertion when skipping blocks).
    built.query = Q.And([positive, Q.ConstantScoreQuery(Q.And(filters), 0.0)]) if filters else positive
    if built.filters_only:  # nothing to rank: the intersection walks the filters' postings
        built.positive = built.query
    else:
        built.positive, built.filter = positive, Q.And(filters) if filters else None
    return built
