"""Delivery: one SMTP connection reused for a batch, or `.eml` files in the outbox directory."""
import smtplib
import ssl
import uuid
from contextlib import contextmanager
from pathlib import Path

from flask import current_app


class DeliveryError(Exception):
    """This message was not accepted; the connection may still serve the next one."""


class SMTPTransport:
    """smtplib with STARTTLS and login when configured; reconnects after a dropped connection."""

    def __init__(self, config):
        self.config = config
        self.smtp = None

    def _connect(self):
        cfg = self.config
        smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg.get("MAIL_TIMEOUT", 30))
        if cfg.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
        self.smtp = smtp

    def send(self, message):
        """Send over the kept connection; a broken one is closed so the next message reconnects."""
        try:
            if self.smtp is None:
                self._connect()
            self.smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            self._reset()
            raise DeliveryError(str(error)) from error
        except (smtplib.SMTPException, OSError) as error:
            self.close()  # the connection is unusable: the next message reconnects
            raise DeliveryError(str(error)) from error

    def _reset(self):
        try:
            self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def close(self):
        """End the SMTP session politely so the relay does not log an aborted connection."""
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.smtp = None


class OutboxTransport:
    """Writes each message to `<outbox>/<time>-<uuid>.eml` (the embedded default)."""

    def __init__(self, directory):
        self.directory = Path(directory)

    def send(self, message):
        """Write the message as an .eml file: development and tests read mail without a relay."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{uuid.uuid1().hex}.eml"
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(message.as_bytes())
            tmp.replace(path)
        except OSError as error:
            raise DeliveryError(str(error)) from error

    def close(self):
        """Nothing to close: the same interface as the SMTP transport."""
        pass


@contextmanager
def connection():
    """A transport for a batch of messages, closed at the end."""
    config = current_app.config
    transport = SMTPTransport(config) if config.get("MAIL_SERVER") else OutboxTransport(config["MAIL_OUTBOX_DIR"])
    try:
        yield transport
    finally:
        transport.close()
