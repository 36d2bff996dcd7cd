"""Search never shows what the viewer may not open: not in results, counts, snippets or
suggestions. Visibility is a filter inside the index query and a re-check against the database."""
import re

import pytest

from forum.adapters.search import index_post
from forum.services.moderation.close import close_thread
from forum.services.moderation.hide import hide_post, restore_post
from forum.core.transaction import transaction
from models import Post, db, utcnow

SECRET = "quokkafeeding"


@pytest.fixture
def people(make_user):
    return {"anna": make_user("anna"), "ben": make_user("ben"),
            "mod": make_user("mod", role="moderator"), "admin": make_user("root", role="admin")}


@pytest.fixture
def hidden_reply(people, make_thread, make_post):
    thread = make_thread(people["anna"], sector="vet", title="Feeding animals at school", body="Intro.")
    post = make_post(people["anna"], thread, body=f"The {SECRET} schedule is on the wall.")
    hide_post(people["mod"], post.id, "Off topic")
    return post


def _after_form(html):
    """The page below the search form (the form itself repeats the query)."""
    return html.split('class="search-form"', 1)[1].split("</form>", 1)[1]


def _count(html):
    return re.search(r'class="meta result-count"[^>]*>\s*(.*?)\s*<', html, re.S).group(1)


def test_a_hidden_posts_unique_word_is_never_found_by_other_members(hidden_reply, client, found, search_page):
    assert found(SECRET) == []  # anonymous
    client.login("ben")
    assert found(SECRET) == [] and found("schedule") == []
    _status, html = search_page(SECRET)
    assert _count(html) == "0 results" and SECRET not in _after_form(html)


def test_a_hidden_post_is_found_by_moderators_and_its_author(hidden_reply, client, found):
    client.login("mod")
    assert found(SECRET) == [hidden_reply.id]
    client.logout()
    client.login("anna")
    assert found(SECRET) == [hidden_reply.id]


def test_suggestions_never_reveal_hidden_words(hidden_reply, client, search_page):
    _status, html = search_page("quokkafeedin")
    assert "Did you mean" not in html and SECRET not in _after_form(html)
    client.login("mod")
    _status, html = search_page("quokkafeedin")
    assert f">{SECRET}</a>" in html


def test_restoring_makes_the_post_findable_again(hidden_reply, people, found):
    restore_post(people["mod"], hidden_reply.id)
    assert found(SECRET) == [hidden_reply.id]


def test_a_stale_index_entry_is_rechecked_against_the_database(people, make_thread, make_post, client,
                                                              found, search_page, app):
    thread = make_thread(people["anna"], title="Stale entries here", body="Intro.")
    post = make_post(people["anna"], thread, body="Wombatwise advice.")
    with transaction():  # hidden without an event: the index has not heard of it
        db.session.get(Post, post.id).hidden_at = utcnow()
    client.login("ben")
    _status, html = search_page("wombatwise")
    assert 'data-post-id' not in html and _count(html) == "0 results"
    with transaction():
        index_post(post.id)
    client.logout()
    client.login("mod")
    assert found("wombatwise") == [post.id]


def test_posts_of_closed_threads_are_only_for_moderators(people, make_thread, make_post, client, found):
    thread = make_thread(people["anna"], title="Soon to be closed", body="Capybaracorner intro.")
    reply = make_post(people["ben"], thread, body="Capybaracorner reply.")
    close_thread(people["mod"], thread.id, "Spam")
    client.login("anna")
    assert found("capybaracorner") == []
    client.logout()
    client.login("mod")
    assert set(found("capybaracorner")) == {thread.id, reply.id}  # thread 1's first post has id 1


def test_pending_posts_are_only_for_their_author_and_moderators(people, make_thread, make_post, client, found):
    thread = make_thread(people["anna"], title="Waiting for approval", body="Intro.")
    post = make_post(people["ben"], thread, body="Narwhalnotes pending.")
    with transaction():
        db.session.get(Post, post.id).pending_at = utcnow()
        index_post(post.id)
    assert found("narwhalnotes") == []
    client.login("anna")
    assert found("narwhalnotes") == []
    client.logout()
    client.login("ben")
    assert found("narwhalnotes") == [post.id]


def test_sector_moderators_see_hidden_posts_of_their_sectors_only(people, make_user, make_thread, make_post,
                                                                  client, found):
    from forum.services.moderation.users import appoint_moderator

    vet_mod = make_user("vetmod")
    appoint_moderator(people["admin"], vet_mod.id, sectors=["vet"])
    vet = make_thread(people["anna"], sector="vet", title="Vet thread here", body="Intro.")
    school = make_thread(people["anna"], sector="school", title="School thread here", body="Intro.")
    in_vet = make_post(people["ben"], vet, body="Okapiorchard in vet.")
    in_school = make_post(people["ben"], school, body="Okapiorchard in school.")
    hide_post(people["mod"], in_vet.id, "Off topic")
    hide_post(people["mod"], in_school.id, "Off topic")
    client.login("vetmod")
    assert found("okapiorchard") == [in_vet.id]


def test_deleted_posts_leave_the_index_even_for_moderators(people, make_thread, make_post, client, found):
    from forum.services.moderation.hide import delete_post

    thread = make_thread(people["anna"], title="Deletion thread", body="Intro.")
    post = make_post(people["anna"], thread, body="Axolotlarchive text.")
    delete_post(people["admin"], post.id, "Personal data")
    client.login("root")
    assert found("axolotlarchive") == []


def test_an_author_finds_her_hidden_post_after_her_earlier_posts_in_one_segment(hidden_reply, client, found):
    from forum.adapters import search

    search.rebuild()  # one segment: her visible first post comes before the hidden one
    client.login("anna")
    assert found(SECRET) == [hidden_reply.id]
    client.logout()
    client.login("ben")
    assert found(SECRET) == []
