"""Sector pages."""
from flask import Blueprint, abort, render_template
from flask_login import current_user

from forum.adapters import page_cache
from forum.core import permissions
from forum.services import reading

bp = Blueprint("sectors", __name__)


@bp.route("/sectors/<slug>")
@page_cache.anonymous_cache
def show(slug):
    """A sector's page: its threads, newest activity first."""
    sector = reading.get_sector(slug)
    if not permissions.can_view_sector(current_user, sector):
        abort(404)
    page = reading.sector_threads(current_user, sector)
    return render_template("sectors/show.html", sector=sector, page=page,
                           can_start=permissions.can_start_thread(current_user, sector))
