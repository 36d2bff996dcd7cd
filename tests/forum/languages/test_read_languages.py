"""'Languages I read': lists and the home page show only those languages when a member chose some."""
from forum.services import languages


def test_language_settings_save_interface_language_and_read_languages(client, make_user, login):
    from models import User, db

    member = make_user("lena")
    login("lena")
    page = client.get("/settings/language").get_data(as_text=True)
    assert '<label class="checkbox" lang="da">' in page and "dansk" in page
    response = client.submit("/settings/language", {"interface_language": "de", "read_languages": ["fr", "de"]})
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(User, member.id)
    assert (saved.interface_language, saved.read_languages) == ("de", "de,fr")
    assert "Ihre Spracheinstellungen sind gespeichert." in client.get("/settings/language").get_data(as_text=True)


def test_unknown_languages_are_refused_with_the_form_again_and_nothing_saved(client, make_user, login):
    from models import User, db

    member = make_user("lars")
    login("lars")
    response = client.submit("/settings/language", {"interface_language": "xx", "read_languages": ["de"]})
    assert response.status_code == 422 and "Choose one of the languages in the list." in response.get_data(as_text=True)
    response = client.submit("/settings/language", {"interface_language": "", "read_languages": ["zz"]})
    assert response.status_code == 422
    db.session.expire_all()
    assert (db.session.get(User, member.id).interface_language, db.session.get(User, member.id).read_languages) == ("", "")


def test_lists_and_home_show_only_the_languages_a_member_reads(client, make_user, make_thread, login):
    author = make_user("poly")
    make_thread(author, title="Englischer Faden in English", language="en")
    make_thread(author, title="Ein deutsches Thema hier", language="de")
    make_thread(author, title="Un sujet en français", language="fr")
    reader = make_user("rita")
    languages.save_language_settings(reader, "", ["de", "fr"])
    login("rita")
    for path in ("/", "/sectors/school"):
        html = client.get(path).get_data(as_text=True)
        assert "Ein deutsches Thema hier" in html and "Un sujet en français" in html, path
        assert "Englischer Faden in English" not in html, path
        assert "Showing threads in your languages only" in html
    sector = client.get("/sectors/school").get_data(as_text=True)
    assert 'data-read-languages="de,fr"' in sector


def test_by_default_every_language_is_listed(client, make_user, make_thread, login):
    author = make_user("poly")
    make_thread(author, title="Englischer Faden in English", language="en")
    make_thread(author, title="Ein deutsches Thema hier", language="de")
    make_user("omni")
    login("omni")
    html = client.get("/sectors/school").get_data(as_text=True)
    assert "Englischer Faden in English" in html and "Ein deutsches Thema hier" in html
    assert "Showing threads in your languages only" not in html
