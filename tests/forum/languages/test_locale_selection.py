"""Which language a page is in: the member's setting, the menu's cookie, the browser, English."""
import json
import re

from forum.services import languages


def lang_of(response):
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_a_visitor_whose_browser_asks_for_german_gets_german(client):
    response = client.get("/", headers={"Accept-Language": "de-AT,de;q=0.9,en;q=0.5"})
    assert lang_of(response) == "de"
    assert "Zum Hauptinhalt springen" in response.get_data(as_text=True)


def test_a_language_the_forum_lacks_falls_back_along_the_list_then_to_english(client):
    assert lang_of(client.get("/", headers={"Accept-Language": "ja, fr;q=0.3"})) == "fr"
    response = client.get("/", headers={"Accept-Language": "ja, zh;q=0.5"})
    assert lang_of(response) == "en" and "Skip to main content" in response.get_data(as_text=True)


def test_the_menu_offers_every_language_by_its_endonym_in_a_plain_form(client):
    html = client.get("/").get_data(as_text=True)
    menu = html[html.index('class="language-menu"'):html.index("</form>", html.index('class="language-menu"'))]
    assert 'method="get"' in menu and 'name="lang"' in menu and "<button" in menu
    assert len(re.findall(r"<option ", menu)) == 24
    assert '<option value="de" lang="de">Deutsch</option>' in menu
    assert '<option value="ga" lang="ga">Gaeilge</option>' in menu


def test_the_menu_choice_is_remembered_in_a_cookie_and_wins_over_the_browser(client):
    response = client.get("/language?lang=fr&next=/sectors/school", headers={"Accept-Language": "de"})
    assert response.status_code == 303 and response.headers["Location"] == "/sectors/school"
    cookie = response.headers["Set-Cookie"]
    assert "praxis_lang=fr" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/", headers={"Accept-Language": "de"})
    assert lang_of(page) == "fr" and "Aller au contenu principal" in page.get_data(as_text=True)


def test_the_menu_refuses_an_unknown_language_and_a_foreign_next(client):
    assert client.get("/language?lang=xx&next=/").status_code == 400
    response = client.get("/language?lang=de&next=//evil.example/")
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_request_from_another_site_cannot_switch_the_language(client):
    response = client.get("/language?lang=de&next=/", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303 and "Set-Cookie" not in response.headers


def test_a_members_interface_language_wins_over_cookie_and_browser(client, make_user, login):
    member = make_user("dora")
    languages.set_interface_language(member, "de")
    login("dora")
    client.set_cookie("praxis_lang", "fr")
    assert lang_of(client.get("/", headers={"Accept-Language": "fr"})) == "de"


def test_a_member_choosing_from_the_menu_saves_the_setting_with_a_csrf_checked_post(client, make_user, login):
    from models import User, db

    member = make_user("emil")
    login("emil")
    html = client.get("/").get_data(as_text=True)
    assert 'class="language-menu" action="/language"\n      method="post"' in html
    assert client.post("/language", data={"lang": "fr", "next": "/"}).status_code == 400  # no token
    response = client.submit("/language", {"lang": "fr", "next": "/"}, token_from="/")
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(User, member.id).interface_language == "fr"
    assert lang_of(client.get("/", headers={"Accept-Language": "de"})) == "fr"


def test_a_german_page_is_never_served_to_a_french_visitor(client):
    german = client.get("/", headers={"Accept-Language": "de"})
    french = client.get("/", headers={"Accept-Language": "fr"})
    again = client.get("/", headers={"Accept-Language": "de"})
    assert (lang_of(german), lang_of(french), lang_of(again)) == ("de", "fr", "de")
    assert "Accept-Language" in french.headers["Vary"] and "Cookie" in french.headers["Vary"]


def test_the_login_flash_reaches_a_german_visitor_in_german(client):
    response = client.get("/settings", headers={"Accept-Language": "de"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"], headers={"Accept-Language": "de"})
    assert "Bitte melden Sie sich an, um fortzufahren." in page.get_data(as_text=True)


def test_posts_and_titles_carry_their_own_language_on_a_page_in_another(client, make_user, make_thread):
    author = make_user("ditte", language="da")
    thread = make_thread(author, title="Digitale værktøjer i klassen", body="Vi bruger tablets.")
    html = client.get(f"/threads/{thread.id}", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="de">' in html
    assert '<h1 lang="da">Digitale værktøjer i klassen</h1>' in html
    assert '<div class="post-body" lang="da">' in html
    listing = client.get("/sectors/school", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert re.search(r'<a href="/threads/%d[^"]*" lang="da">Digitale' % thread.id, listing)
    assert '<abbr lang="da" title="dansk">DA</abbr>' in listing


def live_strings(html):
    raw = re.search(r'data-strings="([^"]+)"', html).group(1)
    return json.loads(raw.replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&").replace("&#39;", "'"))


def test_live_js_gets_every_plural_category_of_the_readers_language(client, make_user, make_thread):
    thread = make_thread(make_user("ana"))
    german = live_strings(client.get(f"/threads/{thread.id}", headers={"Accept-Language": "de"}).get_data(as_text=True))
    assert german["reading"] == {"one": "{n} Person liest gerade", "other": "{n} Personen lesen gerade"}
    assert german["typing"] == "{name} schreibt gerade …"
    polish = live_strings(client.get(f"/threads/{thread.id}", headers={"Accept-Language": "pl"}).get_data(as_text=True))
    assert set(polish["reading"]) == {"one", "few", "many"}  # Polish "other" is for fractions only
    irish = live_strings(client.get(f"/threads/{thread.id}", headers={"Accept-Language": "ga"}).get_data(as_text=True))
    assert set(irish["reading"]) == {"one", "two", "few", "many", "other"}
