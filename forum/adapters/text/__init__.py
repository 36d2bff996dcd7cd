"""User text to safe HTML: python-markdown, then bleach with an allow-list, in one pass.

Raw HTML in the source is not trusted: whatever markdown passes through, bleach strips unless it
is on the allow-list. Only http, https and mailto links survive, each with
rel="nofollow ugc noopener". Headings are demoted (h1 -> h3) so a post never adds a page heading.
"""
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import partial
from html import unescape

import bleach
import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from forum.adapters.text.bounds import (BoundedInlineExtension, Deadline, RenderTooSlow, cap_html_depth, cap_quote_depth)
from forum.adapters.text.images import ExternalImageFilter
from forum.adapters.text.linkify import BoundedLinkifyFilter
from forum.adapters.text.tokens import use_whole_text_parser

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
        """Register the demotion: a post's headings never compete with the page's own."""
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


def _make_cleaner(callbacks, deadline=None):
    watch = [deadline.filter] if deadline is not None and deadline.at is not None else []
    return use_whole_text_parser(bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allow_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=watch + [ExternalImageFilter, partial(
            BoundedLinkifyFilter, skip_tags={"pre", "code"}, callbacks=callbacks, parse_email=True)],
    ))


_cleaner = _make_cleaner([_set_rel])


def _link_budget(limit):
    """A linkify callback keeping the first `limit` links; later ones become plain text."""
    seen = {"n": 0}

    def keep(attrs, new=False):
        href = attrs.get((None, "href"), "")
        if _MENTION_HREF.fullmatch(href) or _QUOTE_HREF.fullmatch(href):
            return attrs
        seen["n"] += 1
        return attrs if seen["n"] <= limit else None

    return keep


# Control characters users never mean (tab and newlines stay): echoed back into a form they
# confuse browsers, and PostgreSQL refuses NUL. The one rule for forms and services alike.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control(text):
    """User text without NULs and control characters (the one rule, for forms and services)."""
    return _CONTROL.sub("", text or "")


def clean_source(text):
    """Normalise user text before storing: no NULs or control characters, Unix newlines."""
    return strip_control((text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _markdown(known_mentions=None, deadline=None):
    md = markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists", DemoteHeadingsExtension(),
                    BoundedInlineExtension()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    if known_mentions:
        md.inlinePatterns.register(_Mentions(known_mentions), "mention", 100)
    if deadline is not None:
        deadline.watch_inline(md)
    return md


@dataclass(frozen=True)
class Rendered:
    """A body rendered once: the HTML to store and what it refers to, for notifications and limits."""

    html: str
    mentions: frozenset = frozenset()  # usernames of the members it mentions
    quoted_post_ids: frozenset = frozenset()
    links: tuple = ()  # hrefs of its other links, in order


_ANCHOR = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(@?)')
_MENTION_HREF = re.compile(r"/users/([A-Za-z0-9_-]{3,30})")
_QUOTE_HREF = re.compile(r"/threads/\d+/posts/(\d+)")


def references(html):
    """What HTML this module rendered refers to (mentions, quoted posts, other links)."""
    mentions, quoted, links = set(), set(), []
    for href, at in _ANCHOR.findall(html or ""):
        mention, quote = _MENTION_HREF.fullmatch(href), _QUOTE_HREF.fullmatch(href)
        if mention and at:
            mentions.add(mention.group(1))
        elif quote:
            quoted.add(int(quote.group(1)))
        else:
            links.append(href)
    return Rendered(html, frozenset(mentions), frozenset(quoted), tuple(links))


def _budget():
    """RENDER_BUDGET_SECONDS of the running app (None outside one, or when set to 0)."""
    from flask import current_app, has_app_context

    return (current_app.config.get("RENDER_BUDGET_SECONDS") or None) if has_app_context() else None


def render_markdown(source, max_links=None, resolve_mentions=_resolve_usernames, budget=_budget):
    """Markdown source to sanitised HTML plus what it refers to (a `Rendered`), in one pass.

    `max_links` keeps only that many links; the rest stay as plain text.
    `resolve_mentions(names) -> {lower name: username}` says which `@names` are members (their
    mention becomes a profile link); pass None to skip the lookup.
    Past `budget()` seconds the render stops with RenderTooSlow (the caller refuses the text).
    """
    deadline = Deadline(budget() if callable(budget) else budget)
    source = cap_quote_depth(clean_source(source))
    known = None
    if resolve_mentions is not None and "@" in source:
        names = {name.lower() for name in re.findall(MENTION_RE, source)}
        known = resolve_mentions(names) if names else None
    html = cap_html_depth(_markdown(known, deadline).convert(source))
    if max_links is not None:
        cleaner = _make_cleaner([_link_budget(max_links), _set_rel], deadline)
    else:
        cleaner = _cleaner if deadline.at is None else _make_cleaner([_set_rel], deadline)
    return references(cleaner.clean(html))


def count_links(html):
    """How many links (other than mentions and quotes) rendered HTML holds."""
    return len(references(html).links)


# A block ends a word; an inline tag (emphasis, a link) does not: "wel<b>ding</b>." reads "welding.".
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th)\b[^>]*>",
                        re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def html_to_text(html):
    """The text of sanitised HTML, entities as characters: the one conversion behind search
    documents, snippets and email excerpts."""
    return unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html or "")))


def plain_text(html_or_source, limit=None):
    """Tag-free text on one line for excerpts in emails and digests, cut at `limit`."""
    text = re.sub(r"\s+", " ", html_to_text(html_or_source)).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def slugify(title, max_length=60):
    """ASCII-ish URL slug for a thread title (the id, not the slug, finds the thread)."""
    import unicodedata

    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:max_length].strip("-") or "thread"
