"""Fast test users: registering through the service hashes with scrypt (~0.5 s each), far too
slow for tests that need a dozen roles. These rows carry a cheap hash of the same password, so
signing in through the real route still works."""
from werkzeug.security import generate_password_hash

from tests.support import PASSWORD

_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def quick_user(username, role="member", sectors=(), **fields):
    """Insert a user row (moderator `sectors` are slugs; none means every sector)."""
    from forum.services.reading import get_sector
    from models import ModeratorSector, User, db

    user = User(username=username, username_canonical=username.lower(), email=f"{username}@example.eu",
                password_hash=_HASH, role=role, **fields)
    db.session.add(user)
    db.session.flush()
    for slug in sectors:
        db.session.add(ModeratorSector(user_id=user.id, sector_id=get_sector(slug).id))
    db.session.commit()
    return user
