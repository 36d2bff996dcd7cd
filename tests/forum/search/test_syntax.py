"""The query language: parsed by hand into words, phrases, OR groups, exclusions and filters."""
from datetime import date

import pytest

from forum.adapters.search.syntax import MAX_CHARS, MAX_TERMS, Term, parse, parse_date, unparse


@pytest.fixture(autouse=True, scope="module")
def _babel():
    """Hints are translated strings: give them a minimal app (no database needed)."""
    from flask import Flask
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        yield


def test_words_are_all_required_and_or_joins_neighbours():
    parsed = parse("moodle quiz OR exam")
    assert parsed.groups == [[Term("word", "moodle")], [Term("word", "quiz"), Term("word", "exam")]]


def test_phrases_exclusions_and_not():
    parsed = parse('"peer review" -spam NOT ads -"click here"')
    assert parsed.groups == [[Term("phrase", "peer review")]]
    assert parsed.excluded == [Term("word", "spam"), Term("word", "ads"), Term("phrase", "click here")]


def test_every_filter_is_read_from_the_query():
    parsed = parse("x sector:vet author:Anna tag:accessibility tag:ai after:2026-01-01 "
                   "before:2026-06-30 in:titles lang:DE")
    assert parsed.filters == {"sector": "vet", "author": "anna", "tag": ["accessibility", "ai"],
                              "after": date(2026, 1, 1), "before": date(2026, 6, 30),
                              "in": "titles", "lang": "de"}
    assert parsed.groups == [[Term("word", "x")]]


def test_form_filters_override_typed_ones():
    assert parse("sector:vet", {"sector": "school"}).filters["sector"] == "school"


def test_unknown_fields_are_searched_as_words_with_a_hint():
    parsed = parse("body:secret hidden:true")
    assert parsed.groups == [[Term("phrase", "body secret")], [Term("phrase", "hidden true")]]
    assert parsed.filters == {}
    assert any("not a filter" in str(n) for n in parsed.notices)


def test_invalid_dates_are_ignored_with_a_hint():
    parsed = parse("after:2026-13-45 before:yesterday")
    assert parsed.filters == {}
    assert len(parsed.notices) == 2


@pytest.mark.parametrize("value, end, expected", [
    ("2026", False, date(2026, 1, 1)), ("2026", True, date(2026, 12, 31)),
    ("2026-02", True, date(2026, 2, 28)), ("2026-12", True, date(2026, 12, 31)),
    ("2026-02-29", False, None), ("0000-01-01", False, None), ("26-1-1", False, None)])
def test_dates_may_name_a_year_month_or_day(value, end, expected):
    assert parse_date(value, end) == expected


def test_only_trailing_wildcards_with_two_letters_are_prefixes():
    parsed = parse("educat* * a* *ion ed*u")
    assert parsed.groups[0] == [Term("prefix", "educat")]
    assert all(term.kind != "prefix" for group in parsed.groups[1:] for term in group)
    assert parsed.notices


def test_length_and_term_count_are_capped_with_a_message():
    long = parse("word " * 5000)
    assert len(long.terms) <= MAX_TERMS and len(long.notices) == 2
    ors = parse(" OR ".join(f"w{i}" for i in range(500)))
    assert len(ors.terms) <= MAX_TERMS
    assert len(parse("x" * 10_000).terms[0].text) == MAX_CHARS


def test_control_and_bidi_characters_are_removed():
    parsed = parse("mo\x00od\u202ele\x07 \ufeffquiz")
    assert [t.text for t in parsed.terms] == ["mo", "od", "le", "quiz"]


def test_unbalanced_quotes_and_parentheses_still_parse():
    assert [t.text for t in parse('"open education').terms] == ["open", "education"]
    assert [t.text for t in parse("((((a OR b)) c").terms] == ["a", "b", "c"]
    assert parse("(" * 100 + "x" + ")" * 100).terms == [Term("word", "x")]
    assert parse("(" * 5000 + "x" + ")" * 5000).terms == []  # cut at 256 characters


def test_unparse_round_trips():
    text = 'a b OR c "d e" -f sector:vet tag:x after:2026-01-01'
    assert unparse(parse(unparse(parse(text)))) == unparse(parse(text))
