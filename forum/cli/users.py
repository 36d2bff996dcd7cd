"""`flask --app wsgi users create …`"""
import click
from flask.cli import with_appcontext

from forum.core.errors import ValidationError
from forum.services import accounts
from models import ROLES


@click.group("users", help="Manage member accounts.")
def users_cli():
    """Group the account commands under `flask users`."""
    pass


@users_cli.command("create")
@click.option("--username", required=True, help="3-30 letters, digits, _ or -.")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="At least 10 characters; prompted for when left out.")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
@with_appcontext
def create(username, email, password, role):
    """Create an account without prompts (except the password when it is left out)."""
    try:
        user = accounts.register(username, email, password, role=role)
    except ValidationError as error:
        raise click.BadParameter(error.message, param_hint=f"--{error.field.replace('_', '-')}")
    click.echo(f"Created {user.role} {user.username} <{user.email}>.")
