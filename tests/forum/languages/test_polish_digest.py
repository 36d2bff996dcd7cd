"""A digest received in Polish, opened in a real browser: the plural forms Polish has for 1, 2, 5
and 22 (one, few, many, few again), numbers in Polish, and the mail's language marked."""
from datetime import timedelta

import pytest

from forum.services import digests, languages
from forum.core.transaction import transaction
from models import Post, Thread, utcnow
from tests.forum.conftest import html_of

pytestmark = pytest.mark.browser

COUNTS = (1, 2, 5, 22)


def _active_thread(author, make_thread, make_post, title, replies):
    """A thread started a month ago with `replies` replies this week: 'active' in the digest."""
    thread = make_thread(author, sector="vet", title=title)
    long_ago = utcnow() - timedelta(days=30)
    with transaction() as session:
        session.get(Thread, thread.id).created_at = long_ago
        session.query(Post).filter_by(thread_id=thread.id).update({"created_at": long_ago})
    for number in range(replies):
        make_post(author, thread, body=f"Odpowiedź numer {number}.")
    return thread


def test_a_polish_digest_has_the_right_plural_forms_for_1_2_5_and_22(app, smtp, verified_user, make_thread,
                                                                      make_post, browser):
    author = verified_user("autor")
    for count in COUNTS:
        _active_thread(author, make_thread, make_post, f"Wątek z {count} wpisami", count)
    reader = verified_user("polka")
    languages.set_interface_language(reader, "pl")

    digests.send_digests("weekly", now=utcnow() + timedelta(minutes=5))

    (message,) = smtp.to("polka@example.eu")
    page = browser.new_page()
    try:
        page.set_default_timeout(5000)
        page.set_content(html_of(message))
        assert page.locator("html").get_attribute("lang") == "pl"
        text = {count: page.locator(f"h3:has-text('Wątek z {count} wpisami') + p.meta").inner_text()
                for count in COUNTS}
    finally:
        page.close()
    assert "1 odpowiedź" in text[1] and "1 nowy wpis" in text[1]
    assert "2 odpowiedzi" in text[2] and "2 nowe wpisy" in text[2]
    assert "5 odpowiedzi" in text[5] and "5 nowych wpisów" in text[5]
    assert "22 odpowiedzi" in text[22] and "22 nowe wpisy" in text[22]
