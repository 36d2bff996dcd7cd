"""`flask --app wsgi seed-demo`: fill an empty forum with the demo community (idempotent)."""
import time

import click
from flask.cli import with_appcontext


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create demo members, threads and posts; a second run changes nothing."""
    from forum.services import demo

    started = time.monotonic()
    with click.progressbar(length=len(demo.THREADS), label="Seeding demo threads") as bar:
        result = demo.seed_demo(progress=bar.update)
    if result.created:
        click.echo(f"Created {result.users} members, {result.threads} threads and {result.posts} posts "
                   f"in {time.monotonic() - started:.1f} s.")
    else:
        click.echo("Demo data is already present: nothing changed.")
    click.echo(f"Sign in at /login with password {demo.DEMO_PASSWORD!r} as any demo account, e.g.:")
    for username, role in result.signins:
        click.echo(f"  {username:<12} ({role})")
