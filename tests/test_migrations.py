"""The migrations build exactly the schema the models describe (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set): `make migration` must be run whenever a model changes."""
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from tests.conftest import TEST_DATABASE_URL


@pytest.fixture
def empty_database(tmp_path):
    """Config overrides pointing at a database with no tables at all."""
    if not TEST_DATABASE_URL:
        yield {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrated.db'}"}
        return
    schema = f"mig_{uuid.uuid4().hex[:12]}"
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield {"SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
           "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}}}
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def test_migrations_match_models(empty_database, tmp_path):
    from forum import create_app
    from models import Sector, db

    app = create_app("testing", SEARCH_INDEX_DIR=str(tmp_path / "ix"), **empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], "run `make migration`: the models and migrations differ"
        assert db.session.scalar(db.select(db.func.count(Sector.id))) == 6
        db.session.remove()
        db.engine.dispose()
