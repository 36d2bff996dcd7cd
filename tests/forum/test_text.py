"""Markdown to safe HTML: a corpus of hostile inputs, none of which may leave executable HTML."""
import random
import re
import time
from functools import partial
from html.parser import HTMLParser

import bleach
import markdown
import pytest
from bleach.linkifier import LinkifyFilter

from config import Config
from forum.adapters import text
from forum.adapters.text import bounds as text_bounds
from forum.web.security import CSP
from forum.adapters.text import (ALLOWED_TAGS, LINK_REL, DemoteHeadingsExtension, plain_text, render_markdown, slugify)
from forum.adapters.text.images import ExternalImageFilter


def render(source):
    return render_markdown(source).html


HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="http://example.eu/a.png" onerror="alert(1)">',
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<img src=`javascript:alert(1)`>",
    '<img srcset="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<isindex action=javascript:alert(1) type=image>",
    '<details open ontoggle="alert(1)">x</details>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="http://xss.example/x.css">',
    "<style>body { background: url(javascript:alert(1)) }</style>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<p style="position:fixed;top:0">overlay</p>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="  JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#x6A;avascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    '<a href="http://example.eu" onclick="alert(1)" target="_blank">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](java\x00script:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](javascript:alert(1))",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    '[t](http://example.eu "a\\" onmouseover=\\"alert(1)")',
    "# Heading {: onclick=\"alert(1)\" }",
    "A paragraph\n{: style=\"color:red\" onclick=\"alert(1)\" }",
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<textarea><script>alert(1)</script></textarea>",
    "| a | b |\n|---|---|\n| <b onclick=alert(1)>x</b> | <td onmouseover=alert(1)>y |",
    '<code class="language-js onclick=alert(1)">x</code>',
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "<a href=\"http://example.eu\"><img src=x onerror=alert(1)></a>",
    "<template><script>alert(1)</script></template>",
    '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
    '<input autofocus onfocus="alert(1)">',
    "<marquee onstart=alert(1)>x</marquee>",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "data", "xlink:href", "background"}


class _Inspector(HTMLParser):
    """Collects every element and attribute the browser would build from the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def _scheme(url):
    """What a browser would take as the URL's scheme (it ignores whitespace and controls).

    HTMLParser has already decoded character references in attribute values, as a browser does.
    """
    url = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", url)
    return match.group(1) if match else None


def assert_harmless(output):
    inspector = _Inspector()
    inspector.feed(output)
    for tag in inspector.tags:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> survived: {output!r}"
    for tag, name, value in inspector.attributes:
        assert not name.startswith("on"), f"event handler {name} survived: {output!r}"
        assert name not in {"style", "srcset", "id", "target"}, f"{name} survived: {output!r}"
        if name in URL_ATTRIBUTES:
            assert _scheme(value) in (None, "http", "https", "mailto"), f"{value!r} survived"
        if tag == "a" and name == "rel":
            assert value == LINK_REL


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_leaves_no_executable_html(source):
    assert_harmless(render(source))


def test_the_inspector_catches_what_it_must():
    with pytest.raises(AssertionError):
        assert_harmless('<a href="&#106;avascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_harmless('<p onclick="x">x</p>')


def test_a_script_in_a_code_block_is_shown_as_text():
    output = render("```html\n<script>alert(1)</script>\n```")
    assert '<code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;' in output


def test_entities_in_code_are_escaped_once():
    assert "&quot;" in render('`"quoted"`') or '"quoted"' in render('`"quoted"`')
    assert "&amp;quot;" not in render('`"quoted"` and http://example.eu')


def test_links_and_bare_urls_get_nofollow_ugc_noopener():
    output = render("See [the guide](https://example.eu/guide) and https://europa.eu too.")
    assert output.count(f'rel="{LINK_REL}"') == 2
    assert 'href="https://europa.eu"' in output


def test_bare_urls_in_code_are_not_linked():
    assert "<a" not in render("`https://example.eu`")


def test_mailto_links_survive():
    assert 'href="mailto:anna@example.eu"' in render("[mail](mailto:anna@example.eu)")


def test_tables_and_fenced_code_render():
    output = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```python\nx = 1\n```")
    assert "<table>" in output and '<td align="right">2</td>' in output
    assert '<code class="language-python">x = 1' in output


def test_headings_are_demoted_below_the_page_headings():
    output = render("# One\n\n## Two\n\n###### Six")
    assert "<h3>One</h3>" in output and "<h4>Two</h4>" in output and "<h6>Six</h6>" in output
    assert "<h1" not in output and "<h2" not in output


def test_attribute_lists_are_not_enabled():
    output = render("Text {: #id .class }")
    assert 'id="id"' not in output and "{: #id .class }" in output


def test_allowed_inline_html_survives_and_unknown_tags_are_stripped():
    output = render("H<sub>2</sub>O and <kbd>Ctrl</kbd> <blink>old</blink>")
    assert "<sub>2</sub>" in output and "<kbd>Ctrl</kbd>" in output and "<blink>" not in output


def test_plain_text_strips_tags_and_shortens():
    assert plain_text("<p>Hello <b>world</b> again</p>", limit=9) == "Hello wo…"


def test_slugs_are_ascii_and_never_empty():
    assert slugify("Évaluation numérique: les défis!") == "evaluation-numerique-les-defis"
    assert slugify("Ελληνικά") == "thread"


# --- Bounded cost (issue #11 item 1) -----------------------------------------------------------

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
