"""Account email: address verification and password reset, with single-use expiring tokens,
sent through the one mail pipeline. Only a hash of each token is stored."""
import hashlib
import logging
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import _
from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from forum import mail
from forum.errors import ValidationError
from forum.services.accounts import check_password, find_by_login
from forum.services.mailing import mail_locale, render_mail
from forum.transaction import after_commit, transaction
from models import AccountToken, User, db, utcnow

log = logging.getLogger(__name__)
LIFETIMES = {"verify": timedelta(days=2), "reset": timedelta(hours=1)}


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(session, user, purpose):
    token = secrets.token_urlsafe(32)
    session.add(AccountToken(user_id=user.id, purpose=purpose, token_hash=_hash(token), email=user.email,
                             expires_at=utcnow() + LIFETIMES[purpose]))
    return token


def _mail(user_id, purpose, token):
    """After commit: render and send (failures are logged by the effect runner)."""
    user = db.session.get(User, user_id)
    path = {"verify": "/verify-email/", "reset": "/reset-password/"}[purpose] + token
    text, html = render_mail(purpose, user, path=path, hours=int(LIFETIMES[purpose].total_seconds() // 3600))
    with mail_locale(user):
        subject = _("Confirm your email address") if purpose == "verify" else _("Reset your Praxis password")
    mail.send(mail.compose(to=user.email, name=user.name, subject=subject, text=text, html=html,
                           unsubscribe=(user.id, "all")))


def welcome(user, digest_frequency=None):
    """Right after registration: store the digest choice and send the verification email."""
    if digest_frequency:
        from forum.services.subscriptions import save_preferences

        save_preferences(user, digest_frequency=digest_frequency)
    send_verification(user)


def send_verification(user):
    """Email a verification link (again); nothing when the address is already verified."""
    if user.email_verified_at is not None:
        return
    with transaction() as session:
        token = _issue(session, user, "verify")
        after_commit(_mail, user.id, "verify", token)


def _redeem(purpose, token):
    """The unused, unexpired token row for `token`, marked used in the same transaction."""
    row = db.session.scalar(select(AccountToken).where(
        AccountToken.token_hash == _hash(token or ""), AccountToken.purpose == purpose))
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    done = db.session.execute(update(AccountToken).where(
        AccountToken.id == row.id, AccountToken.used_at.is_(None)).values(used_at=utcnow()))
    return row if done.rowcount == 1 else None


def verify_email(token):
    """Mark the address verified; returns the member, or None for a bad or used link."""
    with transaction() as session:
        row = _redeem("verify", token)
        user = session.get(User, row.user_id) if row else None
        if user is None or user.email != row.email:
            return None
        user.email_verified_at = user.email_verified_at or utcnow()
    return user


def request_password_reset(login):
    """Email a reset link if an account matches; says nothing either way (no account probing)."""
    user = find_by_login(login)
    if user is None:
        return
    with transaction() as session:
        token = _issue(session, user, "reset")
        after_commit(_mail, user.id, "reset", token)


def reset_token_valid(token):
    row = db.session.scalar(select(AccountToken).where(
        AccountToken.token_hash == _hash(token or ""), AccountToken.purpose == "reset"))
    return bool(row and row.used_at is None and row.expires_at >= utcnow())


def reset_password(token, new_password):
    """Set a new password with a reset token (used once); ends every session of the member."""
    check_password(new_password)
    with transaction() as session:
        row = _redeem("reset", token)
        user = session.get(User, row.user_id) if row else None
        if user is None:
            raise ValidationError("password", _("This reset link is invalid, expired or already used."))
        user.password_hash = generate_password_hash(
            new_password, method=current_app.config["PASSWORD_HASH_METHOD"])
        user.session_version = User.session_version + 1
        if user.email == row.email:  # the link reached the inbox: the address works
            user.email_verified_at = user.email_verified_at or utcnow()
    return user
