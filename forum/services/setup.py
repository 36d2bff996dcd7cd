"""Data every installation needs: the six sectors."""
from sqlalchemy import select

from forum.core.transaction import transaction
from models import SECTORS, Sector


def ensure_sectors():
    """Create missing sectors (the migration also does; tests built with create_all use this)."""
    with transaction() as session:
        existing = set(session.scalars(select(Sector.slug)))
        for position, (slug, name, description) in enumerate(SECTORS):
            if slug not in existing:
                session.add(Sector(slug=slug, name=name, description=description, position=position))
