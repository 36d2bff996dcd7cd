"""Helpers for browser tests: signing in, axe, contrast and focus measured in the page."""
import re
from pathlib import Path

from tests.support import PASSWORD, find_csrf_token

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(context, username, password=PASSWORD):
    """Sign `context` in through the real /login form (its cookies are shared with its pages)."""
    token = find_csrf_token(context.request.get("/login").text())
    response = context.request.post("/login", form={"csrf_token": token, "login": username,
                                                    "password": password}, max_redirects=0)
    assert response.status == 302, f"sign-in as {username} failed: {response.status}"


def form_token(context, path):
    """The CSRF token of the form on `path`."""
    return find_csrf_token(context.request.get(path).text())


def axe_script_path():
    """axe-core as bundled by axe-playwright-python (no network)."""
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def axe_violations(page):
    """WCAG 2.0/2.1 A and AA violations on the current page, as readable lines.

    Contexts made for axe pre-load the script with `add_init_script(path=axe_script_path())`,
    which saves re-sending half a megabyte on every check; otherwise it is injected here.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if page.evaluate("typeof window.axe !== 'undefined'"):
        results = page.evaluate("options => axe.run(document, options)", options)
    else:
        results = Axe().run(page, options=options).response
    lines = []
    for violation in results["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:300]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets} :: {summary}")
    return lines


# Contrast and colours are computed in the page from the computed styles, walking up the
# ancestors to find the effective (alpha-blended) background.
CONTRAST_JS = """
(el) => {
  function parse(c) {
    let m = c.match(/rgba?\\(([^)]+)\\)/);
    if (m) {
      const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = c.match(/color\\(srgb ([^)]+)\\)/);
    if (m) {
      const p = m[1].split(/[ \\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  }
  function blend(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function background(node) {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
    }
    let result = [255, 255, 255, 1];
    if (!layers.length || layers[layers.length - 1][3] < 1) {
      result = matchMedia('(prefers-color-scheme: dark)').matches ? [0, 0, 0, 1] : [255, 255, 255, 1];
    }
    for (let i = layers.length - 1; i >= 0; i--) result = blend(layers[i], result);
    return result;
  }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const bg = background(el);
  const fg = blend(parse(getComputedStyle(el).color), bg);
  const l1 = luminance(fg), l2 = luminance(bg);
  return {ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
          color: getComputedStyle(el).color, background: 'rgb(' + bg.slice(0, 3).map(Math.round).join(',') + ')'};
}
"""

FOCUS_STYLE_JS = """
(el) => {
  const s = getComputedStyle(el);
  return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                   ? s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor : 'none',
          boxShadow: s.boxShadow, border: s.borderColor + ' ' + s.borderWidth,
          background: s.backgroundColor, textDecoration: s.textDecorationLine};
}
"""

ACTIVE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
          href: el.getAttribute('href'), x: r.left, y: r.top, visible: r.width > 0 && r.height > 0};
}
"""


def contrast(locator):
    """{'ratio', 'color', 'background'} for the element, from its computed styles."""
    return locator.evaluate(CONTRAST_JS)


def focus_style(locator):
    return locator.evaluate(FOCUS_STYLE_JS)


def active_element(page):
    return page.evaluate(ACTIVE_JS)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
