"""One pagination helper for every list."""
import math
from dataclasses import dataclass

from flask import abort, request


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    def links(self, around=2):
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


def page_arg(max_page=None):
    """The `page` query value: 1 when absent, 404 when not a positive integer or past the end."""
    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
        abort(404)
    page = int(raw)
    if max_page is not None and page > max(1, max_page):
        abort(404)
    return page


def paginate(query, session, per_page, count):
    """Run `query` for the requested page; `count` is the total (usually a stored counter)."""
    pages = max(1, math.ceil(count / per_page))
    page = page_arg(pages)
    items = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=items, page=page, per_page=per_page, total=count)
