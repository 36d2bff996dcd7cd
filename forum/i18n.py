"""Flask-Babel: locale and time zone selection, and date/number filters for templates."""
from flask import current_app, has_request_context, request
from flask_babel import format_datetime, format_decimal, format_timedelta
from flask_login import current_user

from forum.extensions import babel
from models import utcnow


def select_locale():
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and services called from tests
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone():
    if has_request_context() and current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return None


def iso_utc(value):
    """ISO 8601 with Z for `<time datetime>` (values are stored as naive UTC)."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def relative(value):
    """'3 hours ago' style text, falling back to a date after a week."""
    if value is None:
        return ""
    delta = utcnow() - value
    if delta.days >= 7:
        return format_datetime(value, "medium")
    return format_timedelta(-delta, add_direction=True, granularity="minute", threshold=1.0)


def init_app(app):
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["datetime"] = lambda v, f="medium": format_datetime(v, f) if v else ""
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["iso"] = iso_utc
    app.jinja_env.filters["relative"] = relative
