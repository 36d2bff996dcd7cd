"""Profiles: the public page, editing your own, and dates shown in the viewer's time zone."""
import io
import re
from datetime import datetime

import pytest

from forum.services import accounts
from models import User, db, utcnow


def _labels(html):
    """The labels of the page's main content (the footer has the language menu's)."""
    main = html[html.index("<main"):html.index("</main>")]
    return [re.sub(r"<[^>]+>", "", label).strip() for label in re.findall(r"<label[^>]*>(.*?)</label>", main, re.S)]


def _profile(**fields):
    data = {"display_name": "Anna K.", "country": "AT", "organisation": "Uni Wien", "sector_of_work": "vet",
            "bio": "Teacher trainer.", "language": "de", "timezone": "Europe/Vienna"}
    data.update(fields)
    return data


def test_profile_page_shows_the_member_and_their_recent_threads_and_replies(client, make_user, make_thread,
                                                                            make_post):
    anna = make_user("anna", display_name="Anna K.", country="AT", organisation="Uni Wien",
                     sector_of_work="vet", bio="I **train** teachers.")
    bert = make_user("bert")
    thread = make_thread(anna, title="Micro-credentials in VET")
    make_post(anna, make_thread(bert, title="Open badges for adults"), body="My reply")
    html = client.get("/users/anna").get_data(as_text=True)
    for text in ("Anna K.", "Austria", "Uni Wien", "Vocational education and training",
                 "<strong>train</strong>", "Micro-credentials in VET", "Open badges for adults", "My reply"):
        assert text in html
    assert f"/threads/{thread.id}" in html
    assert "anna@example.eu" not in html


def test_profile_lookup_ignores_case(client, make_user):
    make_user("Anna")
    assert client.get("/users/anna").status_code == 200


@pytest.mark.parametrize("name", ["nobody", "<script>", "an%00na", "x" * 5000, "a%20b"])
def test_unknown_or_malformed_usernames_are_a_404_page(client, name):
    response = client.get(f"/users/{name}")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_profile_lists_only_what_the_viewer_may_see(client, make_user, make_thread, make_post):
    anna, bert = make_user("anna"), make_user("bert")
    gone = make_thread(anna, title="A removed thread")
    hidden = make_post(anna, make_thread(bert, title="Where the hidden reply was"), body="Hidden words")
    gone.deleted_at = hidden.hidden_at = utcnow()
    db.session.commit()
    html = client.get("/users/anna").get_data(as_text=True)
    assert "A removed thread" not in html and "Hidden words" not in html


def test_hostile_profile_fields_are_shown_as_harmless_text(client, make_user):
    make_user("anna", display_name="<script>alert(1)</script>", organisation="<img src=x onerror=alert(1)>",
              bio="<script>alert(2)</script><a href='javascript:alert(3)'>x</a> [y](data:text/html,z)")
    html = client.get("/users/anna").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "javascript:" not in html and "data:text/html" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_edit_profile_page_has_one_label_per_field_and_a_save_button(client, make_user):
    make_user("anna")
    client.login("anna")
    html = client.get("/profile").get_data(as_text=True)
    labels = _labels(html)
    assert labels == ["Display name", "Country", "Organisation", "Sector of work", "About you",
                      "Language of your posts", "Time zone"]
    assert 'value="Save"' in html
    assert html.count("<option") > 400 and '<optgroup label="Europe">' in html
    assert re.search(r'<option selected value="Europe/Brussels">Brussels</option>', html)


def test_members_edit_their_own_profile(client, make_user):
    make_user("anna")
    client.login("anna")
    response = client.submit("/profile", _profile())
    assert response.status_code == 302 and response.headers["Location"] == "/users/anna"
    user = db.session.query(User).filter_by(username="anna").one()
    db.session.refresh(user)
    assert (user.display_name, user.country, user.organisation, user.sector_of_work, user.bio_markdown,
            user.language, user.timezone) == ("Anna K.", "AT", "Uni Wien", "vet", "Teacher trainer.", "de",
                                              "Europe/Vienna")


def test_visitors_cannot_edit_profiles(client):
    response = client.get("/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_post_editor_starts_in_the_members_preferred_language(client, make_user):
    make_user("anna")
    client.login("anna")
    client.submit("/profile", _profile(language="fi"))
    html = client.get("/sectors/vet/new").get_data(as_text=True)
    assert re.search(r'<option selected value="fi">', html)


@pytest.mark.parametrize("fields, field", [
    ({"display_name": "x" * 10_000}, "display_name"),
    ({"organisation": "x" * 121}, "organisation"),
    ({"bio": "b" * 10_000}, "bio"),
    ({"country": "ZZ"}, "country"),
    ({"sector_of_work": "<script>"}, "sector_of_work"),
    ({"language": "xx"}, "language"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"timezone": "Etc/GMT+5"}, "timezone"),
])
def test_bad_profile_values_get_a_422_beside_the_field_and_change_nothing(client, make_user, fields, field):
    make_user("anna", display_name="Anna")
    client.login("anna")
    response = client.submit("/profile", _profile(**{"display_name": "Typed name", **fields}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    if field != "display_name":
        assert 'value="Typed name"' in html  # what the member typed is kept
    assert db.session.query(User).filter_by(username="anna").one().display_name == "Anna"


@pytest.mark.parametrize("value", ["an\x00na", "\u202eanna", "<script>alert(1)</script>", "a\r\nb",
                                   "\ud7ff\ufeff\u200b", "ﷺ" * 60])
def test_hostile_display_names_never_give_a_500(client, make_user, value):
    make_user("anna")
    client.login("anna")
    response = client.submit("/profile", _profile(display_name=value))
    assert response.status_code in (302, 422)
    html = client.get("/users/anna").get_data(as_text=True)
    assert "<script>alert" not in html and "\x00" not in html and "\u202e" not in html


def test_a_file_posted_as_the_bio_is_refused_quietly(client, make_user):
    make_user("anna")
    client.login("anna")
    data = _profile(bio=(io.BytesIO(b"# bio"), "bio.md"), csrf_token=client.csrf_token("/profile"))
    response = client.post("/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.session.query(User).filter_by(username="anna").one().bio_markdown == ""


def test_dates_are_shown_in_the_viewers_time_zone(client, make_user):
    anna = make_user("anna")
    make_user("bert")
    anna.created_at = datetime(2026, 1, 15, 12, 0)
    db.session.commit()
    client.login("anna")
    client.submit("/profile", _profile(timezone="Asia/Tokyo"))
    html = client.get("/users/anna").get_data(as_text=True)
    assert "Japan Standard Time" in html and "9:00:00" in html
    client.logout()
    client.login("bert")  # Europe/Brussels by default
    html = client.get("/users/anna").get_data(as_text=True)
    assert "Central European Standard Time" in html and "1:00:00" in html


def test_an_unknown_stored_time_zone_falls_back_to_utc(client, make_user):
    anna = make_user("anna")
    anna.timezone = "Not/A_Zone"
    db.session.commit()
    client.login("anna")
    assert client.get("/users/anna").status_code == 200


def test_the_header_links_to_sign_in_and_register_for_visitors(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<a href="/login">Sign in</a>', html)
    assert re.search(r'<a [^>]*href="/register">Register</a>', html)
    assert accounts.get_by_username("nobody") is None
