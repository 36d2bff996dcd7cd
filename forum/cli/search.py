"""`flask --app wsgi search reindex|status`"""
import os

import click
from flask.cli import with_appcontext

from forum.adapters import search


@click.group("search", help="Manage the full-text search index.")
def search_cli():
    """Group the search index commands under `flask search`."""
    pass


@search_cli.command("reindex")
@click.option("--procs", type=int, default=None, help="Worker processes (default: CPU count, at most 4).")
@with_appcontext
def reindex(procs):
    """Rebuild the index from the database (searches keep using the old one until the swap)."""
    from models import Post, db

    total = db.session.scalar(db.select(db.func.count(Post.id)))
    procs = procs or (min(os.cpu_count() or 1, 4) if total >= 20_000 else 1)
    with click.progressbar(length=total, label="Indexing posts", show_pos=True, show_eta=True) as bar:
        count = search.rebuild(progress=bar.update, procs=procs)
    click.echo(f"Indexed {count} posts.")


@search_cli.command("status")
@with_appcontext
def status():
    """Show where the index is, how many documents it holds and how many updates are queued."""
    from forum.core.outbox import claims
    from forum.adapters.search import backend
    from models import utcnow

    found = backend().status()
    click.echo(f"Backend: {found['backend']}, index: {found['location']}")
    if found["documents"] is None:
        click.echo("No index yet: it is built on the first request, or run `search reindex`.")
        return
    click.echo(f"Documents: {found['documents']}")
    click.echo(f"Queued updates: {claims.due_count(['search.update', 'search.rebuild'], utcnow())}")
