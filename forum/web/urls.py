"""The one rule for following a `next` address: the whole app redirects through `safe_next`."""
import unicodedata
from urllib.parse import unquote, urlsplit

MAX_LENGTH = 2000
# Unicode categories never needed in a link back to a page of ours: controls, invisible format
# characters, separators (browsers drop or fold some of them), private and unassigned code points.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}


def _forbidden(char):
    return ord(char) <= 0x20 or char in "\\\x7f" or unicodedata.category(char) in _FORBIDDEN_CATEGORIES


def _readings(target):
    """The ways a browser or a proxy may read `target`: as sent, folded (NFKC, which turns a
    fullwidth solidus into `/`), and percent-decoded up to three times."""
    readings, decoded = {target, unicodedata.normalize("NFKC", target)}, target
    for _round in range(3):
        decoded = unquote(decoded)
        readings.update((decoded, unicodedata.normalize("NFKC", decoded)))
    return readings


def _is_local_path(reading):
    """A path on this site: one leading `/`, no scheme, no host, no control or backslash before
    the query (where `/\\host` and `/<tab>/host` become `//host` in browsers)."""
    head = reading.split("?", 1)[0].split("#", 1)[0]
    if not reading.startswith("/") or reading[1:2] in ("/", "\\"):
        return False
    if "\\" in head or any(ord(char) < 0x20 or ord(char) == 0x7f for char in head):
        return False
    parts = urlsplit(reading)
    return not parts.scheme and not parts.netloc


def safe_next(target, default):
    """`target` when it is a path on this site, else `default`: a `next` field or parameter is
    attacker-controlled, and an open redirect after sign-in or a moderation action lends our
    name to phishing; a newline in a Location header would be a 500."""
    if not isinstance(target, str) or not target or len(target) > MAX_LENGTH:
        return default
    if any(_forbidden(char) for char in target):
        return default
    if not all(_is_local_path(reading) for reading in _readings(target)):
        return default
    return target
