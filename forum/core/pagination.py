"""One pagination helper for every list."""
import math
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import abort, request, url_for

MAX_PAGE_DIGITS = 6  # no list has a millionth page; longer values are refused before int()
_PAGE = re.compile(r"[0-9]{1,%d}" % MAX_PAGE_DIGITS)


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        """The number of pages (at least one, so an empty list still renders)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        """Whether a 'previous' link makes sense."""
        return self.page > 1

    @property
    def has_next(self):
        """Whether a 'next' link makes sense."""
        return self.page < self.pages

    def links(self, around=2):
        """The page numbers a pager shows around this page."""
        return page_links(self.page, self.pages, around)


def page_links(current, last, around=2):
    """Page numbers to link, None for a gap: 1 … 4 5 [6] 7 8 … 250 (never a loop over all pages)."""
    shown = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    out, previous = [], 0
    for number in shown:
        if number - previous > 1:
            out.append(None)
        out.append(number)
        previous = number
    return out


def parse_page(raw):
    """A page number from query text, or None: ASCII digits only (`str.isdigit` accepts "²",
    which `int()` refuses), at most MAX_PAGE_DIGITS of them, and at least 1."""
    if raw is None or not _PAGE.fullmatch(raw):
        return None
    return int(raw) or None


def page_arg(max_page=None):
    """The `page` query value: 1 when absent, 404 when not a positive integer or past the end."""
    page = parse_page(request.args.get("page", "1"))
    if page is None or (max_page is not None and page > max(1, max_page)):
        abort(404)
    return page


def page_url(page):
    """The current URL with another `page` query value (pagination links, redirects)."""
    return url_with_args(request.endpoint, request.view_args, page=page)


def url_with_args(endpoint, view_args, **changes):
    """`endpoint`'s URL for `view_args`, with this request's query arguments (`changes` replacing
    some) appended as a query string.

    Query arguments never reach `url_for` as keywords: `?endpoint=x`, `?_method=POST`,
    `?_scheme=…` or `?thread_id=abc` used to raise inside it (a 500) or rewrite the path.
    """
    args = [(key, value) for key, value in request.args.items(multi=True) if key not in changes]
    args += [(key, value) for key, value in changes.items() if value is not None]
    base = url_for(endpoint, **(view_args or {}))
    return f"{base}?{urlencode(args)}" if args else base


def paginate(query, session, per_page, count):
    """Run `query` for the requested page; `count` is the total (usually a stored counter)."""
    pages = max(1, math.ceil(count / per_page))
    page = page_arg(pages)
    items = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=items, page=page, per_page=per_page, total=count)
