"""Suspend, silence, lift, warn, appoint and remove moderators.

A suspended member cannot sign in (the reason is shown at sign-in) and every session ends at
once; a silenced member can read but not write. Periods are days; no period means permanent.
"""
from datetime import datetime, timedelta

from flask_babel import _
from sqlalchemy import delete

from forum.core import permissions
from forum.core.errors import ValidationError
from forum.services.moderation.audit import record
from forum.services.accounts import revoke_access
from forum.services.moderation.common import check_reason, load_sector, load_user, require
from forum.core.transaction import transaction
from models import ModeratorSector, utcnow

PERMANENT = datetime(9999, 12, 31)
MAX_DAYS = 3650


def _until(days):
    """The end of a period of `days` days from now; None or 0 means permanent."""
    if days in (None, "", 0, "0"):
        return PERMANENT
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError("days", _("Give the number of days, or leave it empty for permanent.")) from None
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError("days", _("Use 1 to %(n)d days, or leave it empty for permanent.", n=MAX_DAYS))
    return utcnow() + timedelta(days=days)


def _same_period(current, wanted):
    return current is not None and abs((current - wanted).total_seconds()) < 120


def _access(user):
    return {"suspended_until": user.suspended_until, "silenced_until": user.silenced_until,
            "role": user.role}


def _refuse_self(actor, user, message):
    if actor is not None and user.id == actor.id:
        raise ValidationError("user", message)


def apply_suspension(session, actor, user, days, reason):
    """Suspend inside the caller's transaction; ends every session of the member."""
    until = _until(days)
    if _same_period(user.suspended_until, until):
        return user
    before = _access(user)
    user.suspended_until, user.suspension_reason = until, reason
    revoke_access(session, user)
    session.flush()
    session.refresh(user)
    record(session, actor, "suspend_user", user, reason=reason, before=before, after=_access(user))
    return user


def _act_on_user(actor, user_id, action, change, self_message):
    """Load the member, refuse acting on oneself or out of one's reach, then apply `change`."""
    with transaction() as session:
        user = load_user(session, user_id)
        _refuse_self(actor, user, self_message)
        require(permissions.can_act_on_user(actor, user), actor, action, user.id)
        change(session, user)
    return user


def suspend_user(actor, user_id, days, reason):
    """Suspend a member for `days`, logged with its reason."""
    reason = check_reason(reason, required=True)
    return _act_on_user(actor, user_id, "suspend_user",
                        lambda session, user: apply_suspension(session, actor, user, days, reason),
                        _("You cannot suspend yourself."))


def lift_suspension(actor, user_id, reason=""):
    """End a suspension early, logged with its reason."""
    reason = check_reason(reason)

    def change(session, user):
        if not permissions.is_suspended(user):
            return
        before = _access(user)
        user.suspended_until = user.suspension_reason = None
        record(session, actor, "lift_suspension", user, reason=reason, before=before, after=_access(user))
        revoke_access(session, user, sessions=False)

    return _act_on_user(actor, user_id, "lift_suspension", change, _("You cannot lift your own suspension."))


def silence_user(actor, user_id, days, reason):
    """Silence a member for `days` (they read but cannot write), logged with its reason."""
    reason = check_reason(reason, required=True)

    def change(session, user):
        until = _until(days)
        if _same_period(user.silenced_until, until):
            return
        before = _access(user)
        user.silenced_until = until
        record(session, actor, "silence_user", user, reason=reason, before=before, after=_access(user))
        revoke_access(session, user)

    return _act_on_user(actor, user_id, "silence_user", change, _("You cannot silence yourself."))


def lift_silence(actor, user_id, reason=""):
    """End a silence early, logged with its reason."""
    reason = check_reason(reason)

    def change(session, user):
        if not permissions.is_silenced(user):
            return
        before = _access(user)
        user.silenced_until = None
        record(session, actor, "lift_silence", user, reason=reason, before=before, after=_access(user))
        revoke_access(session, user, sessions=False)

    return _act_on_user(actor, user_id, "lift_silence", change, _("You cannot lift your own silence."))


def warn_user(actor, user_id, reason):
    """A recorded warning (shown in the member's moderation history)."""
    reason = check_reason(reason, required=True)
    return _act_on_user(actor, user_id, "warn_user",
                        lambda session, user: record(session, actor, "warn_user", user, reason=reason),
                        _("You cannot warn yourself."))


def appoint_moderator(actor, user_id, sectors=(), reason=""):
    """Make a member a moderator of `sectors` (ids or slugs), or of every sector when empty."""
    reason = check_reason(reason)
    with transaction() as session:
        user = load_user(session, user_id)
        require(permissions.can_appoint(actor), actor, "appoint_moderator", user.id)
        if user.role == "admin":
            raise ValidationError("user", _("Admins already moderate every sector."))
        wanted = sorted({load_sector(session, s).id for s in sectors or ()})
        current = sorted(row.sector_id for row in user.moderator_sectors)
        if user.role == "moderator" and current == wanted:
            return user
        before = {"role": user.role, "sectors": current}
        user.role = "moderator"
        session.execute(delete(ModeratorSector).where(ModeratorSector.user_id == user.id))
        session.add_all(ModeratorSector(user_id=user.id, sector_id=sid) for sid in wanted)
        session.flush()
        session.expire(user, ["moderator_sectors"])
        record(session, actor, "appoint_moderator", user, reason=reason, before=before,
               after={"role": "moderator", "sectors": wanted})
        revoke_access(session, user)
    return user


def remove_moderator(actor, user_id, reason=""):
    """Take a member's moderator role away, logged with its reason."""
    reason = check_reason(reason)
    with transaction() as session:
        user = load_user(session, user_id)
        require(permissions.can_appoint(actor), actor, "remove_moderator", user.id)
        if user.role != "moderator":
            return user
        before = {"role": user.role, "sectors": sorted(r.sector_id for r in user.moderator_sectors)}
        user.role = "member"
        session.execute(delete(ModeratorSector).where(ModeratorSector.user_id == user.id))
        session.expire(user, ["moderator_sectors"])
        record(session, actor, "remove_moderator", user, reason=reason, before=before, after={"role": "member"})
        revoke_access(session, user)
    return user
