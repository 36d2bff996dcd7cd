"""Linear-time replacements for python-markdown's super-linear paths, registered in place.

Stock python-markdown scans from every `[` to the end of the text looking for its `]` (a body
of 49,000 `[` took two minutes), re-parses a line once per `>` level, and hands html5lib every
unclosed raw tag (whose open-element stack then makes each later token cost its depth). Here:
the `]` of every `[` is found in one pass and kept while the inline pass rewrites the text;
quote markers and unclosed raw tags beyond a fixed depth stay literal text.
"""
import re
import time
from bisect import bisect_left

from markdown.extensions import Extension
from markdown.htmlparser import HTMLExtractor
from markdown.inlinepatterns import (
    HTML_RE, IMAGE_LINK_RE, IMAGE_REFERENCE_RE, LINK_RE, REFERENCE_RE, HtmlInlineProcessor,
    ImageInlineProcessor, ImageReferenceInlineProcessor, LinkInlineProcessor,
    ReferenceInlineProcessor, ShortImageReferenceInlineProcessor, ShortReferenceInlineProcessor,
)
from markdown.preprocessors import HtmlBlockPreprocessor

from forum.adapters.text.inline import SinglePassInline

MAX_QUOTE_DEPTH = 16
MAX_HTML_DEPTH = 32  # raw inline tags left open
MAX_OUTPUT_DEPTH = 96  # elements open at once in the HTML handed to bleach (raw blocks included)
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
             "source", "track", "wbr"}
_BRACKET = re.compile(r"[\[\]]")
_QUOTE = re.compile(r"[\"']")
_OPEN_RUN = re.compile(r"(?:<[A-Za-z][^<>]*>)+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_QUOTE_PREFIX = re.compile(r"^(?:[ ]{0,3}>[ ]?){%d}" % MAX_QUOTE_DEPTH, re.MULTILINE)


class _BracketTable:
    """The `]` closing each `[` of one text, found in one pass.

    The inline pass replaces a match by a placeholder and resumes after it, so the text after
    the match is unchanged: the table is kept, shifted, instead of being rebuilt.
    """

    def __init__(self):
        self.text, self.close, self.shift, self.valid_from, self.pending = None, {}, 0, 0, None

    def _build(self, text):
        stack, close = [], {}
        for match in _BRACKET.finditer(text):
            if match.group() == "[":
                stack.append(match.start())
            elif stack:
                close[stack.pop()] = match.start()
        self.text, self.close, self.shift, self.valid_from, self.pending = text, close, 0, 0, None
        self.opens = sorted(close)

    def next_open(self, index):
        """Position of the first `[` at or after `index` that has a `]` (or the text's end)."""
        at = bisect_left(self.opens, index - self.shift)
        return self.opens[at] + self.shift if at < len(self.opens) else len(self.text)

    def _follow(self, text):
        """True if `text` is the last text with its matched span replaced (table still valid)."""
        if self.pending is None:
            return False
        old, end = self.pending
        tail = len(old) - end
        if len(text) < tail or not text.endswith(old[end:]):
            return False
        self.shift += len(text) - len(old)
        self.text, self.valid_from, self.pending = text, len(text) - tail, None
        return True

    def closing(self, text, index):
        """Position of the `]` closing the `[` at `index - 1`, or None."""
        if text is not self.text and not self._follow(text):
            self._build(text)
        if index - 1 < self.valid_from:
            self._build(text)
        close = self.close.get(index - 1 - self.shift)
        return None if close is None else close + self.shift

    def replaced(self, text, end):
        """The inline pass is about to replace `text` up to `end` (exclusive) by a placeholder."""
        self.pending = (text, end) if text is self.text else None


class _LinearBrackets:
    """getText in constant time per `[` (the stock one walks to the end of the text)."""

    def getText(self, data, index):
        """The text between this `[` and its `]`, the index after the `]`, and whether found."""
        if not hasattr(self, "_brackets"):
            self._brackets = _BracketTable()
        close = self._brackets.closing(data, index)
        if close is None:
            return "", index, False
        return data[index:close], close + 1, True

    def handleMatch(self, m, data):
        """Stock handling, except that a `[` without a `]` skips to the next one that has one."""
        if self.getText(data, m.end(0))[2] is False:  # no `]`: skip to the next `[` that has one
            return None, m.start(0), max(m.end(0), self._brackets.next_open(m.end(0)))
        node, start, end = super().handleMatch(m, data)
        if node is not None and end is not None and hasattr(self, "_brackets"):
            self._brackets.replaced(data, end)
        return node, start, end


class Link(_LinearBrackets, LinkInlineProcessor):
    """The stock inline link with linear bracket matching."""


class Image(_LinearBrackets, ImageInlineProcessor):
    """The stock inline image with linear bracket matching."""


class Reference(_LinearBrackets, ReferenceInlineProcessor):
    """The stock reference link with linear bracket matching."""


class ShortReference(_LinearBrackets, ShortReferenceInlineProcessor):
    """The stock short reference link with linear bracket matching."""


class ImageReference(_LinearBrackets, ImageReferenceInlineProcessor):
    """The stock reference image with linear bracket matching."""


class ShortImageReference(_LinearBrackets, ShortImageReferenceInlineProcessor):
    """The stock short reference image with linear bracket matching."""


class DepthLimitedHtml(HtmlInlineProcessor):
    """Raw inline tags nest at most MAX_HTML_DEPTH deep; deeper ones stay as literal text."""

    def handleMatch(self, m, data):
        """Stock handling of a tag within the depth; past it, the run of start tags is dropped."""
        tag = _TAG.match(m.group(1))
        if tag is not None and not self._admit(tag):  # drop the whole run of start tags at once
            return "", m.start(0), _OPEN_RUN.match(data, m.start(0)).end()
        return super().handleMatch(m, data)

    def _admit(self, tag):
        depth = getattr(self, "_depth", 0)
        name = tag.group(2).lower()
        if tag.group(1):
            self._depth = max(0, depth - 1)
        elif name not in VOID_TAGS and not tag.group(3).rstrip().endswith("/"):
            if depth >= MAX_HTML_DEPTH:
                return False
            self._depth = depth + 1
        return True


class _Extractor(HTMLExtractor):
    """A `<` that no `>` closes before the next `<` (and no quote could hide one) is text.

    The tolerant start-tag regex otherwise reads from each such `<` to the end of the text.
    """

    def parse_starttag(self, i):
        """A `<` that cannot open a tag is data; anything else goes to the stock parser."""
        rawdata = self.rawdata
        after = rawdata.find("<", i + 1)
        stop = len(rawdata) if after == -1 else after
        if rawdata.find(">", i + 1, stop) == -1 and (
                after == -1 or not _QUOTE.search(rawdata, i + 1, stop)):
            self.handle_data("<")
            return i + 1
        return super().parse_starttag(i)


class _HtmlBlocks(HtmlBlockPreprocessor):
    """The stock raw-HTML block preprocessor with the bounded extractor."""

    def run(self, lines):
        parser = _Extractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class BoundedInlineExtension(Extension):
    """The stock bracket and raw-HTML patterns, replaced under the same names and priorities."""

    def extendMarkdown(self, md):
        """Swap python-markdown's super-linear patterns for our linear ones."""
        md.preprocessors.register(_HtmlBlocks(md), "html_block", 20)
        md.treeprocessors.register(SinglePassInline(md), "inline", 20)
        patterns = md.inlinePatterns
        for cls, regex, name, priority in (
                (Reference, REFERENCE_RE, "reference", 170), (Link, LINK_RE, "link", 160),
                (Image, IMAGE_LINK_RE, "image_link", 150),
                (ImageReference, IMAGE_REFERENCE_RE, "image_reference", 140),
                (ShortReference, REFERENCE_RE, "short_reference", 130),
                (ShortImageReference, IMAGE_LINK_RE, "short_image_ref", 125)):
            patterns.register(cls(regex, md), name, priority)
        patterns.register(DepthLimitedHtml(HTML_RE, md), "html", 90)


def cap_quote_depth(source):
    """A `>` past MAX_QUOTE_DEPTH levels is escaped (each level re-parses the whole line)."""
    return _QUOTE_PREFIX.sub(lambda m: m.group(0) + "\\", source)


def cap_html_depth(html):
    """Start tags left open past MAX_OUTPUT_DEPTH are escaped before html5lib sees them."""
    depth = 0

    def visit(m):
        nonlocal depth
        if m.group(1):
            depth = max(0, depth - 1)
        elif m.group(2).lower() not in VOID_TAGS and not m.group(3).rstrip().endswith("/"):
            if depth >= MAX_OUTPUT_DEPTH:
                return "&lt;" + m.group(0)[1:]
            depth += 1
        return m.group(0)

    return _TAG.sub(visit, html)


class RenderTooSlow(Exception):
    """A body went past its render budget (the caller refuses it with a message)."""


class Deadline:
    """A render's CPU-time budget, checked in the loops where rendering spends its time: once per
    inline match in python-markdown and once per 256 tokens in bleach. The render's own thread
    time, not the wall clock: a busy machine or another greenlet never makes a short post fail."""

    def __init__(self, seconds):
        self.at = None if seconds is None else time.thread_time() + seconds

    def check(self):
        """Stop a render past its time budget (a crafted post must not hold a worker)."""
        if self.at is not None and time.thread_time() > self.at:
            raise RenderTooSlow()

    def watch_inline(self, md):
        """Every inline pattern checks the budget before it handles a match."""
        if self.at is None:
            return
        for pattern in md.inlinePatterns:
            pattern.handleMatch = self._checked(pattern.handleMatch)

    def _checked(self, handle):
        def checked(m, data):
            self.check()
            return handle(m, data)
        return checked

    def filter(self, source):
        """A bleach filter (html5lib token stream) that checks the budget as tokens pass."""
        for n, token in enumerate(source):
            if not n & 255:
                self.check()
            yield token
