"""Register, sign in, sign out."""
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user, login_required, login_user, logout_user

from forum.accounts.forms import LoginForm, LogoutForm, RegisterForm
from forum.errors import ValidationError
from forum.forms import apply_error
from forum.services import account_email, accounts

bp = Blueprint("accounts", __name__)


def _safe_next(default):
    """Only same-site relative paths are followed after sign-in."""
    target = request.args.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc and "\\" not in target:
        return target
    return default


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register(form.username.data, form.email.data, form.password.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            account_email.welcome(user, digest_frequency=form.digest_frequency.data)
            login_user(user)
            flash(_("Welcome to Praxis, %(name)s!", name=user.username), "success")
            return redirect(url_for("main.home"))
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.login.data, form.password.data)
        if user is None:
            form.password.errors = [_("The username or password is wrong.")]
        else:
            login_user(user, remember=form.remember.data)
            flash(_("Signed in. Welcome back, %(name)s.", name=user.name), "success")
            return redirect(_safe_next(url_for("main.home")))
    status = 422 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    form = LogoutForm()
    if not form.validate_on_submit():
        return redirect(url_for("main.home"))
    accounts.end_sessions(current_user._get_current_object())
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))
