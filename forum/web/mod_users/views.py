"""Member moderation (suspend, silence, lift, warn, appoint) and site settings.

The gate (`guard`) answers 404 before any form is read to anyone who may not take the action:
a member's history, reasons and the acting moderators stay on the moderators' side."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from forum.web.auth import actor
from forum.core import permissions
from forum.core.errors import ValidationError
from forum.web.forms import apply_error, choices
from forum.web.i18n import translated
from forum.web.moderation import guard
from forum.web.moderation.forms import AppointForm, PeriodForm, ReasonForm, SettingsForm
from forum.services import reading
from forum.services.moderation import audit, settings, users
from models import Sector, db

bp = Blueprint("mod_users", __name__, url_prefix="/moderation")
gate = guard.Gate(bp)

# verb -> (service, form class, title, extra arguments from the form)
USER_ACTIONS = {
    "suspend": (users.suspend_user, PeriodForm, _l("Suspend member"), lambda f: {"days": f.days.data}),
    "lift-suspension": (users.lift_suspension, ReasonForm, _l("Lift suspension"), None),
    "silence": (users.silence_user, PeriodForm, _l("Silence member"), lambda f: {"days": f.days.data}),
    "lift-silence": (users.lift_silence, ReasonForm, _l("Lift silence"), None),
    "warn": (users.warn_user, ReasonForm, _l("Warn member"), None),
    "appoint": (users.appoint_moderator, AppointForm, _l("Appoint moderator"),
                lambda f: {"sectors": f.sectors.data}),
    "remove-moderator": (users.remove_moderator, ReasonForm, _l("Remove moderator"), None),
}


def _forms(user):
    """One form per action the viewer may take on `user`."""
    sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
    forms = {}
    for verb, (_service, form_class, _title, _extra) in USER_ACTIONS.items():
        form = form_class(prefix=verb)
        if isinstance(form, AppointForm):
            form.sectors.choices = choices((s.slug, translated(s.name)) for s in sectors)
            if request.method == "GET":
                form.sectors.data = [row.sector.slug for row in user.moderator_sectors]
        forms[verb] = form
    return forms


def _allowed(verb, user):
    if verb in ("appoint", "remove-moderator"):
        return permissions.can_appoint(current_user) and user.role != "admin"
    return permissions.can_act_on_user(current_user, user)


def _member_for_moderators(username, **_args):
    """The member whose page a moderator opens (any moderator reads a member's history)."""
    return reading.get_user(username) if permissions.can_moderate(current_user) else None


def _member_to_act_on(username, verb):
    """The member, when the viewer may take `verb` on them."""
    user = reading.get_user(username)
    return user if user is not None and verb in USER_ACTIONS and _allowed(verb, user) else None


@bp.route("/users/<username>", methods=["GET"])
@gate(_member_for_moderators)
def user_page(username):
    """A member's moderation page: status, history and the actions the viewer may take."""
    user = guard.target()
    return _render(user, _forms(user))


def _render(user, forms, status=200):
    allowed = {verb for verb in USER_ACTIONS if _allowed(verb, user)}
    return render_template("moderation/user.html", user=user, forms=forms, allowed=allowed,
                           titles={v: a[2] for v, a in USER_ACTIONS.items()},
                           history=audit.history(current_user, user), loads=audit.loads,
                           permissions=permissions, users_service=users), status


@bp.route("/users/<username>/<verb>", methods=["POST"])
@gate(_member_to_act_on)
def user_action(username, verb):
    """Confirm and perform one member tool (suspend, silence, appoint…)."""
    user = guard.target()
    service, _form_class, title, extra = USER_ACTIONS[verb]
    forms = _forms(user)
    form = forms[verb]
    if form.validate_on_submit():
        try:
            service(actor(), user.id, reason=form.reason.data,
                    **(extra(form) if extra else {}))
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Done: %(action)s.", action=title), "success")
            return redirect(url_for("mod_users.user_page", username=user.username))
    if not form.errors:
        abort(400)
    return _render(user, forms, 422)


@bp.route("/settings", methods=["GET", "POST"])
@gate(guard.admin)
def site_settings():
    """Admin switches: new-member approval and how many first posts wait."""
    current = settings.all_settings()
    form = SettingsForm(data=current if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            settings.change_approval(actor(), form.approval_enabled.data,
                                     form.approval_post_count.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Settings saved."), "success")
            return redirect(url_for("mod_users.site_settings"))
    status = 422 if form.errors else 200
    return render_template("moderation/settings.html", form=form), status
