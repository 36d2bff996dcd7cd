"""Weekly digests on the member's weekday and hour, in their zone: scheduler runs at explicit
instants through a real SMTP server."""
from datetime import datetime, timedelta

import pytest

from forum.cli import scheduler
from forum.core.errors import ValidationError
from forum.services import digests, subscriptions
from forum.core.transaction import transaction
from models import DigestSend, DigestWatermark, db
from tests.forum.conftest import text_of


def at(text):
    """A naive-UTC instant, as the app stores them."""
    return datetime.fromisoformat(text)


def written_at(when):
    """Every post and thread so far was written at `when` (the tests' clock is explicit)."""
    with transaction() as session:
        session.execute(db.text("UPDATE posts SET created_at = :t"), {"t": when})
        session.execute(db.text("UPDATE threads SET created_at = :t"), {"t": when})


def tick(when, period="weekly"):
    """What the in-process scheduler does each minute for `period`, at instant `when`."""
    return digests.send_digests(period, now=when, only_due_hour=True)["sent"]


@pytest.fixture
def news(verified_user, make_thread):
    """A writer and one thread in the school sector."""
    author = verified_user("writer", verified=False)
    return make_thread(author, sector="school", title="Tablets in class", body="Which tablets work?")


def test_scheduler_waits_for_monday_at_eight_local_instead_of_mailing_at_once(app, smtp, news, verified_user):
    reader = verified_user("reader", timezone="Europe/Brussels")  # no settings: weekly, Monday, 08:00
    written_at(at("2027-03-17 12:00"))
    scheduler.run_once(app, now=at("2027-03-19 02:47"))  # a Friday, 03:47 in Brussels
    assert smtp.to(reader.email) == []
    assert tick(at("2027-03-22 06:59")) == 0  # Monday 07:59 CET
    assert tick(at("2027-03-22 07:00")) == 1  # Monday 08:00 CET
    assert "Tablets in class" in text_of(smtp.to(reader.email)[0])
    assert tick(at("2027-03-22 07:01")) == 0 and tick(at("2027-03-24 09:00")) == 0


def test_the_local_hour_holds_across_a_daylight_saving_change(smtp, news, verified_user, make_post):
    reader = verified_user("reader", timezone="Europe/Brussels")
    written_at(at("2027-03-17 12:00"))
    assert tick(at("2027-03-22 07:00")) == 1  # 08:00 CET (UTC+1)
    make_post(news.author, news, body="After the clocks went forward.")
    written_at(at("2027-03-25 12:00"))
    assert tick(at("2027-03-27 10:00")) == 0  # Saturday
    assert tick(at("2027-03-29 05:59")) == 0  # clocks went forward on Sunday 28: 07:59 CEST
    assert tick(at("2027-03-29 06:00")) == 1  # 08:00 CEST (UTC+2), an hour earlier in UTC
    assert len(smtp.to(reader.email)) == 2


def test_an_hour_skipped_by_the_clock_change_is_sent_when_the_clock_passes_it(smtp, news, verified_user):
    reader = verified_user("reader", timezone="Europe/Brussels")
    subscriptions.save_preferences(reader, digest_weekday=6, digest_hour=2)  # Sundays at 02:00
    written_at(at("2027-03-25 12:00"))
    assert tick(at("2027-03-28 00:59")) == 0  # 01:59 CET; 02:00 never happens that night
    assert tick(at("2027-03-28 01:00")) == 1  # 03:00 CEST


def test_a_zone_far_east_of_utc_gets_its_monday_digest_on_sunday_utc(smtp, news, verified_user):
    verified_user("reader", timezone="Pacific/Kiritimati")  # UTC+14
    written_at(at("2027-03-17 12:00"))
    assert tick(at("2027-03-19 10:00")) == 0  # Friday everywhere
    assert tick(at("2027-03-21 17:59")) == 0  # Monday 07:59 on Kiritimati
    assert tick(at("2027-03-21 18:00")) == 1  # Monday 08:00 there, still Sunday in UTC


def test_a_zone_far_west_of_utc_waits_for_its_own_monday(smtp, news, verified_user):
    verified_user("reader", timezone="Pacific/Pago_Pago")  # UTC-11
    written_at(at("2027-03-17 12:00"))
    assert tick(at("2027-03-22 10:00")) == 0  # Monday in UTC, Sunday 23:00 in Pago Pago
    assert tick(at("2027-03-22 18:59")) == 0  # Monday 07:59 there
    assert tick(at("2027-03-22 19:00")) == 1


def test_weekly_digest_comes_on_the_chosen_weekday(smtp, news, verified_user):
    reader = verified_user("reader", timezone="Asia/Tokyo")
    subscriptions.save_preferences(reader, digest_weekday=2, digest_hour=18)  # Wednesdays, 18:00
    written_at(at("2027-03-17 12:00"))
    assert tick(at("2027-03-21 23:00")) == 0  # Monday 08:00 in Tokyo: not their day
    assert tick(at("2027-03-24 08:59")) == 0  # Wednesday 17:59
    assert tick(at("2027-03-24 09:00")) == 1
    assert db.session.scalar(db.select(DigestSend.window_key)) == "2027-W12-3"


def test_member_who_switches_to_weekly_mid_week_waits_for_the_day_and_misses_no_post(
        smtp, news, verified_user, make_post):
    reader = verified_user("reader", timezone="UTC")
    subscriptions.save_preferences(reader, digest_frequency="daily", digest_hour=8)
    subscriptions.set_level(reader, "thread", news.id, "track")
    written_at(at("2027-03-22 12:00"))
    assert tick(at("2027-03-23 08:00"), "daily") == 1  # Tuesday's daily digest
    subscriptions.save_preferences(reader, digest_frequency="weekly")  # on Tuesday: Mondays at 08:00
    make_post(news.author, news, body="Written on Wednesday.")
    with transaction() as session:
        session.execute(db.text("UPDATE posts SET created_at = :t WHERE number = 2"), {"t": at("2027-03-24 12:00")})
    for when in ("2027-03-25 09:00", "2027-03-28 23:59"):
        assert tick(at(when)) == 0, when
    assert tick(at("2027-03-29 08:00")) == 1
    assert "Written on Wednesday." in text_of(smtp.to(reader.email)[-1])


def test_settings_offer_the_weekday_named_in_the_members_language(app, client, verified_user):
    from forum.services import languages

    anna = verified_user("anna", language="de")
    languages.set_interface_language(anna, "de")
    client.login("anna")
    page = client.get("/settings").get_data(as_text=True)
    assert '<label for="digest_weekday">' in page and 'aria-describedby="digest_weekday-hint"' in page
    assert '<option selected value="0">Montag</option>' in page and ">Mittwoch<" in page
    response = client.submit("/settings", {"digest_frequency": "weekly", "digest_hour": "7", "digest_weekday": "4"})
    assert response.status_code == 302
    prefs = subscriptions.preferences_of(anna.id)
    assert (prefs.digest_weekday, prefs.digest_hour) == (4, 7)
    bad = client.submit("/settings", {"digest_frequency": "weekly", "digest_hour": "9", "digest_weekday": "9"})
    assert bad.status_code == 422 and 'id="digest_weekday-error"' in bad.get_data(as_text=True)
    assert subscriptions.preferences_of(anna.id).digest_hour == 7
    with pytest.raises(ValidationError):
        subscriptions.save_preferences(anna, digest_hour=9, digest_weekday=7)
    assert subscriptions.preferences_of(anna.id).digest_hour == 7


def test_english_settings_name_the_weekdays_in_english(client, verified_user):
    verified_user("anna")
    client.login("anna")
    page = client.get("/settings").get_data(as_text=True)
    assert ">Monday<" in page and ">Sunday<" in page


def test_demo_accounts_get_nothing_on_the_first_run_and_later_only_what_is_new(app, smtp, make_post):
    from forum.services.demo import seed_demo
    from models import Thread

    seeded = at("2027-03-22 07:30")
    result = seed_demo(now=seeded)
    assert db.session.scalar(db.select(db.func.count(DigestWatermark.user_id))) == result.users
    tally = digests.send_digests("weekly", now=seeded + timedelta(minutes=5))
    assert smtp.messages == [] and tally["sent"] == 0 and tally["skipped"] == result.users
    thread = db.session.scalars(db.select(Thread).order_by(Thread.id)).first()
    reply = make_post(thread.author, thread, body="A reply written after the seed.")
    with transaction() as session:
        session.execute(db.text("UPDATE posts SET created_at = :t WHERE id = :id"),
                        {"t": seeded + timedelta(days=2), "id": reply.id})
    digests.send_digests("weekly", now=seeded + timedelta(days=7, minutes=5))
    assert len(smtp.messages) == result.users
    text = text_of(smtp.messages[0][1])
    assert thread.title in text and text.count("\n* ") == 1


def test_cli_on_schedule_sends_only_to_members_whose_day_and_hour_it_is(app, smtp, news, verified_user):
    from forum.services.digest_schedule import local_now
    from forum.services.mailing import member_zone
    from models import utcnow

    app.config["DIGEST_GRACE_SECONDS"] = 0
    today, tomorrow = verified_user("today", timezone="UTC"), verified_user("tomorrow", timezone="UTC")
    weekday = local_now(member_zone(today), utcnow()).weekday()
    subscriptions.save_preferences(today, digest_weekday=weekday, digest_hour=0)
    subscriptions.save_preferences(tomorrow, digest_weekday=(weekday + 1) % 7, digest_hour=0)
    result = app.test_cli_runner().invoke(args=["digest", "send", "--period", "weekly", "--on-schedule"])
    assert result.exit_code == 0, result.output
    assert "Sent 1, skipped 1, failed 0." in result.output and smtp.recipients == ["today@example.eu"]
