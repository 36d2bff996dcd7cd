"""live.js in a real Chromium against the real server: replies appear in place and are
announced, list pages offer a "N new — show" bar, and the strict CSP reports nothing."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium(browser):
    """The session's one Chromium (tests/browser.py): Playwright's sync API allows one instance."""
    return browser


@pytest.fixture
def page(chromium, live):
    context = chromium.new_context(base_url=live.base)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def sign_in(page, username):
    page.goto("/login")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", "correct horse battery")
    page.click("main form [type=submit]")
    page.wait_for_load_state()


def test_a_reply_appears_in_place_and_is_announced(live, page):
    live.user("rosa"), live.user("sven", display_name="Sven S.")
    thread_id = live.thread("rosa")
    sign_in(page, "rosa")
    page.goto(f"/threads/{thread_id}")
    page.wait_for_selector(".live-presence:has-text('reading now')")

    post_id = live.reply("sven", thread_id, "Greetings from the **live** side")

    article = page.wait_for_selector(f"#post-{post_id}")
    assert "Greetings from the live side" in article.inner_text()
    page.wait_for_selector("[aria-live=polite]:has-text('New reply from Sven S.')", state="attached")
    # Signed in: the neutral fragment is swapped for the reader's own, with its controls.
    page.wait_for_selector(f"#post-{post_id} a.quote-link")
    assert page.errors == []


def test_a_sector_page_offers_new_threads_instead_of_moving_rows(live, page):
    live.user("tara")
    page.goto("/sectors/vet")
    page.wait_for_function("document.getElementById('live-script') !== null")
    page.wait_for_timeout(500)  # connected and joined

    live.thread("tara", title="A brand new live thread", sector="vet")

    bar = page.wait_for_selector(".live-bar button")
    assert "1 new" in bar.inner_text()
    assert page.query_selector("text=A brand new live thread") is None
    bar.click()
    page.wait_for_selector(".thread-list >> text=A brand new live thread")
    assert page.errors == []


def test_a_merged_thread_tells_its_reader_where_it_went(live, page):
    from forum.services import reading
    from forum.services.moderation.merge import merge_threads

    live.user("uma"), live.user("mod2", role="moderator")
    source, target = live.thread("uma", title="Merged away soon"), live.thread("uma", title="The big one")
    sign_in(page, "uma")
    page.goto(f"/threads/{source}")
    page.wait_for_selector(".live-presence:has-text('reading now')")

    live.run(lambda: merge_threads(reading.get_user("mod2"), source, target))

    notice = page.wait_for_selector(".live-removed[role=alert]")
    assert "merged this thread into another one" in notice.inner_text()
    assert notice.query_selector("a").get_attribute("href").startswith(f"/threads/{target}")
    assert page.query_selector("form[action*='/reply']").is_hidden()
    assert page.errors == []
