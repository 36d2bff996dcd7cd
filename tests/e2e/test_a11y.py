"""What axe cannot check: keyboard order and focus, announced errors, reflow at 320 px,
200 % text, reduced motion, and the contrast of hover, focus, visited and dark states."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import active_element, axe_violations, contrast

pytestmark = pytest.mark.browser

FOCUSABLES_JS = """
() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'))
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
                && getComputedStyle(el).visibility !== 'hidden'
                && el.checkVisibility())  // not inside a closed <details>
  .map(el => {
    const s = getComputedStyle(el);
    return {key: el.tagName + '|' + (el.id || '') + '|' + (el.getAttribute('href') || el.name || '')
                 + '|' + (el.innerText || el.value || '').trim().slice(0, 40),
            tabindex: el.tabIndex,
            rest: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow};
  })
"""

FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  return {key: el.tagName + '|' + (el.id || '') + '|' + (el.getAttribute('href') || el.name || '')
               + '|' + (el.innerText || el.value || '').trim().slice(0, 40),
          style: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow,
          outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
          shadow: s.boxShadow !== 'none',
          top: r.top + scrollY, bottom: r.bottom + scrollY,
          inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth};
}
"""

KEYBOARD_PAGES = {
    "home": ("/", None),
    "thread": ("/threads/{short_thread}", "ben"),
    "new-thread": ("/sectors/vet/new", "ben"),
    "sign-in": ("/login", None),
    "register": ("/register", None),
    "statement": ("/accessibility", None),
    "search": ("/search?q=assessment", None),
    "notifications": ("/notifications", "ben"),
    "following": ("/following", "ben"),
    "settings": ("/settings", "ben"),
}


def _open(new_context, server, path, user=None, **options):
    page = new_context(user=user, **options).new_page()
    response = page.goto(path.format(**server.ids))
    assert response.ok, f"{path}: {response.status}"
    return page


def _walk(page, key, count):
    stops = []
    for _ in range(count):
        page.keyboard.press(key)
        stops.append(page.evaluate(FOCUSED_JS))
    return stops


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
@pytest.mark.parametrize("width", ["desktop", "375px"])
def test_every_control_is_reached_by_tab_in_order_with_a_visible_focus_indicator(new_context, server, name, width):
    path, user = KEYBOARD_PAGES[name]
    page = _open(new_context, server, path, user, viewport=DESKTOP if width == "desktop" else PHONE)
    controls = page.evaluate(FOCUSABLES_JS)
    assert all(c["tabindex"] == 0 for c in controls), "positive tabindex breaks the reading order"
    unfocused = {c["key"]: c["rest"] for c in controls}

    forward = _walk(page, "Tab", len(controls))
    assert [s["key"] if s else None for s in forward] == [c["key"] for c in controls]
    for stop in forward:
        assert stop["inView"], f"focused control scrolled out of view: {stop['key']}"
        assert stop["outline"] >= 2 or stop["shadow"], f"no focus indicator on {stop['key']}"
        assert stop["style"] != unfocused[stop["key"]], f"focus looks like rest on {stop['key']}"
    if width == "375px":  # one column: focus never jumps back up the page
        for before, after in zip(forward, forward[1:]):
            assert after["bottom"] > before["top"], f"{after['key']} comes before {before['key']}"

    backward = _walk(page, "Shift+Tab", len(controls) - 1)
    assert [s["key"] for s in backward] == [c["key"] for c in controls][-2::-1]


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(new_context, server):
    page = _open(new_context, server, "/threads/{long_thread}")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert active_element(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("form", ["new-thread", "reply", "register", "sign-in"])
def test_form_errors_are_linked_to_their_fields_and_focus_moves_to_the_first(new_context, server, form):
    user = "ben" if form in ("new-thread", "reply") else None
    path, button = {"new-thread": ("/sectors/vet/new", "Create thread"),
                    "reply": ("/threads/{short_thread}", "Post reply"),
                    "register": ("/register", "Register"), "sign-in": ("/login", "Sign in")}[form]
    page = _open(new_context, server, path, user)
    if form == "sign-in":
        page.get_by_label("Username").fill("ben")
        page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name=button).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"

    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() >= 1
    expect(invalid.first).to_be_focused()
    for i in range(invalid.count()):
        field = invalid.nth(i)
        ids = (field.get_attribute("aria-describedby") or "").split()
        messages = [page.locator(f"[id='{ref}']") for ref in ids]
        assert any(m.count() and "error" in (m.get_attribute("class") or "") and m.inner_text().strip()
                   for m in messages), f"{field.get_attribute('id')} is not described by its error"
    for link in summary.locator("a[href^='#']").all():
        assert page.locator(link.get_attribute("href")).count() == 1


REFLOW_PAGES = ["/", "/sectors/vet", "/threads/{short_thread}", "/threads/{long_thread}",
                "/sectors/vet/new", "/login", "/register", "/users/anna", "/accessibility",
                "/tags/accessibility", "/threads/999999"]


def _horizontal_overflow(page):
    return page.evaluate("""() => {
      const doc = document.documentElement;
      const wide = Array.from(document.querySelectorAll('body *')).filter(el => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > doc.clientWidth + 1 || r.left < -1)
               && !el.closest('pre, table, .visually-hidden, .skip-link');
      }).slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
      return {scroll: doc.scrollWidth - doc.clientWidth, wide};
    }""")


def test_no_page_scrolls_sideways_at_320_px(new_context, server):
    context = new_context(user="anna", viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in REFLOW_PAGES:
        page.goto(path.format(**server.ids))
        overflow = _horizontal_overflow(page)
        assert overflow == {"scroll": 0, "wide": []}, f"{path} at 320 px: {overflow}"


def test_text_resized_to_200_percent_loses_nothing(new_context, server):
    page = new_context(user="anna", viewport={"width": 1280, "height": 900}).new_page()
    for path in ("/", "/threads/{short_thread}", "/sectors/vet/new", "/login", "/users/anna"):
        page.goto(path.format(**server.ids))
        before = page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        after = page.evaluate("getComputedStyle(document.querySelector('h1')).fontSize")
        assert float(after[:-2]) >= 1.6 * float(before[:-2]), f"{path}: text did not grow ({before} -> {after})"
        assert _horizontal_overflow(page)["scroll"] == 0, f"{path} scrolls sideways at 200 % text"
        clipped = page.evaluate("""() => Array.from(document.querySelectorAll(
            'a, button, label, h1, h2, h3, p, li, input, select, textarea'))
          .filter(el => { const s = getComputedStyle(el);
            return (s.overflow === 'hidden' || s.overflowY === 'hidden' || s.overflowX === 'hidden')
                   && !el.closest('.visually-hidden')
                   && (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2); })
          .map(el => el.tagName + ' ' + (el.innerText || '').slice(0, 30))""")
        assert clipped == [], f"{path}: clipped text at 200 %: {clipped}"
        for name in ("Sign out", "Accessibility statement"):
            target = page.get_by_text(name, exact=True).first
            assert target.is_visible(), f"{path}: '{name}' not visible at 200 %"


MOTION_JS = """() => Array.from(document.querySelectorAll('*')).map(el => getComputedStyle(el))
  .filter(s => s.transitionDuration.split(',').some(d => parseFloat(d) > 0)
               || (s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0)))
  .length"""


def test_reduced_motion_turns_off_transitions_and_animations(new_context, server):
    path = "/threads/{short_thread}".format(**server.ids)
    moving = new_context(user="anna", reduced_motion="no-preference").new_page()
    moving.goto(path)
    assert moving.evaluate(MOTION_JS) > 0, "expected some transitions without the preference"
    still = new_context(user="anna", reduced_motion="reduce").new_page()
    still.goto(path)
    assert still.evaluate(MOTION_JS) == 0
    assert still.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


# Links and controls whose colours change with state: each must keep 4.5:1 against its background.
STATEFUL = [".site-header a", ".account-nav .link-button", ".sector-nav a", ".breadcrumbs a",
            ".post-author", ".permalink", ".post-actions a", ".post-body a", ".tag", ".button",
            ".button.primary", ".site-footer a", ".pagination a", "main a"]


MEASURE_ALL_JS = """
(selector) => {
  const measure = %s;
  return Array.from(document.querySelectorAll(selector))
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                  && !el.closest('.visually-hidden'))
    .map(el => { if (window.__focusEach) el.focus();
                 return {text: (el.innerText || '').trim().slice(0, 30), ...measure(el)}; });
}
"""


def _measure_all(page, selector, focus=False):
    """Contrast of every visible match (focusing each first when `focus`), in one round trip."""
    from tests.e2e.helpers import CONTRAST_JS

    page.evaluate(f"window.__focusEach = {'true' if focus else 'false'}")
    return page.evaluate(MEASURE_ALL_JS % CONTRAST_JS.strip(), selector)


def _check_states(page, failures, label):
    """Hover the first of each kind with the real mouse; focus every control (keyboard modality)."""
    for selector in STATEFUL:
        element = page.locator(selector).first
        if element.count() and element.is_visible():
            element.hover()
            hovered = contrast(element)
            if hovered["ratio"] < 4.5:
                failures.append(f"{label} hover {selector}: {hovered}")
    page.mouse.move(0, 0)
    page.keyboard.press("Tab")  # keyboard modality, so programmatic focus matches :focus-visible
    for measured in _measure_all(page, ", ".join(STATEFUL), focus=True):
        if measured["ratio"] < 4.5:
            failures.append(f"{label} focus '{measured['text']}': {measured}")


# Browsers hide :visited from getComputedStyle. So the page's own CSS is re-applied with
# `:visited` turned into a class that every link gets: the real cascade decides the colour.
VISITED_ON_JS = """
() => {
  const text = Array.from(document.styleSheets).filter(s => !s.disabled)
    .map(s => Array.from(s.cssRules).map(r => r.cssText).join('\\n')).join('\\n');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text.replace(/:visited/g, '.as-if-visited'));
  for (const s of document.styleSheets) s.disabled = true;
  document.adoptedStyleSheets = [sheet];
  document.querySelectorAll('a[href]').forEach(a => a.classList.add('as-if-visited'));
  return text.includes(':visited');
}
"""


def _visited_failures(page, label):
    assert page.evaluate(VISITED_ON_JS), "the stylesheet has no :visited rule"
    visited_colours = page.evaluate("""() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--visited)';
      document.body.append(probe);
      const visited = getComputedStyle(probe).color;
      probe.remove();
      return [visited, Array.from(document.querySelectorAll('a[href]')).map(a => getComputedStyle(a).color)];
    }""")
    assert visited_colours[0] in visited_colours[1], "no link took the :visited colour"
    return [f"{label} visited '{m['text']}': {m}" for m in _measure_all(page, "a[href]") if m["ratio"] < 4.5]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_hover_focus_and_visited_states_keep_a_contrast_of_4_5_to_1(new_context, server, scheme):
    # Reduced motion: colour transitions would otherwise be measured half-way.
    page = new_context(user="anna", color_scheme=scheme, reduced_motion="reduce").new_page()
    failures = []
    for path in ("/", "/threads/{long_thread}", "/threads/{short_thread}"):
        page.goto(path.format(**server.ids))
        _check_states(page, failures, f"{scheme} {path}")
        failures += _visited_failures(page, f"{scheme} {path}")
    assert failures == []


@pytest.mark.parametrize("path", ["/", "/threads/{short_thread}", "/sectors/vet/new", "/login", "/users/anna",
                                  "/accessibility", "/threads/999999"])
def test_dark_mode_pages_have_no_wcag_violations(new_context, server, screenshots, path):
    signed_in = path != "/login"
    page = new_context(user="anna" if signed_in else None, color_scheme="dark").new_page()
    page.goto(path.format(**server.ids))
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    name = re.sub(r"[^a-z0-9]+", "-", path.format(**server.ids)).strip("-") or "home"
    page.screenshot(path=str(screenshots / f"dark--{name}.png"), full_page=True)
    assert axe_violations(page) == []
