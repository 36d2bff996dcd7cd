"""The query language users type, parsed by hand into a small safe structure.

    words  "exact phrase"  a OR b  -exclude  NOT word  prefix*
    sector:vet  author:anna  tag:accessibility  after:2026-01-01  before:2026-06-30
    in:titles  in:posts  lang:de

Only these filters exist (users can never name an index field), parentheses are ignored, and
length, term count and wildcard use are capped, so any input parses in bounded time.
"""
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

_UNSAFE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
                     r"\u2060-\u2069\ufeff\ufff0-\uffff]")


def normalise_text(text):
    """NFC-normalised text without control, zero-width or bidirectional override characters."""
    text = unicodedata.normalize("NFC", text or "")
    return _UNSAFE.sub(" ", text)


MAX_CHARS = 256
MAX_TERMS = 12
MIN_PREFIX = 2
FILTERS = ("sector", "author", "tag", "after", "before", "in", "lang")

_TOKEN = re.compile(r'''
    (?P<neg>-)?(?P<key>[A-Za-z]+):(?:"(?P<qvalue>[^"]*)"|(?P<value>[^\s"()]*))
  | (?P<pneg>-)?"(?P<phrase>[^"]*)"
  | (?P<word>[^\s"()]+)
''', re.VERBOSE)


@dataclass
class Term:
    kind: str  # "word", "phrase" or "prefix"
    text: str


@dataclass
class Parsed:
    """AND of `groups` (each an OR of terms), minus `excluded`, within `filters`."""

    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)
    # The reader's post languages (interface language, "languages I read"): a backend analyses
    # words in these first. Empty: every language alike.
    languages: frozenset = frozenset()

    @property
    def terms(self):
        """Every term of every OR group, for highlighting and suggestions."""
        return [term for group in self.groups for term in group]

    @property
    def empty(self):
        """Nothing to search for: the page shows the form, not an empty result."""
        return not self.groups and not self.filters


def normalise(text):
    """Clean user input: no control or bidi characters, single spaces, capped length."""
    text = " ".join(normalise_text(text).split())
    if len(text) > MAX_CHARS:
        return text[:MAX_CHARS], True
    return text, False


def parse(text, filters=None):
    """Parse a query string; `filters` from the advanced form override typed ones."""
    text, cut = normalise(text or "")
    parsed = Parsed()
    if cut:
        parsed.notices.append(_l("Your search was shortened to its first %(n)s characters.", n=MAX_CHARS))
    if text.count('"') % 2:
        text = text[::-1].replace('"', "", 1)[::-1]
        parsed.notices.append(_l("A quotation mark was not closed; it was ignored."))
    _read_tokens(text, parsed)
    for key, value in (filters or {}).items():
        if value:
            _apply_filter(parsed, key, str(value))
    if len(parsed.terms) + len(parsed.excluded) > MAX_TERMS:
        _cap_terms(parsed)
    return parsed


def _read_tokens(text, parsed):
    join_next, negate_next = False, False
    for match in _TOKEN.finditer(text):
        if match["key"] is not None and match["key"].lower() in FILTERS:
            _apply_filter(parsed, match["key"].lower(), match["qvalue"] or match["value"] or "")
            continue
        if match["key"] is not None:
            parsed.notices.append(_l("“%(key)s:” is not a filter; it was searched as words.", key=match["key"]))
            words = f'{match["key"]} {match["qvalue"] or match["value"] or ""}'
            term, negative = Term("phrase", words.strip()), bool(match["neg"])
        elif match["phrase"] is not None:
            term, negative = Term("phrase", match["phrase"].strip()), bool(match["pneg"])
        else:
            word = match["word"]
            if word == "OR" or word == "|":
                join_next = bool(parsed.groups)
                continue
            if word in ("AND", "&&"):
                continue
            if word == "NOT":
                negate_next = True
                continue
            negative = word.startswith("-") and len(word) > 1
            term = _word_term(word[1:] if negative else word, parsed)
        if term is None or not term.text:
            continue
        if negative or negate_next:
            parsed.excluded.append(term)
        elif join_next and parsed.groups:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        join_next = negate_next = False


def _word_term(word, parsed):
    """A word, or a prefix for `word*`; other wildcards are dropped with a hint."""
    word = word.strip("-")
    if "*" in word or "?" in word:
        stem = word.rstrip("*")
        if "*" not in stem and "?" not in stem and len(re.sub(r"\W", "", stem)) >= MIN_PREFIX:
            return Term("prefix", stem)
        parsed.notices.append(_l("Wildcards work only at the end of a word of at least %(n)s letters, "
                                 "as in educat*.", n=MIN_PREFIX))
        word = re.sub(r"[*?]", " ", word).strip()
        return Term("phrase", word) if word else None
    return Term("word", word)


def _apply_filter(parsed, key, value):
    value = value.strip()
    if key in ("after", "before"):
        day = parse_date(value, end=(key == "before"))
        if day is None:
            parsed.notices.append(_l("“%(key)s:” needs a date such as 2026-01-31; “%(value)s” was ignored.",
                                     key=key, value=value[:40]))
        else:
            parsed.filters[key] = day
    elif key == "in":
        scope = {"title": "titles", "titles": "titles", "post": "posts", "posts": "posts"}.get(value.lower())
        if scope is None:
            parsed.notices.append(_l("Use in:titles or in:posts."))
        else:
            parsed.filters["in"] = scope
    elif key == "tag":
        if value:
            parsed.filters.setdefault("tag", [])
            if value.lower() not in parsed.filters["tag"] and len(parsed.filters["tag"]) < 5:
                parsed.filters["tag"].append(value.lower()[:30])
    elif value:
        parsed.filters[key] = value.lower()[:40]


def parse_date(value, end=False):
    """2026, 2026-03 or 2026-03-31 -> the first (or, for `end`, last) day it names; else None."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            month = int(month)
            if end:
                nxt = date(year + month // 12, month % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1)
            return date(year, month, 1)
        return date(year, int(month), int(day))
    except ValueError:
        return None


def _cap_terms(parsed):
    kept, budget = [], MAX_TERMS
    for group in parsed.groups:
        if budget <= 0:
            break
        kept.append(group[:budget])
        budget -= len(kept[-1])
    parsed.groups = kept
    parsed.excluded = parsed.excluded[:max(budget, 0)]
    parsed.notices.append(_l("Only the first %(n)s search terms were used.", n=MAX_TERMS))


def unparse(parsed):
    """The query as text (for "Did you mean"), filters included."""
    parts = [" OR ".join(_term_text(term) for term in group) for group in parsed.groups]
    parts += ["-" + _term_text(term) for term in parsed.excluded]
    for key, value in parsed.filters.items():
        for item in (value if isinstance(value, list) else [value]):
            item = item.isoformat() if isinstance(item, date) else item
            parts.append(f'{key}:"{item}"' if " " in str(item) else f"{key}:{item}")
    return " ".join(parts)


def _term_text(term):
    if term.kind == "phrase":
        return f'"{term.text}"'
    return term.text + ("*" if term.kind == "prefix" else "")
