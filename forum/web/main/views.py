"""Home, tag and accessibility statement pages."""
from datetime import date

from flask import Blueprint, abort, render_template
from flask_babel import format_date
from flask_login import current_user

from forum.adapters import page_cache
from forum.services import reading

bp = Blueprint("main", __name__)


@bp.route("/")
@page_cache.anonymous_cache
def home():
    """The front page: sectors with their latest threads."""
    return render_template("main/home.html", sectors=reading.sectors_overview(),
                           threads=reading.latest_threads(current_user))


@bp.route("/tags/<name>")
@page_cache.anonymous_cache
def tag(name):
    """Threads with one tag, across sectors."""
    tag = reading.get_tag(name) or abort(404)
    return render_template("main/tag.html", tag=tag, page=reading.tag_threads(current_user, tag))


# When the statement was last reviewed against the e2e accessibility suite (tests/e2e/).
STATEMENT_REVIEWED = date(2026, 11, 29)


@bp.route("/accessibility")
def accessibility():
    """The accessibility statement, as the EU Web Accessibility Directive asks sites to publish."""
    return render_template("main/accessibility.html", reviewed=format_date(STATEMENT_REVIEWED, "long"))


@bp.route("/healthz")
def healthz():
    """Liveness probe (and the bench's hello-world baseline)."""
    return "ok", 200, {"Content-Type": "text/plain"}
