"""Rendering of every email: plain text and HTML from `templates/mail/<name>.txt|.html`, in
the recipient's language and time zone, with absolute links from BASE_URL.

Templates are rendered straight from the app's Jinja environment (no request, no context
processors): digests render thousands of them per run. Dates are formatted through a cache, as
every recipient in one zone sees the same post times."""
from datetime import timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from flask import current_app
from flask_babel import force_locale


@lru_cache(maxsize=256)
def _zone(name):
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def member_zone(user):
    """The zone a member's mail shows times in."""
    return _zone(user.timezone)


def member_locale(user):
    """The language a member's mail is written in: their interface language; without one (they
    follow their browser, which mail cannot ask), the language they write posts in; else English."""
    languages = current_app.config["LANGUAGES"]
    for code in (user.interface_language, user.language):
        if code in languages:
            return code
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@lru_cache(maxsize=20_000)
def _format(value, fmt, zone_name, locale):
    return format_datetime(value.replace(tzinfo=timezone.utc), fmt, tzinfo=_zone(zone_name), locale=locale)


def mail_locale(user):
    """Context manager: gettext in the recipient's language (also outside any request)."""
    return force_locale(member_locale(user))


def render_mail(name, user, **context):
    """(text, html) of mail template `name` for `user`."""
    base = current_app.config["BASE_URL"].rstrip("/")
    zone_name, locale = member_zone(user).key, member_locale(user)

    def local_time(value, fmt="medium"):
        """A stored naive-UTC time shown in the recipient's zone."""
        return _format(value, fmt, zone_name, locale) if value is not None else ""

    def absolute(path):
        return path if path.startswith(("http://", "https://")) else base + path

    env = current_app.jinja_env
    with force_locale(locale):
        context.update(user=user, absolute=absolute, local_time=local_time, base_url=base,
                       site_name="Praxis")
        return (env.get_template(f"mail/{name}.txt").render(context),
                env.get_template(f"mail/{name}.html").render(context))


def render_fragment(name, **context):
    """(text, html) of a mail fragment whose dates and links are in what it is given: rendered
    in whatever locale the caller forced (digest sections translate only sector names)."""
    env = current_app.jinja_env
    return (env.get_template(f"mail/{name}.txt").render(context),
            env.get_template(f"mail/{name}.html").render(context))
