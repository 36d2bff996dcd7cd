"""Flags: members report posts; moderators review the open flags of a post in one click.

A post flagged by `FLAG_AUTOHIDE_THRESHOLD` distinct *established* members is hidden until a
moderator reviews it: dismissing the flags brings it back, hiding confirms it. Established means a
verified email address, an account at least `FLAG_ESTABLISHED_DAYS` old and at least
`FLAG_ESTABLISHED_POSTS` visible posts, so throwaway accounts cannot hide posts; every flag still
reaches the queue. Posts by moderators and admins are never hidden automatically.
"""
from datetime import timedelta

from flask import current_app
from flask_babel import _
from sqlalchemy import func, select

from forum.services import events
from forum.core import permissions
from forum.core.errors import Conflict, ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import check_reason, load_post, require, require_moderator
from forum.services.moderation.hide import apply_hide, apply_restore
from forum.services.moderation.users import apply_suspension
from forum.adapters.text import clean_source
from forum.core.transaction import transaction
from models import FLAG_REASONS, Flag, Post, Thread, User, db, utcnow

RESOLUTIONS = ("hide", "dismiss", "warn", "suspend")


def flag_post(user, post_id, reason, text=""):
    """Record `user`'s flag; flagging the same post twice keeps the first flag."""
    if reason not in FLAG_REASONS:
        raise ValidationError("reason", _("Choose why you flag this post."))
    text = " ".join(clean_source(text or "").split())
    if reason == "other" and not text:
        raise ValidationError("text", _("Tell the moderators what is wrong."))
    if len(text) > 1000:
        raise ValidationError("text", _("Use at most 1000 characters."))
    with transaction() as session:
        post = load_post(session, post_id)
        require(permissions.can_flag(user, post), user, "flag_post", post.id)
        existing = session.scalar(select(Flag).where(Flag.post_id == post.id, Flag.user_id == user.id))
        if existing is not None:
            return existing
        flag = Flag(post_id=post.id, user_id=user.id, reason=reason, text=text)
        session.add(flag)
        session.flush()
        _auto_hide(session, post)
    return flag


def _established_flaggers(session, post):
    """How many distinct established members have an open flag on `post`."""
    config = current_app.config
    written = (select(func.count(Post.id)).where(Post.author_id == User.id, Post.deleted_at.is_(None),
                                                 Post.pending_at.is_(None)).scalar_subquery())
    return session.scalar(
        select(func.count(func.distinct(Flag.user_id))).join(User, User.id == Flag.user_id).where(
            Flag.post_id == post.id, Flag.resolved_at.is_(None), User.email_verified_at.is_not(None),
            User.created_at <= utcnow() - timedelta(days=config["FLAG_ESTABLISHED_DAYS"]),
            written >= config["FLAG_ESTABLISHED_POSTS"]))


def _auto_hide(session, post):
    if post.author is not None and post.author.role in ("moderator", "admin"):
        return  # staff posts are exempt: flags on them wait for another moderator
    threshold = current_app.config.get("FLAG_AUTOHIDE_THRESHOLD", 3)
    flaggers = _established_flaggers(session, post)
    if flaggers >= threshold and post.hidden_at is None:
        apply_hide(session, None, post, _("Hidden automatically after %(n)d flags, until a moderator "
                                          "reviews it.", n=flaggers), action="auto_hide_post")


def resolve_flags(actor, post_id, resolution, reason=""):
    """Close every open flag of a post with one action: hide, dismiss, warn or suspend the author."""
    if resolution not in RESOLUTIONS:
        raise ValidationError("resolution", _("Choose how to resolve the flags."))
    reason = check_reason(reason, required=resolution in ("warn", "suspend"))
    with transaction() as session:
        post = load_post(session, post_id, deleted_ok=True)
        require_moderator(actor, post, "resolve_flags")
        flags = session.scalars(select(Flag).where(Flag.post_id == post.id, Flag.resolved_at.is_(None))).all()
        if not flags:
            return _already_resolved(session, post, resolution)
        now = utcnow()
        for flag in flags:
            flag.resolved_at, flag.resolved_by_id, flag.resolution = now, actor.id, resolution
        summary = {"flags": len(flags), "reasons": sorted({f.reason for f in flags})}
        record(session, actor, "resolve_flags", post, reason=reason, before=summary,
               after={"resolution": resolution})
        _apply_resolution(session, actor, post, resolution, reason)
    return post


def _already_resolved(session, post, resolution):
    last = session.scalar(select(Flag.resolution).where(Flag.post_id == post.id)
                          .order_by(Flag.resolved_at.desc()).limit(1))
    if last is None:
        raise Conflict(_("This post has no open flags."))
    if last != resolution:
        raise Conflict(_("Another moderator already resolved these flags (%(how)s).", how=last))
    return post


def _apply_resolution(session, actor, post, resolution, reason):
    if resolution == "hide" and post.hidden_by_id is None:
        apply_hide(session, actor, post, reason or _("Hidden after review of members' flags."))
    elif resolution == "dismiss" and post.hidden_at is not None and post.hidden_by_id is None:
        apply_restore(session, actor, post, reason)
    elif resolution == "warn":
        record(session, actor, "warn_user", post.author, reason=reason, after={"post_id": post.id})
        events.post_moderated(post.id, "warned", reason)
    elif resolution == "suspend":
        require(permissions.can_act_on_user(actor, post.author), actor, "suspend_user", post.author_id)
        days = current_app.config.get("FLAG_SUSPEND_DAYS", 7)
        apply_suspension(session, actor, post.author, days, reason)
        if post.hidden_by_id is None:
            apply_hide(session, actor, post, reason)


def open_flags_by_post(viewer, sector_id=None):
    """Open flags in the viewer's sectors, grouped by post, most flagged first:
    a list of (post, [flags])."""
    query = (select(Flag).join(Flag.post).join(Post.thread)
             .where(Flag.resolved_at.is_(None), permissions.moderated_sectors_filter(viewer, Thread.sector_id))
             .order_by(Flag.created_at))
    if sector_id:
        query = query.where(Thread.sector_id == sector_id)
    groups = {}
    for flag in db.session.scalars(query):
        groups.setdefault(flag.post_id, (flag.post, []))[1].append(flag)
    return sorted(groups.values(), key=lambda group: (-len(group[1]), group[1][0].created_at))


def open_flag_count(viewer):
    """How many flags wait for this moderator, for the dashboard and menu."""
    return db.session.scalar(
        select(func.count(func.distinct(Flag.post_id))).join(Flag.post).join(Post.thread)
        .where(Flag.resolved_at.is_(None), permissions.moderated_sectors_filter(viewer, Thread.sector_id)))
