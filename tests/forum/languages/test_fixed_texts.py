"""Sector names in the moderation pages and forms, and countries in the profile form, are in the
reader's language (sector names through the catalogue, countries from Babel's CLDR names)."""
from forum.services import languages
from forum.services.moderation import close, flags

ENGLISH = "School education"
GERMAN = "Schulbildung"


def test_moderation_pages_name_sectors_in_the_moderators_language(client, make_user, make_thread, make_post):
    admin = make_user("ada", role="admin")
    languages.set_interface_language(admin, "de")
    author = make_user("anna")
    thread = make_thread(author, sector="school", title="Ein Faden zum Melden")
    post = make_post(author, thread, body="Bitte melden.")
    flags.flag_post(make_user("reporter"), post.id, "other", "Spam?")
    close.close_thread(admin, make_thread(author, sector="school").id, "spam")
    client.login("ada")
    for url in ("/moderation", "/moderation/flags", "/moderation/log", f"/moderation/threads/{thread.id}/move",
                "/sectors/school/new"):
        html = client.get(url).get_data(as_text=True)
        assert GERMAN in html and ENGLISH not in html, url


def test_the_profile_form_lists_countries_and_sectors_in_the_members_language(client, make_user):
    member = make_user("greta")
    languages.set_interface_language(member, "de")
    client.login("greta")
    html = client.get("/profile").get_data(as_text=True)
    assert ">Deutschland<" in html and ">Germany<" not in html
    assert f">{GERMAN}<" in html and f">{ENGLISH}<" not in html


def test_the_quote_attribution_is_a_marked_message_of_the_catalogue():
    """The quote button's "X wrote:" becomes part of the reply: it is translated, not fixed English."""
    from babel.messages.extract import extract_from_file

    from tests.test_translations import ROOT

    found = {message for _line, message, _comments, _context in
             extract_from_file("python", ROOT / "forum" / "services" / "posting.py")}
    assert "%(name)s [wrote](%(url)s):" in found
