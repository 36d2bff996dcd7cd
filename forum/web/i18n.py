"""Flask-Babel: locale and time zone selection per request, the language menu, date filters."""
from functools import lru_cache

from babel import negotiate_locale
from flask import current_app, has_request_context, request
from flask_babel import (format_date, format_datetime, format_decimal, format_timedelta, get_locale,
                         get_timezone, gettext)
from flask_login import current_user
from markupsafe import Markup

from forum.adapters import page_cache
from forum.web.extensions import babel
from forum.core.languages import INTERFACE_LANGUAGES, LANGUAGE_NAMES, TIMEZONE_SET
from forum.web.plurals import plural_forms
from models import utcnow

def _member():
    """The signed-in user during a request; None in the CLI, in jobs and for visitors."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user
    return None


def select_locale():
    """The member's own interface language, else the visitor's menu choice (cookie), else the
    browser's `Accept-Language` negotiated by Babel, else English."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    member = _member()
    if member is not None and member.interface_language in languages:
        return member.interface_language
    chosen = request.cookies.get(current_app.config["LANGUAGE_COOKIE"], "")
    if chosen in languages:
        return chosen
    return negotiated_locale(request.accept_languages.values(), languages)


def negotiated_locale(preferred, languages):
    """Babel's negotiation (`de-AT` finds `de`) of the browser's ranked tags; English otherwise."""
    tags = [tag.lower() for tag in preferred if tag and tag != "*"]
    return negotiate_locale(tags, languages, sep="-") or current_app.config["BABEL_DEFAULT_LOCALE"]


def language_menu():
    """(code, endonym) of every interface language, for the header menu and the settings."""
    languages = set(current_app.config["LANGUAGES"])
    return [(code, name) for code, name in INTERFACE_LANGUAGES if code in languages]


def _machine_translation_enabled():
    """Templates show the Translate control only when a provider is configured."""
    from forum.adapters.translation.providers import configured_provider

    return configured_provider() is not None


def _vary_on_language(response):
    """Shared caches must not hand one visitor's language to another."""
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def select_timezone():
    """The member's zone when it is one we know (an unknown zone must never break a page)."""
    member = _member()
    if member is not None and member.timezone in TIMEZONE_SET:
        return member.timezone
    return None


def translated(text):
    """A fixed text stored in the database (sector names and descriptions) in the current
    language, when the catalogue has it; any other text comes back unchanged."""
    return gettext(text) if text else ""


def country_name(code, english=""):
    """A country's name in the current language (Babel's CLDR territory names), else `english`."""
    locale = get_locale()
    return (locale.territories.get(code) if locale is not None and code else None) or english


def iso_utc(value):
    """ISO 8601 with Z for `<time datetime>` (values are stored as naive UTC)."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def relative(value):
    """'3 hours ago' style text, falling back to a date after a week (the title has the time)."""
    if value is None:
        return ""
    delta = utcnow() - value
    if delta.days >= 7:
        return format_date(value, "medium")
    page_cache.note_relative_time()
    return format_timedelta(-delta, add_direction=True, granularity="minute", threshold=1.0)


def time_tag(value):
    """`<time datetime>` with the full date as title and relative text: the `time()` macro.

    Dates older than a week render the same on every request, so they come from a cache keyed
    by locale and zone (Babel's formatting is the costliest part of a thread page).
    """
    if not value:
        return ""
    locale, zone = str(get_locale()), str(get_timezone())
    if (utcnow() - value).days >= 7:
        return _settled_time_tag(value, locale, zone)
    return _TIME_TAG.format(iso_utc(value), _full_datetime(value, locale, zone), relative(value))


_TIME_TAG = Markup('<time datetime="{}" title="{}">{}</time>')


@lru_cache(maxsize=16384)
def _full_datetime(value, locale, zone):
    return format_datetime(value, "full")


@lru_cache(maxsize=16384)
def _settled_time_tag(value, locale, zone):
    return _TIME_TAG.format(iso_utc(value), _full_datetime(value, locale, zone), format_date(value, "medium"))


def init_app(app):
    """Wire Flask-Babel's locale and zone selectors and the date filters."""
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.after_request(_vary_on_language)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["language_menu"] = language_menu
    app.jinja_env.globals["language_name"] = LANGUAGE_NAMES.get
    app.jinja_env.globals["plural_forms"] = plural_forms
    app.jinja_env.globals["machine_translation_enabled"] = _machine_translation_enabled
    app.jinja_env.filters["time_tag"] = time_tag
    app.jinja_env.filters["datetime"] = lambda v, f="medium": format_datetime(v, f) if v else ""
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["iso"] = iso_utc
    app.jinja_env.filters["relative"] = relative
    app.jinja_env.filters["translated"] = translated
    app.jinja_env.globals["country_name"] = country_name
