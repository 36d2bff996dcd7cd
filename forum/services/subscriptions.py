"""Following: watch, track or mute a sector, a tag or a thread; mail preferences."""
from flask_babel import _
from sqlalchemy import delete, select

from forum.core import permissions
from forum.core.errors import NotFound, ValidationError
from forum.core.transaction import transaction
from models import (DIGEST_FREQUENCIES, LEVELS, TARGETS, EmailPreference, Sector, Subscription, Tag, Thread,
                    User, db)
from models.mail import DEFAULT_DIGEST_FREQUENCY, DEFAULT_DIGEST_HOUR, DEFAULT_DIGEST_WEEKDAY

_MODELS = {"sector": Sector, "tag": Tag, "thread": Thread}


def target(kind, target_id):
    """The sector, tag or thread a subscription points at (None when gone)."""
    model = _MODELS.get(kind)
    return db.session.get(model, target_id) if model else None


def _check_target(user, kind, target_id):
    thing = target(kind, target_id)
    if thing is None or (kind in ("sector", "thread") and not permissions.can_view(user, thing)):
        raise NotFound(_("There is nothing to follow here."))
    return thing


def level(user, kind, target_id):
    """The member's level for one target, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(select(Subscription.level).where(
        Subscription.user_id == user.id, Subscription.target_type == kind,
        Subscription.target_id == target_id))


def set_level(user, kind, target_id, new_level):
    """Watch, track or mute a target; `None` or "none" stops following it."""
    if kind not in TARGETS:
        raise NotFound(_("There is nothing to follow here."))
    if new_level not in (*LEVELS, "none", None):
        raise ValidationError("level", _("Choose watch, track, mute or stop following."))
    with transaction() as session:  # the target is loaded and its visibility asked inside
        _check_target(user, kind, target_id)
        _apply(session, user.id, kind, target_id, None if new_level == "none" else new_level)


def _apply(session, user_id, kind, target_id, new_level):
    existing = session.scalar(select(Subscription).where(
        Subscription.user_id == user_id, Subscription.target_type == kind,
        Subscription.target_id == target_id))
    if new_level is None:
        if existing is not None:
            session.execute(delete(Subscription).where(Subscription.id == existing.id))
    elif existing is None:
        session.add(Subscription(user_id=user_id, target_type=kind, target_id=target_id, level=new_level))
    else:
        existing.level = new_level


def track_thread_for_participant(user_id, thread_id):
    """Starting or replying to a thread tracks it (a preference), unless the member already
    chose a level for it."""
    with transaction() as session:
        track_for_participant(session, user_id, thread_id)


def track_for_participant(session, user_id, thread_id):
    """The same, inside the caller's transaction (the post's own)."""
    if not preferences_of(user_id).track_on_post:
        return
    exists = session.scalar(select(Subscription.id).where(
        Subscription.user_id == user_id, Subscription.target_type == "thread",
        Subscription.target_id == thread_id))
    if exists is None:
        session.add(Subscription(user_id=user_id, target_type="thread", target_id=thread_id, level="track"))


_RANK = {"watch": 2, "track": 1, "mute": 0}


def effective_level(thread_level, other_levels):
    """A thread's own level wins; otherwise the strongest sector/tag level (mute only when every
    one of them is muted)."""
    if thread_level is not None:
        return thread_level
    return max(other_levels, key=_RANK.__getitem__) if other_levels else None


def thread_levels(thread):
    """{user_id: effective level} of every member following this thread, its sector or a tag."""
    tag_ids = [tag.id for tag in thread.tags]
    query = select(Subscription.user_id, Subscription.target_type, Subscription.level).where(
        ((Subscription.target_type == "thread") & (Subscription.target_id == thread.id))
        | ((Subscription.target_type == "sector") & (Subscription.target_id == thread.sector_id))
        | ((Subscription.target_type == "tag") & Subscription.target_id.in_(tag_ids)))
    own, others = {}, {}
    for user_id, kind, lvl in db.session.execute(query):
        if kind == "thread":
            own[user_id] = lvl
        else:
            others.setdefault(user_id, []).append(lvl)
    return {uid: effective_level(own.get(uid), others.get(uid, [])) for uid in set(own) | set(others)}


def followed(user):
    """Everything the member follows, grouped by kind: [(subscription, target), …] per kind."""
    rows = db.session.scalars(select(Subscription).where(Subscription.user_id == user.id)
                              .order_by(Subscription.target_type, Subscription.created_at.desc())).all()
    groups = {kind: [] for kind in TARGETS}
    for subscription in rows:
        thing = target(subscription.target_type, subscription.target_id)
        if thing is not None and (subscription.target_type == "tag" or permissions.can_view(user, thing)):
            groups[subscription.target_type].append((subscription, thing))
    return groups


class Defaults:
    """What a member without a preference row gets."""

    digest_frequency = DEFAULT_DIGEST_FREQUENCY
    digest_hour = DEFAULT_DIGEST_HOUR
    digest_weekday = DEFAULT_DIGEST_WEEKDAY
    immediate_email = True
    track_on_post = True


def preferences_of(user_id):
    """A member's email preferences, or the defaults before they chose any."""
    return db.session.get(EmailPreference, user_id) or Defaults()


def save_preferences(user, *, digest_frequency=None, digest_hour=None, digest_weekday=None,
                     immediate_email=None, track_on_post=None):
    """Store the member's mail preferences (only the values given)."""
    if digest_frequency is not None and digest_frequency not in DIGEST_FREQUENCIES:
        raise ValidationError("digest_frequency", _("Choose never, daily or weekly."))
    if digest_hour is not None and not (isinstance(digest_hour, int) and 0 <= digest_hour <= 23):
        raise ValidationError("digest_hour", _("Choose an hour between 0 and 23."))
    if digest_weekday is not None and not (isinstance(digest_weekday, int) and 0 <= digest_weekday <= 6):
        raise ValidationError("digest_weekday", _("Choose a day of the week."))
    with transaction() as session:
        prefs = session.get(EmailPreference, user.id)
        if prefs is None:
            prefs = EmailPreference(user_id=user.id, digest_frequency=DEFAULT_DIGEST_FREQUENCY,
                                    digest_hour=DEFAULT_DIGEST_HOUR, digest_weekday=DEFAULT_DIGEST_WEEKDAY,
                                    immediate_email=True, track_on_post=True)
            session.add(prefs)
        for key, value in (("digest_frequency", digest_frequency), ("digest_hour", digest_hour),
                           ("digest_weekday", digest_weekday), ("immediate_email", immediate_email),
                           ("track_on_post", track_on_post)):
            if value is not None:
                setattr(prefs, key, value)
    return prefs


def unsubscribe(token):
    """One-click unsubscribe (RFC 8058): the signed token names the member and the list.
    Returns (user, list_name), or None for a forged or damaged token."""
    from forum.adapters.mail import read_unsubscribe_token

    found = read_unsubscribe_token(token)
    user = db.session.get(User, found[0]) if found else None
    if user is None:
        return None
    list_name = found[1]
    save_preferences(user, digest_frequency="never" if list_name in ("digest", "all") else None,
                     immediate_email=False if list_name in ("immediate", "all") else None)
    return user, list_name


def unsubscribe_target(token):
    """(user, list_name) a token names, for the confirmation page; None if not genuine."""
    from forum.adapters.mail import read_unsubscribe_token

    found = read_unsubscribe_token(token)
    user = db.session.get(User, found[0]) if found else None
    return (user, found[1]) if user else None
