"""Live list rows in the reader's language: events carry the English row, and pages swap it for
/live/threads/<id>/row, rendered for the viewer and refused where the thread page is refused."""
from forum.services.moderation import close


def test_a_row_is_rendered_in_the_visitors_language_with_the_sector_on_the_home_list(client, make_user, make_thread, make_post):
    author = make_user("rosa")
    thread = make_thread(author, title="Ein Faden für die Liste", language="de")
    make_post(author, thread)
    response = client.get(f"/live/threads/{thread.id}/row?list=home", headers={"Accept-Language": "de"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"
    assert html.startswith(f'<li class="thread-row" data-thread-id="{thread.id}">')
    assert "Letzter Beitrag" in html and "Antwort" in html and " von " in html
    assert "Last post" not in html
    assert 'href="/sectors/school"' in html
    sector_row = client.get(f"/live/threads/{thread.id}/row", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'href="/sectors/school"' not in sector_row and "Letzter Beitrag" in sector_row


def test_the_language_badge_follows_the_reader_not_the_event(client, make_user, make_thread):
    thread = make_thread(make_user("rosa"), title="Un sujet en français", language="fr")
    german = client.get(f"/live/threads/{thread.id}/row", headers={"Accept-Language": "de"}).get_data(as_text=True)
    french = client.get(f"/live/threads/{thread.id}/row", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "badge-language" in german and "Sprache:" in german
    assert "badge-language" not in french


def test_a_closed_thread_row_is_a_404_for_members_and_shown_to_moderators(client, make_user, make_thread, login):
    mod = make_user("zelda_mod", role="moderator")
    thread = make_thread(make_user("vic"), title="Closed-title-7f3a")
    close.close_thread(mod, thread.id, "spam")
    assert client.get(f"/live/threads/{thread.id}/row").status_code == 404
    make_user("ben")
    login("ben")
    assert client.get(f"/live/threads/{thread.id}/row").status_code == 404
    assert client.get("/live/threads/999999/row").status_code == 404


def test_a_moderator_gets_the_closed_row_like_the_list_shows_it(client, make_user, make_thread, login):
    mod = make_user("zelda_mod", role="moderator")
    thread = make_thread(make_user("vic"), title="Closed-title-7f3a")
    close.close_thread(mod, thread.id, "spam")
    login("zelda_mod")
    html = client.get(f"/live/threads/{thread.id}/row").get_data(as_text=True)
    assert "Closed-title-7f3a" in html and "Closed" in html


def test_the_live_script_knows_the_row_url(client):
    assert 'data-row-url="/live/threads/0/row"' in client.get("/sectors/school").get_data(as_text=True)
