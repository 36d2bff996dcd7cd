"""`flask --app wsgi users create`: no prompts when everything is given, clear errors otherwise."""
import pytest

from forum.services import accounts
from models import User, db
from tests.support import PASSWORD


def _create(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["users", "create", *args], input=input)


def test_users_create_works_without_prompts(app):
    result = _create(app, "--username", "root_admin", "--email", "Admin@Example.eu",
                     "--password", PASSWORD, "--role", "admin")
    assert result.exit_code == 0, result.output
    assert "Created admin root_admin <admin@example.eu>" in result.output
    user = db.session.query(User).filter_by(username="root_admin").one()
    assert user.role == "admin" and accounts.authenticate("root_admin", PASSWORD) == user


def test_users_create_defaults_to_member(app):
    assert _create(app, "--username", "anna", "--email", "a@example.eu", "--password", PASSWORD).exit_code == 0
    assert db.session.query(User).one().role == "member"


def test_users_create_prompts_for_a_left_out_password_twice_without_echo(app):
    result = _create(app, "--username", "mod", "--email", "mod@example.eu", "--role", "moderator",
                     input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and "Password" in result.output
    assert accounts.authenticate("mod", PASSWORD).role == "moderator"


def test_a_mistyped_confirmation_asks_again(app):
    result = _create(app, "--username", "mod", "--email", "mod@example.eu",
                     input=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output


@pytest.mark.parametrize("args, option, message", [
    (["--username", "a!", "--email", "a@example.eu", "--password", PASSWORD], "--username", "3 to 30"),
    (["--username", "anna", "--email", "nope", "--password", PASSWORD], "--email", "valid email"),
    (["--username", "anna", "--email", "a@example.eu", "--password", "short"], "--password", "at least 10"),
    (["--username", "anna", "--email", "a@example.eu", "--password", PASSWORD, "--role", "root"], "--role",
     "root"),
])
def test_bad_input_is_a_clear_error_naming_the_option(app, args, option, message):
    result = _create(app, *args)
    assert result.exit_code == 2
    assert option in result.output and message in result.output
    assert "Traceback" not in result.output
    assert db.session.query(User).count() == 0


def test_duplicates_are_refused_clearly(app, make_user):
    make_user("anna", email="anna@example.eu")
    result = _create(app, "--username", "ANNA", "--email", "x@example.eu", "--password", PASSWORD)
    assert result.exit_code == 2 and "username is taken" in result.output
    result = _create(app, "--username", "bert", "--email", "Anna@example.eu", "--password", PASSWORD)
    assert result.exit_code == 2 and "already exists" in result.output


def test_missing_options_are_named_not_prompted_for(app):
    result = _create(app, "--email", "a@example.eu", "--password", PASSWORD)
    assert result.exit_code == 2 and "Missing option '--username'" in result.output
