"""Hostile input in the thread, reply and edit forms: a file or control characters posted under a
text field's name give a form error (422) beside the field, or are cleaned, never a 500."""
import io

import pytest

from models import Post, Thread, db


@pytest.fixture
def anna(make_user, client):
    user = make_user("anna")
    client.login("anna")
    return user


def _upload(content=b"not text"):
    return io.BytesIO(content), "notes.txt"


def _thread_form(**fields):
    return {"sector": "vet", "title": "Apprenticeships online", "body": "Hello", "tags": "",
            "language": "en", **fields}


def _html(response):
    return response.get_data(as_text=True)


@pytest.mark.parametrize("field, message", [("title", "Write a title."), ("body", "Write a message.")])
def test_a_file_posted_as_a_thread_field_is_a_form_error(client, anna, field, message):
    response = client.submit("/sectors/vet/new", _thread_form(**{field: _upload()}),
                             content_type="multipart/form-data")
    assert response.status_code == 422
    assert f'id="{field}-error"' in _html(response) and message in _html(response)
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 0


def test_a_file_posted_as_tags_or_language_is_refused_or_ignored_without_a_500(client, anna):
    for field in ("tags", "language", "sector"):
        response = client.submit("/sectors/vet/new", _thread_form(**{field: _upload()}),
                                 content_type="multipart/form-data")
        assert response.status_code in (302, 422), field


def test_a_title_of_control_characters_only_is_a_form_error(client, anna):
    response = client.submit("/sectors/vet/new", _thread_form(title="\x00\x01\x1b\x7f"))
    assert response.status_code == 422 and 'id="title-error"' in _html(response)
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 0


def test_control_characters_are_removed_from_a_new_thread(client, anna):
    response = client.submit("/sectors/vet/new", _thread_form(title="Null\x00 and bell\x07",
                                                              body="Line one\x00\r\nLine\ttwo\x1b"))
    assert response.status_code == 302
    thread = db.session.scalars(db.select(Thread)).one()
    assert thread.title == "Null and bell"
    body = db.session.scalar(db.select(Post.body_markdown).where(Post.thread_id == thread.id))
    assert body == "Line one\nLine\ttwo"


def test_a_file_or_control_characters_in_a_reply_are_a_form_error(client, anna, make_thread):
    thread = make_thread(anna)
    url = f"/threads/{thread.id}/reply"
    response = client.submit(url, {"body": _upload(), "language": "en"}, token_from=f"/threads/{thread.id}",
                             content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="body-error"' in _html(response)
    response = client.submit(url, {"body": "\x00\x08", "language": "en"}, token_from=f"/threads/{thread.id}")
    assert response.status_code == 422 and 'id="body-error"' in _html(response)
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 1


def test_a_reply_keeps_its_text_without_the_control_characters(client, anna, make_thread):
    thread = make_thread(anna)
    response = client.submit(f"/threads/{thread.id}/reply", {"body": "Agreed\x00!", "language": "en"},
                             token_from=f"/threads/{thread.id}")
    assert response.status_code == 302
    assert db.session.scalar(db.select(Post.body_markdown).where(Post.number == 2)) == "Agreed!"


def test_a_file_or_control_characters_in_an_edit_are_a_form_error(client, anna, make_thread):
    thread = make_thread(anna, body="Original")
    post_id = db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id))
    url = f"/posts/{post_id}/edit"
    response = client.submit(url, {"title": "Apprenticeships", "body": _upload(), "language": "en"},
                             content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="body-error"' in _html(response)
    response = client.submit(url, {"title": "A title", "body": "\x00", "language": "en"})
    assert response.status_code == 422 and 'id="body-error"' in _html(response)
    assert db.session.get(Post, post_id).body_markdown == "Original"
