"""A post's machine translation into the reader's language, on its own page (works without
JavaScript; marked as a machine translation, with the original one click away, never indexed)."""
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import _, get_locale
from flask_login import current_user

from forum.web.extensions import limiter
from forum.core.languages import LANGUAGE_NAMES
from forum.services import post_translation

bp = Blueprint("translations", __name__)


def _limit():
    return current_app.config["RATELIMIT_TRANSLATIONS"]


@bp.route("/posts/<int:post_id>/translation")
@limiter.limit(_limit)
def show(post_id):
    """Translate the post into the interface language; a provider failure is a polite 503."""
    if not post_translation.enabled():
        abort(404)
    post = post_translation.translatable(current_user, post_id) or abort(404)
    target = str(get_locale())
    original = url_for("threads.goto_post", thread_id=post.thread_id, post_id=post.id)
    if post.language == target:
        return redirect(original)
    context = {"post": post, "original": original, "source_name": LANGUAGE_NAMES.get(post.language, post.language),
               "target_name": LANGUAGE_NAMES.get(target, target), "target": target}
    try:
        translation = post_translation.translate_post(post, target)
    except post_translation.Unavailable as error:
        message = (_("The translation service has reached its limit for now. Please try again later.")
                   if error.over_quota else
                   _("The translation service is not available at the moment. Please try again later."))
        page = render_template("threads/translation.html", refusal=message, **context)
        return page, 503, {"Retry-After": "300" if error.over_quota else "60", "X-Robots-Tag": "noindex"}
    page = render_template("threads/translation.html", translation=translation, **context)
    return page, 200, {"X-Robots-Tag": "noindex, nofollow"}
