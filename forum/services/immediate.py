"""Immediate email for watched threads, batched: at most one email per member and thread per
15 minutes, listing only posts the member has not read on the site and may open.

`post_created` opens a batch (forum/services/notifications.py); `send_due()` — run by the
scheduler every minute or `flask digest flush` — sends the batches whose time has come.
"""
import logging

from sqlalchemy import select, update

from forum import mail, permissions
from forum.services.mailing import render_mail
from forum.services.subscriptions import preferences_of
from forum.text import plain_text
from forum.transaction import transaction
from models import EmailPreference, ImmediateEmail, Post, Thread, ThreadRead, User, db, utcnow

log = logging.getLogger(__name__)
BATCH = 200


def wanted_by(session, user_ids):
    """The members among `user_ids` who want immediate email and have a verified address."""
    rows = session.execute(
        select(User.id, EmailPreference.immediate_email)
        .outerjoin(EmailPreference, EmailPreference.user_id == User.id)
        .where(User.id.in_(user_ids), User.email_verified_at.is_not(None))).all()
    return [uid for uid, wanted in rows if wanted is None or wanted]


def _unread_posts(user, thread_id, from_post_id):
    """Posts since the batch opened that the member has not read and may open."""
    read_upto = db.session.scalar(select(ThreadRead.last_number).where(
        ThreadRead.user_id == user.id, ThreadRead.thread_id == thread_id)) or 0
    posts = db.session.scalars(select(Post).where(
        Post.thread_id == thread_id, Post.id >= from_post_id, Post.number > read_upto,
        Post.author_id != user.id).order_by(Post.number).limit(20)).all()
    return [p for p in posts if permissions.can_view_post(user, p)]


def _claim(user_id, thread_id, now):
    """Close the batch in one transaction; returns the first post id, or None if it was gone."""
    with transaction() as session:
        state = session.get(ImmediateEmail, (user_id, thread_id))
        if state is None or state.pending_post_id is None or state.due_at is None or state.due_at > now:
            return None
        first = state.pending_post_id
        state.pending_post_id, state.due_at = None, None
        return first


def _send_one(conn, user_id, thread_id, now):
    first = _claim(user_id, thread_id, now)
    user = db.session.get(User, user_id)
    if first is None or user is None or not preferences_of(user_id).immediate_email:
        return "skipped"
    thread = db.session.get(Thread, thread_id)
    posts = _unread_posts(user, thread_id, first) if permissions.can_view_thread(user, thread) else []
    if not posts:
        return "skipped"
    items = [{"author": p.author.name, "excerpt": plain_text(p.body_html, 400), "number": p.number,
              "url": f"/threads/{p.thread_id}/posts/{p.id}", "created_at": p.created_at} for p in posts]
    text, html = render_mail("immediate", user, thread=thread, items=items)
    message = mail.compose(to=user.email, name=user.name, subject=thread.title, text=text, html=html,
                           unsubscribe=(user.id, "immediate"))
    try:
        conn.send(message)
    except mail.DeliveryError as error:
        log.warning("immediate email to member %s failed: %s", user_id, error)
        with transaction() as session:  # reopen the batch: the next run tries again
            session.execute(update(ImmediateEmail).where(
                ImmediateEmail.user_id == user_id, ImmediateEmail.thread_id == thread_id,
                ImmediateEmail.pending_post_id.is_(None)).values(pending_post_id=first, due_at=now))
        return "failed"
    with transaction() as session:
        session.execute(update(ImmediateEmail).where(
            ImmediateEmail.user_id == user_id, ImmediateEmail.thread_id == thread_id).values(last_sent_at=now))
    return "sent"


def send_due(now=None):
    """Send every batch that is due; returns {"sent": n, "skipped": n, "failed": n}."""
    now = now or utcnow()
    summary = {"sent": 0, "skipped": 0, "failed": 0}
    due = db.session.execute(select(ImmediateEmail.user_id, ImmediateEmail.thread_id)
                             .where(ImmediateEmail.due_at <= now).limit(5000)).all()
    db.session.commit()
    with mail.connection() as conn:
        for user_id, thread_id in due:
            summary[_send_one(conn, user_id, thread_id, now)] += 1
    return summary
