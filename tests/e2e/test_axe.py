"""axe-core on every page type, signed out and signed in, at desktop width and at 375 px:
zero WCAG 2.0/2.1 A and AA violations. Each page is also saved as a screenshot."""
import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import axe_script_path, axe_violations, sign_in

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": DESKTOP, "375px": PHONE}
USERS = {"signed-in": "anna", "moderator": "mia"}


def _goto(path, status=200):
    def visit(page, ids):
        response = page.goto(path.format(**ids))
        assert response.status == status, f"{response.url} answered {response.status}"
    return visit


def _submit_empty_reply(page, ids):
    page.goto(f"/threads/{ids['short_thread']}")
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_selector("#error-summary")


def _submit_empty_new_thread(page, ids):
    page.goto("/sectors/vet/new")
    page.get_by_role("button", name="Create thread").click()
    page.wait_for_selector("#error-summary")


def _submit_bad_registration(page, ids):
    page.goto("/register")
    page.get_by_label("Username").fill("x")
    page.get_by_label("Email", exact=True).fill("not-an-address")
    page.get_by_role("button", name="Register").click()
    page.wait_for_selector("#error-summary")


def _submit_wrong_password(page, ids):
    page.goto("/login")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("#error-summary")


def _submit_without_csrf_token(page, ids):
    """A form whose security token went missing: the 400 'Form expired' page."""
    page.goto("/login")
    page.locator("input[name=csrf_token]").evaluate("el => el.remove()")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password", exact=True).fill("whatever it is")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("text=Form expired")


def _edit_own_post(page, ids):
    page.goto(f"/threads/{ids['short_thread']}")
    page.locator(".post-actions a", has_text="Edit").first.click()
    page.wait_for_selector("h1")


# name -> (how to get there, who sees it: "any", "anonymous", "member" (signed in) or "moderator")
PAGES = {
    "home": (_goto("/"), "any"),
    "sector": (_goto("/sectors/vet"), "any"),
    "sector-empty": (_goto("/sectors/early-childhood"), "any"),
    "thread-short": (_goto("/threads/{short_thread}"), "any"),
    "thread-long": (_goto("/threads/{long_thread}"), "any"),
    "thread-long-last-page": (_goto("/threads/{long_thread}?page=3"), "any"),
    "tag": (_goto("/tags/accessibility"), "any"),
    "profile": (_goto("/users/anna"), "any"),
    "accessibility-statement": (_goto("/accessibility"), "any"),
    "not-found": (_goto("/threads/999999", 404), "any"),
    "sign-in": (_goto("/login"), "anonymous"),
    "sign-in-errors": (_submit_wrong_password, "anonymous"),
    "register": (_goto("/register"), "anonymous"),
    "register-errors": (_submit_bad_registration, "anonymous"),
    "form-expired": (_submit_without_csrf_token, "anonymous"),
    "new-thread": (_goto("/sectors/vet/new"), "member"),
    "new-thread-errors": (_submit_empty_new_thread, "member"),
    "reply-errors": (_submit_empty_reply, "member"),
    "quote-reply": (_goto("/threads/{short_thread}/reply?quote=1"), "member"),
    "edit-post": (_edit_own_post, "member"),
    "revisions": (_goto("/posts/1/revisions"), "member"),  # post 1 is anna's: its author reads its history
    "profile-edit": (_goto("/profile"), "member"),
    "flag-post": (_goto("/posts/{member_post}/flag"), "member"),
    "thread-long-moderator": (_goto("/threads/{long_thread}"), "moderator"),
    "moderation-dashboard": (_goto("/moderation"), "moderator"),
    "moderation-flags": (_goto("/moderation/flags"), "moderator"),
    "moderation-approval": (_goto("/moderation/approval"), "moderator"),
    "moderation-log": (_goto("/moderation/log"), "moderator"),
    "moderation-hide-post": (_goto("/moderation/posts/{member_post}/hide"), "moderator"),
    "moderation-member": (_goto("/moderation/users/ben"), "moderator"),
    "forbidden": (_goto("/posts/{member_post}/edit", 403), "member"),
    "search-results": (_goto("/search?q=textbooks"), "any"),
    "search-no-results": (_goto("/search?q=qwertyuiopzxcv"), "any"),
    "search-form": (_goto("/search"), "any"),
    "notifications": (_goto("/notifications"), "member"),
    "following": (_goto("/following"), "member"),
    "settings": (_goto("/settings"), "member"),
    "reset-password": (_goto("/reset-password"), "anonymous"),
}

AUDIENCES = {"any": ("signed-out", "signed-in"), "anonymous": ("signed-out",),
             "member": ("signed-in",), "moderator": ("moderator",)}
CASES = [(name, who, width)
         for name, (_visit, audience) in PAGES.items()
         for who in AUDIENCES[audience]
         for width in VIEWPORTS]


@pytest.fixture(scope="module")
def contexts(browser, server):
    """One context per (signed in?, width), shared by the module's tests."""
    made = {}

    def get(who, width):
        if (who, width) not in made:
            context = browser.new_context(base_url=server.url, viewport=VIEWPORTS[width])
            context.add_init_script(path=axe_script_path())
            if who in USERS:
                sign_in(context, USERS[who])
            made[who, width] = context
        return made[who, width]

    yield get
    for context in made.values():
        context.close()


@pytest.mark.parametrize("name, who, width", CASES, ids=["-".join(case) for case in CASES])
def test_page_has_no_wcag_a_or_aa_violations(contexts, server, screenshots, name, who, width):
    page = contexts(who, width).new_page()
    try:
        PAGES[name][0](page, server.ids)
        if who == AUDIENCES[PAGES[name][1]][0]:
            page.screenshot(path=str(screenshots / f"{name}--{width}.png"), full_page=True)
        assert axe_violations(page) == [], page.url
    finally:
        page.close()
