"""live.js in a real Chromium against the real server: replies appear in place and are
announced, list pages offer a "N new — show" bar, and the strict CSP reports nothing."""
import pytest

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-default-apps", "--disable-extensions"]


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    import shutil

    if not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        yield browser
        browser.close()


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
    page.click("form [type=submit]")
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
