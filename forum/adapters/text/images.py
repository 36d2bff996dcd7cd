"""External images in posts are opt-in: a link saying where the image is, never an `<img>`.

An `<img src="https://elsewhere/...">` in a post would make every reader's browser call a third
party (who learns their address, time and the page). So an image from another site renders as
"Image from example.org: show", a link the reader may follow; images from this site stay.
The CSP's img-src allows only this site, so a missed case cannot load either.
"""
from urllib.parse import urlsplit

from bleach.html5lib_shim import Filter
from flask import has_app_context
from flask_babel import gettext


def _label(host, alt):
    if not has_app_context():  # rendering outside the app (scripts, unit tests): English
        return f"Image from {host}: {alt} (show)" if alt else f"Image from {host} (show)"
    if alt:
        return gettext("Image from %(host)s: %(alt)s (show)", host=host, alt=alt)
    return gettext("Image from %(host)s (show)", host=host)


def is_external(src):
    """True if the image address points at another site (anything but a path on this one)."""
    parts = urlsplit((src or "").strip())
    return bool(parts.scheme or parts.netloc)


class ExternalImageFilter(Filter):
    """Replaces every external `<img>` in the token stream by a link to the image."""

    def __iter__(self):
        """The tokens, with each external image replaced by its placeholder link."""
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "img":
                attrs = token["data"]
                src = attrs.get((None, "src"), "")
                if src and is_external(src):
                    yield from self._placeholder(src, attrs.get((None, "alt"), ""))
                    continue
            yield token

    @staticmethod
    def _placeholder(src, alt):
        host = urlsplit(src.strip()).hostname or "?"
        yield {"type": "StartTag", "name": "a", "data": {(None, "href"): src.strip()}}
        yield {"type": "Characters", "data": _label(host, alt.strip())}
        yield {"type": "EndTag", "name": "a", "data": {}}
