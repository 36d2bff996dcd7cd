"""Accounts: registration, sign-in, sign-out, profile and password changes.

Every function here takes raw input (from a form, the CLI or a test) and trusts none of it: values
that are not text, too long, or out of their list raise `ValidationError(field, message)`.
Passwords are hashed with scrypt. Sessions carry the user's `session_version` (see `User.get_id`):
bumping it ends every session and remember-me cookie of that user at once.
"""
import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from forum.services import events
from forum.core.errors import ValidationError
from forum.core.languages import POST_LANGUAGE_CODES, TIMEZONE_SET
from forum.services.profiles import check_public_text
from forum.adapters.text import RenderTooSlow, clean_source, render_markdown
from forum.core.transaction import transaction
from models import COUNTRIES, ROLES, SECTORS, User, db, utcnow

USERNAME_RE = re.compile(r"[A-Za-z0-9_-]{3,30}")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_EMAIL = 254
# Bidi embeddings/overrides/isolates, zero-width space, LRM/RLM and BOM: invisible characters that
# can make a name read differently from what it is. ZWJ/ZWNJ stay (scripts and emoji need them).
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _text(value, field):
    """The value as text; None is empty, anything else that is not a string is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(field, _("Enter text."))
    return value


def one_line(value, field, limit):
    """A single-line name: no control or invisible characters, spaces collapsed, at most `limit`."""
    text = " ".join(_INVISIBLE.sub("", clean_source(_text(value, field))).split())
    if len(text) > limit:
        raise ValidationError(field, _("Use at most %(n)d characters.", n=limit))
    return text


def normalize_email(email):
    """Check the form (never DNS) and return the address lower-cased for uniqueness."""
    email = _text(email, "email").strip()
    if len(email) > MAX_EMAIL:
        raise ValidationError("email", _("Use at most %(n)d characters.", n=MAX_EMAIL))
    try:
        result = validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError("email", _("Enter a valid email address, like name@example.org.")) from None
    return result.normalized.lower()


def check_username(username):
    """Refuse usernames that could not be mentioned or that imitate others."""
    username = _text(username, "username").strip()
    if not USERNAME_RE.fullmatch(username):
        raise ValidationError("username", _(
            "Use 3 to 30 characters: letters, digits, underscores or hyphens."))
    return username


def check_password(password, field="password"):
    """Refuse passwords too short or too long to be safe to store."""
    password = _text(password, field)
    if len(password) < MIN_PASSWORD:
        raise ValidationError(field, _("Use at least %(n)d characters.", n=MIN_PASSWORD))
    if len(password) > MAX_PASSWORD:
        raise ValidationError(field, _("Use at most %(n)d characters.", n=MAX_PASSWORD))
    return password


class EmailTaken(ValidationError):
    """Registration with an address that already has an account (the public form answers as if
    it had worked and tells the owner instead)."""


def hash_password(password):
    """The stored scrypt hash of `password` (method from config: tests use a cheaper cost)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@lru_cache(maxsize=4)
def _dummy_hash(method):
    return generate_password_hash("not-a-real-password", method=method)


def get_by_username(username):
    """The member with this username (any case), or None; malformed names never reach the database."""
    if not isinstance(username, str) or not USERNAME_RE.fullmatch(username):
        return None
    return db.session.scalar(select(User).where(User.username_canonical == username.lower()))


def find_by_login(login):
    """A user by username or email, case-insensitively."""
    if not isinstance(login, str) or "\x00" in login or len(login) > MAX_EMAIL:
        return None
    login = login.strip().lower()
    return db.session.scalar(
        select(User).where((User.username_canonical == login) | (User.email == login)))


def register(username, email, password, role="member", **profile):
    """Create an account; duplicates of username or email are refused, case-insensitively.

    `profile` takes the keys of `PROFILE_FIELDS` (a later form field = one entry there).
    """
    username = check_username(username)
    email = normalize_email(email)
    password = check_password(password)
    if role not in ROLES:
        raise ValidationError("role", _("Choose one of: %(roles)s.", roles=", ".join(ROLES)))
    values = clean_profile(profile)
    password_hash = hash_password(password)  # before the duplicate check: both answers cost the same
    try:
        with transaction() as session:
            _refuse_duplicates(session, username, email)
            user = User(username=username, username_canonical=username.lower(), email=email,
                        password_hash=password_hash, role=role, **values)
            session.add(user)
    except IntegrityError:  # a concurrent registration won the race for the name or address
        with transaction() as session:
            _refuse_duplicates(session, username, email)
        raise
    return user


def _refuse_duplicates(session, username, email):
    if session.scalar(select(User.id).where(User.username_canonical == username.lower())):
        raise ValidationError("username", _("This username is taken. Please choose another."))
    if session.scalar(select(User.id).where(User.email == email)):
        raise EmailTaken("email", _("An account with this email already exists."))


def authenticate(login, password):
    """The user for these credentials, or None. Hash work is done even for unknown logins."""
    password = password if isinstance(password, str) else ""
    user = find_by_login(login)
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def revoke_access(session, user, sessions=True):
    """The one door for every change of credentials or access (sign-out, password change or reset,
    email or role change, suspension, silence): inside the caller's transaction it ends every
    session and remember-me cookie, voids every outstanding reset link, and after the commit
    disconnects the member's open sockets in every process. Lifting a suspension or silence only
    gives access back (`sessions=False`): sockets reconnect and are re-checked, sessions stay, as
    pages read the member's row on every request anyway."""
    from models import AccountToken

    events.user_access_changed(user.id)
    if not sessions:
        return
    user.session_version = User.session_version + 1
    session.execute(update(AccountToken).where(
        AccountToken.user_id == user.id, AccountToken.purpose == "reset",
        AccountToken.used_at.is_(None)).values(used_at=utcnow()))


def end_sessions(user):
    """Invalidate every session and remember-me cookie of `user` (sign-out)."""
    with transaction() as session:
        revoke_access(session, user)
    db.session.refresh(user)


def change_password(user, current, new):
    """Set a new password after checking the current one; every other session ends."""
    if not check_password_hash(user.password_hash, current if isinstance(current, str) else ""):
        raise ValidationError("current_password", _("This is not your current password."))
    new = check_password(new, field="new_password")
    with transaction() as session:
        user.password_hash = hash_password(new)
        revoke_access(session, user)
    db.session.refresh(user)
    return user


def set_role(user, role):
    """Change a member's role (CLI); like every access change it ends their sessions and sockets."""
    if role not in ROLES:
        raise ValidationError("role", _("Choose one of: %(roles)s.", roles=", ".join(ROLES)))
    with transaction() as session:
        user.role = role
        revoke_access(session, user)


def update_profile(user, **profile):
    """Save profile fields (display name, country, organisation, sector, bio, language, time zone)."""
    values = clean_profile(profile)
    check_public_text(user, values)
    with transaction():
        for name, value in values.items():
            setattr(user, name, value)
    return user


def clean_profile(profile):
    """Validate profile input into User column values; unknown keys are a programming error."""
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    values = {}
    for name, value in profile.items():
        values.update(PROFILE_FIELDS[name](value))
    return values


def _from_list(field, allowed, message, optional=True):
    def clean(value):
        value = _text(value, field).strip()
        if (value or not optional) and value not in allowed:
            raise ValidationError(field, message())
        return {field: value or None}
    return clean


def _bio(value):
    bio = clean_source(_text(value, "bio"))
    if len(bio) > 2000:
        raise ValidationError("bio", _("Use at most %(n)d characters.", n=2000))
    try:
        return {"bio_markdown": bio, "bio_html": render_markdown(bio).html}
    except RenderTooSlow:
        raise ValidationError("bio", _("This text has too much formatting to show quickly.")) from None


PROFILE_FIELDS = {
    "display_name": lambda v: {"display_name": one_line(v, "display_name", 60)},
    "organisation": lambda v: {"organisation": one_line(v, "organisation", 120)},
    "bio": _bio,
    "country": _from_list("country", {code for code, _n in COUNTRIES},
                          lambda: _("Choose a country from the list.")),
    "sector_of_work": _from_list("sector_of_work", {slug for slug, _n, _d in SECTORS},
                                 lambda: _("Choose a sector from the list.")),
    "language": _from_list("language", POST_LANGUAGE_CODES,
                           lambda: _("Choose a language from the list."), optional=False),
    "timezone": _from_list("timezone", TIMEZONE_SET,
                           lambda: _("Choose a time zone from the list."), optional=False),
}


def touch_last_seen(user):
    """Record activity at most once every five minutes (cheap for busy readers)."""
    now = utcnow()
    if user.last_seen_at is None or (now - user.last_seen_at).total_seconds() > 300:
        with transaction():
            user.last_seen_at = now
