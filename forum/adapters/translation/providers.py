"""Machine-translation providers behind one small interface.

A provider has a `name` (shown to readers next to every translation) and
`translate(html, source, target) -> html`; it raises `Unavailable` when the service is down, too
slow or refuses (`over_quota` for HTTP 429 and quota answers). LibreTranslate (self-hosted, or
any server speaking its API) and DeepL (API v2) are implemented; eTranslation answers
asynchronously through a callback URL and is not (README, "Machine translation of posts").
"""
import json
import socket
import urllib.error
import urllib.request

from flask import current_app


class Unavailable(Exception):
    """The provider could not translate now; `over_quota` says whether it was a limit."""

    def __init__(self, message, over_quota=False):
        super().__init__(message)
        self.over_quota = over_quota


class LibreTranslate:
    """POST {url}/translate with JSON {q, source, target, format: "html", api_key}."""

    name = "LibreTranslate"

    def __init__(self, url, api_key="", timeout=5.0):
        self.url, self.api_key, self.timeout = url.rstrip("/"), api_key, timeout

    def translate(self, html, source, target):
        """The translated HTML (to be sanitised by the caller: it comes from outside)."""
        payload = {"q": html, "source": source, "target": target, "format": "html"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = _post_json(f"{self.url}/translate", payload, {}, self.timeout, (402, 403, 429))
        text = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(text, str):
            raise Unavailable("no translatedText in the answer")
        return text


def _post_json(url, payload, headers, timeout, quota_codes):
    """POST JSON, return the decoded JSON answer; any failure is `Unavailable`."""
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read(2_000_000).decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise Unavailable(f"HTTP {error.code}", over_quota=error.code in quota_codes) from error
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, ValueError) as error:
        raise Unavailable(str(error)) from error


class DeepL:
    """POST {url}/v2/translate, `Authorization: DeepL-Auth-Key …`, JSON {text: [html], source_lang,
    target_lang, tag_handling: "html"}; 456 is "quota exceeded" and 429 "too many requests"."""

    name = "DeepL"
    FREE_URL, PRO_URL = "https://api-free.deepl.com", "https://api.deepl.com"
    # DeepL wants a variant for these targets (plain EN and PT are deprecated as targets).
    TARGETS = {"en": "EN-GB", "pt": "PT-PT"}

    def __init__(self, api_key, url="", timeout=5.0):
        # Free-plan keys end in ":fx" and only work against the free endpoint.
        self.url = (url or (self.FREE_URL if api_key.endswith(":fx") else self.PRO_URL)).rstrip("/")
        self.api_key, self.timeout = api_key, timeout

    def translate(self, html, source, target):
        """The translated HTML (to be sanitised by the caller: it comes from outside)."""
        payload = {"text": [html], "source_lang": source.upper(),
                   "target_lang": self.TARGETS.get(target, target.upper()), "tag_handling": "html"}
        answer = _post_json(f"{self.url}/v2/translate", payload,
                            {"Authorization": f"DeepL-Auth-Key {self.api_key}"}, self.timeout, (429, 456))
        try:
            text = answer["translations"][0]["text"]
        except (KeyError, IndexError, TypeError) as error:
            raise Unavailable("no translations in the answer") from error
        if not isinstance(text, str):
            raise Unavailable("no translated text in the answer")
        return text


def configured_provider():
    """The provider the settings choose, or None (then no Translate control is shown)."""
    config = current_app.config
    if config.get("MACHINE_TRANSLATION_PROVIDER") == "libretranslate" and config.get("LIBRETRANSLATE_URL"):
        return LibreTranslate(config["LIBRETRANSLATE_URL"], config.get("LIBRETRANSLATE_API_KEY", ""),
                              float(config.get("MACHINE_TRANSLATION_TIMEOUT", 5)))
    if config.get("MACHINE_TRANSLATION_PROVIDER") == "deepl" and config.get("DEEPL_API_KEY"):
        return DeepL(config["DEEPL_API_KEY"], config.get("DEEPL_URL", ""),
                     float(config.get("MACHINE_TRANSLATION_TIMEOUT", 5)))
    return None
