"""Template globals shared by every page."""
import time
from collections import namedtuple

from flask import current_app
from flask_login import current_user

from forum.adapters.text import plain_text
from forum.core.pagination import page_links, page_url
from models import Sector, db

NavSector = namedtuple("NavSector", "slug name")


def init_app(app):
    """Give templates the globals every page uses (sector menu, pager links, the member)."""
    # A global, not only context: macros imported without context (pagination) call it too.
    app.add_template_global(page_url)
    app.add_template_global(page_links)
    app.add_template_filter(plain_text)  # excerpts: the one HTML-to-text, not Jinja's striptags

    @app.context_processor
    def inject_globals():
        return {"nav_sectors": _nav_sectors, "page_url": page_url, "current_user": current_user}


NAV_TTL = 60  # seconds; sectors come from the migration and change (almost) never


def _nav_sectors():
    """(slug, name) of the sectors in display order for the header, cached briefly per process:
    every page shows them, and a query per page for six fixed rows is waste."""
    now = time.monotonic()
    cached = current_app.extensions.get("praxis_nav_sectors")
    if cached is None or cached[0] < now:
        rows = db.session.execute(db.select(Sector.slug, Sector.name).order_by(Sector.position)).all()
        cached = (now + NAV_TTL, [NavSector(slug, name) for slug, name in rows])
        current_app.extensions["praxis_nav_sectors"] = cached
    return cached[1]
