"""The search page: ranking, operators, filters, highlighting, sorting, paging, empty states."""
import re
from datetime import datetime

import pytest

from forum.adapters.search import index_post
from forum.core.transaction import transaction
from models import Post, db


@pytest.fixture
def anna(make_user):
    return make_user("anna", display_name="Anna Berg")


def _backdate(post_id, when):
    with transaction():
        db.session.get(Post, post_id).created_at = when
        index_post(post_id)


def test_every_page_has_a_labelled_search_box_in_the_header(client):
    html = client.get("/").get_data(as_text=True)
    assert 'role="search"' in html
    assert re.search(r'<input type="search" id="site-search-q" name="q"[^>]*aria-label="Search the forum"', html)
    assert 'action="/search"' in html


def test_title_matches_rank_above_body_matches(anna, make_thread, found):
    body_only = make_thread(anna, title="Tools for the workshop", body="We tried flipgrid once.")
    titled = make_thread(anna, title="Flipgrid in the classroom", body="Video responses for pupils.")
    assert found("flipgrid") == [titled.id, body_only.id]  # first posts: post id == thread id here


def test_more_occurrences_rank_higher(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Assessment ideas", body="Nothing yet.")
    once = make_post(anna, thread, body="Portfolio work is useful, and so are exams and quizzes.")
    often = make_post(anna, thread, body="Portfolio, portfolio, portfolio: the portfolio is everything.")
    assert found("portfolio") == [often.id, once.id]


def test_all_words_are_required_or_alternatives_exclusions_and_phrases(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Platforms", body="Intro.")
    a = make_post(anna, thread, body="Moodle and quizzes work well together.")
    b = make_post(anna, thread, body="Canvas quizzes are fine for open education.")
    c = make_post(anna, thread, body="Education that is open: moodle again.")
    assert found("moodle quizzes") == [a.id]
    assert set(found("moodle OR canvas")) == {a.id, b.id, c.id}
    assert set(found("quizzes -canvas")) == {a.id}
    assert set(found("quizzes NOT moodle")) == {b.id}
    assert found('"open education"') == [b.id]
    assert set(found("open education")) == {b.id, c.id}


def test_prefix_search_expands_to_indexed_words(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Words and words", body="Intro.")
    a = make_post(anna, thread, body="Educators met.")
    b = make_post(anna, thread, body="Educational policy.")
    make_post(anna, thread, body="Nothing relevant.")
    assert set(found("educat*")) == {a.id, b.id}


def test_filters_by_sector_author_tag_language_and_title(anna, make_user, make_thread, make_post, found):
    ben = make_user("ben")
    vet = make_thread(anna, sector="vet", title="Apprentices and robots", body="Robots in VET.",
                      tags="automation, accessibility")
    school = make_thread(ben, sector="school", title="Robots for pupils", body="Robots at school.",
                         language="de")
    reply = make_post(ben, vet, body="More robots, please.")
    assert set(found("robots sector:vet")) == {vet.id, reply.id}
    assert set(found("robots author:ben")) == {school.id, reply.id}
    assert set(found("robots tag:accessibility")) == {vet.id, reply.id}
    assert found("robots tag:accessibility tag:automation author:anna") == [vet.id]
    assert found("robots lang:de") == [school.id]
    assert set(found("robots in:titles")) == {vet.id, school.id}
    assert found("robots", sector="school") == [school.id]  # the advanced form's field
    assert found("robots", author="Anna", scope="titles") == [vet.id]


def test_date_filters(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Calendar", body="Intro.")
    old = make_post(anna, thread, body="Hackathon report.")
    new = make_post(anna, thread, body="Hackathon plans.")
    _backdate(old.id, datetime(2025, 5, 1, 12))
    _backdate(new.id, datetime(2026, 3, 1, 12))
    assert found("hackathon after:2026-01-01") == [new.id]
    assert found("hackathon before:2025-12-31") == [old.id]
    assert found("hackathon after:2025-05-01 before:2025-05-01") == [old.id]
    assert found("hackathon", after="2026-02-01") == [new.id]
    assert set(found("hackathon after:2026-99-99")) == {old.id, new.id}


def test_filters_alone_list_newest_first(anna, make_thread, found):
    first = make_thread(anna, sector="vet", title="First vet thread", body="One.")
    second = make_thread(anna, sector="vet", title="Second vet thread", body="Two.")
    assert found("sector:vet") == [second.id, first.id]


def test_sort_by_newest(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Sorting", body="Intro.")
    strong = make_post(anna, thread, body="Rubric rubric rubric rubric.")
    weak = make_post(anna, thread, body="A rubric, once, among many other words here.")
    _backdate(strong.id, datetime(2025, 1, 1))
    assert found("rubric") == [strong.id, weak.id]
    assert found("rubric", sort="newest") == [weak.id, strong.id]


def test_snippets_highlight_matches_and_escape_post_text(anna, make_thread, search_page):
    make_thread(anna, title="Escaping", body="Use `<b>bold</b>` & <i>sprites</i> for **sprites** in Scratch.")
    status, html = search_page("sprites")
    snippet = re.search(r'<p class="snippet"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert '<mark class="match term0">sprites</mark>' in snippet
    assert "&lt;b&gt;bold&lt;/b&gt;" in snippet and "&amp;" in snippet
    assert "<b>" not in snippet and "<i>" not in snippet


def test_snippets_highlight_stemmed_forms(anna, make_thread, search_page):
    make_thread(anna, title="Stems", body="Evaluations of the evaluating evaluators.")
    _status, html = search_page("evaluation")
    assert "<mark" in html and ">Evaluations</mark>" in html


def test_result_rows_show_title_sector_author_date_and_count(anna, make_thread, search_page):
    make_thread(anna, sector="vet", title="Welding simulators", body="Simulators save steel.")
    _status, html = search_page("simulators")
    assert "Welding simulators" in html and "Vocational education and training" in html
    assert "Anna Berg" in html and "<time" in html and "1 result" in html


def test_pagination(anna, make_thread, make_post, found, search_page):
    thread = make_thread(anna, title="Many episodes", body="Intro.")
    posts = [make_post(anna, thread, body=f"Podcast episode {n}.") for n in range(23)]
    first, second = found("podcast"), found("podcast", page=2)
    assert len(first) == 20 and len(second) == 3
    assert set(first + second) == {p.id for p in posts}
    _status, html = search_page("podcast")
    assert "23 results" in html and 'rel="next"' in html


def test_did_you_mean_offers_a_correction_that_finds_something(anna, make_thread, search_page):
    make_thread(anna, title="Accessibility audit", body="An accessibility checklist.")
    _status, html = search_page("accesibility")
    assert re.search(r'Did you mean <a href="/search\?q=accessibility">accessibility</a>', html)


def test_empty_states_help(client, search_page):
    _status, html = search_page("")
    assert "Type words to find" in html
    _status, html = search_page("zyxwvut")
    assert "Nothing matched your search" in html and "0 results" in html


def test_too_common_words_get_a_message(anna, make_thread, search_page):
    make_thread(anna, title="Stop words", body="The and of.")
    _status, html = search_page("the")
    assert "Too common to search for: the" in html


def test_an_excluded_word_excludes_even_when_it_appears_in_an_earlier_post(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Tools", body="Canvas only.")
    both = make_post(anna, thread, body="Quizzes in Canvas.")
    quizzes = make_post(anna, thread, body="Quizzes on paper.")
    assert set(found("quizzes")) == {both.id, quizzes.id}
    assert found("quizzes -canvas") == [quizzes.id]
