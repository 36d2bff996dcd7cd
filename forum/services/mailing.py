"""Rendering of every email: plain text and HTML from `templates/mail/<name>.txt|.html`, in
the recipient's language and time zone, with absolute links from BASE_URL."""
from datetime import timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_datetime
from flask import current_app, render_template
from flask_babel import force_locale


def member_zone(user):
    try:
        return ZoneInfo(user.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _locale(user):
    languages = current_app.config["LANGUAGES"]
    return user.language if user.language in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def mail_locale(user):
    """Context manager: gettext in the recipient's language (also outside any request)."""
    return force_locale(_locale(user))


def render_mail(name, user, **context):
    """(text, html) of mail template `name` for `user`."""
    base = current_app.config["BASE_URL"].rstrip("/")
    zone, locale = member_zone(user), _locale(user)

    def local_time(value, fmt="medium"):
        """A stored naive-UTC time shown in the recipient's zone."""
        if value is None:
            return ""
        return format_datetime(value.replace(tzinfo=timezone.utc), fmt, tzinfo=zone, locale=locale)

    def absolute(path):
        return path if path.startswith(("http://", "https://")) else base + path

    with force_locale(locale):
        context.update(user=user, absolute=absolute, local_time=local_time, base_url=base,
                       site_name="Praxis")
        return (render_template(f"mail/{name}.txt", **context),
                render_template(f"mail/{name}.html", **context))
