"""The outbox: rows written with the change, nothing on rollback, order per target, backoff,
leases that outlive a dead process, and a use case's database consequences in its own commit."""
from datetime import timedelta

import pytest

from forum.core import outbox
from forum.core.outbox import claims, handlers
from forum.core.outbox.drainer import drain_once, owner
from forum.core.transaction import transaction
from models import Notification, OutboxEntry, Subscription, db, utcnow

PERFORMED = []


def record(**payload):
    """A test handler: remembers what it was asked to do."""
    PERFORMED.append(payload["n"])


def boom(**payload):
    raise RuntimeError("the effect fails")


@pytest.fixture
def kinds(app, captured_effects):
    PERFORMED.clear()
    handlers.register("test.record", "tests.forum.test_outbox:record", lane="live")
    handlers.register("test.boom", "tests.forum.test_outbox:boom", lane="live")
    yield captured_effects
    for kind in ("test.record", "test.boom"):
        handlers.HANDLERS.pop(kind, None)
        handlers._resolved.pop(kind, None)


def _enqueue(kind, target, n):
    with transaction():
        outbox.enqueue(kind, target, n=n)


def test_a_rollback_writes_no_outbox_row_so_nothing_is_announced(kinds, make_user, make_thread):
    thread = make_thread(make_user("anna"))
    kinds.clear()
    with pytest.raises(RuntimeError):
        with transaction():
            outbox.enqueue("test.record", "t:1", n=1)
            db.session.get(type(thread), thread.id).title = "Never saved"
            raise RuntimeError("the write fails")
    assert kinds.rows() == [] and kinds.drain() == 0 and PERFORMED == []


def test_enqueue_outside_a_write_transaction_is_refused(app):
    with pytest.raises(RuntimeError, match="inside"):
        outbox.enqueue("test.record", "t:1", n=1)


def test_a_row_waits_while_an_earlier_row_of_its_target_is_pending(kinds):
    for n, target in ((1, "t:a"), (2, "t:a"), (3, "t:b")):
        _enqueue("test.record", target, n)
    first = claims.claim("other:1:x", ["test.record"], utcnow(), 60)
    assert [row.payload["n"] for row in first] == [1, 3]  # 2 waits behind 1 (leased elsewhere)
    assert kinds.drain() == 0 and PERFORMED == []
    claims.complete("other:1:x", [row.id for row in first])
    assert kinds.drain() == 1 and PERFORMED == [2]


def test_a_lease_of_a_dead_process_expires_and_another_drain_takes_the_row(kinds):
    _enqueue("test.record", "t:a", 1)
    claims.claim("dead:1:x", ["test.record"], utcnow(), 30)  # claimed, then the process died
    assert kinds.drain() == 0
    assert kinds.drain(now=utcnow() + timedelta(seconds=31)) == 1 and PERFORMED == [1]
    assert kinds.rows() == []


def test_a_failed_row_is_retried_with_growing_delays_then_kept_aside(kinds, app):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 3
    _enqueue("test.boom", "t:a", 1)
    _enqueue("test.record", "t:a", 2)  # same target: waits for the failing row
    now = utcnow()
    assert drain_once("live", now=now) == 1
    row = db.session.scalar(db.select(OutboxEntry).where(OutboxEntry.kind == "test.boom"))
    assert row.attempts == 1 and row.leased_until is None and "the effect fails" in row.last_error
    assert row.available_at == now + timedelta(seconds=2)
    assert drain_once("live", now=now + timedelta(seconds=1)) == 0  # backing off
    assert drain_once("live", now=now + timedelta(seconds=3)) == 1  # second attempt, 4 s more
    assert drain_once("live", now=now + timedelta(seconds=8)) == 1  # third: given up
    db.session.expire_all()
    row = db.session.get(OutboxEntry, row.id)
    assert row.failed_at is not None and row.attempts == 3
    assert drain_once("live", now=now + timedelta(seconds=9)) == 1 and PERFORMED == [2]  # no longer blocks


def test_a_lease_taken_over_is_not_deleted_by_its_former_owner(kinds):
    _enqueue("test.record", "t:a", 1)
    (row,) = claims.claim("slow:1:x", ["test.record"], utcnow(), 1)
    later = utcnow() + timedelta(seconds=2)
    (again,) = claims.claim(owner(), ["test.record"], later, 60)
    claims.complete("slow:1:x", [row.id])  # the slow owner finishes late
    assert [kind for kind, _t, _p in kinds.rows()] == ["test.record"]
    claims.complete(owner(), [again.id])
    assert kinds.rows() == []


def test_a_reply_commits_its_notifications_tracking_and_effects_together(captured_effects, verified_user,
                                                                         make_thread, make_post):
    anna, bob = verified_user("anna"), verified_user("bob")
    thread = make_thread(anna)
    captured_effects.clear()
    from sqlalchemy import event

    commits, wrote = [], []

    def statement(_conn, _cursor, sql, *_args):
        if sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            wrote.append(sql)

    def commit(_conn):
        if wrote:
            commits.append(list(wrote))
            wrote.clear()

    event.listen(db.engine, "before_cursor_execute", statement)
    event.listen(db.engine, "commit", commit)
    try:
        post = make_post(bob, thread, body="A reply with its consequences.")
    finally:
        event.remove(db.engine, "before_cursor_execute", statement)
        event.remove(db.engine, "commit", commit)
    assert len(commits) == 1  # one write transaction (it used to take three)
    assert db.session.scalar(db.select(Notification.user_id).where(Notification.post_id == post.id)) == anna.id
    assert db.session.scalar(db.select(Subscription.level).where(
        Subscription.user_id == bob.id, Subscription.target_id == thread.id)) == "track"
    assert captured_effects.kinds() == ["search.update", "live.post_created", "live.notification_created"]
    assert [target for _k, target, _p in captured_effects.rows()] == [
        f"search:post:{post.id}", f"live:thread:{thread.id}", f"live:user:{anna.id}"]
