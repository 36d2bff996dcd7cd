"""Member profiles: the public page and editing your own."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import _
from flask_login import current_user, login_required

from forum.web.auth import actor
from forum.core import permissions
from forum.core.errors import ValidationError
from forum.web.forms import apply_error
from forum.services import accounts, reading
from forum.web.users.forms import ProfileForm

bp = Blueprint("users", __name__)


@bp.route("/users/<username>")
def show(username):
    """A member's public profile and recent posts."""
    user = accounts.get_by_username(username) or abort(404)
    threads, posts = reading.user_recent(current_user, user)
    return render_template("users/show.html", user=user, threads=threads, posts=posts)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def edit():
    """Edit one's own public profile."""
    user = actor()
    form = ProfileForm.for_user(user)
    if form.validate_on_submit():
        try:
            accounts.update_profile(user, **form.values())
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("users.show", username=user.username))
    return render_template("users/edit.html", form=form,
                           silenced=permissions.is_silenced(user)), 422 if form.errors else 200
