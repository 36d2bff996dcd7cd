"""Mail goes out in each recipient's language and time zone, and a forced locale stays put."""
import threading
from datetime import datetime, timedelta

from flask_babel import force_locale, get_locale

from forum.services import digests, immediate, languages, subscriptions
from forum.services.mailing import render_mail
from models import utcnow
from tests.forum.conftest import html_of, text_of


def test_digests_go_out_in_each_recipients_language(app, smtp, verified_user, make_thread):
    author = verified_user("writer")
    german, french, english = verified_user("greta"), verified_user("france"), verified_user("eddie")
    languages.set_interface_language(german, "de")
    languages.set_interface_language(french, "fr")
    make_thread(author, sector="vet", title="Apprenticeships online")
    assert digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))["sent"] == 4
    (de,), (fr,), (en,) = smtp.to("greta@example.eu"), smtp.to("france@example.eu"), smtp.to("eddie@example.eu")
    assert de["Subject"] == "Wöchentliche Praxis-Zusammenfassung: Apprenticeships online"
    assert "Ihre wöchentliche Praxis-Zusammenfassung" in text_of(de) and "Neues zwischen" in text_of(de)
    assert "Häufigkeit ändern" in html_of(de)
    assert fr["Subject"] == "Récapitulatif hebdomadaire Praxis : Apprenticeships online"
    assert "Votre récapitulatif hebdomadaire Praxis" in text_of(fr)
    assert en["Subject"] == "Praxis weekly digest: Apprenticeships online"


def test_without_an_interface_language_mail_follows_the_language_members_write_in(app, smtp, verified_user,
                                                                                   make_thread):
    verified_user("schreiber", language="de")
    make_thread(verified_user("writer"), title="Tablets in class")
    digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))
    assert smtp.to("schreiber@example.eu")[0]["Subject"].startswith("Wöchentliche Praxis-Zusammenfassung")


def test_immediate_email_is_in_german_with_a_german_date_in_the_members_zone(app, smtp, verified_user,
                                                                              make_thread, make_post):
    app.config.update(IMMEDIATE_EMAIL_DELAY=60, IMMEDIATE_EMAIL_INTERVAL=900)
    anna, bernd = verified_user("anna"), verified_user("bernd", timezone="Europe/Berlin")
    languages.set_interface_language(bernd, "de")
    thread = make_thread(anna, title="Watched thread")
    subscriptions.set_level(bernd, "thread", thread.id, "watch")
    make_post(anna, thread, body="News.")
    assert immediate.send_due(utcnow() + timedelta(seconds=61))["sent"] == 1
    text = text_of(smtp.to("bernd@example.eu")[0])
    assert "Neu in „Watched thread“" in text and "anna schrieb" in text
    assert "Sie erhalten dies, weil Sie dieses Thema" in text


def test_mail_dates_use_the_recipients_locale_and_zone(app, verified_user):
    member = verified_user("zeit", timezone="Europe/Berlin")
    languages.set_interface_language(member, "de")
    moment = datetime(2026, 3, 5, 17, 30)  # stored as naive UTC
    text, _html = render_mail("immediate", member, thread=type("T", (), {"title": "T"})(),
                              items=[{"author": "a", "excerpt": "x", "url": "/x", "created_at": moment}])
    assert "05.03.26, 18:30" in text  # German short format, 18:30 in Berlin (UTC+1 in March)


def test_a_forced_locale_does_not_leak_into_a_concurrent_request_thread(app):
    """A digest run renders in each member's language while pages are served: each has its own."""
    inside, release, seen = threading.Event(), threading.Event(), {}

    def digest_job():
        with app.app_context(), force_locale("de"):
            inside.set()
            release.wait(5)
            seen["job"] = str(get_locale())

    def page_request():
        inside.wait(5)
        with app.test_request_context("/", headers={"Accept-Language": "fr"}):
            seen["page"] = str(get_locale())
        release.set()

    workers = [threading.Thread(target=digest_job), threading.Thread(target=page_request)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    assert seen == {"job": "de", "page": "fr"}


def test_a_forced_locale_does_not_leak_between_greenlets(app):
    """Under gunicorn's gevent worker requests are greenlets sharing one thread."""
    import gevent

    seen = {}

    def digest_job():
        with app.app_context(), force_locale("de"):
            gevent.sleep(0.01)  # let the request run while the locale is forced
            seen["job"] = str(get_locale())

    def page_request():
        with app.test_request_context("/", headers={"Accept-Language": "fr"}):
            gevent.sleep(0)
            seen["page"] = str(get_locale())
        seen["after"] = True

    gevent.joinall([gevent.spawn(digest_job), gevent.spawn(page_request)], timeout=5)
    assert seen == {"job": "de", "page": "fr", "after": True}


def test_sector_names_are_translated_on_pages_and_in_digest_headings(app, client, smtp, verified_user,
                                                                    make_thread):
    html = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Berufliche Bildung" in html and "Vocational education and training" not in html
    reader = verified_user("greta")
    languages.set_interface_language(reader, "de")
    subscriptions.set_level(reader, "sector", _sector_id("vet"), "track")
    make_thread(verified_user("writer"), sector="vet", title="Apprenticeships online")
    digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))
    message = smtp.to("greta@example.eu")[0]
    assert "== Berufliche Bildung ==" in text_of(message) and "<h2>Berufliche Bildung</h2>" in html_of(message)


def _sector_id(slug):
    from forum.services import reading

    return reading.get_sector(slug).id
