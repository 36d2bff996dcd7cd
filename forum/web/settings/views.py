"""Mail settings, one-click unsubscribe, email verification and password reset."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import login_required

from forum.web.auth import actor
from forum.web import ratelimits
from forum.core.errors import ValidationError
from forum.web.extensions import csrf, limiter
from forum.web.forms import apply_error
from forum.services import account_email, subscriptions
from forum.web.settings.forms import ResendForm, ResetForm, ResetRequestForm, SettingsForm, UnsubscribeForm

bp = Blueprint("settings", __name__)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def edit():
    """The member's settings: email, mail frequency, language and zone."""
    user = actor()
    prefs = subscriptions.preferences_of(user.id)
    form = SettingsForm(data={"digest_frequency": prefs.digest_frequency, "digest_hour": str(prefs.digest_hour),
                              "digest_weekday": str(prefs.digest_weekday), "immediate_email": prefs.immediate_email,
                              "track_on_post": prefs.track_on_post})
    if form.validate_on_submit():
        try:
            subscriptions.save_preferences(
                user, digest_frequency=form.digest_frequency.data, digest_hour=int(form.digest_hour.data),
                digest_weekday=int(form.digest_weekday.data),
                immediate_email=form.immediate_email.data, track_on_post=form.track_on_post.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("settings.edit"))
    status = 422 if form.errors else 200
    return render_template("settings/edit.html", form=form, resend=ResendForm()), status


@bp.route("/settings/verify-email", methods=["POST"])
@login_required
@limiter.limit("5 per hour")
def resend_verification():
    """Send the verification mail again (rate-limited: it reaches an inbox)."""
    if ResendForm().validate_on_submit():
        account_email.send_verification(actor())
        flash(_("We sent you a new verification link."), "info")
    return redirect(url_for("settings.edit"))


@bp.route("/verify-email/<token>")
def verify_email(token):
    """Confirm an email address from the link in the verification mail."""
    user = account_email.verify_email(token)
    if user is None:
        return render_template("settings/message.html", title=_("Link not valid"), message=_(
            "This verification link is invalid, expired or already used.")), 404
    return render_template("settings/message.html", title=_("Email address confirmed"), message=_(
        "Thank you: your email address is confirmed. Digests can now reach you."))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """GET asks for confirmation; POST (the RFC 8058 one-click, or the button) unsubscribes,
    with no sign-in, cookie or CSRF token: the signed token is the authority."""
    if request.method == "POST":
        done = subscriptions.unsubscribe(token)
        if done is None:
            abort(404)
        return render_template("settings/unsubscribed.html", list_name=done[1])
    target = subscriptions.unsubscribe_target(token) or abort(404)
    return render_template("settings/unsubscribe.html", list_name=target[1], form=UnsubscribeForm())


@bp.route("/reset-password", methods=["GET", "POST"])
@ratelimits.reset_request
def reset_request():
    """Ask for a reset link; the answer never tells whether the address is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        account_email.request_password_reset(form.login.data)
        return render_template("settings/message.html", title=_("Check your email"), message=_(
            "If an account matches, we sent it a link to choose a new password. It works for one hour."))
    status = 422 if form.errors else 200
    return render_template("settings/reset_request.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset(token):
    """Set a new password from a valid reset link."""
    if not account_email.reset_token_valid(token):
        return render_template("settings/message.html", title=_("Link not valid"), message=_(
            "This reset link is invalid, expired or already used.")), 404
    form = ResetForm()
    if form.validate_on_submit():
        try:
            account_email.reset_password(token, form.password.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Your password is changed. Sign in with the new one."), "success")
            return redirect(url_for("accounts.login"))
    status = 422 if form.errors else 200
    return render_template("settings/reset.html", form=form), status
