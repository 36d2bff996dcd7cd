"""Result excerpts: the post text around the matched words, escaped, matches in <mark>."""
from markupsafe import Markup, escape
from whoosh.support.charset import accent_map

from forum.adapters.search.whoosh.analysis import analyzer_for

SNIPPET_SCAN = 6_000  # characters of a post looked at for a snippet


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
