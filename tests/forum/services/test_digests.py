"""Digests through a real SMTP server: who gets what, exactly once."""
from datetime import timedelta

import pytest

from forum.services import digests, subscriptions
from forum.core.transaction import transaction
from models import DigestSend, db, utcnow
from tests.forum.conftest import html_of, text_of


def run(period="weekly", later=timedelta(minutes=5), **kw):
    """Send digests as if it were `later` from now (past the cutoff grace period)."""
    return digests.send_digests(period, now=utcnow() + later, **kw)


def sector_id(slug):
    from forum.services import reading

    return reading.get_sector(slug).id


@pytest.fixture
def forum(verified_user, make_thread, make_post):
    """An author, a reader and threads in two sectors."""
    author = verified_user("writer", verified=False, display_name="Wanda Writer")
    reader = verified_user("reader")
    vet = make_thread(author, sector="vet", title="Apprenticeships online", body="Simulators for welding **now**.")
    school = make_thread(author, sector="school", title="Tablets in class", body="Which tablets work?")
    make_post(author, school, body="We use rugged ones.")
    return author, reader, vet, school


def test_digest_lists_followed_sectors_grouped_with_title_excerpt_author_replies_and_link(smtp, forum):
    author, reader, vet, school = forum
    subscriptions.set_level(reader, "sector", sector_id("vet"), "track")
    subscriptions.set_level(reader, "sector", sector_id("school"), "track")
    assert run()["sent"] == 1
    (message,) = smtp.to("reader@example.eu")
    text, html = text_of(message), html_of(message)
    assert message["Subject"].startswith("Praxis weekly digest")
    assert text.index("School education") < text.index("Vocational education and training")
    assert "Tablets in class" in text and "Apprenticeships online" in text
    assert "Simulators for welding now." in text and "Wanda Writer" in text
    assert "1 reply" in text
    assert f"https://praxis.example.eu/threads/{vet.id}/posts/" in text
    assert "<h2>School education</h2>" in html and "Simulators for welding now." in html
    assert "prefers-color-scheme: dark" in html and "<img" not in html


def test_member_following_nothing_gets_the_most_active_threads_of_all_sectors(smtp, forum):
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert "most active threads of all sectors" in text
    assert "Tablets in class" in text and "Apprenticeships online" in text


def test_followed_tag_and_tracked_thread_bring_only_their_threads(smtp, forum, make_thread, make_post):
    author, reader, vet, school = forum
    make_thread(author, sector="adult-learning", title="Open badges for adults", tags="badges")
    subscriptions.set_level(reader, "tag", db.session.scalar(db.select(db.text("id")).select_from(
        db.table("tags")).where(db.text("name = 'badges'"))), "track")
    subscriptions.set_level(reader, "thread", school.id, "track")
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert "Open badges for adults" in text and "Tablets in class" in text
    assert "Apprenticeships online" not in text


def test_muted_thread_never_appears_even_in_a_followed_sector(smtp, forum):
    author, reader, vet, school = forum
    subscriptions.set_level(reader, "sector", sector_id("school"), "track")
    subscriptions.set_level(reader, "sector", sector_id("vet"), "track")
    subscriptions.set_level(reader, "thread", school.id, "mute")
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    assert "Tablets in class" not in text and "Apprenticeships online" in text


def test_hidden_post_title_never_appears(smtp, forum, verified_user):
    author, reader, vet, school = forum
    with transaction():
        vet_first = db.session.scalar(db.select(db.text("id")).select_from(db.table("posts")).where(
            db.text(f"thread_id = {vet.id} AND number = 1")))
        db.session.execute(db.text("UPDATE posts SET hidden_at = :now WHERE id = :id"),
                           {"now": utcnow(), "id": vet_first})
    run()
    for message in smtp.to("reader@example.eu"):
        assert "Apprenticeships online" not in text_of(message) + html_of(message)
    assert "Tablets in class" in text_of(smtp.to("reader@example.eu")[0])


def test_no_email_when_nothing_is_new(smtp, forum):
    run()
    smtp.clear()
    tally = run(later=timedelta(days=1, minutes=5))
    assert smtp.messages == [] and tally["sent"] == 0 and tally["skipped"] == 1


def test_a_second_run_in_the_same_window_sends_nothing(smtp, forum):
    assert run()["sent"] == 1
    assert run(later=timedelta(minutes=6)) == {"sent": 0, "skipped": 1, "failed": 0}
    assert len(smtp.to("reader@example.eu")) == 1


def test_next_digest_starts_where_the_previous_ended_and_skips_no_post(app, smtp, forum, make_post):
    author, reader, vet, school = forum
    app.config["DIGEST_GRACE_SECONDS"] = 0
    subscriptions.set_level(reader, "thread", vet.id, "track")
    run(later=timedelta(0))
    make_post(author, vet, body="A reply after the first digest.")
    smtp.clear()
    run(later=timedelta(days=8))
    text = text_of(smtp.to("reader@example.eu")[0])
    assert "A reply after the first digest." in text and "Tablets in class" not in text


def test_unverified_members_and_never_get_no_digest(smtp, forum, verified_user):
    verified_user("unverified", verified=False)
    quiet = verified_user("quiet")
    subscriptions.save_preferences(quiet, digest_frequency="never")
    daily = verified_user("daily")
    subscriptions.save_preferences(daily, digest_frequency="daily")
    run()
    assert smtp.recipients == ["reader@example.eu"]
    run("daily")
    assert smtp.recipients == ["daily@example.eu", "reader@example.eu"]


def test_crash_after_half_the_sends_then_rerun_gives_everyone_exactly_one_digest(
        app, smtp, forum, verified_user, monkeypatch):
    from forum.adapters.mail.transport import SMTPTransport

    app.config["DIGEST_CLAIM_LEASE"] = 0  # the crashed run is dead: its claims may be taken over
    members = [verified_user(f"member{i}") for i in range(6)]
    real_send, sent = SMTPTransport.send, []

    class Crash(BaseException):
        pass

    def crashing_send(self, message):
        if len(sent) == 3:
            raise Crash()
        real_send(self, message)
        sent.append(message["To"])

    monkeypatch.setattr(SMTPTransport, "send", crashing_send)
    with pytest.raises(Crash):
        run()
    db.session.rollback()
    monkeypatch.setattr(SMTPTransport, "send", real_send)
    assert len(smtp.messages) == 3
    run(later=timedelta(minutes=7))
    everyone = ["reader@example.eu"] + [m.email for m in members]
    assert smtp.recipients == sorted(everyone)
    assert run(later=timedelta(minutes=8))["sent"] == 0


def test_smtp_failure_for_one_member_does_not_stop_the_others_and_is_retried(smtp, forum, verified_user):
    verified_user("alpha"), verified_user("omega")
    smtp.reject.add("alpha@example.eu")
    assert run() == {"sent": 2, "skipped": 0, "failed": 1}
    assert smtp.recipients == ["omega@example.eu", "reader@example.eu"]
    smtp.messages.clear()
    smtp.reject.clear()
    assert run(later=timedelta(minutes=6))["sent"] == 1
    assert smtp.recipients == ["alpha@example.eu"]
    statuses = db.session.scalars(db.select(DigestSend.status)).all()
    assert sorted(statuses) == ["sent", "sent", "sent"]


def test_failed_window_is_folded_into_the_next_digest(smtp, forum, make_post):
    author, reader, vet, school = forum
    subscriptions.set_level(reader, "thread", vet.id, "track")
    smtp.reject.add("reader@example.eu")
    run()
    smtp.reject.clear()
    run(later=timedelta(days=8))
    (message,) = smtp.to("reader@example.eu")
    assert "Apprenticeships online" in text_of(message)
    statuses = sorted(db.session.scalars(db.select(DigestSend.status)).all())
    assert statuses == ["sent", "superseded"]


def test_dates_are_in_the_recipient_time_zone(smtp, forum):
    author, reader, vet, school = forum
    from forum.services import accounts

    accounts.update_profile(reader, timezone="Asia/Tokyo")
    run()
    text = text_of(smtp.to("reader@example.eu")[0])
    expected = (utcnow() + timedelta(hours=9)).strftime("%-d, %Y")
    assert expected in text


def test_unread_notifications_are_counted(smtp, forum, make_post, verified_user, make_thread):
    author, reader, vet, school = forum
    own = make_thread(reader, sector="vet", title="Reader asks a question")
    make_post(author, own, body="An answer.")
    run()
    assert "You have 1 unread notification." in text_of(smtp.to("reader@example.eu")[0])


def test_cli_sends_with_a_progress_bar_and_a_summary(app, smtp, forum):
    app.config["DIGEST_GRACE_SECONDS"] = 0
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "weekly"])
    assert result.exit_code == 0, result.output
    assert "Weekly digests" in result.output and "Sent 1, skipped 0, failed 0." in result.output
    assert len(smtp.to("reader@example.eu")) == 1


def test_scheduler_honours_the_members_hour(app, smtp, forum):
    from forum.cli import scheduler
    from forum.services import accounts

    author, reader, vet, school = forum
    accounts.update_profile(reader, timezone="UTC")
    now = utcnow() + timedelta(minutes=5)
    if now.hour < 23:
        subscriptions.save_preferences(reader, digest_frequency="daily", digest_hour=now.hour + 1)
        assert digests.send_digests("daily", now=now, only_due_hour=True)["sent"] == 0
    subscriptions.save_preferences(reader, digest_frequency="daily", digest_hour=now.hour)
    assert digests.send_digests("daily", now=now, only_due_hour=True)["sent"] == 1
    scheduler.run_once(app)  # a tick with nothing left to send
    assert len(smtp.to("reader@example.eu")) == 1


def test_a_post_approved_after_the_window_closed_reaches_the_next_digest(app, smtp, forum, make_post):
    from forum.services import notifications

    author, reader, vet, school = forum
    app.config["DIGEST_GRACE_SECONDS"] = 0
    subscriptions.set_level(reader, "thread", vet.id, "track")
    waiting = make_post(author, vet, body="Held in the approval queue.")
    with transaction():
        waiting.pending_at = utcnow()
    run(later=timedelta(0))
    assert "Held in the approval queue." not in text_of(smtp.to("reader@example.eu")[0])
    with transaction():
        waiting.pending_at = None
        notifications.approval_decided(waiting.id, True)
    smtp.clear()
    run(later=timedelta(days=8))
    assert "Held in the approval queue." in text_of(smtp.to("reader@example.eu")[0])
