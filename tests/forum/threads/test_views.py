"""Thread pages through the test client: start, reply, quote, edit, revisions, preview, errors."""
import re

import pytest

from models import Post, PostRevision, Thread, db


def _new_thread(client, url_sector="vet", **fields):
    data = {"sector": url_sector, "title": "Apprenticeships online", "body": "Hello **world**",
            "tags": "vet, ai", "language": "en", "submission_key": "k-new"}
    data.update(fields)
    return client.submit(f"/sectors/{url_sector}/new", data)


def _html(response):
    return response.get_data(as_text=True)


@pytest.fixture
def anna(make_user, client):
    user = make_user("anna", display_name="Anna Kowalska")
    client.login("anna")
    return user


def test_the_new_thread_form_has_the_exact_labels(client, anna):
    html = _html(client.get("/sectors/vet/new"))
    for label in ("Sector", "Title", "Message", "Tags", "Language"):
        assert re.search(rf"<label[^>]*>{label}</label>", html), label
    assert 'value="Create thread"' in html and 'value="Preview"' in html


def test_the_sector_page_links_to_the_new_thread_form(client, anna):
    assert 'href="/sectors/school/new"' in _html(client.get("/sectors/school"))


def test_anonymous_visitors_are_sent_to_sign_in_for_a_new_thread(client):
    response = client.get("/sectors/vet/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_new_thread_appears_with_its_tags_and_rendered_markdown(client, anna):
    response = _new_thread(client)
    assert response.status_code == 302
    page = _html(client.get(response.headers["Location"]))
    assert "<strong>world</strong>" in page and "<h1 lang=\"en\">Apprenticeships online</h1>" in page
    assert 'href="/tags/ai"' in page and 'href="/tags/vet"' in page
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"', page)


def test_the_thread_may_be_started_in_another_sector_than_the_link(client, anna):
    response = _new_thread(client, url_sector="vet", sector="school")
    thread = db.session.get(Thread, int(response.headers["Location"].split("/")[2]))
    assert thread.sector.slug == "school"


def test_a_too_long_title_is_refused_next_to_the_field_keeping_the_input(client, anna):
    response = _new_thread(client, title="T" * 151, body="Keep *this* text")
    html = _html(response)
    assert response.status_code == 422
    assert 'id="title-error"' in html and "at most 150 characters" in html
    assert "Keep *this* text" in html
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 0


def test_a_too_long_message_is_refused_next_to_the_field(client, anna):
    response = _new_thread(client, body="b" * 50_001)
    assert response.status_code == 422 and 'id="body-error"' in _html(response)
    assert "the limit is 50,000" in _html(response)


def test_six_tags_are_refused_next_to_the_tags_field(client, anna):
    response = _new_thread(client, tags="a, b, c, d, e, f")
    assert response.status_code == 422 and 'id="tags-error"' in _html(response)


def test_an_unknown_sector_in_the_form_is_refused(client, anna):
    response = _new_thread(client, url_sector="vet", sector="nowhere")
    assert response.status_code == 422 and 'id="sector-error"' in _html(response)


def test_preview_shows_the_rendered_message_and_saves_nothing(client, anna):
    response = _new_thread(client, body="# Big\n\n*soft*", preview="Preview")
    html = _html(response)
    assert response.status_code == 200
    assert "<h3>Big</h3>" in html and "<em>soft</em>" in html
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 0


def test_the_live_preview_endpoint_renders_safe_html_with_the_csrf_header(client, anna):
    token = client.csrf_token("/sectors/vet/new")
    response = client.post("/preview", data={"body": "**b** <script>x()</script>"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert "<strong>b</strong>" in _html(response) and "<script" not in _html(response)
    assert client.post("/preview", data={"body": "x"}).status_code == 400


def test_a_double_submitted_thread_form_makes_one_thread(client, anna):
    first, second = _new_thread(client), _new_thread(client)
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(Thread.id))) == 1


def test_a_reply_lands_on_its_post_on_the_last_page(app, client, anna, make_thread, make_post):
    thread = make_thread(anna)
    for i in range(20):
        make_post(anna, thread, body=f"Reply {i}")
    response = client.submit(f"/threads/{thread.id}/reply", {"body": "Number 22", "language": "en",
                                                             "submission_key": "r1"},
                             token_from=f"/threads/{thread.id}")
    post = db.session.scalar(db.select(Post).where(Post.number == 22))
    assert response.headers["Location"] == f"/threads/{thread.id}?page=2#post-{post.id}"
    page = _html(client.get(f"/threads/{thread.id}?page=2"))
    assert f'id="post-{post.id}"' in page and "Number 22" in page


def test_a_double_submitted_reply_makes_one_post(client, anna, make_thread):
    thread = make_thread(anna)
    data = {"body": "Once", "language": "en", "submission_key": "same"}
    first = client.submit(f"/threads/{thread.id}/reply", data, token_from=f"/threads/{thread.id}")
    second = client.submit(f"/threads/{thread.id}/reply", data, token_from=f"/threads/{thread.id}")
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(db.select(db.func.count(Post.id))) == 2


def test_an_empty_reply_is_refused_next_to_the_message(client, anna, make_thread):
    thread = make_thread(anna)
    response = client.submit(f"/threads/{thread.id}/reply", {"body": "  ", "language": "en"},
                             token_from=f"/threads/{thread.id}")
    assert response.status_code == 422 and 'id="body-error"' in _html(response)


def test_quoting_fills_the_reply_box_without_javascript(client, anna, make_thread):
    thread = make_thread(anna, body="Quotable line")
    post = db.session.scalar(db.select(Post))
    html = _html(client.get(f"/threads/{thread.id}/reply?quote={post.id}"))
    assert "&gt; Quotable line" in html and "Anna Kowalska [wrote]" in html


def test_the_quote_endpoint_gives_the_markdown_for_the_script(client, anna, make_thread):
    make_thread(anna, body="Quotable line")
    post = db.session.scalar(db.select(Post))
    response = client.get(f"/posts/{post.id}/quote")
    assert response.mimetype == "text/plain" and "> Quotable line" in _html(response)
    assert client.get("/posts/999/quote").status_code == 404


def test_the_thread_page_offers_quote_links_with_a_fallback(client, anna, make_thread):
    thread = make_thread(anna)
    post = db.session.scalar(db.select(Post))
    html = _html(client.get(f"/threads/{thread.id}"))
    assert f'href="/threads/{thread.id}/reply?quote={post.id}#reply"' in html
    assert f'data-quote="{post.id}"' in html


def test_editing_marks_the_post_edited_and_links_its_history(client, anna, make_thread):
    thread = make_thread(anna, body="Old words")
    post = db.session.scalar(db.select(Post))
    html = _html(client.get(f"/posts/{post.id}/edit"))
    assert re.search(r"<label[^>]*>Edit message</label>", html) and 'value="Save"' in html
    response = client.submit(f"/posts/{post.id}/edit", {"title": thread.title, "body": "New words",
                                                        "language": "en"})
    assert response.status_code == 302
    page = _html(client.get(f"/threads/{thread.id}"))
    assert "New words" in page and f'href="/posts/{post.id}/revisions">edited</a>' in page
    history = _html(client.get(f"/posts/{post.id}/revisions"))
    assert "Old words" in history and "New words" in history


def test_a_failed_edit_shows_the_error_and_keeps_the_saved_post(client, anna, make_thread):
    make_thread(anna, body="Saved text")
    post = db.session.scalar(db.select(Post))
    response = client.submit(f"/posts/{post.id}/edit", {"title": "T" * 151, "body": "Draft",
                                                        "language": "en"})
    assert response.status_code == 422 and 'id="title-error"' in _html(response)
    assert "Draft" in _html(response)
    db.session.commit()
    assert db.session.get(Post, post.id).body_markdown == "Saved text"
    assert db.session.scalar(db.select(db.func.count(PostRevision.id))) == 0


def test_a_member_cannot_edit_another_members_post(client, make_user, make_thread):
    owner = make_user("owner")
    make_user("ben")
    make_thread(owner, body="Mine")
    post = db.session.scalar(db.select(Post))
    client.login("ben")
    assert client.get(f"/posts/{post.id}/edit").status_code == 403
    token = client.csrf_token("/")
    response = client.post(f"/posts/{post.id}/edit", data={"csrf_token": token, "body": "Hacked",
                                                           "language": "en"})
    assert response.status_code == 403
    assert "Edit<span" not in _html(client.get(f"/threads/{post.thread_id}"))
    db.session.commit()
    assert db.session.get(Post, post.id).body_markdown == "Mine"


def test_anonymous_visitors_cannot_reply_or_edit(client, make_user, make_thread):
    thread = make_thread(make_user("owner"))
    post = db.session.scalar(db.select(Post))
    assert client.get(f"/posts/{post.id}/edit").status_code == 302
    assert client.get(f"/threads/{thread.id}/reply").status_code == 302
    assert "Sign in to reply" in _html(client.get(f"/threads/{thread.id}"))


@pytest.mark.parametrize("url", [
    "/threads/999", "/threads/999/some-slug", "/sectors/nowhere",
    "/tags/nothing", "/posts/999/revisions", "/threads/1?page=2", "/threads/1?page=0",
    "/threads/1?page=abc", "/sectors/vet?page=2", "/threads/1/posts/999",
])
def test_unknown_things_and_pages_give_a_404_page(client, make_user, make_thread, url):
    make_thread(make_user("owner"))
    response = client.get(url)
    assert response.status_code == 404 and "Page not found" in _html(response)


def test_a_new_thread_in_an_unknown_sector_is_a_404(client, anna):
    assert client.get("/sectors/nowhere/new").status_code == 404


def test_a_thread_of_45_posts_has_three_pages_of_20(client, make_user, make_thread, make_post):
    anna = make_user("anna")
    thread = make_thread(anna)
    for i in range(44):
        make_post(anna, thread, body=f"Reply number {i + 2}")
    first = _html(client.get(f"/threads/{thread.id}/{thread.slug}"))
    last = _html(client.get(f"/threads/{thread.id}/{thread.slug}?page=3"))
    assert first.count('class="post"') == 20 and last.count('class="post"') == 5
    assert "Reply number 45" in last and "Reply number 45" not in first
    assert 'rel="next"' in first and 'rel="prev"' in last


def test_anonymous_readers_see_an_edit_of_an_old_cached_post_at_once(client, make_user, make_thread):
    from datetime import timedelta

    from forum.services import posting
    from models import User, utcnow

    owner = make_user("owner", display_name="Olga")
    thread = make_thread(owner, body="Original words")
    db.session.execute(db.update(Post).values(created_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    url = f"/threads/{thread.id}"
    assert "Original words" in _html(client.get(url)) and "Original words" in _html(client.get(url))
    posting.edit_post(db.session.get(User, owner.id), db.session.scalar(db.select(Post)).id, "Better words")
    page = _html(client.get(url))
    assert "Better words" in page and "Original words" not in page
    with db.session.begin_nested():
        db.session.get(User, owner.id).display_name = "Olga Renamed"
    db.session.commit()
    assert "Olga Renamed" in _html(client.get(url))


def test_pagination_links_stay_few_on_a_long_thread(app):
    from forum.core.pagination import Page

    assert Page(items=[], page=6, per_page=20, total=5000).links() == [1, None, 4, 5, 6, 7, 8, None, 250]
    assert Page(items=[], page=1, per_page=20, total=60).links() == [1, 2, 3]
    assert Page(items=[], page=250, per_page=20, total=5000).links() == [1, None, 248, 249, 250]
