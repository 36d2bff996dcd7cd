"""One `safe_next` for the whole app: hostile `next` values never leave the site and never
give a 500, on every route that follows a `next`, and no module keeps its own copy."""
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from forum.services.moderation import flags
from forum.web.urls import safe_next

HOSTILE = [
    "/\t/evil.example/x", "/\n/evil.example", "/\r\n/evil.example", "/\r/evil.example", "\t//evil.example",
    " //evil.example", "//evil.example", "///evil.example", "/\\evil.example", "\\/evil.example",
    "\\\\evil.example", "/\\/evil.example", "https://evil.example/", "http:evil.example", "http:/evil.example",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "evil.example", "/%09/evil.example/x",
    "/%0a/evil.example", "/%0d%0aSet-Cookie:x=1", "/%2F/evil.example", "/%2f%2fevil.example",
    "/%5Cevil.example", "/%5c%5cevil.example", "%2F%2Fevil.example", "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example", "/\uff0f/evil.example", "/\uff3cevil.example", "/\u200b/evil.example",
    "/\u2028/evil.example", "/\u3000/evil.example", "/\x00/evil.example", "/\x7f", "/" + "a" * 2001, "",
]
KEPT = ["/threads/7?page=2#post-9", "/search?q=digital%20skills&sector=vet", "/tags/%C3%A9ducation",
        "/tags/éducation", "/moderation/flags?sector=school", "/"]


def _leaves_the_site(location):
    """What a browser would make of a Location: tabs and newlines dropped, backslashes as slashes."""
    folded = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").lstrip()
    return folded.startswith("//") or bool(urlsplit(folded).scheme or urlsplit(folded).netloc)


@pytest.mark.parametrize("target", HOSTILE)
def test_a_hostile_next_falls_back_to_the_default(target):
    assert safe_next(target, "/home") == "/home"


@pytest.mark.parametrize("target", KEPT)
def test_paths_on_this_site_are_kept(target):
    assert safe_next(target, "/home") == target


def test_nothing_but_a_string_is_followed():
    assert safe_next(None, "/home") == "/home" and safe_next(["/x"], "/home") == "/home"


def test_no_module_keeps_its_own_copy_and_every_next_goes_through_safe_next():
    root = Path(__file__).resolve().parents[2] / "forum"
    for path in root.rglob("*.py"):
        source = path.read_text()
        if path.name != "urls.py":
            assert "def safe_next" not in source, path
        if re.search(r"""request\.(args|form|values)\.get\(\s*["']next["']""", source):
            assert "safe_next(" in source, path
        assert "request.referrer" not in source and "redirect(request." not in source, path


@pytest.fixture
def stage(app, client, make_thread, make_post):
    """A global moderator signed in, a thread, a reply flagged once and resolved, a pending post."""
    from tests.forum.moderation.support import quick_user

    mod, anna = quick_user("glob", role="moderator"), quick_user("anna")
    thread = make_thread(anna, sector="school")
    post = make_post(anna, thread)
    flags.flag_post(quick_user("reporter"), post.id, "spam", "")
    flags.resolve_flags(mod, post.id, "dismiss", "")
    client.login("glob")
    return {"thread": thread, "post": post}


def _routes(stage):
    """(method, path, form) of every route that follows a `next`, each with its safe default."""
    thread, post = stage["thread"], stage["post"]
    return [
        ("GET", "/login", None, "/"),
        ("GET", "/register", None, "/"),
        ("POST", f"/moderation/threads/{thread.id}/unpin", {"reason": ""}, f"/threads/{thread.id}"),
        ("POST", f"/moderation/posts/{post.id}/restore", {"reason": ""}, f"/threads/{thread.id}/posts/{post.id}"),
        ("POST", f"/moderation/posts/{post.id}/approve", {}, "/moderation/approval"),
        ("POST", f"/moderation/flags/{post.id}/resolve", {"resolution": "dismiss"}, "/moderation/flags"),
        ("POST", f"/follow/thread/{thread.id}", {"level": "watch"}, "/following"),
    ]


def test_every_route_that_takes_next_stays_on_the_site(client, stage):
    token = client.csrf_token("/")
    for method, path, form, default in _routes(stage):
        for target in HOSTILE:
            for where in ("args", "form") if method == "POST" else ("args",):
                query = "?" + urlencode({"next": target}) if where == "args" else ""
                data = {**form, "csrf_token": token, **({"next": target} if where == "form" else {})} \
                    if form is not None else None
                response = client.open(path + query, method=method, data=data)
                label = f"{method} {path} {where} {target!r}"
                assert response.status_code in (302, 303), label
                location = response.headers["Location"]
                assert not _leaves_the_site(location), label
                assert location.split("?")[0].split("#")[0] in (default, "/"), label
        if form is not None:
            response = client.open(path, method=method, data={**form, "csrf_token": token,
                                                              "next": "/sectors/vet?page=2"})
            assert response.headers["Location"] == "/sectors/vet?page=2", path
