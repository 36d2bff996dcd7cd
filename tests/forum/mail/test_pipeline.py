"""The mail pipeline: multipart messages, RFC 8058 headers, header safety, the outbox."""
import email
from email import policy
from pathlib import Path

import pytest

from forum.adapters import mail
from tests.forum.conftest import html_of, text_of


def compose(**kw):
    fields = dict(to="anna@example.eu", name="Anna", subject="Hello", text="Plain body", html="<p>HTML body</p>",
                  unsubscribe=(7, "digest"))
    fields.update(kw)
    return mail.compose(**fields)


def test_message_arrives_as_multipart_plain_and_html_with_one_click_unsubscribe(app, smtp):
    mail.send(compose())
    (message,) = smtp.to("anna@example.eu")
    assert message.get_content_type() == "multipart/alternative"
    assert text_of(message).strip() == "Plain body" and "<p>HTML body</p>" in html_of(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
    assert https.startswith("https://praxis.example.eu/unsubscribe/")
    assert mailto.startswith("mailto:unsubscribe@praxis.localhost?subject=unsubscribe%20")
    assert message["From"] == "Praxis <no-reply@praxis.localhost>"
    assert b"\r\nList-Unsubscribe: <https://praxis.example.eu/unsubscribe/" in message.raw  # plain, never =?utf-8?


def test_without_a_mail_server_messages_are_written_to_the_outbox(app, tmp_path):
    mail.send(compose(subject="To the outbox"))
    (path,) = Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == "To the outbox" and message["List-Unsubscribe"]


@pytest.mark.parametrize("evil", [
    "Title\r\nBcc: victim@example.com",
    "Title\nBcc: victim@example.com",
    "Title =?utf-8?q?=0D=0ABcc=3A_victim=40example=2Ecom?=",
    "Title =?utf-8?b?DQpCY2M6IHZpY3RpbUBleGFtcGxlLmNvbQ==?=",
    "Title\u2028Bcc: victim@example.com",
])
def test_titles_and_display_names_cannot_inject_headers(app, smtp, evil):
    mail.send(compose(subject=evil, name=evil))
    (rcpts, message), = smtp.messages
    assert rcpts == ["anna@example.eu"]
    assert message["Bcc"] is None
    assert "\n" not in str(message["Subject"]) and "victim@example.com" not in message["To"].addresses[0].addr_spec
    assert message["To"].addresses[0].addr_spec == "anna@example.eu"
    for line in message.as_string().splitlines():
        assert not line.lower().startswith("bcc:")


def test_an_address_with_header_characters_is_refused(app):
    with pytest.raises(ValueError):
        compose(to="anna@example.eu\r\nBcc: x@y.z")


def test_one_refused_recipient_leaves_the_connection_usable(app, smtp):
    smtp.reject.add("bad@example.eu")
    with mail.connection() as conn:
        with pytest.raises(mail.DeliveryError):
            conn.send(compose(to="bad@example.eu"))
        conn.send(compose(to="good@example.eu"))
    assert smtp.recipients == ["good@example.eu"]


def test_unsubscribe_token_names_one_member_and_one_list(app):
    token = mail.unsubscribe_token(7, "digest")
    assert mail.read_unsubscribe_token(token) == (7, "digest")
    assert mail.read_unsubscribe_token(token[:-2] + "xx") is None
    assert mail.read_unsubscribe_token(mail.unsubscribe_token(8, "digest")) == (8, "digest")
    forged = token.replace(token.split(".")[0], mail.unsubscribe_token(8, "all").split(".")[0])
    assert mail.read_unsubscribe_token(forged) is None


def test_bodies_arrive_intact_whatever_their_lines_or_characters(app, smtp):
    from forum.adapters.mail.message import _BOUNDARY

    long_line = "Ünïcode " + "x" * 1500
    mail.send(compose(to="a@example.eu", text=long_line, html=f"<p>{long_line}</p>"))
    mail.send(compose(to="b@example.eu", text=f"--{_BOUNDARY}\nafter", html=f"<p>--{_BOUNDARY}--</p>"))
    (long_message,) = smtp.to("a@example.eu")
    assert text_of(long_message).strip() == long_line and long_line in html_of(long_message)
    assert all(len(line) <= 998 for line in long_message.raw.split(b"\r\n"))
    (tricky,) = smtp.to("b@example.eu")
    assert text_of(tricky).split() == [f"--{_BOUNDARY}", "after"] and f"--{_BOUNDARY}--" in html_of(tricky)
