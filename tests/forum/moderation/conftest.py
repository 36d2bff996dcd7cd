"""Moderation fixtures: fast users, a small cast, and a recorder of live/search/notification calls."""
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
def effects(monkeypatch):
    """Record the side-effect calls moderation makes (publish, search, notifications) by name."""
    from forum import search
    from forum.services import notifications
    from realtime import publish

    calls = []
    for module, names in ((publish, ("post_hidden", "post_restored", "thread_updated", "user_access_changed",
                                     "post_created", "thread_created")),
                          (search, ("index_post", "remove_post", "index_thread", "remove_thread")),
                          (notifications, ("post_moderated", "approval_decided", "post_created"))):
        for name in names:
            original = getattr(module, name)

            def recorder(*args, _name=name, _original=original):
                calls.append((_name, *args))
                return _original(*args)
            monkeypatch.setattr(module, name, recorder)
    return calls
