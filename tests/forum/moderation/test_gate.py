"""Every moderation route, enumerated from the app's url_map, answers 404 to those who may not
moderate its target (anonymous, a member, a moderator of another sector), on GET and on POST
with valid, invalid or token-less data, and its page never shows them moderation content."""
import pytest

from forum.web.mod_actions import views as actions
from forum.web.mod_users import views as people
from forum.services import posting
from forum.services.moderation import close, hide, settings, users
from models import Post, PostRevision, db

GATED_BLUEPRINTS = ("moderation", "mod_actions", "mod_users")
MEMBER_ROUTES = {"mod_actions.flag"}  # beside the tools, but for members: tested in test_flags.py
# Pages for anyone who moderates something; their lists are filtered to the viewer's sectors.
SCOPE_WIDE = {"moderation.dashboard_page", "moderation.flag_queue", "moderation.approval_queue",
              "moderation.log", "mod_users.user_page"}
VERBS = {"mod_actions.thread_action": actions.THREAD_ACTIONS, "mod_actions.post_action": actions.POST_ACTIONS,
         "mod_users.user_action": people.USER_ACTIONS}

SCHOOL_SECRETS = ("Closed-title-7f3a", "Pending-title-9c1e", "hide-reason-5b2d")
MEMBER_SECRETS = ("warn-reason-3e8f", "suspend-reason-1a6c", "zelda_mod")


def _form(verb_prefixes, **values):
    data = dict(values)
    for verb in verb_prefixes:
        data.update({f"{verb}-{name}": value for name, value in values.items()})
    return data


VALID = _form(people.USER_ACTIONS, reason="Looks fine", days="3", title="A new title", tags="ict",
              sector="vet", expected_sector="school", target="1", resolution="dismiss", sectors="vet",
              approval_enabled="y", approval_post_count="3")
INVALID = _form(people.USER_ACTIONS, reason="x" * 1500, days="-4", title="", tags="", sector="nowhere",
                target="", approval_post_count="0")


@pytest.fixture
def scene(app, user, make_thread, make_post):
    """Moderation history in the School sector and on a member, and the outsiders."""
    zelda, ada = user("zelda_mod", role="moderator"), user("ada", role="admin")
    vic = user("vic", created_at=_long_ago())
    open_thread = make_thread(vic, sector="school", title="An open thread")
    reply = make_post(vic, open_thread, body="A reply that gets hidden.")
    hide.hide_post(zelda, reply.id, "hide-reason-5b2d")
    closed = make_thread(vic, sector="school", title="Closed-title-7f3a")
    posting.edit_post(vic, db.session.get(Post, _first_post(closed)).id, "Edited before it was closed.")
    close.close_thread(zelda, closed.id, "spam")
    users.warn_user(zelda, vic.id, "warn-reason-3e8f")
    users.suspend_user(zelda, vic.id, 3, "suspend-reason-1a6c")
    users.lift_suspension(zelda, vic.id, "")
    settings.change_approval(ada, True, 3)
    pending = make_thread(user("newbie"), sector="school", title="Pending-title-9c1e")
    user("ben")
    user("vetmod", role="moderator", sectors=["vet"])
    assert pending.pending_at is not None
    return {"thread_id": [open_thread.id, closed.id, pending.id],
            "post_id": [reply.id, _first_post(closed), _first_post(pending)],
            "username": ["vic"], "revision_id": db.session.scalars(db.select(PostRevision.id)).all()}


def _long_ago():
    from datetime import timedelta

    from models import utcnow

    return utcnow() - timedelta(days=400)


def _first_post(thread):
    return db.session.scalar(db.select(Post.id).where(Post.thread_id == thread.id, Post.number == 1))


def moderation_rules(app):
    """Every URL rule of the moderation blueprints and every rule under /moderation."""
    rules = [rule for rule in app.url_map.iter_rules()
             if rule.endpoint.split(".")[0] in GATED_BLUEPRINTS or rule.rule.startswith("/moderation")]
    assert len(rules) >= 12
    return rules


def urls_for(rule, scene):
    """Every address of `rule` over the scene's targets and every verb of its endpoint."""
    values = [{}]
    for argument in sorted(rule.arguments):
        options = [*VERBS[rule.endpoint], "no-such-verb"] if argument == "verb" else scene[argument]
        values = [{**v, argument: option} for v in values for option in options]
    return [rule.build(v, append_unknown=False)[1] for v in values]


def _leaks(body, secrets):
    return [secret for secret in secrets if secret in body]


def test_every_moderation_route_declares_a_gate(app):
    from forum.web.moderation import views

    gates = {"moderation": views.gate, "mod_actions": actions.gate, "mod_users": people.gate}
    for rule in moderation_rules(app):
        blueprint = rule.endpoint.split(".")[0]
        assert blueprint in GATED_BLUEPRINTS, rule.rule
        assert gates[blueprint].declares(rule.endpoint), rule.endpoint


@pytest.mark.parametrize("outsider", [None, "ben", "vetmod"])
def test_no_moderation_route_answers_or_leaks_to_an_outsider(app, client, scene, outsider):
    if outsider:
        client.login(outsider)
    token = client.csrf_token("/" if outsider else "/login")
    checked = 0
    for rule in moderation_rules(app):
        if rule.endpoint in MEMBER_ROUTES:
            continue
        scope_wide = outsider == "vetmod" and rule.endpoint in SCOPE_WIDE
        for url in urls_for(rule, scene):
            requests = []
            if "GET" in rule.methods:
                requests.append(("GET", None))
            if "POST" in rule.methods:
                requests += [("POST", {**VALID, "csrf_token": token}), ("POST", {**INVALID, "csrf_token": token}),
                             ("POST", INVALID)]
            for method, data in requests:
                response = client.open(url, method=method, data=data)
                body = response.get_data(as_text=True)
                where = f"{outsider} {method} {url} {data and data.get('reason', '')[:10]}"
                if scope_wide:  # a moderator's own lists: open, but nothing from the School sector
                    assert response.status_code == 200, where
                    assert not _leaks(body, SCHOOL_SECRETS), where
                else:
                    assert response.status_code == 404, where
                    assert not _leaks(body, SCHOOL_SECRETS + MEMBER_SECRETS), where
                checked += 1
    assert checked > 200


def test_the_gate_lets_the_moderators_in_and_their_422_shows_the_history(client, scene):
    """The control: the same invalid forms do reach a moderator's page, with the history."""
    client.login("zelda_mod")
    token = client.csrf_token("/")
    response = client.post("/moderation/users/vic/suspend", data={**INVALID, "csrf_token": token})
    assert response.status_code == 422 and "suspend-reason-1a6c" in response.get_data(as_text=True)
    closed_id = scene["thread_id"][1]
    response = client.post(f"/moderation/threads/{closed_id}/rename", data={**INVALID, "csrf_token": token})
    assert response.status_code == 422 and "Closed-title-7f3a" in response.get_data(as_text=True)


def test_a_moderator_of_another_sector_may_not_act_on_members_or_settings(client, scene):
    client.login("vetmod")
    token = client.csrf_token("/")
    assert client.get("/moderation/settings").status_code == 404
    assert client.post("/moderation/users/vic/warn", data={"warn-reason": "x", "csrf_token": token}).status_code == 404
    assert client.get("/moderation/users/vic").status_code == 200  # reading a member's history is for moderators
