"""Template globals shared by every page."""
from flask import request, url_for
from flask_login import current_user

from models import Sector, db


def init_app(app):
    # A global (not only a context variable) so imported macros such as pagination() see it.
    app.add_template_global(page_url)

    @app.context_processor
    def inject_globals():
        return {"nav_sectors": _nav_sectors, "page_url": page_url, "current_user": current_user}


def _nav_sectors():
    """Sectors in display order, for the header navigation (one cheap query, on demand)."""
    return db.session.scalars(db.select(Sector).order_by(Sector.position)).all()


def page_url(page):
    """The current URL with another `page` query value (pagination links)."""
    args = dict(request.view_args or {})
    args.update(request.args.to_dict())
    args["page"] = page
    return url_for(request.endpoint, **args)
