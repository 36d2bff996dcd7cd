"""Accounts: registration, sign-in, sign-out, profile and password changes."""
import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from forum import events
from forum.errors import ValidationError
from forum.text import clean_source, render_markdown
from forum.transaction import after_commit, transaction
from models import COUNTRIES, ROLES, SECTORS, User, db, utcnow

USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,30}$")
MIN_PASSWORD = 10
PASSWORD_METHOD = "scrypt"


def normalize_email(email):
    """Check the form (never DNS) and return the address lower-cased for uniqueness."""
    try:
        result = validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError:
        raise ValidationError("email", _("Enter a valid email address.")) from None
    return result.normalized.lower()


def check_username(username):
    username = (username or "").strip()
    if not USERNAME_RE.match(username):
        raise ValidationError("username", _(
            "Use 3 to 30 characters: letters, digits, underscores or hyphens."))
    return username


def check_password(password):
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("password", _("Use at least %(n)d characters.", n=MIN_PASSWORD))
    if len(password) > 1024:
        raise ValidationError("password", _("Use at most 1024 characters."))
    return password


def find_by_login(login):
    """A user by username or email, case-insensitively."""
    login = (login or "").strip().lower()
    return db.session.scalar(
        select(User).where((User.username_canonical == login) | (User.email == login)))


def register(username, email, password, role="member", **profile):
    """Create an account; duplicates of username or email are refused, case-insensitively."""
    username = check_username(username)
    email = normalize_email(email)
    check_password(password)
    if role not in ROLES:
        raise ValidationError("role", _("Unknown role."))
    with transaction() as session:
        if session.scalar(select(User.id).where(User.username_canonical == username.lower())):
            raise ValidationError("username", _("This username is taken."))
        if session.scalar(select(User.id).where(User.email == email)):
            raise ValidationError("email", _("An account with this email already exists."))
        user = User(
            username=username, username_canonical=username.lower(), email=email,
            password_hash=generate_password_hash(password, method=PASSWORD_METHOD), role=role,
        )
        _apply_profile(user, profile)
        session.add(user)
    return user


def authenticate(login, password):
    """The user for these credentials, or None. Hash work is done even for unknown logins."""
    user = find_by_login(login)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if check_password_hash(user.password_hash, password or "") else None


_DUMMY_HASH = generate_password_hash("not-a-real-password", method=PASSWORD_METHOD)


def end_sessions(user):
    """Invalidate every session and remember-me cookie of `user` (sign-out, password change)."""
    with transaction():
        user.session_version = User.session_version + 1
        after_commit(events.user_access_changed, user.id)
    db.session.refresh(user)


def change_password(user, current, new):
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationError("current_password", _("This is not your current password."))
    check_password(new)
    with transaction():
        user.password_hash = generate_password_hash(new, method=PASSWORD_METHOD)
        user.session_version = User.session_version + 1
        after_commit(events.user_access_changed, user.id)
    db.session.refresh(user)


def set_role(user, role):
    if role not in ROLES:
        raise ValidationError("role", _("Unknown role."))
    with transaction():
        user.role = role
        after_commit(events.user_access_changed, user.id)


def update_profile(user, **profile):
    """Save profile fields (display name, country, organisation, sector, bio, language, time zone)."""
    with transaction():
        _apply_profile(user, profile)
    return user


_COUNTRY_CODES = {code for code, _name in COUNTRIES}
_SECTOR_SLUGS = {slug for slug, _n, _d in SECTORS}


def _apply_profile(user, profile):
    if "display_name" in profile:
        name = clean_source(profile["display_name"] or "").strip()
        if len(name) > 60:
            raise ValidationError("display_name", _("Use at most 60 characters."))
        user.display_name = name
    if "country" in profile:
        country = profile["country"] or None
        if country and country not in _COUNTRY_CODES:
            raise ValidationError("country", _("Choose a country from the list."))
        user.country = country
    if "organisation" in profile:
        organisation = clean_source(profile["organisation"] or "").strip()
        if len(organisation) > 120:
            raise ValidationError("organisation", _("Use at most 120 characters."))
        user.organisation = organisation
    if "sector_of_work" in profile:
        sector = profile["sector_of_work"] or None
        if sector and sector not in _SECTOR_SLUGS:
            raise ValidationError("sector_of_work", _("Choose a sector from the list."))
        user.sector_of_work = sector
    if "bio" in profile:
        bio = clean_source(profile["bio"] or "")
        if len(bio) > 2000:
            raise ValidationError("bio", _("Use at most 2000 characters."))
        user.bio_markdown, user.bio_html = bio, render_markdown(bio)
    for key in ("language", "timezone"):
        if profile.get(key):
            setattr(user, key, profile[key])


def touch_last_seen(user):
    """Record activity at most once every five minutes (cheap for busy readers)."""
    now = utcnow()
    if user.last_seen_at is None or (now - user.last_seen_at).total_seconds() > 300:
        with transaction():
            user.last_seen_at = now
