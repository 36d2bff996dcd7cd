"""The one mail pipeline: compose a multipart message, then deliver it by SMTP or to the outbox.

    with mail.connection() as conn:
        conn.send(mail.compose(to=user.email, name=user.name, subject=..., text=..., html=...,
                               unsubscribe=(user.id, "digest")))

Without `MAIL_SERVER` every message is written as an `.eml` file under `MAIL_OUTBOX_DIR`.
"""
from forum.adapters.mail.message import compose, safe_header_text
from forum.adapters.mail.tokens import read_unsubscribe_token, unsubscribe_token, unsubscribe_url
from forum.adapters.mail.transport import DeliveryError, connection

__all__ = ["compose", "connection", "DeliveryError", "safe_header_text", "unsubscribe_token",
           "read_unsubscribe_token", "unsubscribe_url", "send"]


def send(message):
    """Deliver one message on a short-lived connection (account mail, single notices)."""
    with connection() as conn:
        conn.send(message)
