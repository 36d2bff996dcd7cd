"""The HTTP routes live pages need: a post and a thread list row as the current viewer sees them.

Live events carry neutral fragments (no per-viewer controls, English chrome, UTC dates); a page
swaps them for these, which the thread and list pages would render for this viewer — their
controls, interface language and time zone — asking the same permission policy.
"""
from flask import Blueprint, abort, get_template_attribute, render_template, request
from flask_login import current_user

from forum.core import permissions
from models import Post, Thread, db

bp = Blueprint("live", __name__)

_PRIVATE = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store"}


@bp.route("/live/posts/<int:post_id>")
def post_fragment(post_id):
    """One post's markup for a live page that was told of it (readers only)."""
    post = db.session.get(Post, post_id)
    if not permissions.can_view_post(current_user, post):
        abort(404)
    html = render_template("threads/_post.html", post=post, viewer=current_user, permissions=permissions)
    return html, 200, _PRIVATE


@bp.route("/live/threads/<int:thread_id>/row")
def thread_row(thread_id):
    """A live list row in the viewer's language and time zone (`?list=home` adds the sector), so a
    German list page inserts German rows; a thread the viewer may not open is a 404 as its page."""
    thread = db.session.get(Thread, thread_id)
    if not permissions.can_view_thread(current_user, thread):
        abort(404)
    show_sector = request.args.get("list") == "home"
    html = get_template_attribute("_macros.html", "thread_row")(thread, show_sector=show_sector)
    return str(html).strip(), 200, _PRIVATE
