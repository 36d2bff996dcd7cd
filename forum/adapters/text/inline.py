"""python-markdown's inline pass in one sweep per pattern, with the stock results.

The stock pass rebuilds the whole text after every match (`data[:start] + placeholder +
data[end:]`), so a body of many small constructs (code spans, links, raw tags, escapes) costs
the square of its length. Here the matches of a pattern are collected left to right over the
unchanged text and the text is joined once. A search resumed after a placeholder sees the
placeholder's last character as its look-behind context; wherever the original character there
could answer a look-behind differently, the text is rebuilt first, exactly as the stock pass does.
"""
import re
from functools import lru_cache

from markdown import util
from markdown.inlinepatterns import DelimiterProcessor, InlineProcessor as NewStylePattern
from markdown.treeprocessors import InlineProcessor

_ETX = util.ETX
# A one-character look-behind, `(?<!x)`, `(?<=[...])`; any other context test is not read.
_ONE_CHAR_LOOKBEHIND = re.compile(r"\(\?<[!=]((?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\\\[|]))\)")
_OTHER_CONTEXT = re.compile(r"\(\?<[!=]|\\[bB]|(?<![\[\\])\^")


@lru_cache(maxsize=64)
def _context_tests(pattern_text):
    """The one-character look-behinds of a regex, or None if it reads its context otherwise."""
    tests = [re.compile(body) for body in _ONE_CHAR_LOOKBEHIND.findall(pattern_text)]
    if len(_OTHER_CONTEXT.findall(pattern_text)) != len(tests):
        return None
    return tests


def _same_context(regex, char):
    """True if every look-behind of `regex` answers for `char` as for the placeholder's ETX."""
    tests = _context_tests(regex.pattern)
    if tests is None:
        return False
    return all(bool(t.fullmatch(char)) == bool(t.fullmatch(_ETX)) for t in tests)


class SinglePassInline(InlineProcessor):
    """The stock inline treeprocessor whose patterns each run in one sweep over the text."""

    def _InlineProcessor__applyPattern(self, pattern, data, patternIndex, startIndex=0):
        """All matches of `pattern` from `startIndex`, replaced by placeholders in one join."""
        if not isinstance(pattern, NewStylePattern) or isinstance(pattern, DelimiterProcessor):
            return InlineProcessor._InlineProcessor__applyPattern(
                self, pattern, data, patternIndex, startIndex)
        for exclude in pattern.ANCESTOR_EXCLUDES:
            if exclude.lower() in self.ancestors:
                return data, False, 0
        regex = pattern.getCompiledRegExp()
        pieces, done, pos, matched = [], 0, startIndex, False
        while True:
            if pieces and pos == done and not _same_context(regex, data[done - 1]):
                prefix = "".join(pieces)  # the look-behind must see the placeholder: rebuild
                data, pieces = prefix + data[done:], [prefix]
                pos = done = len(prefix)
            found = self._first(pattern, regex, data, pos)
            if found is None:
                break
            node, start, end = found
            if start < done or end <= pos:  # a pattern answering behind the sweep: never go back
                pos += 1
                continue
            if node is None:  # the pattern declined here: go on after it, always forward; the
                pos = max(end, pos + 1)  # sweep already covers the rest, so this is no match
                continue
            matched = True
            self._process_children(node, patternIndex)
            pieces.append(data[done:start])
            pieces.append(self._InlineProcessor__stashNode(node, pattern.type()))
            done = pos = end
        if not matched:
            return data, False, 0
        pieces.append(data[done:])
        data = "".join(pieces)
        return data, True, len(data)

    @staticmethod
    def _first(pattern, regex, data, pos):
        """The first match from `pos` that the pattern accepts, as (node, start, end), or None."""
        for match in regex.finditer(data, pos):
            node, start, end = pattern.handleMatch(match, data)
            if start is not None and end is not None:
                return node, start, end
        return None

    def _process_children(self, node, patternIndex):
        """The stock treatment of a new element: inline patterns run on its texts too."""
        if isinstance(node, str) or isinstance(node.text, util.AtomicString):
            return
        for child in [node] + list(node):
            if child.text:
                self.ancestors.append(child.tag.lower())
                child.text = self._InlineProcessor__handleInline(child.text, patternIndex + 1)
                self.ancestors.pop()
            if child.tail:
                child.tail = self._InlineProcessor__handleInline(child.tail, patternIndex)
