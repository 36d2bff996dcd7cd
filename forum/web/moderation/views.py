"""Moderation pages: dashboard, flag queue, approval queue and audit log (moderators only)."""
from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from forum.core import permissions
from forum.web.moderation import guard
from forum.web.moderation.forms import ReasonForm
from forum.services import reading
from forum.services.moderation import approval, audit, dashboard, flags
from models import Sector, db

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
gate = guard.Gate(bp)  # nobody sees what they may not open: these pages do not exist for members


def _sectors():
    return db.session.scalars(select(Sector).where(
        permissions.moderated_sectors_filter(current_user, Sector.id)).order_by(Sector.position)).all()


def _sector_arg():
    """The `sector` filter from the query string: a sector in the viewer's scope, or None."""
    slug = request.args.get("sector") or ""
    if not slug:
        return None
    sector = reading.get_sector(slug)
    if sector is None or not permissions.can_moderate(current_user, sector):
        abort(404)
    return sector


@bp.route("")
@gate(guard.any_moderator)
def dashboard_page():
    """A moderator's start page: what waits for them."""
    return render_template("moderation/dashboard.html", summary=dashboard.summary(current_user))


@bp.route("/flags")
@gate(guard.any_moderator)
def flag_queue():
    """Flags waiting for this moderator, optionally for one sector."""
    sector = _sector_arg()
    groups = flags.open_flags_by_post(current_user, sector.id if sector else None)
    return render_template("moderation/flags.html", groups=groups, sector=sector, sectors=_sectors(),
                           form=ReasonForm(), permissions=permissions)


@bp.route("/approval")
@gate(guard.any_moderator)
def approval_queue():
    """Posts waiting for approval, optionally for one sector."""
    sector = _sector_arg()
    posts = approval.queue(current_user, sector.id if sector else None)
    return render_template("moderation/approval.html", posts=posts, sector=sector, sectors=_sectors(),
                           form=ReasonForm())


@bp.route("/log")
@gate(guard.any_moderator)
def log():
    """The audit log, filterable by action, sector, actor and member concerned."""
    sector = _sector_arg()
    action = request.args.get("action") or None
    if action and action not in audit.ACTIONS:
        abort(404)
    actor = _user_arg("actor")
    subject = _user_arg("member")
    page = audit.browse(current_user, action=action, sector_id=sector.id if sector else None,
                        actor=actor, subject=subject)
    return render_template("moderation/log.html", page=page, actions=audit.ACTIONS, sectors=_sectors(),
                           sector=sector, action=action, actor=actor, subject=subject, loads=audit.loads)


def _user_arg(name):
    username = (request.args.get(name) or "").strip()
    if not username:
        return None
    return reading.get_user(username) or abort(404)
