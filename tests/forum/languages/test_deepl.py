"""DeepL as the machine-translation provider, against a small local HTTP server that speaks
DeepL's API v2 (POST /v2/translate, DeepL-Auth-Key, 456 quota exceeded, 429 too many requests)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from forum.adapters.translation.providers import DeepL
from models import PostTranslation, db
from tests.forum.languages.test_machine_translation import thread_first_post

GERMAN = {"Accept-Language": "de"}


class FakeDeepL(BaseHTTPRequestHandler):
    """Answers like DeepL: 403 for a wrong key, `server.mode` "456"/"429"/"500" as DeepL fails."""

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, self.headers["Authorization"], body))
        if self.headers["Authorization"] != "DeepL-Auth-Key secret:fx":
            return self._answer(403, {"message": "Wrong endpoint or key"})
        if self.server.mode in ("456", "429", "500"):
            return self._answer(int(self.server.mode), {"message": "Quota exceeded"})
        text = body["text"][0].replace("Vi bruger", f"[{body['target_lang']}] Wir nutzen")
        self._answer(200, {"translations": [{"detected_source_language": body["source_lang"], "text": text}]})

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
def deepl(app):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeDeepL)
    server.mode, server.requests = "ok", []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config.update(MACHINE_TRANSLATION_PROVIDER="deepl", MACHINE_TRANSLATION_TIMEOUT=0.5,
                      DEEPL_URL=f"http://127.0.0.1:{server.server_address[1]}", DEEPL_API_KEY="secret:fx")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def danish_post(make_user, make_thread):
    thread = make_thread(make_user("ditte", language="da"), title="Tablets i klassen",
                         body="Vi bruger **tablets** hver dag.")
    return thread, thread_first_post(thread)


def test_a_post_is_translated_by_deepl_and_marked_as_such(client, deepl, danish_post):
    thread, post = danish_post
    html = client.get(f"/threads/{thread.id}", headers=GERMAN).get_data(as_text=True)
    assert f'href="/posts/{post.id}/translation" rel="nofollow">Übersetzen' in html
    page = client.get(f"/posts/{post.id}/translation", headers=GERMAN).get_data(as_text=True)
    assert "Maschinelle Übersetzung durch DeepL (dansk → Deutsch)" in page
    assert '<div class="post-body" lang="de" data-nosnippet><p>[DE] Wir nutzen <strong>tablets</strong>' in page
    assert deepl.requests == [("/v2/translate", "DeepL-Auth-Key secret:fx",
                               {"text": [post.body_html], "source_lang": "DA", "target_lang": "DE",
                                "tag_handling": "html"})]


def test_english_and_portuguese_readers_get_the_variants_deepl_requires(client, deepl, danish_post):
    _thread, post = danish_post
    client.get(f"/posts/{post.id}/translation", headers={"Accept-Language": "en"})
    client.get(f"/posts/{post.id}/translation", headers={"Accept-Language": "pt"})
    assert [body["target_lang"] for _path, _auth, body in deepl.requests] == ["EN-GB", "PT-PT"]


@pytest.mark.parametrize("mode, words", [("456", "hat sein Limit vorerst erreicht"),
                                         ("429", "hat sein Limit vorerst erreicht"),
                                         ("500", "ist im Moment nicht erreichbar")])
def test_quota_rate_limit_and_errors_get_a_polite_refusal_and_nothing_cached(client, deepl, danish_post,
                                                                              mode, words):
    _thread, post = danish_post
    deepl.mode = mode
    response = client.get(f"/posts/{post.id}/translation", headers=GERMAN)
    assert response.status_code == 503 and words in response.get_data(as_text=True)
    assert db.session.query(PostTranslation).count() == 0


def test_a_wrong_key_is_unavailable_not_a_crash(app, client, deepl, danish_post):
    _thread, post = danish_post
    app.config.update(DEEPL_API_KEY="wrong")
    response = client.get(f"/posts/{post.id}/translation", headers=GERMAN)
    assert response.status_code == 503 and "ist im Moment nicht erreichbar" in response.get_data(as_text=True)


def test_the_endpoint_follows_the_plan_of_the_key_unless_set():
    assert DeepL("abc:fx").url == "https://api-free.deepl.com"
    assert DeepL("abc").url == "https://api.deepl.com"
    assert DeepL("abc", "http://127.0.0.1:9/").url == "http://127.0.0.1:9"
