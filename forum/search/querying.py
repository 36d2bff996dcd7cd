"""Parsed queries -> Whoosh queries; running them under a visibility mask; snippets; suggestions."""
import copy
from dataclasses import dataclass, field
from datetime import datetime, time, timezone

from markupsafe import Markup, escape
from whoosh import query as Q
from whoosh.collectors import WrappingCollector
from whoosh.support.charset import accent_map

from forum.permissions import ALL
from forum.search.analysis import GENERIC, analyse_query, analyzer_for, fold, index_language
from forum.search.syntax import Term, unparse

PER_PAGE = 20
MAX_PAGE = 50
PREFIX_SCAN = 400  # lexicon entries looked at for one prefix
PREFIX_TERMS = 24  # most frequent of those searched
SNIPPET_SCAN = 6_000  # characters of a post looked at for a snippet
SCORED_DOCS = 2_500  # broad queries are ranked among about this many of the newest matches


@dataclass
class Highlight:
    """What to mark in snippets: stems (title/body fields) and folded surface words."""

    stems: set = field(default_factory=set)
    words: set = field(default_factory=set)


@dataclass
class Built:
    query: object = None
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


def _text_query(text, languages, fields, highlight):
    """OR over languages and fields of the analysed `text` (Terms, or Phrases for several words)."""
    seen, parts = set(), []
    for code in languages:
        for words in _variants(analyse_query(code, text)):
            if words in seen:
                continue
            seen.add(words)
            highlight.stems.update(words)
            for name in fields:
                parts.append(Q.Term(name, words[0]) if len(words) == 1 else Q.Phrase(name, list(words)))
    return Q.Or(parts) if parts else None


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
    return Q.Or([Q.Term("words", word) for word in chosen]) if chosen else None


def term_query(term, searcher, fields, highlight):
    if term.kind == "prefix":
        return _prefix_query(term.text, searcher, highlight)
    return _text_query(term.text, languages_in(searcher), fields, highlight)


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
    built = Built()
    groups = []
    for group in parsed.groups:
        alternatives = [term_query(term, searcher, fields, built.highlight) for term in group]
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
    if excluded:
        positive = Q.AndNot(positive, Q.Or(excluded))
    # Filters match without scoring (Whoosh's Require trips an assertion when skipping blocks).
    built.query = Q.And([positive, Q.ConstantScoreQuery(Q.And(filters), 0.0)]) if filters else positive
    return built


def visibility_mask(visibility):
    """The documents this viewer may not see, from `permissions.search_visibility`.

    Outside the sectors a viewer moderates: deleted threads, other people's pending threads,
    and other people's hidden or pending posts. Masks are small sets (cheap to compute).
    """
    sectors, member_id = visibility["sectors"], visibility["member_id"]
    if sectors == ALL:
        return None
    pending_thread = Q.Term("thread_state", "pending")
    restricted = Q.Term("restricted", True)
    if member_id is not None:
        pending_thread = Q.AndNot(pending_thread, Q.Term("thread_author_id", str(member_id)))
        restricted = Q.AndNot(restricted, Q.Term("author_id", str(member_id)))
    mask = Q.Or([Q.Term("thread_state", "deleted"), pending_thread, restricted])
    if sectors:
        mask = Q.AndNot(mask, Q.Or([Q.Term("sector_id", str(sector)) for sector in sorted(sectors)]))
    return mask


@dataclass
class Found:
    post_ids: list
    total: int
    exact: bool


class RecentCollector(WrappingCollector):
    """Scores only documents numbered `start` or above: the newest part of the index.

    Documents are added in the order posts are written (a rebuild goes by post id), so high
    numbers are recent posts. Ranking a word that matches half the forum then costs as much as
    ranking a rare one: the best matches among the most recent few thousand.
    """

    def __init__(self, child, start):
        super().__init__(child)
        self.start = start
        self.window_matches = 0

    def collect_matches(self):
        child = self.child
        first = self.start - child.offset
        if child.offset + child.subsearcher.doc_count_all() <= self.start:
            return
        matcher = child.matcher
        if first > 0 and matcher.is_active() and matcher.id() < first:
            matcher.skip_to(first)
        if matcher.is_active():
            child.collect_matches()

    def count(self):
        return self.child.count()


def mask_docs(searcher, mask):
    """The masked document numbers as a plain set, or None (cached per searcher).

    Whoosh would turn the mask query into a BitSet whose truth test scans every byte, once per
    matching document: a plain set keeps broad queries fast.
    """
    if mask is None:
        return None
    cache = searcher.__dict__.setdefault("_praxis_masks", {})
    key = repr(mask)
    if key not in cache:
        cache[key] = set(searcher.docs_for_query(mask)) or None
    return cache[key]


def run(searcher, query, mask, page, sort):
    """One page of matching post ids, by BM25F relevance or newest first.

    A query matching more than SCORED_DOCS documents is ranked within the newest part of the
    index that holds about that many matches (widened until the page is full); its total is
    then an estimate.
    """
    limit = page * PER_PAGE
    mask = mask_docs(searcher, mask)
    size = searcher.doc_count_all()
    estimate = query.estimate_size(searcher.reader())
    start = size - int(size * SCORED_DOCS / estimate) if estimate > SCORED_DOCS else 0
    while True:
        collector = searcher.collector(limit=limit, mask=mask, **(
            {"sortedby": "created", "reverse": True} if sort == "newest" else {}))
        windowed = RecentCollector(collector, start) if start > 0 else collector
        searcher.search_with_collector(query, windowed)
        results = windowed.results()
        if start <= 0 or results.scored_length() >= limit:
            break
        start = max(0, size - (size - start) * 4)
    hits = results[(page - 1) * PER_PAGE:limit]
    if start > 0:
        seen = len(results.docs()) if sort == "newest" else results.scored_length()
        total, exact = max(estimate, seen), False
    else:
        exact = results.has_exact_length()
        total = len(results) if exact else results.estimated_length()
    return Found([int(hit["post_id"]) for hit in hits], total, exact)


def has_hits(searcher, query, mask):
    return query is not None and searcher.search(
        query, limit=1, mask=mask_docs(searcher, mask)).scored_length() > 0


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
            if term.kind != "word" or has_hits(searcher, _text_query(term.text, languages, ("title", "body"), Highlight()), mask):
                continue
            for candidate in corrector.suggest(fold(term.text), limit=5, maxdist=2, prefix=1):
                query = _text_query(candidate, languages, ("title", "body"), Highlight())
                if candidate != fold(term.text) and has_hits(searcher, query, mask):
                    group[position], changed = Term("word", candidate), True
                    break
    if changed and has_hits(searcher, build(parsed, searcher).query, mask):
        return unparse(parsed)
    return None


def snippet(text, language, highlight, maxchars=220, surround=70):
    """An escaped excerpt of `text` around the matched words, each in <mark>.

    Words are analysed only until two excerpts are found (at most SNIPPET_SCAN characters):
    the top hits of a page all need one, so this is on every search's path.
    """
    text = text[:SNIPPET_SCAN]
    spans = []  # (start, end) of matched words in the current and next excerpts
    fragments, limit = [], None
    for token in analyzer_for(language)(text, chars=True, removestops=False, mode="highlight"):
        if limit is not None and token.endchar > limit:
            fragments.append(_cut(text, spans, maxchars, surround))
            spans, limit = [], None
            if len(fragments) == 2:
                break
        if _is_match(token, text, highlight):
            spans.append((token.startchar, token.endchar))
            if limit is None:
                limit = max(0, token.startchar - surround) + maxchars
    if spans and len(fragments) < 2:
        fragments.append(_cut(text, spans, maxchars, surround))
    if not fragments:
        cut = text[:maxchars]
        return escape(cut) + ("…" if len(text) > maxchars else "")
    classes = {}
    return Markup(" ").join(_marked(text, start, end, found, classes)
                           for start, end, found in fragments)


def _is_match(token, text, highlight):
    """A stem, its accent-free form, or a prefix-expanded word."""
    if token.stopped:
        return False
    stems, words = highlight.stems, highlight.words
    return (token.text in stems or token.alt in stems or (
        bool(words) and text[token.startchar:token.endchar].lower().translate(accent_map) in words))


def _cut(text, spans, maxchars, surround):
    """(start, end, spans inside) of an excerpt beginning `surround` characters before the
    first span, on word boundaries."""
    first = spans[0][0]
    start = max(0, first - surround)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else first
    end = min(len(text), start + maxchars)
    if end < len(text):
        space = text.rfind(" ", spans[0][1], end)
        end = space if space != -1 else max(end, spans[0][1])
    return start, end, [span for span in spans if span[1] <= end]


def _marked(text, start, end, spans, classes):
    """The HTML of text[start:end] with `spans` in <mark class="match termN"> (N per word)."""
    out, index = ["… " if start else ""], start
    for span_start, span_end in spans:
        word = str(escape(text[span_start:span_end]))
        number = classes.setdefault(word, len(classes) % 5)
        out += [str(escape(text[index:span_start])), f'<mark class="match term{number}">{word}</mark>']
        index = span_end
    out += [str(escape(text[index:end])), " …" if end < len(text) else ""]
    return Markup("".join(out))
