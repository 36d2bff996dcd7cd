"""The accounts service: the rules every entry point (pages, CLI, seeds) shares."""
import pytest
from werkzeug.security import check_password_hash

from forum.core.errors import ValidationError
from forum.services import accounts
from models import User, db
from tests.support import PASSWORD


def _field_of(call, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.field


def test_register_stores_an_scrypt_hash_and_a_lower_cased_email(app):
    user = accounts.register("Anna_K", "Anna.K@Example.EU", PASSWORD)
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash
    assert check_password_hash(user.password_hash, PASSWORD)
    assert user.email == "anna.k@example.eu" and user.username == "Anna_K"
    assert user.role == "member" and user.session_version == 1


def test_production_hashing_is_werkzeugs_full_strength_scrypt():
    from config import Config

    assert Config.PASSWORD_HASH_METHOD == "scrypt"


@pytest.mark.parametrize("username", ["ab", "a" * 31, "anna k", "anna!", "ånna", "<b>x</b>", "an\x00na", ""])
def test_register_refuses_malformed_usernames(app, username):
    assert _field_of(accounts.register, username, "a@example.eu", PASSWORD) == "username"


@pytest.mark.parametrize("username", ["abc", "a" * 30, "Anna-Maria_2"])
def test_register_accepts_usernames_of_letters_digits_underscores_and_hyphens(app, username):
    assert accounts.register(username, f"{username}@example.eu", PASSWORD).username == username


def test_usernames_and_emails_are_unique_case_insensitively(app):
    accounts.register("anna", "anna@example.eu", PASSWORD)
    assert _field_of(accounts.register, "ANNA", "other@example.eu", PASSWORD) == "username"
    assert _field_of(accounts.register, "bert", "ANNA@EXAMPLE.EU", PASSWORD) == "email"
    assert db.session.query(User).count() == 1


@pytest.mark.parametrize("email", ["anna", "anna@", "@example.eu", "anna@localhost", "a b@example.eu",
                                   "x" * 250 + "@example.eu", "anna@exa\x00mple.eu"])
def test_register_checks_the_form_of_the_email(app, email):
    assert _field_of(accounts.register, "anna", email, PASSWORD) == "email"


def test_email_check_never_looks_up_the_domain(app):
    # This machine has no DNS for the internet: a deliverability check would refuse the address.
    email = "anna@no-such-domain-for-praxis-tests.eu"
    assert accounts.register("anna", email, PASSWORD).email == email


def test_passwords_need_ten_characters_and_at_most_1024(app):
    assert _field_of(accounts.register, "anna", "anna@example.eu", "123456789") == "password"
    assert _field_of(accounts.register, "anna", "anna@example.eu", "x" * 1025) == "password"
    assert accounts.register("anna", "anna@example.eu", "1234567890")


@pytest.mark.parametrize("value", [123, ["anna"], {"a": 1}, b"anna"])
def test_non_text_values_are_refused_not_crashed_on(app, value):
    assert _field_of(accounts.register, value, "a@example.eu", PASSWORD) == "username"
    assert _field_of(accounts.register, "anna", value, PASSWORD) == "email"
    assert _field_of(accounts.register, "anna", "a@example.eu", value) == "password"
    assert _field_of(accounts.register, "anna", "a@example.eu", PASSWORD, display_name=value) == "display_name"
    assert accounts.authenticate(value, value) is None
    assert accounts.get_by_username(value) is None


def test_unknown_roles_and_profile_fields_are_refused(app):
    assert _field_of(accounts.register, "anna", "a@example.eu", PASSWORD, role="root") == "role"
    with pytest.raises(TypeError):
        accounts.register("anna", "a@example.eu", PASSWORD, is_admin=True)


def test_authenticate_accepts_username_or_email_in_any_case(app):
    user = accounts.register("anna", "anna@example.eu", PASSWORD)
    assert accounts.authenticate("ANNA", PASSWORD) == user
    assert accounts.authenticate(" Anna@Example.eu ", PASSWORD) == user
    assert accounts.authenticate("anna", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None
    assert accounts.authenticate("an\x00na", PASSWORD) is None


def test_profile_names_lose_control_and_bidi_characters_and_keep_html_as_text(app):
    user = accounts.register("anna", "a@example.eu", PASSWORD,
                             display_name="  Anna\u202e\x00 <b>K</b>\n\t ", organisation="\u2066Uni\u2069 of X")
    assert user.display_name == "Anna <b>K</b>"
    assert user.organisation == "Uni of X"


def test_profile_bio_is_stored_as_source_and_sanitised_html(make_user):
    user = make_user("anna")
    accounts.update_profile(user, bio="**Hi** <script>alert(1)</script> [x](javascript:alert(1))")
    assert user.bio_markdown.startswith("**Hi**")
    assert "<strong>Hi</strong>" in user.bio_html
    assert "<script" not in user.bio_html and "javascript:" not in user.bio_html


@pytest.mark.parametrize("field, value", [
    ("display_name", "x" * 61), ("organisation", "x" * 121), ("bio", "x" * 2001),
    ("country", "ZZ"), ("sector_of_work", "nursery"), ("language", "tlh"), ("language", ""),
    ("timezone", "Mars/Olympus_Mons"), ("timezone", "US/Eastern"), ("timezone", ""),
])
def test_update_profile_refuses_bad_values_and_changes_nothing(make_user, field, value):
    user = make_user("anna", display_name="Anna", organisation="Uni")
    probe = {"organisation": "Changed"} if field == "display_name" else {"display_name": "Changed"}
    assert _field_of(accounts.update_profile, user, **probe, **{field: value}) == field
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.display_name, user.organisation) == ("Anna", "Uni")


def test_update_profile_saves_every_field(make_user):
    user = make_user("anna")
    accounts.update_profile(user, display_name="Anna K.", country="AT", organisation="Uni Wien",
                            sector_of_work="vet", bio="Hello", language="de", timezone="Europe/Vienna")
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.display_name, user.country, user.organisation, user.sector_of_work, user.language,
            user.timezone) == ("Anna K.", "AT", "Uni Wien", "vet", "de", "Europe/Vienna")
    accounts.update_profile(user, country="", sector_of_work="")
    assert user.country is None and user.sector_of_work is None


def test_end_sessions_and_change_password_move_the_session_version_on(make_user):
    user = make_user("anna")
    old_id = user.get_id()
    accounts.end_sessions(user)
    assert user.get_id() != old_id and user.session_version == 2
    assert _field_of(accounts.change_password, user, "wrong password", "a new password") == "current_password"
    assert _field_of(accounts.change_password, user, PASSWORD, "short") == "new_password"
    accounts.change_password(user, PASSWORD, "a brand new password")
    assert user.session_version == 3
    assert accounts.authenticate("anna", "a brand new password") == user
    assert accounts.authenticate("anna", PASSWORD) is None


def test_get_by_username_ignores_case_and_never_queries_malformed_names(make_user):
    user = make_user("Anna")
    assert accounts.get_by_username("anna") == user
    assert accounts.get_by_username("an\x00na") is None
    assert accounts.get_by_username("x" * 10_000) is None
