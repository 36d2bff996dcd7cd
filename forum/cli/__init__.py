"""`flask --app wsgi …` commands."""


def register(app):
    from forum.cli.digest import digest_cli
    from forum.cli.users import users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(digest_cli)
