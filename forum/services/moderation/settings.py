"""Site settings admins switch at run time (stored in the database, defaults from config)."""
from flask import current_app
from flask_babel import _
from sqlalchemy import select

from forum.core import permissions
from forum.core.errors import ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import require
from forum.core.transaction import transaction
from models import SiteSetting, db


def get(key, default=None):
    """One site setting as stored, or `default` before anyone changed it."""
    row = db.session.get(SiteSetting, key)
    return row.value if row is not None else default


def approval_enabled():
    """Whether new members' first posts wait for approval."""
    return get("approval_enabled", "1" if current_app.config.get("APPROVAL_ENABLED") else "0") == "1"


def approval_post_count():
    """How many posts a new member makes before they publish directly."""
    return int(get("approval_post_count", current_app.config.get("APPROVAL_POST_COUNT", 3)))


def all_settings():
    """Every site setting, for the settings form."""
    return {"approval_enabled": approval_enabled(), "approval_post_count": approval_post_count()}


def change_approval(actor, enabled, post_count):
    """Switch new-member approval and set how many first posts wait (admins only)."""
    try:
        post_count = int(post_count)
    except (TypeError, ValueError):
        raise ValidationError("post_count", _("Give a whole number.")) from None
    if not 1 <= post_count <= 100:
        raise ValidationError("post_count", _("Use 1 to 100 posts."))
    wanted = {"approval_enabled": "1" if enabled else "0", "approval_post_count": str(post_count)}
    with transaction() as session:
        require(permissions.can_appoint(actor), actor, "change_settings", None)
        before = all_settings()
        rows = {r.key: r for r in session.scalars(select(SiteSetting).where(SiteSetting.key.in_(wanted)))}
        if all(rows.get(k) is not None and rows[k].value == v for k, v in wanted.items()):
            return before
        for key, value in wanted.items():
            if key in rows:
                rows[key].value = value
            else:
                session.add(SiteSetting(key=key, value=value))
        session.flush()
        record(session, actor, "change_settings", "approval", before=before, after=all_settings())
    return all_settings()
