"""Writing: start a thread, reply, edit a post. One transaction each, effects after commit."""
from flask import current_app
from markupsafe import escape
from flask_babel import _, format_decimal
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from forum.services import events
from forum.core import permissions
from forum.core.errors import NotFound, PermissionDenied, ValidationError
from forum.services.tags import get_or_create_tags, parse_tags
from forum.adapters.text import RenderTooSlow, clean_source, render_markdown, slugify
from forum.core.transaction import transaction
from models import Post, PostRevision, Sector, Thread, db, utcnow


def check_title(title):
    """A title normalised and within bounds, or the message saying why not."""
    title = " ".join(clean_source(title).split())
    if len(title) < 5:
        raise ValidationError("title", _("Use at least 5 characters for the title."))
    if len(title) > 150:
        raise ValidationError("title", _("Use at most 150 characters for the title."))
    return title


def check_body(body, field="body"):
    """A body normalised and within bounds, or the message saying why not."""
    body = clean_source(body)
    if not body.strip():
        raise ValidationError(field, _("Write a message."))
    limit = current_app.config["MAX_POST_LENGTH"]
    if len(body) > limit:
        raise ValidationError(field, _(
            "The message is %(n)s characters long; the limit is %(limit)s.",
            n=format_decimal(len(body)), limit=format_decimal(limit)))
    return body


def render_for(author, body, field="body"):
    """The post's HTML, rendered once; a new member's links (not mentions or quotes) are
    limited in number (refused past the limit)."""
    try:
        rendered = render_markdown(body)
    except RenderTooSlow:
        raise ValidationError(field, too_slow_message()) from None
    limit = current_app.config.get("NEW_MEMBER_MAX_LINKS", 2)
    if permissions.is_new_member(author) and len(rendered.links) > limit:
        raise ValidationError(field, _(
            "New members can include at most %(n)d links in a post.", n=limit))
    return rendered.html


def too_slow_message():
    """What a member is told when their text is past the render budget."""
    return _("This message has too much formatting to show quickly. Please simplify it.")


def _pending_since(author, now):
    """When approval of new members is on, a new account's first posts wait in the queue."""
    from forum.services.moderation.approval import needs_approval

    return now if needs_approval(author) else None


def _existing_submission(session, author, submission_key):
    """The post this author already made with this form token (a double click), if any."""
    if not submission_key:
        return None
    return session.scalar(select(Post).where(
        Post.author_id == author.id, Post.submission_key == submission_key))


def _once(author, submission_key, write):
    """Run `write()` unless this form was already submitted; return its post either way.

    SQLite serialises writers (BEGIN IMMEDIATE), so the second click finds the first post. On
    PostgreSQL both may miss each other's uncommitted row: the unique (author, key) constraint
    then refuses the second insert, and we return the post the first one made.
    """
    try:
        return write()
    except IntegrityError:
        existing = _existing_submission(db.session, author, submission_key)
        if existing is None:
            raise
        return existing


def create_thread(author, sector_id, title, body, tags="", language=None, submission_key=None):
    """Start a thread with its first post; returns the thread. The text is checked and rendered
    before the transaction (no write lock held while Markdown renders); the sector is loaded and
    the permission asked inside it."""
    title, body = check_title(title), check_body(body)
    tag_names = parse_tags(tags) if isinstance(tags, str) else list(tags)
    html = render_for(author, body)

    def write():
        with transaction() as session:
            sector = session.get(Sector, sector_id)
            if not permissions.can_start_thread(author, sector):
                raise PermissionDenied(_("You cannot start a thread here."))
            duplicate = _existing_submission(session, author, submission_key)
            if duplicate is not None:
                return duplicate
            now = utcnow()
            pending = _pending_since(author, now)
            thread = Thread(sector_id=sector.id, author_id=author.id, title=title, slug=slugify(title),
                            created_at=now, last_post_at=now, last_poster_id=author.id,
                            post_count=1, last_number=1, pending_at=pending)
            thread.tags = get_or_create_tags(session, tag_names)
            session.add(thread)
            post = Post(thread=thread, author_id=author.id, number=1, body_markdown=body,
                        body_html=html, language=language or author.language, created_at=now,
                        submission_key=submission_key, pending_at=pending)
            session.add(post)
            if pending is None:  # a pending thread is counted and announced when approved
                session.execute(update(Sector).where(Sector.id == sector.id).values(
                    thread_count=Sector.thread_count + 1, post_count=Sector.post_count + 1,
                    last_post_at=now))
            session.flush()
            if pending is None:
                events.thread_created(thread.id, post.id)
        return post

    return _once(author, submission_key, write).thread


def reply(author, thread_id, body, language=None, submission_key=None):
    """Add a reply at the end of the thread; returns the post. Checked and rendered before the
    transaction; the thread is loaded and the permission asked inside it."""
    body = check_body(body)
    html = render_for(author, body)

    def write():
        with transaction() as session:
            thread = session.get(Thread, thread_id)
            if not permissions.can_post(author, thread):
                raise PermissionDenied(_("You cannot reply to this thread."))
            sector_id = thread.sector_id
            duplicate = _existing_submission(session, author, submission_key)
            if duplicate is not None:
                return duplicate
            now = utcnow()
            pending = _pending_since(author, now)
            # Claim the next number with one UPDATE: concurrent replies never share a number.
            # A pending reply claims its number only: counters and activity wait for approval.
            counted = {} if pending else dict(
                post_count=Thread.post_count + 1, reply_count=Thread.reply_count + 1,
                last_post_at=now, last_poster_id=author.id)
            number = session.execute(
                update(Thread).where(Thread.id == thread_id)
                .values(last_number=Thread.last_number + 1, **counted)
                .returning(Thread.last_number)).scalar_one()
            post = Post(thread_id=thread_id, author_id=author.id, number=number, body_markdown=body,
                        body_html=html, language=language or author.language, created_at=now,
                        submission_key=submission_key, pending_at=pending)
            session.add(post)
            if pending is None:
                session.execute(update(Sector).where(Sector.id == sector_id).values(
                    post_count=Sector.post_count + 1, last_post_at=now))
            session.flush()
            if pending is None:  # pending posts are announced when approved
                events.post_created(post.id)
        return post

    return _once(author, submission_key, write)


def edit_post(editor, post_id, body, title=None, language=None):
    """Replace a post's text, keeping the earlier version as a revision. Checked and rendered
    before the transaction; the post is loaded, locked and the permission asked inside it."""
    body = check_body(body)
    html = render_for(editor, body)
    with transaction() as session:
        post = _locked_post(session, post_id)
        if not permissions.can_edit_post(editor, post):
            raise PermissionDenied(_("You cannot edit this post."))
        thread = post.thread
        new_title = check_title(title) if (title is not None and post.is_first) else None
        if body == post.body_markdown and (new_title is None or new_title == thread.title) \
                and (language is None or language == post.language):
            return post
        _audit_moderator_edit(session, editor, post)
        session.add(PostRevision(
            post_id=post.id, editor_id=editor.id, number=post.edit_count + 1,
            title=thread.title if post.is_first else None,
            body_markdown=post.body_markdown, body_html=post.body_html))
        post.body_markdown, post.body_html = body, html
        post.edited_at = utcnow()
        post.edit_count = post.edit_count + 1
        if language:
            post.language = language
        if new_title and new_title != thread.title:
            thread.title, thread.slug = new_title, slugify(new_title)
        events.post_edited(post.id)
    return post


def _locked_post(session, post_id):
    """The saved post, re-read (and on PostgreSQL locked): the revision keeps what was saved, and
    two concurrent edits never share a revision number. Only the post row is locked: a FOR UPDATE
    over the eager-loaded author join would lock the users row too and deadlock with concurrent
    writers touching that member."""
    if session.execute(select(Post.id).where(Post.id == post_id).with_for_update()).first() is None:
        raise NotFound(_("This post does not exist (any more)."))
    return session.get(Post, post_id, populate_existing=True)


def _audit_moderator_edit(session, editor, post):
    """A moderator editing someone else's post leaves an audit entry (the revision names them too)."""
    if editor.id != post.author_id:
        from forum.services.moderation.audit import record

        record(session, editor, "edit_post", post, before={"length": len(post.body_markdown)})
        events.post_moderated(post.id, "edited", None)


def preview(body):
    """The HTML a post would get, without saving anything (or why it would be refused)."""
    try:
        return render_markdown(clean_source(body)[: current_app.config["MAX_POST_LENGTH"]]).html
    except RenderTooSlow:
        return f'<p class="error">{escape(too_slow_message())}</p>'



def quote_markdown(post):
    """Markdown that quotes `post` into a reply box, attributed and linked, the attribution in the
    replier's language (it becomes part of their reply)."""
    lines = post.body_markdown.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    attribution = _("%(name)s [wrote](%(url)s):", name=post.author.name,
                    url=f"/threads/{post.thread_id}/posts/{post.id}")
    return f"{attribution}\n{quoted}\n\n"
