"""Migration 0004_digests_fix keeps the weeks the old code already decided (SQLite, and
PostgreSQL when TEST_DATABASE_URL is set)."""
from flask_migrate import upgrade
from sqlalchemy import text

from tests.test_migrations import empty_database  # noqa: F401 (fixture)


def test_weeks_sent_before_the_upgrade_count_as_their_monday(empty_database, tmp_path):  # noqa: F811
    from forum import create_app
    from models import db

    app = create_app("testing", SEARCH_INDEX_DIR=str(tmp_path / "ix"), **empty_database)
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (id, username, username_canonical, email, password_hash, role, "
                              "created_at) VALUES (1, 'a', 'a', 'a@example.eu', 'x', 'member', '2026-11-01')"))
            for period, key in (("weekly", "2026-W49"), ("daily", "2026-12-04")):
                conn.execute(text("INSERT INTO digest_sends (user_id, period, window_key, window_start, window_end, "
                                  "status, attempts, item_count, error, created_at) VALUES (1, :p, :k, "
                                  "'2026-11-27', '2026-12-04', 'sent', 1, 3, '', '2026-12-04')"), {"p": period, "k": key})
        upgrade()
        with db.engine.connect() as conn:
            keys = conn.execute(text("SELECT period, window_key FROM digest_sends ORDER BY period")).all()
        assert [tuple(row) for row in keys] == [("daily", "2026-12-04"), ("weekly", "2026-W49-1")]
        db.session.remove()
        db.engine.dispose()
