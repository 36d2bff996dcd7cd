"""Machine-translation providers behind one small interface.

A provider has a `name` (shown to readers next to every translation) and
`translate(html, source, target) -> html`; it raises `Unavailable` when the service is down, too
slow or refuses (`over_quota` for HTTP 429 and quota answers). Only LibreTranslate (self-hosted,
or any server speaking its API) is implemented; DeepL and eTranslation would be further classes
here (eTranslation answers asynchronously through a callback URL, so it needs a job of its own).
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
        request = urllib.request.Request(f"{self.url}/translate", data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read(2_000_000).decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise Unavailable(f"HTTP {error.code}", over_quota=error.code in (402, 403, 429)) from error
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, ValueError) as error:
            raise Unavailable(str(error)) from error
        text = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(text, str):
            raise Unavailable("no translatedText in the answer")
        return text


def configured_provider():
    """The provider the settings choose, or None (then no Translate control is shown)."""
    config = current_app.config
    if config.get("MACHINE_TRANSLATION_PROVIDER") == "libretranslate" and config.get("LIBRETRANSLATE_URL"):
        return LibreTranslate(config["LIBRETRANSLATE_URL"], config.get("LIBRETRANSLATE_API_KEY", ""),
                              float(config.get("MACHINE_TRANSLATION_TIMEOUT", 5)))
    return None
