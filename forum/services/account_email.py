"""Account email: address verification, password reset and the "someone registered with your
address" notice, with single-use expiring tokens. Only a hash of each token is stored.

Every account mail goes through `queue_account_mail`: the request only writes one outbox row
(`mail.account`, lane "mail"), and the drainer issues the token, renders and sends. Known and
unknown addresses therefore do the same work on the request (no timing difference to probe), and
a crash between the answer and the send loses nothing.
"""
import hashlib
import logging
import secrets
from datetime import timedelta

from flask_babel import _
from sqlalchemy import select, update

from forum.adapters import mail
from forum.core import outbox
from forum.core.errors import ValidationError
from forum.services.accounts import (EmailTaken, check_password, find_by_login, hash_password, normalize_email,
                                    register, revoke_access)
from forum.services.mailing import mail_locale, render_mail
from forum.core.transaction import transaction
from models import AccountToken, User, db, utcnow

log = logging.getLogger(__name__)
LIFETIMES = {"verify": timedelta(days=2), "reset": timedelta(hours=1)}
PATHS = {"verify": "/verify-email/", "reset": "/reset-password/"}


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def queue_account_mail(kind, user_id, **params):
    """Record account mail `kind` for `user_id` (None: nobody, the row does nothing) as an outbox
    row: the request neither builds nor sends anything, known and unknown addresses alike."""
    with transaction():
        outbox.enqueue("mail.account", f"mail:user:{user_id or 0}", purpose=kind, user_id=user_id, params=params)


def wait_for_queued_mail(timeout=10):
    """Block until every account mail queued so far was handled (tests, CLI commands)."""
    outbox.wait_idle(timeout)


def _mail(purpose, user_id, params):
    """Outbox handler (mail.account): issue the token, render and send; nothing for nobody."""
    if user_id is None:
        return "skipped"
    user = db.session.get(User, user_id)
    if user is None:
        return "skipped"
    JOBS[purpose](user, **params)
    return "sent"


def _send_token(user, purpose):
    """Issue a token for `purpose` and email its link."""
    if purpose == "verify" and user.email_verified_at is not None:
        return
    with transaction() as session:
        token = secrets.token_urlsafe(32)
        session.add(AccountToken(user_id=user.id, purpose=purpose, token_hash=_hash(token), email=user.email,
                                 expires_at=utcnow() + LIFETIMES[purpose]))
    text, html = render_mail(purpose, user, path=PATHS[purpose] + token,
                             hours=int(LIFETIMES[purpose].total_seconds() // 3600))
    with mail_locale(user):
        subject = _("Confirm your email address") if purpose == "verify" else _("Reset your Praxis password")
    _deliver(user, subject, text, html)


def _register_attempt(user):
    """Tell the owner of an address that someone tried to register with it."""
    text, html = render_mail("register_attempt", user, login_path="/login", reset_path="/reset-password")
    with mail_locale(user):
        subject = _("Someone tried to register with your address")
    _deliver(user, subject, text, html)


def _deliver(user, subject, text, html):
    mail.send(mail.compose(to=user.email, name=user.name, subject=subject, text=text, html=html,
                           unsubscribe=(user.id, "all")))


JOBS = {"verify": lambda user: _send_token(user, "verify"),
        "reset": lambda user: _send_token(user, "reset"),
        "register_attempt": _register_attempt}


def register_member(digest_frequency=None, **values):
    """Register from the public form. An address that already has an account gets a notice
    instead and None comes back: the page answers both the same ("check your email"), so it
    tells nobody which addresses have accounts. Usernames are public, so "taken" is said."""
    try:
        user = register(**values)
    except EmailTaken:
        owner = db.session.scalar(select(User).where(User.email == normalize_email(values["email"])))
        queue_account_mail("register_attempt", owner.id if owner else None)
        return None
    welcome(user, digest_frequency=digest_frequency)
    return user


def welcome(user, digest_frequency=None):
    """Right after registration: store the digest choice and send the verification email."""
    if digest_frequency:
        from forum.services.subscriptions import save_preferences

        save_preferences(user, digest_frequency=digest_frequency)
    send_verification(user)


def send_verification(user):
    """Email a verification link (again); nothing when the address is already verified."""
    queue_account_mail("verify", user.id)


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
    """Email a reset link if an account matches; the same work and answer either way (one lookup,
    one hand-over), so neither the page nor its timing tells whether the account exists."""
    user = find_by_login(login)
    queue_account_mail("reset", user.id if user is not None else None)


def reset_token_valid(token):
    """Whether the reset page should offer the form for this link."""
    row = db.session.scalar(select(AccountToken).where(
        AccountToken.token_hash == _hash(token or ""), AccountToken.purpose == "reset"))
    return bool(row and row.used_at is None and row.expires_at >= utcnow())


def reset_password(token, new_password):
    """Set a new password with a reset token (used once); like every credential change it ends
    every session and socket of the member and voids their other reset links."""
    check_password(new_password)
    with transaction() as session:
        row = _redeem("reset", token)
        user = session.get(User, row.user_id) if row else None
        if user is None:
            raise ValidationError("password", _("This reset link is invalid, expired or already used."))
        user.password_hash = hash_password(new_password)
        revoke_access(session, user)
        if user.email == row.email:  # the link reached the inbox: the address works
            user.email_verified_at = user.email_verified_at or utcnow()
    return user
