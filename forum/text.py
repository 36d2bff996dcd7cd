"""User text to safe HTML: python-markdown, then bleach with an allow-list, in one pass.

Raw HTML in the source is not trusted: whatever markdown passes through, bleach strips unless it
is on the allow-list. Only http, https and mailto links survive, each with
rel="nofollow ugc noopener". Headings are demoted (h1 -> h3) so a post never adds a page heading.
"""
import re
import xml.etree.ElementTree as etree
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd",
    "em", "strong", "b", "i", "del", "sub", "sup", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "img": ["src", "alt", "title"],
    "abbr": ["title"],
    "th": ["align"],
    "td": ["align"],
    "code": ["class"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
_CODE_CLASS = re.compile(r"^language-[A-Za-z0-9_+-]{1,30}$")


class _DemoteHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag or ""):
                element.tag = f"h{min(6, int(element.tag[1]) + 2)}"


class DemoteHeadingsExtension(Extension):
    """Markdown headings start at h3: the page owns h1 and h2."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 5)


MENTION_RE = r"(?<![\w@/.+-])@([A-Za-z0-9_-]{3,30})(?![\w-])"


class _Mentions(InlineProcessor):
    """`@username` of a real member becomes a link to the profile (never inside code)."""

    def __init__(self, known):
        super().__init__(MENTION_RE)
        self.known = known

    def handleMatch(self, m, data):
        username = self.known.get(m.group(1).lower())
        if username is None:
            return None, None, None
        link = etree.Element("a")
        link.set("href", f"/users/{username}")
        link.text = markdown.util.AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


def _resolve_usernames(names):
    """Default mention resolver: {lower-case name: username} of the members that exist."""
    from sqlalchemy import select

    from models import User, db

    rows = db.session.execute(select(User.username_canonical, User.username)
                              .where(User.username_canonical.in_(names))).all()
    return dict(rows)


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


def _allow_attribute(tag, name, value):
    if tag == "code" and name == "class":
        return bool(_CODE_CLASS.match(value))
    return name in ALLOWED_ATTRIBUTES.get(tag, ())


def _make_cleaner(callbacks):
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allow_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(LinkifyFilter, skip_tags={"pre", "code"}, callbacks=callbacks, parse_email=True)],
    )


_cleaner = _make_cleaner([_set_rel])


def _link_budget(limit):
    """A linkify callback keeping the first `limit` links; later ones become plain text."""
    seen = {"n": 0}

    def keep(attrs, new=False):
        seen["n"] += 1
        return attrs if seen["n"] <= limit else None

    return keep


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_source(text):
    """Normalise user text before storing: no NULs or control characters, Unix newlines."""
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _markdown(known_mentions=None):
    md = markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists", DemoteHeadingsExtension()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    if known_mentions:
        md.inlinePatterns.register(_Mentions(known_mentions), "mention", 100)
    return md


def render_markdown(source, max_links=None, resolve_mentions=_resolve_usernames):
    """Markdown source to sanitised HTML, ready to store beside the source.

    `max_links` (for new members) keeps only that many links; the rest stay as plain text.
    `resolve_mentions(names) -> {lower name: username}` says which `@names` are members (their
    mention becomes a profile link); pass None to skip the lookup.
    """
    source = clean_source(source)
    known = None
    if resolve_mentions is not None and "@" in source:
        names = {name.lower() for name in re.findall(MENTION_RE, source)}
        known = resolve_mentions(names) if names else None
    html = _markdown(known).convert(source)
    if max_links is None:
        return _cleaner.clean(html)
    return _make_cleaner([_link_budget(max_links), _set_rel]).clean(html)


def count_links(html):
    """How many links rendered HTML holds."""
    return len(re.findall(r"<a\s", html or ""))


def plain_text(html_or_source, limit=None):
    """Tag-free text for excerpts, emails and titles."""
    text = bleach.clean(html_or_source or "", tags=set(), strip=True)
    text = re.sub(r"\s+", " ", text).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def slugify(title, max_length=60):
    """ASCII-ish URL slug for a thread title (the id, not the slug, finds the thread)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:max_length].strip("-") or "thread"
