"""Results in the reader's languages (interface language, "languages I read") come first."""
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
