"""The 500s the security review and the route fuzzer found (issue #11, item 14), one test each."""
from urllib.parse import urlencode

import pytest
from whoosh.automata.lev import levenshtein_automaton

from forum.core.ids import DB_INT_MAX, parse_id
from forum.core.pagination import parse_page

HOSTILE_ARGS = [{"thread_id": "1"}, {"thread_id": "abc"}, {"_method": "POST"}, {"endpoint": "x"},
                {"_scheme": "https"}, {"_external": "1"}, {"_anchor": "top"}, {"values": "1"},
                {"slug": "a/b"}, {"post_id": "-1"}]


@pytest.fixture
def paged(app, make_user, make_thread, make_post):
    """A thread of three pages and a sector of two, so every list shows pagination links."""
    app.config.update(POSTS_PER_PAGE=2, THREADS_PER_PAGE=1)
    anna = make_user("anna")
    thread = make_thread(anna, title="Marking homework fairly", tags="grading")
    make_thread(anna, title="Rubrics for projects", tags="grading")
    for n in range(4):
        make_post(anna, thread, body=f"Reply {n}.")
    return thread


@pytest.mark.parametrize("raw, page", [("1", 1), ("42", 42), ("999999", 999999), ("²", None), ("٣", None),
                                       ("１", None), ("0", None), ("-1", None), (" 1", None), ("1_0", None),
                                       ("1234567", None), ("9" * 400, None), ("", None), (None, None)])
def test_a_page_number_is_ascii_digits_and_bounded(raw, page):
    assert parse_page(raw) == page


@pytest.mark.parametrize("path", ["/sectors/school", "/tags/grading", "/threads/{thread}"])
def test_a_unicode_digit_or_huge_page_on_a_list_is_a_404(paged, client, path):
    for value in ("²", "٣", "9" * 400, "0"):
        response = client.get(path.format(thread=paged.id), query_string={"page": value})
        assert response.status_code == 404, value


def test_a_unicode_digit_page_on_search_shows_the_first_page(paged, client):
    response = client.get("/search", query_string={"q": "reply", "page": "²"})
    assert response.status_code == 200 and 'data-post-id="' in response.get_data(as_text=True)


def test_a_unicode_digit_page_on_notifications_is_not_a_500(paged, client, make_user):
    make_user("ben")
    client.login("ben")
    assert client.get("/notifications", query_string={"page": "²"}).status_code == 200
    client.get(f"/threads/{paged.id}", query_string={"page": "²"})  # the read marker hook parses it too


@pytest.mark.parametrize("path", ["/sectors/school", "/threads/{thread}", "/threads/{thread}/a-slug",
                                  "/tags/grading"])
def test_query_arguments_url_for_treats_specially_stay_query_arguments(paged, client, path):
    path = path.format(thread=paged.id)
    for args in HOSTILE_ARGS:
        response = client.get(path, query_string=args)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, args
        assert f'href="{path}?{urlencode(args)}&amp;page=2" rel="next"' in html, args


def test_a_merged_threads_redirect_keeps_hostile_arguments_as_query(paged, client, make_user, make_thread):
    from forum.services.moderation.merge import merge_threads

    mod = make_user("mod", role="moderator")
    source = make_thread(mod, title="A duplicate question")
    merge_threads(mod, source.id, paged.id)
    for args in HOSTILE_ARGS:
        response = client.get(f"/threads/{source.id}", query_string=args)
        assert response.status_code == 301, args
        assert response.headers["Location"] == f"/threads/{paged.id}?{urlencode(args)}"


@pytest.mark.parametrize("template", ["/threads/{id}", "/threads/{id}/slug", "/threads/1/posts/{id}",
                                      "/posts/{id}/quote", "/posts/{id}/revisions", "/live/posts/{id}"])
def test_a_path_id_outside_the_database_range_is_a_404(paged, client, template):
    for segment in (str(2**64), str(2**63), str(DB_INT_MAX + 1), "9" * 100, "²", "٣", "-1"):
        assert client.get(template.format(id=segment)).status_code == 404, segment


def test_a_path_id_at_the_top_of_the_database_range_is_looked_up(paged, client):
    assert client.get(f"/threads/{DB_INT_MAX}").status_code == 404
    assert client.get(f"/threads/{paged.id}").status_code == 200


@pytest.mark.parametrize("value, expected", [(7, 7), ("7", 7), (DB_INT_MAX, DB_INT_MAX), (DB_INT_MAX + 1, None),
                                             ("²", None), ("٣", None), ("9" * 30, None), ("0", None), (-3, None),
                                             ("-3", None), ("", None), (None, None), (True, None), ("7 ", None)])
def test_an_id_from_text_is_ascii_digits_within_the_database_range(value, expected):
    assert parse_id(value) == expected


def test_a_unicode_digit_or_huge_quote_id_shows_the_reply_form_without_a_quote(paged, client):
    client.login("anna")
    for value in ("²", "9" * 30, str(2**64)):
        response = client.get(f"/threads/{paged.id}/reply", query_string={"quote": value})
        assert response.status_code == 200, value


def test_moderation_targets_given_as_unicode_digits_or_huge_numbers_are_refused_with_a_message(
        paged, client, make_user):
    make_user("mod", role="moderator")
    client.login("mod")
    for field, value in (("expected_sector", "²"), ("sector", "²"), ("sector", "9" * 30)):
        data = {"sector": "vet", "expected_sector": "", "reason": "Belongs there", field: value}
        response = client.submit(f"/moderation/threads/{paged.id}/move", data)
        assert response.status_code == 422, (field, value)
    response = client.submit(f"/moderation/threads/{paged.id}/merge", {"target": str(2**64), "reason": "x"})
    assert response.status_code in (404, 422)


@pytest.mark.parametrize("value", ["²", "9" * 30, str(2**64), "-1", "", None])
def test_moderation_services_answer_not_found_for_ids_no_database_holds(paged, value):
    from forum.core.errors import NotFound
    from forum.services.moderation.common import load_post, load_thread, load_user
    from models import db

    for load in (load_thread, load_post, load_user):
        with pytest.raises(NotFound):
            load(db.session, value)


def test_whoosh_levenshtein_automaton_fails_on_a_term_shorter_than_its_prefix():
    """The cause of the suggester's IndexError, pinned: if a Whoosh upgrade fixes it, this says so."""
    with pytest.raises(IndexError):
        levenshtein_automaton("", 2, prefix=1)


def test_queries_whose_words_fold_to_almost_nothing_search_without_a_500(paged, client):
    """Only a one-segment index reaches the automaton (a MultiReader compares words one by one):
    a rebuild makes one, as `flask search reindex` does on a real forum."""
    from forum.adapters.search import backend

    backend().rebuild()
    assert len(backend().searcher().reader().leaf_readers()) == 1
    for q in ("1 :", "7 :", "nothing :", ":", "a :", "- x", "'", "«»", "x", "ab", "_", "·", "—", "zz.", "(", "a-b",
              "qz -", "qzw ·", "nope a-b", "reply :"):
        assert client.get("/search", query_string={"q": q}).status_code == 200, q
