"""Notifications, the bell, following (/following and the follow buttons), read markers."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user, login_required

from forum.web.notifications.forms import FollowForm, MarkReadForm
from forum.services import notifications, subscriptions
from forum.web.auth import actor
from forum.web.urls import safe_next

bp = Blueprint("notifications", __name__)


@bp.app_context_processor
def _globals():
    return {"unread_notifications": lambda: notifications.unread_count(current_user),
            "follow_level": lambda kind, target_id: subscriptions.level(current_user, kind, target_id),
            "follow_form": FollowForm}


def _back(default):
    return safe_next(request.form.get("next"), default)


@bp.route("/notifications")
@login_required
def index():
    """The member's recent notifications."""
    return render_template("notifications/index.html", items=notifications.recent(current_user),
                           form=MarkReadForm())


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id):
    """Mark one notification read, and open what it points to when asked."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    item = notifications.mark_read(actor(), notification_id)
    if item is None or item.user_id != current_user.id:
        abort(404)
    if item.post_id and request.form.get("open"):
        return redirect(url_for("threads.goto_post", thread_id=item.thread_id, post_id=item.post_id))
    return redirect(url_for("notifications.index"))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def read_all():
    """Mark every notification read."""
    if MarkReadForm().validate_on_submit():
        notifications.mark_read(actor())
    return redirect(url_for("notifications.index"))


@bp.route("/following")
@login_required
def following():
    """What the member follows, grouped, with their levels."""
    return render_template("notifications/following.html", groups=subscriptions.followed(current_user))


@bp.route("/follow/<kind>/<int:target_id>", methods=["POST"])
@login_required
def follow(kind, target_id):
    """Follow, watch or mute a thread, sector or tag."""
    form = FollowForm()
    if not form.validate_on_submit():
        abort(400)
    subscriptions.set_level(actor(), kind, target_id, form.level.data)
    from flask import flash

    flash(_("Your choice is saved."), "success")
    return redirect(_back(url_for("notifications.following")))
