"""The audit log: append-only entries of every moderator and admin action, and their queries."""
import json
import logging

from flask import current_app
from sqlalchemy import select

from forum.core import permissions
from forum.core.pagination import paginate
from models import ModerationAction, Post, Thread, User, db

log = logging.getLogger("praxis.moderation")

ACTIONS = (
    "pin_thread", "unpin_thread", "lock_thread", "unlock_thread", "move_thread", "rename_thread",
    "retag_thread", "merge_threads", "split_posts", "close_thread", "restore_thread",
    "hide_post", "restore_post", "edit_post", "delete_post", "auto_hide_post",
    "resolve_flags", "approve_post", "reject_post", "warn_user", "suspend_user", "lift_suspension",
    "silence_user", "lift_silence", "appoint_moderator", "remove_moderator", "change_settings",
    "purge_revision",
)


def _describe(target):
    """(type, id, label, sector id, subject user id) of an audit target."""
    if isinstance(target, Thread):
        return "thread", target.id, target.title, target.sector_id, target.author_id
    if isinstance(target, Post):
        return ("post", target.id, f"#{target.number} in “{target.thread.title}”",
                target.thread.sector_id, target.author_id)
    if isinstance(target, User):
        return "user", target.id, target.username, None, target.id
    return "site", None, str(target or ""), None, None


def _dump(state):
    return None if state is None else json.dumps(state, sort_keys=True, default=str)


def record(session, actor, action, target, *, reason="", before=None, after=None):
    """Add one audit entry in the caller's transaction (so it commits or rolls back with it)."""
    kind, target_id, label, sector_id, subject_id = _describe(target)
    entry = ModerationAction(
        actor_id=actor.id if actor is not None else None, action=action, target_type=kind,
        target_id=target_id, target_label=(label or "")[:200], sector_id=sector_id,
        subject_user_id=subject_id, reason=(reason or "")[:1000], before=_dump(before), after=_dump(after))
    session.add(entry)
    return entry


def log_refusal(actor, action, target_id):
    """A refused moderation request (a forged form, a stale page): logged, nothing changed."""
    log.warning("moderation refused: user=%s action=%s target=%s",
                getattr(actor, "id", None), action, target_id)


def entries_query(viewer, *, action=None, actor=None, subject=None, sector_id=None, target_type=None):
    """The log as `viewer` may browse it (their sectors, plus site-wide entries), newest first."""
    query = select(ModerationAction).where(permissions.moderated_sectors_filter(
        viewer, ModerationAction.sector_id) | ModerationAction.sector_id.is_(None))
    if action:
        query = query.where(ModerationAction.action == action)
    if actor is not None:
        query = query.where(ModerationAction.actor_id == actor.id)
    if subject is not None:
        query = query.where(ModerationAction.subject_user_id == subject.id)
    if sector_id:
        query = query.where(ModerationAction.sector_id == sector_id)
    if target_type:
        query = query.where(ModerationAction.target_type == target_type)
    return query.order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())


def browse(viewer, **filters):
    """One page of the filtered log."""
    from sqlalchemy import func

    query = entries_query(viewer, **filters)
    count = db.session.scalar(select(func.count()).select_from(query.subquery()))
    return paginate(query, db.session, current_app.config.get("AUDIT_PER_PAGE", 50), count)


def recent(viewer, limit=10):
    """The newest audit entries a moderator may read, for the dashboard."""
    return db.session.scalars(entries_query(viewer).limit(limit)).all()


def history(viewer, user, limit=50):
    """A member's moderation history (everything done to them or their posts)."""
    return db.session.scalars(entries_query(viewer, subject=user).limit(limit)).all()


def loads(text):
    """Decode a stored before/after state for display."""
    return json.loads(text) if text else None
