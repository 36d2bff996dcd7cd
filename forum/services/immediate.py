"""Immediate email for watched threads, batched: at most one email per member and thread per
15 minutes, listing only posts the member has not read on the site and may open.

A new post opens a batch (forum/services/notifications.py) in its own transaction, together with
a `mail.immediate` outbox row that becomes due when the batch does. The drainer's mail lane
claims the row with a lease and calls `send_batch`; the batch is closed in its own step once
SMTP accepted the message, then the row is deleted. So a process killed after the claim and
before SMTP leaves the row leased, and another drain sends it when the lease expired; one killed
after SMTP and before the batch was closed sends it once more, with the same Message-ID (mail
clients show one message); one killed after that finds the batch closed and sends nothing.
`send_due()` (`flask digest flush`, the scheduler) drains the due rows at once.
"""
import logging

from flask import current_app
from sqlalchemy import exists, select, update

from forum.adapters import mail
from forum.core import outbox, permissions
from forum.adapters.mail.message import sender_address
from forum.services.mailing import render_mail
from forum.services.subscriptions import preferences_of
from forum.adapters.text import plain_text
from forum.core.transaction import transaction
from models import EmailPreference, ImmediateEmail, Post, Thread, ThreadRead, User, db, utcnow

log = logging.getLogger(__name__)


def wanted_by(session, user_ids):
    """The members among `user_ids` who want immediate email and have a verified address."""
    rows = session.execute(
        select(User.id, EmailPreference.immediate_email)
        .outerjoin(EmailPreference, EmailPreference.user_id == User.id)
        .where(User.id.in_(user_ids), User.email_verified_at.is_not(None))).all()
    return [uid for uid, wanted in rows if wanted is None or wanted]


def enqueue_batch(user_id, thread_id, delay_seconds):
    """In the transaction that opened a batch: the outbox row that sends it when due."""
    outbox.enqueue("mail.immediate", f"mail:user:{user_id}:thread:{thread_id}", delay=max(delay_seconds, 0),
                   user_id=user_id, thread_id=thread_id)


def _unread_posts(user, thread_id, from_post_id):
    """Posts since the batch opened that the member has not read and may open."""
    read_upto = db.session.scalar(select(ThreadRead.last_number).where(
        ThreadRead.user_id == user.id, ThreadRead.thread_id == thread_id)) or 0
    posts = db.session.scalars(select(Post).where(
        Post.thread_id == thread_id, Post.id >= from_post_id, Post.number > read_upto,
        Post.author_id != user.id).order_by(Post.number).limit(20)).all()
    return [p for p in posts if permissions.can_view_post(user, p)]


def send_batch(user_id, thread_id):
    """Outbox handler (mail.immediate): send the batch if it is still open; "sent"/"skipped".
    A refused delivery raises, so the row is retried with backoff and the batch stays open."""
    state = db.session.get(ImmediateEmail, (user_id, thread_id))
    user = db.session.get(User, user_id)
    if state is None or state.pending_post_id is None or user is None:
        return "skipped"  # already sent (a retry after the batch was closed) or gone
    first = state.pending_post_id
    thread = db.session.get(Thread, thread_id)
    wanted = preferences_of(user_id).immediate_email and permissions.can_view_thread(user, thread)
    posts = _unread_posts(user, thread_id, first) if wanted else []
    if not posts:
        _close(user_id, thread_id, first, None)
        return "skipped"
    mail.send(_message(user, thread, first, posts))
    _close(user_id, thread_id, first, max(p.id for p in posts))
    return "sent"


def _message(user, thread, first, posts):
    items = [{"author": p.author.name, "excerpt": plain_text(p.body_html, 400), "number": p.number,
              "url": f"/threads/{p.thread_id}/posts/{p.id}", "created_at": p.created_at} for p in posts]
    text, html = render_mail("immediate", user, thread=thread, items=items)
    # Stable per batch: a message sent again after a crash is recognised as the same one.
    message_id = f"<immediate-{user.id}-{thread.id}-{first}@{sender_address().domain}>"
    return mail.compose(to=user.email, name=user.name, subject=thread.title, text=text, html=html,
                        unsubscribe=(user.id, "immediate"), message_id=message_id)


def _close(user_id, thread_id, first, last_sent_post_id):
    """Close the batch (its own step, after SMTP accepted); posts that arrived while it was being
    sent open the next batch at once, due one interval later."""
    now = utcnow()
    with transaction() as session:
        values = dict(pending_post_id=None, due_at=None)
        if last_sent_post_id is not None:
            values["last_sent_at"] = now
        closed = session.execute(update(ImmediateEmail).where(
            ImmediateEmail.user_id == user_id, ImmediateEmail.thread_id == thread_id,
            ImmediateEmail.pending_post_id == first).values(**values)).rowcount
        if closed and last_sent_post_id is not None and session.scalar(select(exists().where(
                Post.thread_id == thread_id, Post.id > last_sent_post_id, Post.author_id != user_id))):
            _reopen(session, user_id, thread_id, last_sent_post_id + 1, now)


def _reopen(session, user_id, thread_id, from_post_id, now):
    from datetime import timedelta

    interval = current_app.config.get("IMMEDIATE_EMAIL_INTERVAL", 900)
    session.execute(update(ImmediateEmail).where(
        ImmediateEmail.user_id == user_id, ImmediateEmail.thread_id == thread_id).values(
        pending_post_id=from_post_id, due_at=now + timedelta(seconds=interval)))
    enqueue_batch(user_id, thread_id, interval)


def send_due(now=None):
    """Send every batch that is due by `now` at once; returns {"sent": n, "skipped": n, "failed": n}."""
    from forum.core.outbox.drainer import drain_once

    results = []
    while drain_once("mail", now=now or utcnow(), results=results, kinds=["mail.immediate"]):
        pass
    return {status: results.count(status) for status in ("sent", "skipped", "failed")}
