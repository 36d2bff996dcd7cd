"""Home and tag pages."""
from flask import Blueprint, abort, render_template
from flask_login import current_user

from forum.services import reading

bp = Blueprint("main", __name__)


@bp.route("/")
def home():
    return render_template("main/home.html", sectors=reading.sectors_overview(),
                           threads=reading.latest_threads(current_user))


@bp.route("/tags/<name>")
def tag(name):
    tag = reading.get_tag(name) or abort(404)
    return render_template("main/tag.html", tag=tag, page=reading.tag_threads(current_user, tag))


@bp.route("/healthz")
def healthz():
    """Liveness probe (and the bench's hello-world baseline)."""
    return "ok", 200, {"Content-Type": "text/plain"}
