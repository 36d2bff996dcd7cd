"""A visitor switches the interface to German from the footer menu, with the keyboard and
without JavaScript; the German pages pass axe."""
import pytest

from tests.e2e.helpers import axe_violations

pytestmark = pytest.mark.browser


def test_a_visitor_switches_to_german_from_the_menu_with_the_keyboard(page):
    page.goto("/sectors/vet")
    assert page.locator("html").get_attribute("lang") == "en"
    menu = page.get_by_label("Language")
    menu.focus()
    menu.select_option("de")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Change language"
    page.keyboard.press("Enter")
    page.wait_for_url("**/sectors/vet")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("link", name="Zum Hauptinhalt springen").count() == 1
    assert page.get_by_role("button", name="Sprache ändern").is_visible()
    page.goto("/")  # remembered by the cookie
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("#language-menu-select").input_value() == "de"


def test_the_menu_works_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    page.locator("#language-menu-select").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Déclaration d’accessibilité").count() == 1


@pytest.mark.parametrize("path", ["/", "/sectors/school", "/login", "/accessibility", "/nowhere"])
def test_german_pages_have_no_axe_violations(new_context, server, path):
    page = new_context(locale="de-DE", extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"}).new_page()
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "de"
    assert axe_violations(page) == []


def test_a_german_thread_page_marks_posts_in_other_languages(new_context, server):
    page = new_context(extra_http_headers={"Accept-Language": "de"}).new_page()
    page.goto(f"/threads/{server.ids['long_thread']}")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1[lang]").count() == 1 and page.locator(".post-body[lang]").count() >= 1
    assert axe_violations(page) == []
