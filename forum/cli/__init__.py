"""`flask --app wsgi …` commands."""


def register(app):
    """Attach every command group to the app, so `flask --app wsgi …` finds them."""
    from forum.cli.digest import digest_cli
    from forum.cli.search import search_cli
    from forum.cli.seed import seed_demo_command
    from forum.cli.users import users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(digest_cli)
    app.cli.add_command(search_cli)
