"""Mail fixtures: a real SMTP server (aiosmtpd on 127.0.0.1) that records what it receives."""
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every accepted message; refuses recipients listed in `reject`."""

    def __init__(self):
        self.messages = []
        self.reject = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.raw = envelope.content  # the bytes as sent
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address):
        """Messages to `address` (account mail is an outbox row, drained at commit in tests)."""
        return [message for rcpts, message in self.messages if address in rcpts]

    @property
    def recipients(self):
        return sorted(r for rcpts, _m in self.messages for r in rcpts)

    def clear(self):
        self.messages.clear()
        self.reject.clear()


@pytest.fixture(scope="session")
def smtp_controller():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def smtp(app, smtp_controller):
    """The app sends through the real local SMTP server; returns its Inbox (emptied)."""
    controller, inbox = smtp_controller
    inbox.clear()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, BASE_URL="https://praxis.example.eu")
    yield inbox
    inbox.clear()


@pytest.fixture
def password_hash(app):
    from werkzeug.security import generate_password_hash

    from tests.support import PASSWORD

    return generate_password_hash(PASSWORD, method=app.config["PASSWORD_HASH_METHOD"])


@pytest.fixture
def verified_user(app, password_hash):
    """A member with a confirmed email address (digests need one), made without re-hashing."""
    from forum.core.transaction import transaction
    from models import User, utcnow

    def make(username, verified=True, **profile):
        with transaction() as session:
            user = User(username=username, username_canonical=username.lower(), email=f"{username}@example.eu",
                        password_hash=password_hash, email_verified_at=utcnow() if verified else None, **profile)
            session.add(user)
        return user

    return make


def text_of(message):
    return message.get_body(("plain",)).get_content()


def html_of(message):
    return message.get_body(("html",)).get_content()
