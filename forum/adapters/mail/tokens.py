"""Signed unsubscribe tokens (itsdangerous): bound to one member and one kind of email.

They do not expire, as RFC 8058 links must keep working in old messages; the signature (with
the app's SECRET_KEY and a salt of its own) makes them impossible to forge or to re-point at
another member or list.
"""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

LISTS = ("digest", "immediate", "all")
_SALT = "praxis-unsubscribe-v1"


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user_id, list_name):
    """A signed token naming member and list, so a link unsubscribes without signing in."""
    if list_name not in LISTS:
        raise ValueError(list_name)
    return _serializer().dumps([int(user_id), list_name])


def read_unsubscribe_token(token):
    """(user_id, list_name) for a genuine token, else None."""
    try:
        user_id, list_name = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or list_name not in LISTS:
        return None
    return user_id, list_name


def unsubscribe_url(user_id, list_name, token=None):
    """The one-click unsubscribe link a mail carries (List-Unsubscribe and footer)."""
    base = current_app.config["BASE_URL"].rstrip("/")
    return f"{base}/unsubscribe/{token or unsubscribe_token(user_id, list_name)}"


def unsubscribe_mailto(user_id, list_name, domain, token=None):
    """The mailto form of unsubscribing, for clients that only offer that."""
    return f"mailto:unsubscribe@{domain}?subject=unsubscribe%20{token or unsubscribe_token(user_id, list_name)}"


def list_unsubscribe(user_id, list_name, domain):
    """The List-Unsubscribe value: the one-click link and a mailto, signed once."""
    token = unsubscribe_token(user_id, list_name)
    return f"<{unsubscribe_url(user_id, list_name, token)}>, <{unsubscribe_mailto(user_id, list_name, domain, token)}>"
