"""Compose safe messages: user text can never add a header or smuggle an encoded word."""
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app

from forum.mail.tokens import unsubscribe_mailto, unsubscribe_url

# RFC 5322 allows 998 characters a line: long List-Unsubscribe URLs must stay unfolded plain
# text (folding them at 78 would turn them into encoded words that no client reads).
POLICY = policy.SMTP.clone(max_line_length=998)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")


def safe_header_text(value, limit=200):
    """One line of plain text for a header: no CR/LF or other controls, no `=?` that a client
    would decode as an RFC 2047 encoded word, bounded length."""
    text = _CONTROL.sub(" ", str(value or ""))
    text = " ".join(text.split()).replace("=?", "= ?").replace("?=", "? =")
    return text[:limit]


def _address(display_name, addr_spec):
    """An Address object: the display name is quoted/encoded by the email package itself."""
    addr_spec = _CONTROL.sub("", addr_spec or "").strip()
    if not addr_spec or "@" not in addr_spec or any(c in addr_spec for c in " <>,;\"()"):
        raise ValueError(f"not a plain email address: {addr_spec!r}")
    local, domain = addr_spec.rsplit("@", 1)
    return Address(display_name=safe_header_text(display_name, 80), username=local, domain=domain)


def sender_address():
    name, addr = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])
    return _address(name or "Praxis", addr)


def compose(*, to, name, subject, text, html, unsubscribe, message_id=None, headers=None):
    """A multipart/alternative message (plain text first, then HTML) with RFC 8058 headers.

    `unsubscribe` is `(user_id, list_name)`: the link turns off that kind of email for that member.
    """
    sender = sender_address()
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = _address(name, to)
    message["Subject"] = safe_header_text(subject, 250)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id or make_msgid(domain=sender.domain)
    user_id, list_name = unsubscribe
    message["List-Unsubscribe"] = (
        f"<{unsubscribe_url(user_id, list_name)}>, <{unsubscribe_mailto(user_id, list_name, sender.domain)}>")
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    for key, value in (headers or {}).items():
        message[key] = safe_header_text(value)
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
