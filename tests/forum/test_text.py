"""Markdown to safe HTML: a corpus of hostile inputs, none of which may leave executable HTML."""
import re
from html.parser import HTMLParser

import pytest

from forum.adapters.text import ALLOWED_TAGS, LINK_REL, plain_text, render_markdown, slugify


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
