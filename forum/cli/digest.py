"""`flask --app wsgi digest send --period daily|weekly` (for cron) and `digest flush`."""
import click
from flask.cli import with_appcontext

from forum.services import digests, immediate


@click.group("digest", help="Email digests and immediate email.")
def digest_cli():
    """Group the mail commands (digests, immediate email) under `flask digest`."""
    pass


@digest_cli.command("send")
@click.option("--period", type=click.Choice(sorted(digests.PERIODS)), required=True)
@click.option("--on-schedule", is_flag=True,
              help="Only members whose day and hour it is in their zone, as the in-process scheduler "
                   "(run it hourly from cron).")
@with_appcontext
def send(period, on_schedule):
    """Send every member of PERIOD whose digest for the current window is not sent yet.

    Safe to repeat or to rerun after a crash: nobody gets the same digest twice."""
    total = digests.count_candidates(period)
    with click.progressbar(length=total, label=f"{period.capitalize()} digests") as bar:
        tally = digests.send_digests(period, only_due_hour=on_schedule, progress=bar.update)
    click.echo(f"Sent {tally['sent']}, skipped {tally['skipped']}, failed {tally['failed']}.")


@digest_cli.command("flush")
@with_appcontext
def flush():
    """Send the immediate emails whose batch is due."""
    tally = immediate.send_due()
    click.echo(f"Sent {tally['sent']}, skipped {tally['skipped']}, failed {tally['failed']}.")
