"""Results in the reader's languages (interface language, "languages I read") come first."""
from dataclasses import replace

from forum.services import languages


def _two_posts(make_user, make_thread, make_post):
    """The same word in an English and a German post of equal length: equal relevance."""
    author = make_user("lina")
    thread = make_thread(author, title="Plattformen", body="Hello.")
    english = make_post(author, thread, body="Moodle Moodle Moodle", language="en").id
    german = make_post(author, thread, body="Moodle Moodle Moodle", language="de").id
    return english, german


def test_a_german_reader_gets_the_german_post_first_and_an_english_reader_the_english(
        client, found, make_user, make_thread, make_post):
    english, german = _two_posts(make_user, make_thread, make_post)
    assert found("moodle") == [english, german] or found("moodle") == [german, english]
    client.set_cookie("praxis_lang", "de")
    assert found("moodle") == [german, english]
    client.set_cookie("praxis_lang", "en")
    assert found("moodle") == [english, german]


def test_a_members_languages_i_read_come_first_too(client, login, found, make_user, make_thread, make_post):
    english, german = _two_posts(make_user, make_thread, make_post)
    reader = make_user("rita")
    languages.save_language_settings(reader, "fr", ["de"])
    login("rita")
    assert found("moodle") == [german, english]


def test_newest_first_stays_newest_first(client, found, make_user, make_thread, make_post):
    english, german = _two_posts(make_user, make_thread, make_post)
    client.set_cookie("praxis_lang", "en")
    assert found("moodle", sort="newest") == [german, english]


def _posts(make_user, make_thread, make_post, *bodies):
    """Replies (language, body) in one thread; their ids in order."""
    author = make_user("mira")
    thread = make_thread(author, title="Notes", body="Hello.")
    return [make_post(author, thread, body=body, language=language).id for language, body in bodies]


def test_an_english_reader_gets_lessons_above_a_post_that_only_says_less(
        client, found, make_user, make_thread, make_post):
    # Hungarian's stemmer turns "lesson" into "less": with a Hungarian post in the index, the
    # query "lesson" also matches every English "less", which (said thrice) used to rank first.
    less, lessons, _hungarian = _posts(make_user, make_thread, make_post, ("en", "Less less less."),
                                       ("en", "Lessons learned in our pilot project with the schools."),
                                       ("hu", "Iskolai projektek"))
    client.set_cookie("praxis_lang", "en")
    assert found("lesson") == [lessons, less]  # the noise is still found (recall), but below


def test_a_german_reader_gets_the_german_word_above_another_languages_stem(
        client, found, login, make_user, make_thread, make_post):
    # Swedish stems "Heimat" to "heim": the German "Heim" (a care home) matched as strongly.
    heim, heimat, _swedish = _posts(make_user, make_thread, make_post, ("de", "Heim Heim Heim."),
                                    ("de", "Unsere Heimat im Unterricht der Grundschulen."),
                                    ("sv", "Skolor och elever"))
    reader = make_user("rita")
    languages.save_language_settings(reader, "de", ["de"])
    login("rita")
    assert found("Heimat") == [heimat, heim]


def test_a_reader_with_no_languages_weighs_every_language_alike(app, make_user, make_thread, make_post):
    from forum.adapters import search
    from forum.adapters.search import syntax

    less, lessons, _hungarian = _posts(make_user, make_thread, make_post, ("en", "Less less less."),
                                       ("en", "Lessons learned in our pilot project with the schools."),
                                       ("hu", "Iskolai projektek"))
    anyone = search.backend().query(syntax.parse("lesson"), None)
    assert anyone.hits == [less, lessons]  # as before: both stems count in full
    english = search.backend().query(replace(syntax.parse("lesson"), languages=frozenset({"en"})), None)
    assert english.hits == [lessons, less] and english.scores[1] < anyone.scores[0]
