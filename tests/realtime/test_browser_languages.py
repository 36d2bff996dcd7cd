"""live.js in another language: announcements and plurals in the reader's language, and a
visitor's live posts swapped for the fragment in their language (events carry English chrome)."""
import pytest

pytestmark = pytest.mark.browser

GERMAN_DAYS = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag"


@pytest.fixture
def german_page(browser, live):
    context = browser.new_context(base_url=live.base, locale="de-DE",
                                  extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def test_a_german_visitor_hears_live_news_in_german(live, german_page):
    page = german_page
    live.user("rosa"), live.user("sven", display_name="Sven S.")
    thread_id = live.thread("rosa")
    page.goto(f"/threads/{thread_id}")
    page.wait_for_selector(".live-presence:has-text('Person liest gerade')")

    post_id = live.reply("sven", thread_id, "Grüße von der **Live**-Seite")

    page.wait_for_selector(f"#post-{post_id}")
    page.wait_for_selector("[aria-live=polite]:has-text('Neue Antwort von Sven S.')", state="attached")
    page.wait_for_function(
        f"() => /{GERMAN_DAYS}/.test(document.querySelector('#post-{post_id} time').title)", timeout=5000)
    assert page.errors == []


def test_a_german_visitor_gets_live_list_rows_in_german(live, german_page):
    page = german_page
    live.user("tara")
    page.goto("/sectors/vet")
    page.wait_for_function("document.getElementById('live-script') !== null")
    page.wait_for_timeout(500)  # connected and joined

    live.thread("tara", title="Ein ganz neuer Live-Faden", sector="vet")

    page.wait_for_selector(".live-bar button").click()  # at once: the German row may still be on its way
    page.wait_for_selector(".thread-row:has-text('Ein ganz neuer Live-Faden'):has-text('Letzter Beitrag')")
    assert "Last post" not in page.inner_text(".thread-list")
    assert page.errors == []
