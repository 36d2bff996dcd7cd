"""The permission matrix: roles × actions × targets, every cell asserted against the policy.

Sector A is School education, sector B is VET. Each role's user owns a reply in a thread of A;
"other" targets belong to a plain member (or, where named, to an admin or a moderator).
"""
from datetime import timedelta

import pytest

from forum.core import permissions
from models import db, utcnow
from tests.forum.moderation.support import quick_user

ROLES = ("anonymous", "member", "suspended", "silenced", "moderator_a", "global_moderator", "admin")
ANON, MEMBER, SUSP, SILENT, MOD_A, GLOBAL, ADMIN = ROLES
MODS = {MOD_A, GLOBAL, ADMIN}
WIDE = {GLOBAL, ADMIN}

# (action, target) -> roles allowed. Every other role must be refused.
MATRIX = {
    ("view thread", "in A"): set(ROLES),
    ("view thread", "in B"): set(ROLES),
    ("view hidden post", "own"): {MEMBER, SUSP, SILENT} | MODS,
    ("view hidden post", "other's in A"): MODS,
    ("view hidden post", "other's in B"): WIDE,
    ("view pending post", "other's in A"): MODS,
    ("view pending post", "other's in B"): WIDE,
    ("view closed thread", "in A"): MODS,
    ("view closed thread", "in B"): WIDE,
    ("start thread", "in A"): {MEMBER} | MODS,
    ("reply", "in A"): {MEMBER} | MODS,
    ("reply", "locked in A"): MODS,
    ("reply", "locked in B"): WIDE,
    ("edit post", "own"): {MEMBER} | MODS,
    ("edit post", "other's in A"): MODS,
    ("edit post", "other's in B"): WIDE,
    ("edit post", "admin's in A"): {ADMIN},
    ("flag post", "own"): set(),
    ("flag post", "other's in A"): {MEMBER, SILENT} | MODS,
    ("hide post", "other's in A"): MODS,
    ("hide post", "other's in B"): WIDE,
    ("hide post", "admin's in A"): {ADMIN},
    ("hide post", "moderator's in A"): {ADMIN},
    ("lock thread", "in A"): MODS,
    ("lock thread", "in B"): WIDE,
    ("move thread", "from A to B"): WIDE,
    ("delete post permanently", "other's in A"): {ADMIN},
    ("suspend member", "other's"): WIDE,
    ("suspend member", "own"): set(),
    ("suspend member", "a moderator"): {ADMIN},
    ("suspend member", "an admin"): {ADMIN},
    ("appoint moderator", "other's"): {ADMIN},
    ("open moderation pages", "any"): MODS,
    ("see moderation lists", "in A"): MODS,
    ("see moderation lists", "in B"): WIDE,
}


@pytest.fixture
def world(app, make_thread, make_post):
    """Users for every role, threads in A and B, and the posts the targets name."""
    from forum.services.reading import get_sector

    roles = {MOD_A: ("moderator", ["school"]), GLOBAL: ("moderator", []), ADMIN: ("admin", [])}
    people = {role: quick_user(role.replace("_", ""), *roles.get(role, ("member", []))) for role in ROLES[1:]}
    other, root = quick_user("otto"), quick_user("root", "admin")
    mod_b = quick_user("modb", "moderator", ["vet"])
    thread_a, thread_b = make_thread(other, sector="school"), make_thread(other, sector="vet")
    own = {role: make_post(user, thread_a, body=f"by {role}") for role, user in people.items()}
    posts = {"other's in A": make_post(other, thread_a), "other's in B": make_post(other, thread_b),
             "admin's in A": make_post(root, thread_a), "moderator's in A": make_post(mod_b, thread_a)}
    people[SUSP].suspended_until = utcnow() + timedelta(days=1)
    people[SILENT].silenced_until = utcnow() + timedelta(days=1)
    db.session.commit()
    return {"people": people, "other": other, "root": root, "mod_b": mod_b, "a": thread_a, "b": thread_b,
            "own": own, "posts": posts, "sector_a": get_sector("school"), "sector_b": get_sector("vet")}


def _with(obj, **changes):
    """Evaluate with temporary attribute changes (hidden, pending, locked, closed), then undo them."""
    class Temporarily:
        def __enter__(self):
            self.saved = {k: getattr(obj, k) for k in changes}
            for k, v in changes.items():
                setattr(obj, k, v)

        def __exit__(self, *exc):
            for k, v in self.saved.items():
                setattr(obj, k, v)
    return Temporarily()


def _cell(world, role, action, target):
    """Ask the policy one question of the matrix."""
    p, w = permissions, world
    user = w["people"].get(role)
    posts = dict(w["posts"], own=w["own"].get(role))
    thread = {"in A": w["a"], "in B": w["b"], "locked in A": w["a"], "locked in B": w["b"]}.get(target)
    post = posts.get(target)
    if target == "own" and post is None and action.endswith("post"):
        return False  # anonymous owns nothing
    now = utcnow()
    if action == "view thread":
        return p.can_view_thread(user, thread)
    if action == "view hidden post":
        with _with(post, hidden_at=now):
            return p.can_view_post(user, post)
    if action == "view pending post":
        with _with(post, pending_at=now):
            return p.can_view_post(user, post)
    if action == "view closed thread":
        with _with(thread, deleted_at=now):
            return p.can_view_thread(user, thread)
    if action == "start thread":
        return p.can_start_thread(user, w["sector_a"])
    if action == "reply":
        with _with(thread, is_locked=target.startswith("locked")):
            return p.can_post(user, thread)
    if action == "edit post":
        return p.can_edit_post(user, post)
    if action == "flag post":
        return p.can_flag(user, post)
    if action == "hide post":
        return p.can_moderate(user, post)
    if action == "lock thread":
        return p.can_moderate(user, thread)
    if action == "move thread":
        return p.can_moderate(user, w["a"]) and p.can_moderate(user, w["sector_b"])
    if action == "delete post permanently":
        return p.can_delete_permanently(user, post)
    if action == "suspend member":
        victim = {"other's": w["other"], "own": user, "a moderator": w["mod_b"], "an admin": w["root"]}[target]
        return p.can_moderate(user, victim) if user is not None else False
    if action == "appoint moderator":
        return p.can_appoint(user)
    if action == "open moderation pages":
        return p.can_moderate(user)
    if action == "see moderation lists":
        sector = w["sector_a"] if target == "in A" else w["sector_b"]
        return db.session.scalar(db.select(db.func.count()).where(
            permissions.moderated_sectors_filter(user, db.literal(sector.id)))) == 1
    raise AssertionError(f"no question for {action}")


@pytest.mark.parametrize("role", ROLES)
def test_every_cell_of_the_permission_matrix_and_the_list_filters_hold_for(role, world):
    expected = {cell: role in allowed for cell, allowed in MATRIX.items()}
    actual = {cell: bool(_cell(world, role, *cell)) for cell in MATRIX}
    wrong = {cell: actual[cell] for cell in MATRIX if actual[cell] != expected[cell]}
    assert not wrong, f"{role}: cells that differ from the table (actual values): {wrong}"
    _list_filters_agree_with_the_single_object_checks(world, world["people"].get(role))


def _list_filters_agree_with_the_single_object_checks(world, user):
    """The SQL filters every list uses show exactly the posts and threads the policy allows."""
    from models import Post, Thread

    hidden, pending = world["posts"]["other's in A"], world["posts"]["other's in B"]
    hidden.hidden_at, pending.pending_at = utcnow(), utcnow()
    world["b"].deleted_at = utcnow()
    db.session.commit()
    listed = set(db.session.scalars(db.select(Post.id).join(Post.thread).where(
        permissions.visible_posts_filter(user), permissions.visible_threads_filter(user))))
    allowed = {p.id for p in db.session.scalars(db.select(Post)) if permissions.can_view_post(user, p)}
    assert listed == allowed
    threads = set(db.session.scalars(db.select(Thread.id).where(permissions.visible_threads_filter(user))))
    assert threads == {t.id for t in db.session.scalars(db.select(Thread)) if permissions.can_view_thread(user, t)}
