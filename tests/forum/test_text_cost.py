"""Render cost at the maximum post length (issue #11 item 1): every hostile kind of the bench
renders within a bound, the one-sweep inline pass keeps python-markdown's output, the
whole-text tokenizer keeps bleach's, and the render budget still refuses what takes too long."""
import importlib.util
import random
import time
from pathlib import Path

import markdown.treeprocessors
import pytest
from bleach._vendor.html5lib.constants import tokenTypes
from bleach.html5lib_shim import BleachHTMLParser, BleachHTMLTokenizer

from config import Config
from forum.adapters import text
from forum.adapters.text import bounds as text_bounds
from forum.adapters.text import RenderTooSlow, render_markdown
from forum.adapters.text.inline import SinglePassInline
from forum.adapters.text.tokens import WholeTextParser, WholeTextTokenizer

_spec = importlib.util.spec_from_file_location(
    "bench_markdown", Path(__file__).resolve().parents[2] / "bench" / "markdown.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

KINDS = bench.inputs(Config.MAX_POST_LENGTH)
# Kinds whose cost is still mostly bleach's html5lib pipeline (tens of thousands of tokens):
# linear, but several hundred ms of CPU at 50,000 characters.
HTML5LIB_BOUND = {
    "backtick pairs `a", "quote markers > ", "ampersands &", "angles <", "balanced <b>x</b>",
    "code spans `a` ", "emphasis *a* ", "links [a](b) ",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_hostile_kind_of_the_bench_renders_within_its_bound(kind):
    source = KINDS[kind]
    assert len(source) == Config.MAX_POST_LENGTH
    started = time.process_time()
    render_markdown(source, resolve_mentions=None, budget=None)
    assert time.process_time() - started < (2.0 if kind in HTML5LIB_BOUND else 0.5)


def test_many_escapes_render_in_one_sweep():
    # 25,000 escapes at the maximum length: one render, well under the bound.
    source = KINDS["backslashes \\"]
    started = time.process_time()
    html = render_markdown(source, resolve_mentions=None, budget=None).html
    assert time.process_time() - started < 0.5
    assert html == "<p>" + "\\" * (Config.MAX_POST_LENGTH // 2) + "</p>"


@pytest.mark.parametrize("name, unit", [("escape", "\\*"), ("backtick", "`a` "), ("link", "[a](/b) "),
                                        ("html", "<b>x</b>"), ("entity", "&copy;")])
def test_each_match_is_found_in_the_same_text_not_a_rebuilt_one(name, unit):
    # The stock pass hands the pattern a new 50 KB string after every match.
    md = text._markdown()
    pattern = md.inlinePatterns[name]
    seen, handle = set(), pattern.handleMatch

    def spy(m, data):
        seen.add(id(data))
        return handle(m, data)

    pattern.handleMatch = spy
    md.convert(unit * 500)
    assert len(seen) == 1


@pytest.mark.parametrize("kind", ["ampersands &", "backslashes \\", "code spans `a` "])
def test_the_budget_still_refuses_a_render_that_takes_too_long(kind):
    with pytest.raises(RenderTooSlow):
        render_markdown(KINDS[kind], resolve_mentions=None, budget=0.005)


def _converted(source, inline_class, known=None):
    md = text._markdown(known)
    md.treeprocessors.register(inline_class(md), "inline", 20)
    return md.convert(source)


PIECES = ["\\", "\\\\", "\\`", "`", "``", "!", "![", "[", "]", "[a]", "](/x)", "(", ")", "a", "b ",
          " ", "\n", "\n\n", "@anna", "@bob", "x@", ".", "-", "<b>", "</b>", "<i>", "<!-- c -->",
          "&amp;", "&", "&copy;", "<http://a.eu>", "<m@n.eu>", "*", "**", "_", "  \n", "~",
          "[r]: /u\n", "[r]", "[a][r]", "![i](/p.png)", "<", ">", "    "]
LOOKBEHIND_CASES = [
    "\\\\`code` and `more`", "x\\\\`a` `b` \\\\``c``", "`a`![b](/c) `d`[e](/f)", "[a](/b)[c](/d)",
    "`x`@anna \\\\@anna <b>b</b>@anna [l](/m)@anna", "!\\[a](/b) \\![c](/d)", "a.@anna a-@anna",
]


@pytest.mark.parametrize("source", LOOKBEHIND_CASES)
def test_the_one_sweep_pass_sees_a_placeholder_before_a_look_behind(source):
    known = {"anna": "anna"}
    assert _converted(source, SinglePassInline, known) == _converted(
        source, markdown.treeprocessors.InlineProcessor, known)


def test_the_one_sweep_pass_renders_random_inline_markdown_as_python_markdown_does():
    rng = random.Random(5)
    known = {"anna": "anna"}
    for _ in range(3000):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        assert _converted(source, SinglePassInline, known) == _converted(
            source, markdown.treeprocessors.InlineProcessor, known), source


def test_the_bounded_renderer_uses_the_one_sweep_pass():
    md = text._markdown()
    assert type(md.treeprocessors["inline"]) is SinglePassInline
    assert text_bounds.SinglePassInline is SinglePassInline


def _tokens(tokenizer_class, html):
    parser = WholeTextParser(tags=text.ALLOWED_TAGS, strip=True, consume_entities=False,
                             namespaceHTMLElements=False)
    return list(tokenizer_class(stream=html, consume_entities=False, parser=parser))


def test_a_run_of_entities_is_one_text_token_not_one_per_ampersand():
    html = "<p>" + "&amp;&lt;&gt;" * 1000 + "</p>"
    assert len(_tokens(BleachHTMLTokenizer, html)) > 6000  # bleach's own: "&", "amp;", ...
    tokens = _tokens(WholeTextTokenizer, html)
    assert [t["type"] for t in tokens] == [tokenTypes["StartTag"], tokenTypes["Characters"],
                                           tokenTypes["EndTag"]]
    assert tokens[1]["data"] == "&amp;&lt;&gt;" * 1000


HTML_PIECES = ["&", "&amp;", "&lt;", "&copy;", "&#169;", "&#x3c;", "&bogus;", "&amp", " ", "\n", "a",
               "b c", "<p>", "</p>", "<b>", "</b>", "<table>", "<tr>", "<td>", "</td>", "</table>",
               "<colgroup>", "<select>", "<option>", "<textarea>", "</textarea>", "<script>",
               "</script>", "<title>", "<noscript>", "</noscript>", "<!--", "-->", "<pre>",
               "<code>", "</code>", "</body>", "<a href=\"http://x.eu/?a=1&b=2\">", "</a>",
               "http://x.eu/?q=1&r=2", "x@y.eu", "&x@y.eu", "<img src=x&amp;y>", "<", ">", "\x00",
               "<svg>", "<math>", "<frameset>", "<template>", "<caption>", "<tbody>", "<col>",
               "</html>", "<html>", "<head>", "<body>"]


def test_the_whole_text_parser_sanitises_exactly_as_bleachs_own():
    stock = text._make_cleaner([text._set_rel])
    stock.parser = BleachHTMLParser(tags=stock.tags, strip=True, consume_entities=False,
                                    namespaceHTMLElements=False)
    ours = text._make_cleaner([text._set_rel])
    assert type(ours.parser) is WholeTextParser
    rng = random.Random(3)
    for _ in range(3000):
        html = "".join(rng.choice(HTML_PIECES) for _ in range(rng.randint(1, 30)))
        assert ours.clean(html) == stock.clean(html), html


def test_a_pattern_that_answers_behind_the_sweep_cannot_loop_it(app):
    """A 30-character post once looped the one-sweep pass forever (a link match ending before
    where the sweep stood); it renders at once, like the stock pass."""
    import time

    started = time.thread_time()
    html = render_markdown("\n\n#**)a.com=]][.]('http://(:- )").html
    assert time.thread_time() - started < 0.5
    assert 'href="http://a.com"' in html
