"""Register, sign in, sign out, change password."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user, login_required, login_user, logout_user

from forum.web.auth import actor
from forum.core import permissions
from forum.web import ratelimits
from forum.web.accounts.forms import ChangePasswordForm, LoginForm, LogoutForm, RegisterForm
from forum.core.errors import ValidationError
from forum.web.forms import apply_error
from forum.services import account_email, accounts
from forum.web.urls import safe_next

bp = Blueprint("accounts", __name__)


def _next_url():
    return safe_next(request.args.get("next"), url_for("main.home"))


def _rendered(template, form):
    """The form page: 422 when it carries errors, so clients and tests can tell."""
    return render_template(template, form=form), 422 if form.errors else 200


@bp.route("/register", methods=["GET", "POST"])
@ratelimits.registration
def register():
    """A new account, or (for an address that has one) a notice to its owner: the same answer."""
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            account_email.register_member(digest_frequency=form.digest_frequency.data, **form.values())
        except ValidationError as error:
            apply_error(form, error)
        else:
            return render_template("settings/message.html", title=_("Check your email"), message=_(
                "We sent a message to %(email)s. Follow its link to confirm your address, then sign in "
                "with your username and password.", email=form.email.data))
    return _rendered("accounts/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@ratelimits.sign_in
def login():
    """Sign in with username or email; a suspended member is told until when."""
    if current_user.is_authenticated:
        return redirect(_next_url())
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.login.data, form.password.data)
        if user is None:
            form.password.errors = [_("The username or password is wrong.")]
        elif permissions.is_suspended(user):
            form.form_errors.append(suspension_message(user))
            return render_template("accounts/login.html", form=form), 403
        else:
            login_user(user, remember=form.remember.data)
            flash(_("Signed in. Welcome back, %(name)s.", name=user.name), "success")
            return redirect(_next_url())
    return _rendered("accounts/login.html", form)


def suspension_message(user):
    """What a suspended member reads at sign-in: until when, and why."""
    from flask_babel import format_datetime

    from forum.services.moderation.users import PERMANENT

    reason = user.suspension_reason or _("no reason given")
    if user.suspended_until >= PERMANENT:
        return _("Your account is suspended permanently. Reason: %(reason)s", reason=reason)
    return _("Your account is suspended until %(when)s. Reason: %(reason)s",
             when=format_datetime(user.suspended_until), reason=reason)


@bp.route("/logout", methods=["POST"])
def logout():
    """End the session on the server: the user's session version moves on, so every copy of the
    session or remember-me cookie stops working (on every device)."""
    LogoutForm().validate_on_submit()  # CSRFProtect has already refused a bad token with a 400
    if current_user.is_authenticated:
        accounts.end_sessions(actor())
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password, which also ends the member's other sessions."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = actor()
        try:
            accounts.change_password(user, form.current_password.data, form.new_password.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            # The old session id is now void everywhere; sign this browser in again with the new one.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(user, remember=remembered)
            flash(_("Your password is changed. Other devices must sign in again."), "success")
            return redirect(url_for("users.show", username=user.username))
    return _rendered("accounts/password.html", form)
