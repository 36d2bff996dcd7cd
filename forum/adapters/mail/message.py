"""Compose safe messages: user text can never add a header or smuggle an encoded word.

Digests compose thousands of messages a run, so what is the same in every message (the sender,
the RFC 8058 and MIME headers, the parts' content headers) is parsed by the email package once and
reused as header objects; only the member's own headers are parsed per message.
"""
import re
import secrets
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage, MIMEPart
from email.utils import make_msgid, parseaddr
from functools import lru_cache

from flask import current_app

from forum.adapters.mail.tokens import list_unsubscribe


class _Registry(HeaderRegistry):
    """The stdlib's registry builds a new header class (`type(...)`) for every header it parses;
    this one builds each class once."""

    def __init__(self):
        super().__init__()
        self._classes = {}

    def __getitem__(self, name):
        key = name.lower()
        if key not in self._classes:
            self._classes[key] = super().__getitem__(name)
        return self._classes[key]


# RFC 5322 allows 998 characters a line: long List-Unsubscribe URLs must stay unfolded plain
# text (folding them at 78 would turn them into encoded words that no client reads).
POLICY = policy.SMTP.clone(max_line_length=998, header_factory=_Registry())
# A header holds one line: every control and line break goes (not only those of user text).
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
# One boundary per process, used unless a body happens to contain it (then the generator picks one).
_BOUNDARY = f"=_praxis_{secrets.token_hex(16)}"


def safe_header_text(value, limit=200):
    """One line of plain text for a header: no CR/LF or other controls, no `=?` that a client
    would decode as an RFC 2047 encoded word, bounded length."""
    text = _LINE_BREAKS.sub(" ", str(value or ""))
    text = " ".join(text.split()).replace("=?", "= ?").replace("?=", "? =")
    return text[:limit]


def _address(display_name, addr_spec):
    """An Address object: the display name is quoted/encoded by the email package itself."""
    addr_spec = _LINE_BREAKS.sub("", addr_spec or "").strip()
    if not addr_spec or "@" not in addr_spec or any(c in addr_spec for c in " <>,;\"()"):
        raise ValueError(f"not a plain email address: {addr_spec!r}")
    local, domain = addr_spec.rsplit("@", 1)
    return Address(display_name=safe_header_text(display_name, 80), username=local, domain=domain)


@lru_cache(maxsize=64)
def _header(name, value):
    """A header object for a constant value, parsed once and shared by every message (the
    policy stores an object whose name matches as it is)."""
    return POLICY.header_factory(name, value)


@lru_cache(maxsize=8)
def _sender(configured):
    name, addr = parseaddr(configured)
    address = _address(name or "Praxis", addr)
    return address, POLICY.header_factory("From", address)


def sender_address():
    """The From address as an object: its domain names our Message-IDs."""
    return _sender(current_app.config["MAIL_DEFAULT_SENDER"])[0]


def _text_part(body, subtype):
    """One text part, encoded as `set_content` encodes it (7bit, or 8bit under the SMTP policy)
    but with its constant headers shared; lines over 998 bytes go through `set_content` itself,
    which picks quoted-printable or base64."""
    data = body.encode("utf-8")
    lines = data.splitlines()
    part = MIMEPart(POLICY)
    if max(map(len, lines), default=0) > POLICY.max_line_length:
        part.set_content(body, subtype=subtype)
        return part
    part["Content-Type"] = _header("Content-Type", f'text/{subtype}; charset="utf-8"')
    part["Content-Transfer-Encoding"] = _header("Content-Transfer-Encoding", "7bit" if data.isascii() else "8bit")
    part.set_payload((b"\n".join(lines) + b"\n").decode("ascii", "surrogateescape"))
    return part


def compose(*, to, name, subject, text, html, unsubscribe, message_id=None, headers=None):
    """A multipart/alternative message (plain text first, then HTML) with RFC 8058 headers.

    `unsubscribe` is `(user_id, list_name)`: the link turns off that kind of email for that member.
    """
    sender, from_header = _sender(current_app.config["MAIL_DEFAULT_SENDER"])
    message = EmailMessage(POLICY)
    message["From"] = from_header
    message["To"] = _address(name, to)
    message["Subject"] = safe_header_text(subject, 250)
    message["Date"] = datetime.now(timezone.utc)
    message["Message-ID"] = message_id or make_msgid(domain=sender.domain)
    message["List-Unsubscribe"] = list_unsubscribe(*unsubscribe, sender.domain)
    message["List-Unsubscribe-Post"] = _header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
    message["Auto-Submitted"] = _header("Auto-Submitted", "auto-generated")
    for key, value in (headers or {}).items():
        message[key] = safe_header_text(value)
    message["MIME-Version"] = _header("MIME-Version", "1.0")
    boundary = _BOUNDARY if _BOUNDARY not in text and _BOUNDARY not in html else None
    message["Content-Type"] = _header(
        "Content-Type", f'multipart/alternative; boundary="{boundary}"' if boundary else "multipart/alternative")
    message.attach(_text_part(text, "plain"))
    message.attach(_text_part(html, "html"))
    return message
