"""What people do, in a real browser against the real server."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import active_element

pytestmark = pytest.mark.browser

MARKDOWN = """Our **VET** school tried three things:

- peer review
- `portfolio` templates

```
print("fenced code")
```
"""


def _register(page, username):
    page.goto("/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email", exact=True).fill(f"{username}@example.eu")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto("/login")  # registering no longer signs in (the answer must equal a taken address's)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def _start_thread(page, title):
    page.get_by_role("navigation", name="Sectors").get_by_role(
        "link", name="Vocational education and training").click()
    page.get_by_role("link", name="New thread").click()
    page.get_by_label("Title").fill(title)
    page.get_by_label("Message").fill(MARKDOWN)
    page.get_by_label("Tags").fill("vet, peer-review")
    page.get_by_role("button", name="Create thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _find_with_the_search_box(page, words, title, attempts=20):
    """Search from the header box; the index is written just after the commit, so retry briefly."""
    for _ in range(attempts):
        box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
        box.fill(words)
        box.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Search")
        hit = page.locator(".search-result .result-title a", has_text=title)
        if hit.count():
            hit.first.click()
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"'{title}' was never found by searching for '{words}'")


def _post(page, number):
    return page.locator(f"article.post[data-post-number='{number}']")


def test_member_registers_starts_a_thread_replies_quotes_edits_and_signs_out(page):
    _register(page, "elena")
    _start_thread(page, "Peer review in apprenticeships")
    first = _post(page, 1)
    expect(first.locator(".post-body strong")).to_have_text("VET")
    expect(first.locator(".post-body li")).to_have_count(2)
    expect(first.locator(".post-body pre code")).to_contain_text('print("fenced code")')
    for tag in ("vet", "peer-review"):
        expect(page.locator(".thread-head .tag", has_text=tag)).to_have_count(1)

    page.locator("#reply").get_by_label("Message").fill("A first *reply*.")
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    expect(_post(page, 2).locator(".post-body em")).to_have_text("reply")

    first.get_by_role("link", name=re.compile("^Quote")).click()
    message = page.get_by_label("Message")
    expect(message).to_have_value(re.compile(r"^elena \[wrote\]\(.*\):\n> Our \*\*VET\*\*", re.S))
    message.press("Control+End")
    page.keyboard.type("I agree with this.")
    page.get_by_role("button", name="Post reply").click()
    expect(_post(page, 3).locator(".post-body blockquote")).to_contain_text("Our VET school")
    expect(_post(page, 3).locator(".post-body")).to_contain_text("I agree with this.")

    _post(page, 2).get_by_role("link", name=re.compile("^Edit")).click()
    page.get_by_label("Edit message").fill("A first *reply*, corrected.")
    page.get_by_role("button", name="Save").click()
    expect(_post(page, 2).locator(".post-body")).to_have_text("A first reply, corrected.")
    _post(page, 2).get_by_role("link", name="edited").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revision history")
    expect(page.locator(".revision .post-body")).to_contain_text("A first reply.")

    _find_with_the_search_box(page, "peer review apprenticeships", "Peer review in apprenticeships")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_member_signs_in_with_the_form_and_lands_where_they_wanted(page, server):
    page.goto(f"/threads/{server.ids['short_thread']}")
    page.get_by_role("link", name="Sign in to reply").click()
    page.get_by_label("Username").fill("ben")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"/threads/{server.ids['short_thread']}"))
    expect(page.locator("#reply").get_by_label("Message")).to_be_visible()


def _tab_to(page, predicate, limit=120, key="Tab"):
    """Press Tab until the focused element matches; returns the focus path taken."""
    path = []
    for _ in range(limit):
        page.keyboard.press(key)
        active = active_element(page)
        path.append(active)
        if active and predicate(active):
            return path
    raise AssertionError(f"never reached the element; last focus: {path[-5:]}")


def test_the_whole_reply_flow_works_with_the_keyboard_only(new_context, server):
    page = new_context(user="ben").new_page()
    page.goto(f"/threads/{server.ids['short_thread']}")
    page.keyboard.press("Tab")
    assert active_element(page)["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "main"

    _tab_to(page, lambda a: a["tag"] == "textarea")
    page.keyboard.type("Typed **without** a mouse.")
    _tab_to(page, lambda a: a["text"] == "Post reply")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    new_post = page.locator("article.post").last
    expect(new_post.locator(".post-body strong")).to_have_text("without")

    # Quote the first post with the keyboard: focus the Quote link, Enter, type, submit with Space.
    page.goto(f"/threads/{server.ids['short_thread']}")
    _tab_to(page, lambda a: (a["text"] or "").startswith("Quote"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Message")).to_have_value(re.compile(r"\[wrote\]"))
    _tab_to(page, lambda a: a["tag"] == "textarea")
    page.keyboard.press("Control+End")
    page.keyboard.type("Quoted by keyboard.")
    _tab_to(page, lambda a: a["text"] == "Post reply")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"#post-\d+$"))
    quoting = page.locator("article.post").last.locator(".post-body")
    expect(quoting.locator(":scope > blockquote")).to_contain_text("We moved our apprentices")
    expect(quoting).to_contain_text("Quoted by keyboard.")


def _open_live(page, path):
    """Open a live page and wait until its socket has joined (the presence line appears)."""
    page.goto(path)
    expect(page.locator(".live-presence")).to_contain_text("reading now")
    page.evaluate("window.__notReloaded = true")


def test_a_second_reader_sees_a_new_reply_appear_without_reloading_and_hears_it(new_context, server):
    path = f"/threads/{server.ids['short_thread']}"
    reader = new_context(user="anna").new_page()
    _open_live(reader, path)
    writer = new_context(user="ben").new_page()
    writer.goto(path)
    writer.locator("#reply").get_by_label("Message").fill("Live from **Ben**.")
    writer.get_by_role("button", name="Post reply").click()
    expect(writer).to_have_url(re.compile(r"#post-\d+$"))

    newest = reader.locator("article.post").last
    expect(newest.locator(".post-body strong")).to_have_text("Ben")
    expect(reader.locator("[aria-live=polite]", has_text="New reply from Ben Murphy")).to_have_count(1)
    assert reader.evaluate("window.__notReloaded === true"), "the page was reloaded"


def test_a_moderator_hides_a_post_and_it_disappears_for_the_other_reader(new_context, server):
    path = f"/threads/{server.ids['long_thread']}"
    reader = new_context(user="anna").new_page()
    _open_live(reader, path)
    expect(_post(reader, 4).locator(".post-body")).to_contain_text("Reply 4:")

    moderator = new_context(user="mia").new_page()
    moderator.goto(path)
    _post(moderator, 4).get_by_role("link", name="Hide post #4").click()
    moderator.get_by_label("Reason").fill("Off-topic advertising.")
    moderator.get_by_role("button", name="Confirm").click()
    expect(moderator.locator(".flash")).to_contain_text("Done")

    expect(reader.get_by_text("Reply 4:")).to_have_count(0)
    expect(_post(reader, 4)).to_contain_text("hidden by a moderator")
    assert reader.evaluate("window.__notReloaded === true"), "the page was reloaded"
    reader.reload()
    expect(_post(reader, 4).locator(".post-body")).to_have_count(0)
