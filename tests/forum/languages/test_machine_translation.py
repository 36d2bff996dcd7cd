"""The Translate control, against a small local HTTP server that speaks LibreTranslate's API."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from forum.services import posting
from models import PostTranslation, db


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """POST /translate → {"translatedText": …}; `server.mode` makes it fail in the ways real ones do."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(body)
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1.5)
        if mode in ("429", "500"):
            return self._answer(int(mode), {"error": "Slowdown: too many requests" if mode == "429" else "boom"})
        translated = body["q"].replace("Vi bruger", f"[{body['target']}] Wir nutzen")
        if mode == "evil":
            translated += '<script>alert(1)</script><img src=x onerror="alert(2)">'
        self._answer(200, {"translatedText": translated})

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(app):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    server.mode, server.requests = "ok", []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config.update(MACHINE_TRANSLATION_PROVIDER="libretranslate", MACHINE_TRANSLATION_TIMEOUT=0.5,
                      LIBRETRANSLATE_URL=f"http://127.0.0.1:{server.server_address[1]}", LIBRETRANSLATE_API_KEY="k")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def danish_post(make_user, make_thread):
    author = make_user("ditte", language="da")
    thread = make_thread(author, title="Tablets i klassen", body="Vi bruger **tablets** hver dag.")
    return thread, thread_first_post(thread)


def thread_first_post(thread):
    from sqlalchemy import select

    from models import Post

    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))


GERMAN = {"Accept-Language": "de"}


def test_without_a_provider_there_is_no_translate_control(client, danish_post):
    thread, post = danish_post
    html = client.get(f"/threads/{thread.id}", headers=GERMAN).get_data(as_text=True)
    assert "/translation" not in html
    assert client.get(f"/posts/{post.id}/translation", headers=GERMAN).status_code == 404


def test_a_post_in_another_language_offers_translate_and_shows_a_marked_machine_translation(
        client, libretranslate, danish_post):
    thread, post = danish_post
    html = client.get(f"/threads/{thread.id}", headers=GERMAN).get_data(as_text=True)
    assert f'href="/posts/{post.id}/translation" rel="nofollow">Übersetzen' in html
    response = client.get(f"/posts/{post.id}/translation", headers=GERMAN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "noindex" in response.headers["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Maschinelle Übersetzung durch LibreTranslate (dansk → Deutsch)" in page
    assert '<div class="post-body" lang="de" data-nosnippet><p>[de] Wir nutzen <strong>tablets</strong>' in page
    assert f'href="/threads/{thread.id}/posts/{post.id}">Original anzeigen' in page
    assert libretranslate.requests == [{"q": post.body_html, "source": "da", "target": "de", "format": "html",
                                        "api_key": "k"}]


def test_no_control_on_a_post_already_in_the_readers_language(client, libretranslate, danish_post):
    thread, post = danish_post
    html = client.get(f"/threads/{thread.id}", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert "/translation" not in html
    response = client.get(f"/posts/{post.id}/translation", headers={"Accept-Language": "da"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/posts/{post.id}")


def test_the_translation_is_cached_per_post_version_and_language(client, libretranslate, danish_post):
    thread, post = danish_post
    for _ in range(3):
        assert client.get(f"/posts/{post.id}/translation", headers=GERMAN).status_code == 200
    assert client.get(f"/posts/{post.id}/translation", headers={"Accept-Language": "fr"}).status_code == 200
    assert len(libretranslate.requests) == 2
    posting.edit_post(post.author, post.id, "Vi bruger nye tablets.")
    page = client.get(f"/posts/{post.id}/translation", headers=GERMAN).get_data(as_text=True)
    assert "[de] Wir nutzen nye tablets." in page and len(libretranslate.requests) == 3
    versions = sorted((t.post_version, t.target_language) for t in db.session.query(PostTranslation))
    assert versions == [(0, "de"), (0, "fr"), (1, "de")]


@pytest.mark.parametrize("mode, words", [
    ("429", "hat sein Limit vorerst erreicht"),
    ("500", "ist im Moment nicht erreichbar"),
    ("slow", "ist im Moment nicht erreichbar"),
])
def test_a_provider_down_slow_or_over_quota_gets_a_polite_refusal(client, libretranslate, danish_post, mode, words):
    thread, post = danish_post
    libretranslate.mode = mode
    response = client.get(f"/posts/{post.id}/translation", headers=GERMAN)
    page = response.get_data(as_text=True)
    # (Flask-Limiter's headers, on for the app, replace Retry-After with its own window when it has one.)
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert words in page and "Original lesen (dansk)" in page
    assert db.session.query(PostTranslation).count() == 0  # a failure is not cached


def test_provider_html_is_sanitised_before_it_is_shown_or_stored(client, libretranslate, danish_post):
    thread, post = danish_post
    libretranslate.mode = "evil"
    page = client.get(f"/posts/{post.id}/translation", headers=GERMAN).get_data(as_text=True)
    assert "<script" not in page.split("</header>", 1)[1] and "onerror" not in page
    assert "<script" not in db.session.query(PostTranslation).one().body_html


def test_hidden_and_unreadable_posts_are_never_sent_to_the_provider(client, libretranslate, danish_post,
                                                                     make_user):
    from forum.services.moderation import hide

    thread, post = danish_post
    reply = posting.reply(post.author, thread.id, "Vi bruger også laptops.")
    moderator = make_user("mod", role="moderator")
    hide.hide_post(moderator, reply, reason="spam")
    assert client.get(f"/posts/{reply.id}/translation", headers=GERMAN).status_code == 404
    assert client.get("/posts/999999/translation", headers=GERMAN).status_code == 404
    assert libretranslate.requests == []


def test_translations_never_reach_the_search_index(client, libretranslate, danish_post):
    import re

    thread, post = danish_post
    assert "Wir nutzen" in client.get(f"/posts/{post.id}/translation", headers=GERMAN).get_data(as_text=True)

    def found(words):
        html = client.get("/search", query_string={"q": words}).get_data(as_text=True)
        return [int(n) for n in re.findall(r'data-post-id="(\d+)"', html)]

    assert found("bruger") == [post.id]  # the author's words are indexed…
    assert found("nutzen") == []  # …the machine's are not


def test_deleting_a_post_for_good_also_erases_its_translations(client, libretranslate, danish_post, make_user):
    from forum.services.moderation import hide

    thread, post = danish_post
    reply = posting.reply(post.author, thread.id, "Vi bruger også laptops.")
    client.get(f"/posts/{reply.id}/translation", headers=GERMAN)
    assert db.session.query(PostTranslation).filter_by(post_id=reply.id).count() == 1
    hide.delete_post(make_user("boss", role="admin"), reply.id, reason="personal data")
    assert db.session.query(PostTranslation).filter_by(post_id=reply.id).count() == 0
