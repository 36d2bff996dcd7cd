"""Moderation fixtures: fast users, a small cast, and a recorder of live/search/notification effects."""
import pytest

from tests.forum.moderation.support import quick_user


@pytest.fixture
def user(app):
    """user("anna", role="moderator", sectors=["school"]) -> User, without the slow password hash."""
    return quick_user


@pytest.fixture
def cast(app, user):
    """A member, another member, a School moderator, a global moderator and an admin."""
    return {"anna": user("anna"), "ben": user("ben"), "mod": user("mod", role="moderator", sectors=["school"]),
            "glob": user("glob", role="moderator"), "ada": user("ada", role="admin")}


@pytest.fixture
def effects(app):
    """What moderation set in motion, by name: the outbox rows performed (live events, index
    updates) and the notifications written in the same transaction."""
    from tests.outbox import PerformedEffects

    recorded = PerformedEffects(app)
    yield recorded
    recorded.release()
