"""Moderator tools on threads and posts, and the member's flag form.

GET shows a small form page (also where errors are shown, 422); POST calls one service. The
gate (`guard`) resolves the thread or post and answers 404 to anyone who may not moderate it
before any form is read; the services check the role again and log refused requests.
"""
import re
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import _, lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from forum.web.auth import actor
from forum.core import permissions
from forum.web import ratelimits
from forum.core.errors import ValidationError
from forum.web.forms import apply_error, choices
from forum.web.i18n import translated
from forum.web.moderation import guard
from forum.web.moderation.forms import (FlagForm, MergeForm, MoveForm, ReasonForm, RenameForm, RetagForm, SplitForm)
from forum.services.moderation import (approval, close, flags, hide, lock, merge, move, pin, rename, revisions,
                                      split)
from forum.web.urls import safe_next
from models import Post, Sector, db

bp = Blueprint("mod_actions", __name__)
gate = guard.Gate(bp)


def _target_id(raw):
    """A thread number from '42' or an address like /threads/42/slug."""
    raw = (raw or "").strip()
    match = re.fullmatch(r"\d{1,12}", raw) or re.search(r"/threads/(\d{1,12})", urlsplit(raw).path)
    if not match:
        raise ValidationError("target", _("Give the number or the address of a thread."))
    return int(match.group(1) if match.groups() else match.group(0))


# verb -> (service, form class, title, extra arguments from the form)
THREAD_ACTIONS = {
    "pin": (pin.pin_thread, ReasonForm, _l("Pin thread"), None),
    "unpin": (pin.unpin_thread, ReasonForm, _l("Unpin thread"), None),
    "lock": (lock.lock_thread, ReasonForm, _l("Lock thread"), None),
    "unlock": (lock.unlock_thread, ReasonForm, _l("Unlock thread"), None),
    "close": (close.close_thread, ReasonForm, _l("Close thread"), None),
    "restore": (close.restore_thread, ReasonForm, _l("Restore thread"), None),
    "move": (move.move_thread, MoveForm, _l("Move thread"),
             lambda f: {"sector": f.sector.data, "expected_sector": f.expected_sector.data or None}),
    "merge": (merge.merge_threads, MergeForm, _l("Merge thread"),
              lambda f: {"target_id": _target_id(f.target.data)}),
    "rename": (rename.rename_thread, RenameForm, _l("Rename thread"), lambda f: {"title": f.title.data}),
    "retag": (rename.retag_thread, RetagForm, _l("Edit tags"), lambda f: {"tags": f.tags.data}),
}

POST_ACTIONS = {
    "hide": (hide.hide_post, _l("Hide post")),
    "restore": (hide.restore_post, _l("Restore post")),
    "delete": (hide.delete_post, _l("Delete post permanently")),
    "reject": (approval.reject_post, _l("Reject post")),
}


def _next_url(default):
    return safe_next(request.form.get("next") or request.args.get("next"), default)


def _thread_form(verb, thread):
    form = THREAD_ACTIONS[verb][1]()
    if isinstance(form, MoveForm):
        sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
        form.sector.choices = choices((s.slug, translated(s.name)) for s in sectors)
        if request.method == "GET" and thread is not None:
            form.expected_sector.data = thread.sector.slug
    if isinstance(form, RenameForm) and request.method == "GET" and thread is not None:
        form.title.data = thread.title
    if isinstance(form, RetagForm) and request.method == "GET" and thread is not None:
        form.tags.data = ", ".join(t.name for t in thread.tags)
    return form


@bp.route("/moderation/threads/<int:thread_id>/<verb>", methods=["GET", "POST"])
@gate(guard.thread)
def thread_action(thread_id, verb):
    """Confirm and perform one thread tool (lock, pin, close, move, merge, rename…)."""
    if verb not in THREAD_ACTIONS:
        abort(404)
    service, _form_class, title, extra = THREAD_ACTIONS[verb]
    thread = guard.target()
    form = _thread_form(verb, thread)
    if form.validate_on_submit():
        try:
            kwargs = extra(form) if extra else {}
            result = service(actor(), thread_id, reason=form.reason.data, **kwargs)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Done: %(action)s.", action=title), "success")
            return redirect(_next_url(url_for("threads.show", thread_id=result.id)))
    status = 422 if form.errors else 200
    return render_template("moderation/action.html", form=form, title=title, thread=thread), status


@bp.route("/moderation/posts/<int:post_id>/<verb>", methods=["GET", "POST"])
@gate(guard.post)
def post_action(post_id, verb):
    """Confirm and perform one post tool (hide, restore, reject…)."""
    if verb not in POST_ACTIONS:
        abort(404)
    service, title = POST_ACTIONS[verb]
    post = guard.target()
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            post = service(actor(), post_id, reason=form.reason.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Done: %(action)s.", action=title), "success")
            gone = post.deleted_at is not None  # deleted or rejected: back to the thread
            default = (url_for("threads.show", thread_id=post.thread_id) if gone else
                       url_for("threads.goto_post", thread_id=post.thread_id, post_id=post.id))
            return redirect(_next_url(default))
    status = 422 if form.errors else 200
    return render_template("moderation/action.html", form=form, title=title, post=post), status


@bp.route("/moderation/posts/<int:post_id>/approve", methods=["POST"])
@gate(guard.post)
def approve(post_id):
    """Publish a pending post from the approval queue."""
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    approval.approve_post(actor(), post_id)
    flash(_("Post approved."), "success")
    return redirect(_next_url(url_for("moderation.approval_queue")))


@bp.route("/moderation/flags/<int:post_id>/resolve", methods=["POST"])
@gate(guard.post)
def resolve(post_id):
    """One-click resolve from the flag queue: hide, dismiss, warn or suspend the author."""
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    resolution = request.form.get("resolution", "")
    flags.resolve_flags(actor(), post_id, resolution, form.reason.data)
    flash(_("Flags resolved."), "success")
    return redirect(_next_url(url_for("moderation.flag_queue")))


@bp.route("/moderation/threads/<int:thread_id>/split", methods=["GET", "POST"])
@gate(guard.thread)
def split_thread(thread_id):
    """Move chosen posts of a thread into a new thread."""
    thread = guard.target()
    form = SplitForm()
    if form.validate_on_submit():
        try:
            new = split.split_posts(actor(), thread_id, request.form.getlist("posts"),
                                    form.title.data, reason=form.reason.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Posts split into a new thread."), "success")
            return redirect(url_for("threads.show", thread_id=new.id))
    posts = db.session.scalars(select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None))
                               .order_by(Post.number).limit(500)).all()
    chosen = set(request.form.getlist("posts"))
    status = 422 if form.errors else 200
    return render_template("moderation/split.html", form=form, thread=thread, posts=posts,
                           chosen=chosen), status


def _revision(revision_id):
    """The revision whose post the viewer moderates (the gate's resolver)."""
    revision = revisions.get_revision(revision_id)
    return revision if revision is not None and guard.post(revision.post_id) is not None else None


@bp.route("/moderation/revisions/<int:revision_id>/purge", methods=["GET", "POST"])
@gate(_revision)
def purge_revision(revision_id):
    """Remove an earlier version's text for good (a phone number edited out of a post)."""
    revision = guard.target()
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            revisions.purge_revision(actor(), revision_id, form.reason.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Version %(n)s removed for good.", n=revision.number), "success")
            return redirect(url_for("threads.revisions", post_id=revision.post_id))
    status = 422 if form.errors else 200
    post = db.session.get(Post, revision.post_id)
    return render_template("moderation/action.html", form=form, title=_("Remove version %(n)s", n=revision.number),
                           post=post), status


@bp.route("/posts/<int:post_id>/flag", methods=["GET", "POST"])
@gate(guard.MEMBER)
@login_required
@ratelimits.flagging
def flag(post_id):
    """A member flags a post for the moderators."""
    post = db.session.get(Post, post_id)
    if not permissions.can_view_post(current_user, post):
        abort(404)
    form = FlagForm()
    if form.validate_on_submit():
        try:
            flags.flag_post(actor(), post_id, form.reason.data, form.text.data)
        except ValidationError as error:
            apply_error(form, error)
        else:
            flash(_("Thank you: the moderators will review this post."), "success")
            return redirect(url_for("threads.goto_post", thread_id=post.thread_id, post_id=post.id))
    status = 422 if form.errors else 200
    return render_template("moderation/flag.html", form=form, post=post), status
