"""Rendering with bounded cost: hostile kinds at the maximum length, ordinary Markdown exactly as
before, depth caps, what the renderer reports (mentions, quotes, links), opt-in external images."""
import random
import time
from functools import partial

import bleach
import markdown
import pytest
from bleach.linkifier import LinkifyFilter

from config import Config
from forum.adapters import text
from forum.adapters.text import bounds as text_bounds
from forum.adapters.text import ALLOWED_TAGS, DemoteHeadingsExtension, render_markdown
from forum.adapters.text.images import ExternalImageFilter
from forum.web.security import CSP
from tests.forum.test_text import assert_harmless


def render(source):
    """The renderer's HTML for `source`."""
    return render_markdown(source).html

MAX = Config.MAX_POST_LENGTH


def _fill(unit, prefix=""):
    return (prefix + unit * (MAX // len(unit) + 1))[:MAX]


HOSTILE_KINDS = {
    "open brackets": _fill("["),
    "image openers": _fill("!["),
    "backticks": _fill("`"),
    "backtick pairs": _fill("`a"),
    "parens after a link": _fill("(", "[a](http://x/"),
    "unclosed <b>": _fill("<b>"),
    "unclosed <a>": _fill("<a>"),
    "autolink openers": _fill("<http://"),
    "quote markers": _fill("> "),
    "hyphenated host run": _fill("a-"),
    "dotted host run": _fill("a."),
    "email local part without @": _fill("x"),
    "underscores": _fill("_a"),
    "table pipes": _fill("|"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_KINDS))
def test_each_hostile_kind_at_the_maximum_length_renders_in_bounded_time(kind):
    # Before the bounds these took 20 s to several minutes; linear code takes well under 0.5 s.
    source = HOSTILE_KINDS[kind]
    assert len(source) == MAX
    started = time.process_time()
    rendered = render_markdown(source, resolve_mentions=None)
    assert time.process_time() - started < 3.0
    assert_harmless(rendered.html)


def _stock(source):
    """The renderer before the bounds: stock python-markdown and bleach, same configuration."""
    md = markdown.Markdown(extensions=["fenced_code", "tables", "sane_lists", DemoteHeadingsExtension()],
                           extension_configs={"tables": {"use_align_attribute": True}},
                           output_format="html")
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS, attributes=text._allow_attribute, protocols=text.ALLOWED_PROTOCOLS,
        strip=True, strip_comments=True,
        filters=[ExternalImageFilter, partial(LinkifyFilter, skip_tags={"pre", "code"},
                                              callbacks=[text._set_rel], parse_email=True)])
    return cleaner.clean(md.convert(text.clean_source(source)))


ORDINARY = [
    "Hello **world**, see [the guide](https://example.eu/guide \"Guide\") and https://europa.eu.",
    "# Title\n\nSome *emphasis*, `code`, and a list:\n\n- one\n- two\n    - nested\n\n1. first\n2. second",
    "> quoted\n> > twice\n\nback to normal",
    "```python\nprint('[not a link](x)')\n```\n\nAfter `[x](y)` code.",
    "[ref link][r] and [short] and ![img][r]\n\n[r]: https://example.eu/r.png\n[short]: /threads/3",
    "Mail anna@example.eu or <bert@example.eu>, visit <https://example.eu/a_(b)>.",
    "A (parenthesised https://example.eu/x) remark, and (http://a.example.org/y_(z)).",
    "| a | b |\n|:--|--:|\n| [x](http://x.eu) | `y` |",
    "Nested [[brackets] inside](http://example.eu/n) and [a [b] c] text, [unclosed and ] closed.",
    "Raw <b>bold</b> <i>it</i> <kbd>Ctrl</kbd> <sub>2</sub> and 3 < 4 > 2, x<y.",
    "Line one  \nline two\n\n***\n\nEnd with &amp; &copy; &#169; entities.",
    "Hyphen-ated words, e-mail, co-op.example.com and --flags, www.example.org/path?q=1.",
    "![alt text](/static/img/logo.png) local image, and `` code with ` tick ``.",
    "Escapes: \\[not link\\](x) \\*not em\\* \\`not code\\`",
]


@pytest.mark.parametrize("source", ORDINARY)
def test_ordinary_markdown_renders_exactly_as_before(source):
    assert render(source) == _stock(source)


def test_random_ordinary_texts_render_exactly_as_before():
    pieces = list("[]()!`*_\\ \n>#:/.\"'=ab") + [
        "http://", "a.com", "<b>", "</b>", "x@y.org", "[a]: http://q.eu\n", "    ", "\n\n", "&amp;",
        "www.ex.com", "(", ")", "**", "- ", "1. "]
    rng = random.Random(11)
    for _ in range(1500):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert render(source) == _stock(source), source


def test_a_quote_nested_past_the_cap_keeps_the_rest_as_text():
    html = render("> " * 40 + "deep")
    assert html.count("<blockquote>") == text_bounds.MAX_QUOTE_DEPTH
    assert "&gt; &gt;" in html and "deep" in html


def test_raw_tags_nested_past_the_cap_are_dropped():
    html = render("<b>" * 200 + "x")
    assert html.count("<b>") == text_bounds.MAX_HTML_DEPTH and "x" in html


# --- What a body refers to (issue #12 item 7) ----------------------------------------------------

def _members(names):
    return {n: n for n in names if n in {"anna", "bert", "carl"}}


def test_the_renderer_reports_mentions_quotes_and_links():
    rendered = render_markdown(
        "Thanks @anna @bert @nobody, see [this](/threads/4/posts/17) and https://europa.eu and "
        "[guide](https://example.eu/g). `@carl` in code is no mention.", resolve_mentions=_members)
    assert rendered.mentions == {"anna", "bert"}
    assert rendered.quoted_post_ids == {17}
    assert rendered.links == ("https://europa.eu", "https://example.eu/g")
    assert text.references(rendered.html) == rendered


def test_mentions_are_not_links():
    rendered = render_markdown("Thanks @anna @bert @carl", resolve_mentions=_members)
    assert rendered.links == () and len(rendered.mentions) == 3
    assert text.count_links(rendered.html) == 0


# --- External images are opt-in (issue #11 item 15) ---------------------------------------------

def test_an_external_image_becomes_a_link_saying_where_it_is():
    html = render("![a cat](https://img.example.org/cat.png) and <img src=\"http://t.example.eu/p.gif\">")
    assert "<img" not in html
    assert '<a href="https://img.example.org/cat.png" rel="nofollow ugc noopener">' \
           'Image from img.example.org: a cat (show)</a>' in html
    assert 'href="http://t.example.eu/p.gif"' in html and "Image from t.example.eu (show)" in html


def test_an_image_from_this_site_stays_an_image():
    assert '<img alt="logo" src="/static/img/logo.png">' in render("![logo](/static/img/logo.png)")


def test_the_csp_lets_images_come_from_this_site_only():
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["img-src"] == "'self'"


def test_raw_blocks_nested_past_the_cap_are_shown_as_text():
    html = render("<div>" + "<b>" * 300 + "x</div>")
    assert html.count("<b>") == text_bounds.MAX_OUTPUT_DEPTH - 1  # the <div> is the first level
    assert "&lt;b&gt;" in html
