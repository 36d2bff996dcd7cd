"""The language menu: a visitor's choice goes into a cookie, a member's into their settings."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user, login_required

from forum.web.auth import actor
from forum.web.urls import safe_next
from forum.core.errors import ValidationError
from forum.web.forms import apply_error
from forum.core.languages import POST_LANGUAGES
from forum.web.i18n import language_menu
from forum.web.languages.forms import LanguageSettingsForm
from forum.services import languages

bp = Blueprint("languages", __name__)
YEAR = 60 * 60 * 24 * 365


@bp.route("/language", methods=["GET", "POST"])
def choose():
    """GET (visitors: a plain form, no JavaScript, cacheable pages carry no token) only sets the
    cookie; POST (members, CSRF-checked) also saves the member's interface language. A GET sent
    from another site is ignored, so no page can switch a reader's language behind their back."""
    values = request.form if request.method == "POST" else request.args
    code = values.get("lang", "")
    if code not in current_app.config["LANGUAGES"]:
        abort(400, description="Unknown language.")
    target = safe_next(values.get("next"), url_for("main.home"))
    response = redirect(target, code=303)
    if request.method == "GET" and request.headers.get("Sec-Fetch-Site") == "cross-site":
        return response
    if request.method == "POST" and current_user.is_authenticated:
        languages.set_interface_language(actor(), code)
    response.set_cookie(current_app.config["LANGUAGE_COOKIE"], code, max_age=YEAR, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False), httponly=True)
    return response


@bp.route("/settings/language", methods=["GET", "POST"])
@login_required
def settings():
    """The member's interface language and the languages they read."""
    user = actor()
    form = LanguageSettingsForm(data={"interface_language": user.interface_language,
                                      "read_languages": sorted(languages.read_languages(user))})
    form.fill(language_menu(), POST_LANGUAGES)
    if form.validate_on_submit():
        try:
            languages.save_language_settings(user, form.interface_language.data or "",
                                             form.read_languages.data or [])
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Your language settings are saved."), "success")
            return redirect(url_for("languages.settings"))
    return render_template("settings/language.html", form=form), 422 if form.errors else 200
