"""Split selected posts of a thread into a new thread."""
from flask_babel import _
from sqlalchemy import select, update

from forum.services import events
from forum.core.errors import Conflict, ValidationError
from forum.services.moderation.audit import record
from forum.services.moderation.common import (bump_sector, check_reason, load_sector, load_thread, recount,
                                              renumber, require_moderator, thread_state)
from forum.services.posting import check_title
from forum.adapters.text import slugify
from forum.core.transaction import transaction
from models import Post, Thread


def _post_ids(raw):
    try:
        ids = sorted({int(x) for x in raw or ()})
    except (TypeError, ValueError):
        raise ValidationError("posts", _("Choose the posts to split off.")) from None
    if not ids:
        raise ValidationError("posts", _("Choose at least one post to split off."))
    return ids


def split_posts(actor, thread_id, post_ids, title, reason="", sector=None):
    """Move the chosen posts into a new thread titled `title` (in `sector`, default the same one).

    A repeated submit finds the posts already together in the thread the first submit made and
    returns it; posts that left the thread some other way give a 409.
    """
    ids, title, reason = _post_ids(post_ids), check_title(title), check_reason(reason)
    with transaction() as session:
        thread = load_thread(session, thread_id)
        require_moderator(actor, thread, "split_posts")
        destination = load_sector(session, sector) if sector else thread.sector
        require_moderator(actor, destination, "split_posts")
        posts = session.scalars(select(Post).where(Post.id.in_(ids)).order_by(Post.created_at, Post.id)).all()
        homes = {p.thread_id for p in posts}
        if len(posts) != len(ids):
            raise Conflict(_("Some of these posts no longer exist: reload the page."))
        if homes != {thread.id}:
            if len(homes) == 1:
                return session.get(Thread, homes.pop())  # a repeated submit
            raise Conflict(_("Some of these posts were moved meanwhile: reload the page."))
        remaining = session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.id.not_in(ids),
                                                         Post.deleted_at.is_(None)).limit(1))
        if remaining is None:
            raise ValidationError("posts", _("Leave at least one post in the thread."))
        before = thread_state(thread)
        first = posts[0]
        new = Thread(sector_id=destination.id, author_id=first.author_id, title=title, slug=slugify(title),
                     created_at=first.created_at, last_post_at=first.created_at)
        session.add(new)
        session.flush()
        session.execute(update(Post).where(Post.id.in_(ids)).values(thread_id=new.id))
        session.expire_all()
        thread, new = load_thread(session, thread.id), load_thread(session, new.id)
        for t in (thread, new):
            renumber(session, t.id)
            recount(session, t)
        moved = new.post_count
        bump_sector(session, thread.sector_id, posts=-moved)
        bump_sector(session, new.sector_id, threads=1, posts=moved)
        record(session, actor, "split_posts", thread, reason=reason, before=before,
               after={"new_thread_id": new.id, "new_title": new.title, "post_ids": ids})
        events.thread_updated(thread.id)
        events.thread_updated(new.id)
    return new
