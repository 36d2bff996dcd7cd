"""A member's language settings: the interface language and the languages they read."""
from flask import current_app
from flask_babel import _
from sqlalchemy import true

from forum.core.errors import ValidationError
from forum.core.languages import POST_LANGUAGE_CODES
from forum.core.transaction import transaction
from models import Thread


def set_interface_language(user, code):
    """Save the interface language ("" follows the menu cookie and the browser)."""
    if code and code not in current_app.config["LANGUAGES"]:
        raise ValidationError("interface_language", _("Choose one of the languages in the list."))
    with transaction():
        user.interface_language = code


def read_languages(user):
    """The set of post languages a member reads; empty means every language."""
    return frozenset(code for code in (user.read_languages or "").split(",") if code)


def threads_in_read_languages(user):
    """SQL filter for thread lists: only threads in the member's languages, when they chose some."""
    codes = read_languages(user) if user is not None and user.is_authenticated else ()
    return Thread.language.in_(sorted(codes)) if codes else true()


def save_language_settings(user, interface_language, read):
    """Both settings in one transaction; unknown codes are refused, never stored."""
    if interface_language and interface_language not in current_app.config["LANGUAGES"]:
        raise ValidationError("interface_language", _("Choose one of the languages in the list."))
    unknown = [code for code in read if code not in POST_LANGUAGE_CODES]
    if unknown:
        raise ValidationError("read_languages", _("Choose languages from the list."))
    with transaction():
        user.interface_language = interface_language
        user.read_languages = ",".join(sorted(set(read)))
