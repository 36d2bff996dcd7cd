"""In-app notifications: replies in my threads, @mentions, quotes, watched threads, moderator
actions and approval results. Written inside the use case's own transaction (through
forum/services/events.py), each with its live `notification_created` outbox row; every recipient is
re-checked with forum/permissions.py before a row is written."""
from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from forum.core import outbox, permissions
from forum.services.subscriptions import thread_levels, track_for_participant
from forum.adapters.text import references
from forum.core.transaction import transaction
from models import ImmediateEmail, LatePublication, Notification, Post, ThreadRead, User, db, utcnow

# When one post concerns a member in several ways, they get the most specific notification.
_PRIORITY = ("mention", "quote", "reply", "watched")


def _recipients(post):
    """{user_id: kind} for a new post, before permission checks."""
    found = {}

    def offer(user_id, kind):
        if user_id and user_id != post.author_id and (
                user_id not in found or _PRIORITY.index(kind) < _PRIORITY.index(found[user_id])):
            found[user_id] = kind

    refs = references(post.body_html)
    names = {name.lower() for name in refs.mentions}
    if names:
        for user_id in db.session.scalars(select(User.id).where(User.username_canonical.in_(names))):
            offer(user_id, "mention")
    quoted = refs.quoted_post_ids
    if quoted:
        for author_id in db.session.scalars(select(Post.author_id).where(Post.id.in_(quoted))):
            offer(author_id, "quote")
    levels = thread_levels(post.thread)
    if post.number > 1 and levels.get(post.thread.author_id) != "mute":
        offer(post.thread.author_id, "reply")
    for user_id, level in levels.items():
        if level == "watch":
            offer(user_id, "watched")
    return found, levels


def post_created(post):
    """In the post's transaction: notify the members it concerns, track the thread for its
    author, open immediate-email batches for watchers."""
    session = db.session()
    track_for_participant(session, post.author_id, post.thread_id)
    found, levels = _recipients(post)
    users = session.scalars(select(User).where(User.id.in_(found))).all() if found else []
    allowed = [u for u in users if permissions.can_view_post(u, post)]
    watchers = [u.id for u in allowed if levels.get(u.id) == "watch"]
    for user in allowed:
        _add(session, user.id, found[user.id], actor_id=post.author_id, post=post)
    _queue_immediate(session, watchers, post)


def _add(session, user_id, kind, *, post, actor_id=None, detail=""):
    notification = Notification(user_id=user_id, kind=kind, actor_id=actor_id, thread_id=post.thread_id,
                                post_id=post.id, detail=detail[:500])
    session.add(notification)
    session.flush()
    # The bell's live update, ordered with the member's other live events (target live:user:N).
    outbox.enqueue("live.notification_created", f"live:user:{user_id}", user_id=user_id,
                   notification_id=notification.id)
    return notification


def _queue_immediate(session, user_ids, post):
    """Batch immediate email: a pending batch absorbs the post; otherwise one is opened, due after
    a short delay (time to read it on the site) and no sooner than 15 minutes after the last."""
    if not user_ids:
        return
    from forum.services.immediate import wanted_by

    now = utcnow()
    delay = current_app.config.get("IMMEDIATE_EMAIL_DELAY", 120)
    interval = current_app.config.get("IMMEDIATE_EMAIL_INTERVAL", 900)
    for user_id in wanted_by(session, user_ids):
        state = session.get(ImmediateEmail, (user_id, post.thread_id))
        if state is None:
            state = ImmediateEmail(user_id=user_id, thread_id=post.thread_id)
            session.add(state)
        if state.pending_post_id is not None:
            continue
        due = now + _seconds(delay)
        if state.last_sent_at is not None:
            due = max(due, state.last_sent_at + _seconds(interval))
        state.pending_post_id, state.due_at = post.id, due
        from forum.services.immediate import enqueue_batch

        enqueue_batch(user_id, post.thread_id, (due - now).total_seconds())


def _seconds(n):
    from datetime import timedelta

    return timedelta(seconds=n)


def post_moderated(post_id, action, reason=None):
    """In the moderator's transaction: tell a post's author what was done to it (hidden,
    restored, edited, moved…)."""
    _tell_author(post_id, "moderation", action, reason)


def approval_decided(post_id, approved, reason=None):
    """In the moderator's transaction: tell a new member whether their pending post was approved
    or rejected (and why); an approved post is dated for digests by its approval (it was not
    public when written)."""
    session = db.session()
    if approved and session.get(Post, post_id) is not None and session.get(LatePublication, post_id) is None:
        session.add(LatePublication(post_id=post_id, published_at=utcnow()))
    _tell_author(post_id, "approval", "approved" if approved else "rejected", reason)


def _tell_author(post_id, kind, what, reason):
    session = db.session()
    post = session.get(Post, post_id)
    if post is None or session.get(User, post.author_id) is None:
        return
    detail = f"{what}: {reason}" if reason else str(what)
    _add(session, post.author_id, kind, post=post, detail=detail)


def unread_count(user):
    """The bell's number (zero for guests, so templates need no test)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def recent(user, limit=50):
    """The member's latest notifications whose post they may still open."""
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id.desc()).limit(limit)).all()
    return [n for n in rows if n.post_id is None or n.kind in ("moderation", "approval")
            or permissions.can_view_post(user, db.session.get(Post, n.post_id))]


def mark_read(user, notification_id=None):
    """Mark one notification (or all of them, without an id) read; returns the one marked."""
    with transaction() as session:
        query = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        if notification_id is not None:
            query = query.where(Notification.id == notification_id)
        session.execute(query.values(read_at=utcnow()))
    return db.session.get(Notification, notification_id) if notification_id is not None else None


def mark_thread_read(user_id, thread_id, number):
    """Remember the highest post number the member has seen in a thread (only ever grows):
    one upsert, as it runs on every thread page a member opens."""
    insert = {"sqlite": sqlite_insert, "postgresql": pg_insert}[db.engine.dialect.name]
    statement = insert(ThreadRead).values(user_id=user_id, thread_id=thread_id, last_number=number,
                                          read_at=utcnow())
    statement = statement.on_conflict_do_update(
        index_elements=[ThreadRead.user_id, ThreadRead.thread_id],
        set_={"last_number": statement.excluded.last_number, "read_at": statement.excluded.read_at},
        where=ThreadRead.last_number < statement.excluded.last_number)
    with transaction() as session:
        session.execute(statement)
