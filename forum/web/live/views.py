"""The one HTTP route live pages need: a post as the current viewer sees it.

Live events carry the neutral fragment of a post (no per-viewer controls); a signed-in page
swaps it for this one, which has the viewer's Quote, Edit, Flag and moderator tools exactly as
the thread page would render them, asking the same permission policy.
"""
from flask import Blueprint, abort, render_template
from flask_login import current_user

from forum.core import permissions
from models import Post, db

bp = Blueprint("live", __name__)


@bp.route("/live/posts/<int:post_id>")
def post_fragment(post_id):
    """One post's markup for a live page that was told of it (readers only)."""
    post = db.session.get(Post, post_id)
    if not permissions.can_view_post(current_user, post):
        abort(404)
    html = render_template("threads/_post.html", post=post, viewer=current_user, permissions=permissions)
    return html, 200, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store"}
