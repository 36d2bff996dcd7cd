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
    with page.expect_navigation():  # the URL is the same before and after: wait for the new page
        page.keyboard.press("Enter")
    assert page.url.endswith("/sectors/vet")
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


# Interface text the page shows: labels, buttons, headings, menus, and accessible names.
LABELS_JS = """
() => {
  const lang = document.documentElement.lang;
  const own = el => { const part = el.closest('[lang]'); return !part || part.lang === lang; };
  const texts = [];
  document.querySelectorAll('label, button, legend, th, h1, h2, h3, nav a, summary, .badge, [role=status]')
    .forEach(el => { if (own(el) && !el.closest('.post-body, .thread-title, .post-title')) texts.push(el.innerText.trim()); });
  document.querySelectorAll('[aria-label], [placeholder], [title]').forEach(el => {
    if (own(el)) { ['aria-label', 'placeholder', 'title'].forEach(a => el.getAttribute(a) && texts.push(el.getAttribute(a).trim())); }
  });
  return texts.filter(Boolean);
}
"""


def _english_labels(lang):
    """The template's English messages (placeholder-free), less those this language's catalogue
    translates as the same words (Praxis, OK): what must not appear on its pages."""
    from tests.test_translations import TRANSLATIONS, catalogue, load

    same = {message.id for message in catalogue(lang) if message.string == message.id}
    return {message.id for message in load(TRANSLATIONS / "messages.pot")
            if isinstance(message.id, str) and message.id and "%" not in message.id and message.id not in same}


@pytest.mark.parametrize("lang", ["da", "el", "mt"])
def test_a_page_in_danish_greek_and_maltese_passes_axe_with_parts_marked_and_labels_translated(new_context, server,
                                                                                               lang):
    from tests.test_translations import INCOMPLETE_LANGUAGES

    if lang in INCOMPLETE_LANGUAGES:
        pytest.skip(f"{lang}: catalogue still being translated (listed in INCOMPLETE_LANGUAGES of "
                    "tests/test_translations.py)")
    page = new_context(locale=lang, extra_http_headers={"Accept-Language": lang}).new_page()
    english = _english_labels(lang)
    for path in ("/", f"/threads/{server.ids['long_thread']}", "/login"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        assert axe_violations(page) == [], path
        untranslated = sorted(set(page.evaluate(LABELS_JS)) & english)
        assert untranslated == [], f"{path}: English labels on a {lang} page: {untranslated}"
        if path.startswith("/threads/"):  # language of parts: each post and the title carry their own
            assert page.locator(".post-body").count() == page.locator(".post-body[lang]").count() > 0
            assert page.locator("h1[lang]").count() == 1
