"""Bleach's parser with one token per run of text instead of one per `&`.

Bleach tokenizes without reading character references (they are kept as written and checked
later), yet html5lib's data state still stops at every `&` and emits it as a token of its
own: a 50,000-character run of `&`, `<` or `>` (each an entity in python-markdown's output)
became 100,000 tokens. Here `&` is ordinary text in the data state, so the tokenizer emits the
same characters in fewer, longer tokens; the tree builder joins adjacent text either way.
"""
from bleach._vendor.html5lib.constants import EOF, spaceCharacters, tokenTypes
from bleach._vendor.html5lib.constants import _ReparseException as ReparseException
from bleach.html5lib_shim import BleachHTMLParser, BleachHTMLTokenizer


class WholeTextTokenizer(BleachHTMLTokenizer):
    """html5lib's data state, with `&` read as text when entities are not consumed."""

    def dataState(self):
        """One data-state step: a tag opening, a NUL, or a run of text up to the next `<`."""
        if self.consume_entities:
            return super().dataState()
        data = self.stream.char()
        if data == "<":
            self.state = self.tagOpenState
        elif data == "\u0000":
            self.tokenQueue.append({"type": tokenTypes["ParseError"], "data": "invalid-codepoint"})
            self.tokenQueue.append({"type": tokenTypes["Characters"], "data": "\u0000"})
        elif data is EOF:
            return False
        elif data in spaceCharacters:
            self.tokenQueue.append({"type": tokenTypes["SpaceCharacters"],
                                    "data": data + self.stream.charsUntil(spaceCharacters, True)})
        else:
            chars = self.stream.charsUntil(("<", "\u0000"))
            self.tokenQueue.append({"type": tokenTypes["Characters"], "data": data + chars})
        return True


class WholeTextParser(BleachHTMLParser):
    """Bleach's parser (same arguments) with the whole-text tokenizer."""

    def _parse(self, stream, innerHTML=False, container="div", scripting=True, **kwargs):
        """Bleach's `_parse`, swapping in WholeTextTokenizer."""
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = WholeTextTokenizer(
            stream=stream, consume_entities=self.consume_entities, parser=self, **kwargs)
        self.reset()
        try:
            self.mainLoop()
        except ReparseException:
            self.reset()
            self.mainLoop()


def use_whole_text_parser(cleaner):
    """Gives a bleach Cleaner the whole-text parser, configured as bleach configures its own."""
    cleaner.parser = WholeTextParser(tags=cleaner.tags, strip=cleaner.strip,
                                     consume_entities=False, namespaceHTMLElements=False)
    return cleaner
