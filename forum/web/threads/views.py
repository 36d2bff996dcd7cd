"""Thread pages: read, start, reply, quote, edit, revisions."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select

from forum.web.auth import actor
from forum.adapters import page_cache
from forum.core import permissions
from forum.web import ratelimits
from forum.web.forms import choices, post_form_page
from forum.web.i18n import translated
from forum.core.languages import POST_LANGUAGE_CODES
from forum.core.ids import parse_id
from forum.core.pagination import parse_page, url_with_args
from forum.services import notifications, posting, reading
from forum.services.moderation import merge
from forum.services.moderation import revisions as post_revisions
from forum.web.threads.forms import EditPostForm, ReplyForm, ThreadForm
from models import Post, Sector, Thread, db

bp = Blueprint("threads", __name__)


@bp.app_template_global()
def post_list(posts):
    """The posts of a thread page, rendered (anonymous readers get the whole page from the cache)."""
    return Markup(render_template("threads/_posts.html", posts=posts, permissions=permissions))


def _thread_or_404(thread_id):
    thread = db.session.get(Thread, thread_id)
    if not permissions.can_view_thread(current_user, thread):
        abort(404)
    return thread


def _post_or_404(post_id):
    post = db.session.get(Post, post_id)
    if not permissions.can_view_post(current_user, post):
        abort(404)
    return post


def _language_default():
    return current_user.language if current_user.language in POST_LANGUAGE_CODES else "en"


def post_url(post, **kwargs):
    """The thread page that shows `post`, with its anchor."""
    return url_for("threads.show", thread_id=post.thread_id, page=reading.page_of(post.number),
                   _anchor=f"post-{post.id}", **kwargs)


@bp.route("/threads/<int:thread_id>")
@bp.route("/threads/<int:thread_id>/<slug>")
@page_cache.anonymous_cache
def show(thread_id, slug=None):
    """A thread page; a merged thread's old address redirects to its new one."""
    thread = reading.thread_for_page(thread_id)
    if thread is None or thread.deleted_at is not None:  # merged threads are closed
        merged_into = merge.resolve_redirect(db.session, thread_id)
        if merged_into is not None:  # a thread merged into another keeps its address working
            return redirect(url_with_args("threads.show", {"thread_id": merged_into}), 301)
    if not permissions.can_view_thread(current_user, thread):
        abort(404)
    page = reading.thread_posts(thread)
    form = None
    if permissions.can_post(current_user, thread):
        form = ReplyForm(language=_language_default())
    html = render_template("threads/show.html", thread=thread, page=page, form=form,
                           permissions=permissions)
    if current_user.is_authenticated:  # immediate email skips what the member has read
        notifications.mark_thread_read(current_user.id, thread.id, _last_number_shown(thread))
    return html


def _last_number_shown(thread):
    """The highest post number this page shows (the last page when none is asked for)."""
    page = parse_page(request.args.get("page"))
    per_page = current_app.config["POSTS_PER_PAGE"]
    return thread.last_number if page is None else min(page * per_page, thread.last_number)


@bp.route("/threads/<int:thread_id>/posts/<int:post_id>")
def goto_post(thread_id, post_id):
    """A stable link to one post: redirects to its page and anchor."""
    post = _post_or_404(post_id)
    return redirect(post_url(post))


@bp.route("/posts/<int:post_id>/quote")
@login_required
def quote(post_id):
    """The Markdown that quotes a post, for the "Quote" button's in-page insert (app.js)."""
    post = _post_or_404(post_id)
    if not permissions.can_post(current_user, post.thread):
        abort(403)
    return posting.quote_markdown(post), 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.route("/sectors/<slug>/new", methods=["GET", "POST"])
@login_required
@ratelimits.thread_creation
@ratelimits.preview
def new(slug):
    """Start a thread in a sector (with preview)."""
    sector = reading.get_sector(slug) or abort(404)
    sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
    form = ThreadForm(sector=sector.slug, language=_language_default())
    form.sector.choices = choices((s.slug, translated(s.name)) for s in sectors)

    def save():
        chosen = next((s for s in sectors if s.slug == form.sector.data), sector)
        thread = posting.create_thread(actor(), chosen.id, form.title.data, form.body.data, form.tags.data,
                                       language=form.language.data, submission_key=form.submission_key.data)
        return url_for("threads.show", thread_id=thread.id, slug=thread.slug)

    return post_form_page(form, "threads/new.html", save, sector=sector)


@bp.route("/threads/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
@ratelimits.posting
@ratelimits.preview
def reply(thread_id):
    """GET shows the reply form (prefilled with a quote); POST saves the reply."""
    thread = _thread_or_404(thread_id)
    if not permissions.can_post(current_user, thread):
        abort(403)
    form = ReplyForm(language=_language_default())
    if request.method == "GET":
        quote_id = parse_id(request.args.get("quote"))
        if quote_id:
            quoted = _post_or_404(quote_id)
            if quoted.thread_id == thread.id:
                form.body.data = posting.quote_markdown(quoted)

    def save():
        return post_url(posting.reply(actor(), thread.id, form.body.data, language=form.language.data,
                                      submission_key=form.submission_key.data))

    return post_form_page(form, "threads/reply.html", save, thread=thread)


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@ratelimits.editing
@ratelimits.preview
def edit(post_id):
    """Edit a post (with preview); earlier text stays as a revision."""
    post = _post_or_404(post_id)
    if not permissions.can_edit_post(current_user, post):
        abort(403)
    form = EditPostForm(obj=None)
    if request.method == "GET":
        form.body.data, form.language.data = post.body_markdown, post.language
        form.title.data = post.thread.title

    def save():
        posting.edit_post(actor(), post.id, form.body.data, title=form.title.data if post.is_first else None,
                          language=form.language.data)
        return post_url(post)

    return post_form_page(form, "threads/edit.html", save, post=post)


@bp.route("/posts/<int:post_id>/revisions")
def revisions(post_id):
    """Earlier versions: for the author and the post's moderators only (404 for everyone else)."""
    post = _post_or_404(post_id)
    items = post_revisions.for_post(current_user, post)
    if items is None:
        abort(404)
    return render_template("threads/revisions.html", post=post, revisions=items,
                           is_purged=post_revisions.is_purged,
                           may_purge=permissions.can_moderate(current_user, post))


@bp.route("/preview", methods=["POST"])
@login_required
@ratelimits.preview
def preview():
    """HTML fragment of a Markdown preview, for the editor's live preview (CSRF-protected)."""
    return posting.preview(request.form.get("body", "")), 200, {"Content-Type": "text/html; charset=utf-8"}
