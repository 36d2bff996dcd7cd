"""Email digests, exactly once per member and window, resumable after a crash.

For each member the decision is one transaction: the send log row keyed by (member, period,
window) is inserted as `pending` and the member's watermark moves to the run's cutoff. The mail
is then built for (start, cutoff] and sent; its row becomes `sent` (or `empty` when there is
nothing new, or `failed`) in a transaction right after SMTP accepted it. So:
- a rerun skips every window already `sent`/`empty` (the unique key forbids a second row);
- a crashed run leaves `pending` rows, resent by the next run once their lease expired;
- a failed send is retried by the next run, and an unsent earlier window is folded into the
  next digest (its start carries over), so no post is ever skipped.
Members are streamed in chunks by id; the window summary is shared (forum/services/digest_content).
"""
import logging
from collections import OrderedDict, namedtuple
from datetime import timedelta

from flask import current_app
from markupsafe import Markup
from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from forum.adapters import mail
from forum.adapters.mail.message import sender_address
from forum.services.digest_content import Follows, pick, summarize
from forum.services.digest_schedule import latest_due_day, local_now, window_key
from forum.services.mailing import mail_locale, member_locale, member_zone, render_fragment, render_mail
from forum.core.transaction import transaction, writing
from models import (DigestSend, DigestWatermark, EmailPreference, Notification, Subscription, User, db,
                    utcnow)
from models.mail import DEFAULT_DIGEST_FREQUENCY, DEFAULT_DIGEST_HOUR, DEFAULT_DIGEST_WEEKDAY

log = logging.getLogger(__name__)
Fragment = namedtuple("Fragment", "text html")
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
CHUNK = 200
DONE = ("sent", "empty")
SECTIONS = Markup("<!-- digest sections -->")  # where a member's own sections go in the shell


def count_candidates(period):
    """How many members a run of `period` considers (for the CLI's progress bar)."""
    return db.session.scalar(select(func.count()).select_from(_members_query(period).subquery()))


def _members_query(period):
    frequency = func.coalesce(EmailPreference.digest_frequency, DEFAULT_DIGEST_FREQUENCY)
    return (select(User, func.coalesce(EmailPreference.digest_hour, DEFAULT_DIGEST_HOUR),
                   func.coalesce(EmailPreference.digest_weekday, DEFAULT_DIGEST_WEEKDAY))
            .outerjoin(EmailPreference, EmailPreference.user_id == User.id)
            .where(frequency == period, User.email_verified_at.is_not(None)))


def _stream_members(session, period):
    """Chunks of (user, hour, weekday), by id: one chunk in memory at a time."""
    last_id = 0
    while True:
        rows = session.execute(_members_query(period).where(User.id > last_id)
                               .order_by(User.id).limit(CHUNK)).all()
        if not rows:
            return
        yield rows
        last_id = rows[-1][0].id
        for user, _hour, _weekday in rows:
            session.expunge(user)


class Run:
    """One `send_digests` run: the cutoff, a read session, summaries by window, the tallies."""

    def __init__(self, period, now, only_due_hour):
        config = current_app.config
        self.period, self.now, self.only_due_hour = period, now, only_due_hour
        self.cutoff = now - timedelta(seconds=config.get("DIGEST_GRACE_SECONDS", 60))
        self.lease = timedelta(seconds=config.get("DIGEST_CLAIM_LEASE", 600))
        self.summaries = OrderedDict()
        self.fragments = {}
        self.shells = {}
        self.tally = {"sent": 0, "skipped": 0, "failed": 0}
        self.read = Session(bind=db.engine, expire_on_commit=False, autoflush=False)
        self.write = db.engine.connect()  # for the status rows: see _finish

    def fragment(self, item, user):
        """One item rendered (text and HTML), shared by every recipient with the same language
        and time zone: most of a digest is rendered once per run, not once per member."""
        key = (item["url"], item["new_posts"], item["reply_count"], member_locale(user), user.timezone)
        if key not in self.fragments:
            if len(self.fragments) > 50_000:
                self.fragments.clear()
            text, html = render_mail("digest_item", user, item=item)
            self.fragments[key] = Fragment(text.rstrip("\n"), Markup(html))
        return self.fragments[key]

    def more_line(self, section, user):
        """The section's "and N more new threads in …" lines with their link (None when nothing
        was left out), rendered once per sector, counts and language."""
        if not section.more:
            return None
        key = (section.sector.id, section.more["new"], section.more["active"], member_locale(user), user.timezone)
        if key not in self.fragments:
            text, html = render_mail("digest_more", user, sector=section.sector, more=section.more,
                                     url=f"/sectors/{section.sector.slug}")
            self.fragments[key] = Fragment(text.rstrip("\n"), Markup(html))
        return self.fragments[key]

    def shell(self, user, summary, unread, follows_nothing):
        """The digest around its sections, split where they go: the heading, the window's dates,
        the unread count and the footer are the same for every member with the same language,
        time zone, window and count, so the translated shell is rendered once for all of them."""
        key = (member_locale(user), user.timezone, summary.start, summary.end, unread, follows_nothing)
        if key not in self.shells:
            if len(self.shells) > 10_000:
                self.shells.clear()
            text, html = render_mail("digest", user, sections=SECTIONS, unread=unread, period=self.period,
                                     start=summary.start, end=summary.end, follows_nothing=follows_nothing)
            self.shells[key] = (text.split(SECTIONS), html.split(SECTIONS))
        return self.shells[key]

    def summary(self, start, end):
        """One window's summary, shared by every member with that window (digests cost less)."""
        key = (start, end)
        if key not in self.summaries:
            if len(self.summaries) >= 8:
                self.summaries.popitem(last=False)
            self.summaries[key] = summarize(self.read, start, end)
        return self.summaries[key]


def send_digests(period, now=None, only_due_hour=False, progress=None):
    """Send every due digest of `period`; returns the tally {"sent", "skipped", "failed"}."""
    if period not in PERIODS:
        raise ValueError(period)
    run = Run(period, now or utcnow(), only_due_hour)
    try:
        with mail.connection() as conn:
            for rows in _stream_members(run.read, period):
                _chunk(run, conn, rows)
                if progress:
                    progress(len(rows))
    finally:
        run.read.close()
        run.write.close()
    return run.tally


def _chunk(run, conn, rows):
    wanted = {}
    for user, hour, weekday in rows:
        local = local_now(member_zone(user), run.now)
        day = latest_due_day(run.period, hour, weekday, local)
        if run.only_due_hour and day != local.date():  # the scheduler: only on the due day, from the hour
            run.tally["skipped"] += 1
            continue
        wanted[user.id] = (user, window_key(run.period, day))
    claims = _claim(run, {uid: key for uid, (user, key) in wanted.items()})
    run.tally["skipped"] += len(wanted) - len(claims)
    if not claims:
        return
    follows = _follows(run.read, list(claims))
    unread = dict(run.read.execute(select(Notification.user_id, func.count(Notification.id)).where(
        Notification.user_id.in_(list(claims)), Notification.read_at.is_(None))
        .group_by(Notification.user_id)).all())
    run.read.commit()
    for user_id, (row_id, start, end) in claims.items():
        user = wanted[user_id][0]
        status = _deliver(run, conn, user, row_id, run.summary(start, end),
                          follows.get(user_id, Follows()), unread.get(user_id, 0))
        run.tally["skipped" if status == "empty" else status] += 1


def _claim(run, keys):
    """The decision, in one transaction: {user_id: (row_id, start, end)} of digests to build."""
    if not keys:
        return {}
    claims, ids = {}, list(keys)
    with transaction() as session:
        rows = session.scalars(select(DigestSend).where(DigestSend.user_id.in_(ids), or_(
            DigestSend.status.in_(("pending", "failed")),
            (DigestSend.period == run.period) & DigestSend.window_key.in_(set(keys.values()))))).all()
        marks = {w.user_id: w for w in session.scalars(
            select(DigestWatermark).where(DigestWatermark.user_id.in_(ids)))}
        by_user = {}
        for row in rows:
            by_user.setdefault(row.user_id, []).append(row)
        for user_id, key in keys.items():
            claim = _claim_one(session, run, user_id, key, by_user.get(user_id, []), marks.get(user_id))
            if claim:
                claims[user_id] = claim
        session.flush()
        claims = {uid: (row.id, start, end) for uid, (row, start, end) in claims.items()}
    return claims


def _claim_one(session, run, user_id, key, rows, mark):
    current = next((r for r in rows if r.period == run.period and r.window_key == key), None)
    if current is not None and (current.status in DONE or current.status == "superseded" or (
            current.status == "pending" and current.claimed_at and current.claimed_at > run.now - run.lease)):
        return None  # done, or being sent by another run right now
    earlier = [r for r in rows if r is not current and r.status in ("pending", "failed")
               and not (r.status == "pending" and r.claimed_at and r.claimed_at > run.now - run.lease)]
    default_start = mark.covered_until if mark else run.cutoff - PERIODS[run.period]
    start = min([r.window_start for r in earlier] + [current.window_start if current else default_start])
    for row in earlier:
        row.status = "superseded"
    if current is None:
        end = max(run.cutoff, start)
        current = DigestSend(user_id=user_id, period=run.period, window_key=key, window_start=start,
                             window_end=end, status="pending")
        session.add(current)
        if mark is None:
            session.add(DigestWatermark(user_id=user_id, covered_until=end))
        else:
            mark.covered_until = max(mark.covered_until, end)
    current.window_start, current.status, current.claimed_at = start, "pending", run.now
    return current, start, current.window_end


def _follows(session, user_ids):
    result = {}
    for user_id, kind, target_id, level in session.execute(
            select(Subscription.user_id, Subscription.target_type, Subscription.target_id, Subscription.level)
            .where(Subscription.user_id.in_(user_ids))):
        result.setdefault(user_id, Follows()).add(kind, target_id, level)
    return result


def _deliver(run, conn, user, row_id, summary, follows, unread):
    """Build, send and record one digest; returns "sent", "empty" or "failed"."""
    try:
        sections = pick(user, summary, follows)
        if not sections:
            _finish(run, row_id, "empty")
            return "empty"
        count = sum(len(section.items) for section in sections)
        with mail_locale(user):
            subject = _digest_subject(run.period, sections)
        groups = [(section.sector, [run.fragment(item, user) for item in section.items],
                   run.more_line(section, user)) for section in sections]
        with mail_locale(user):  # sector headings are translated
            rendered = render_fragment("digest_sections", groups=groups)
        text, html = _assemble(run.shell(user, summary, unread, not follows.anything), rendered)
        message = mail.compose(to=user.email, name=user.name, subject=subject, text=text, html=html,
                               unsubscribe=(user.id, "digest"),
                               message_id=f"<digest-{row_id}@{sender_address().domain}>")
        conn.send(message)
    except mail.DeliveryError as error:
        log.warning("digest for member %s failed: %s", user.id, error)
        _finish(run, row_id, "failed", error=str(error)[:500])
        return "failed"
    _finish(run, row_id, "sent", item_count=count)
    return "sent"


def _assemble(shell, sections):
    """(text, html): each shell joined around the member's sections."""
    (text_before, text_after), (html_before, html_after) = shell
    return text_before + sections[0] + text_after, html_before + sections[1] + html_after


def _digest_subject(period, sections):
    from flask_babel import _

    first = next(section.items[0] for section in sections if section.items)["title"]
    if period == "daily":
        return _("Praxis daily digest: %(title)s", title=first)
    return _("Praxis weekly digest: %(title)s", title=first)


def _outcome_statement(sent):
    """UPDATE of one send-log row, built once: building it per member cost more than running it."""
    table = DigestSend.__table__
    values = {"status": bindparam("new_status"), "error": bindparam("new_error"), "attempts": table.c.attempts + 1}
    if sent:
        values.update(sent_at=bindparam("new_sent_at"), item_count=bindparam("new_item_count"))
    return update(table).where(table.c.id == bindparam("row_id")).values(**values)


_RECORD_SENT, _RECORD_OTHER = _outcome_statement(True), _outcome_statement(False)


def _finish(run, row_id, status, error="", item_count=0):
    """Record one member's outcome in its own short transaction, right after SMTP answered.

    It runs on the run's own Core connection: one UPDATE and a commit, without checking out a
    connection and flushing an ORM session each time (that cost as much as composing the mail).
    """
    params = {"row_id": row_id, "new_status": status, "new_error": error}
    if status == "sent":
        params.update(new_sent_at=utcnow(), new_item_count=item_count)
    token = writing.set(True)  # BEGIN IMMEDIATE on SQLite, as every write transaction
    try:
        with run.write.begin():
            run.write.execute(_RECORD_SENT if status == "sent" else _RECORD_OTHER, params)
    finally:
        writing.reset(token)
