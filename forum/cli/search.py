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
    from forum.adapters.search.documents import count_posts
    from forum.adapters.search.service import _fresh_session

    with _fresh_session() as session:
        total = count_posts(session)
    procs = procs or (min(os.cpu_count() or 1, 4) if total >= 20_000 else 1)
    with click.progressbar(length=total, label="Indexing posts", show_pos=True, show_eta=True) as bar:
        count = search.rebuild(progress=bar.update, procs=procs)
    click.echo(f"Indexed {count} posts.")


@search_cli.command("status")
@with_appcontext
def status():
    """Show where the index is, how many documents it holds and how many updates are queued."""
    from forum.core.outbox import claims
    from forum.adapters.search.service import get_service
    from models import utcnow

    service = get_service()
    click.echo(f"Index directory: {service.store.base}")
    if not service.store.exists():
        click.echo("No index yet: it is built on the first request, or run `search reindex`.")
        return
    with service.store.open().searcher() as searcher:
        click.echo(f"Documents: {searcher.doc_count()}")
    click.echo(f"Queued updates: {claims.due_count(['search.update', 'search.rebuild'], utcnow())}")
