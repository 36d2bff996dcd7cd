"""Every route in `app.url_map`, fuzzed: hostile path ids, query strings and form fields, as an
anonymous reader, a member and a moderator, never answer 5xx nor take long (issue #11, item 14).

Routes come from the URL map, so a new route is fuzzed without touching this file.
"""
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import (SLOW_REQUEST, SOURCE_NAMES, build_path, hostile_text, int_segment, query_args,
                           text_segment)

ROLES = ("anonymous", "member", "moderator")
SKIPPED = {"static"}  # files from disk, served by Werkzeug
FORM_FIELDS = SOURCE_NAMES


@pytest.fixture
def world(app, make_user, make_thread, make_post):
    """A small forum: members, a moderator, threads with replies, a hidden post, a flag."""
    from forum.web.mod_actions.views import POST_ACTIONS, THREAD_ACTIONS
    from forum.web.mod_users.views import USER_ACTIONS
    from forum.services import reading
    from forum.adapters.search import backend
    from forum.services.moderation.hide import hide_post

    app.config["RATELIMIT_ENABLED"] = False  # a limit answers 429: fine, but it stops the fuzzing
    app.config.update(POSTS_PER_PAGE=2, THREADS_PER_PAGE=1)  # every list shows pagination links
    anna, mod = make_user("anna"), make_user("mod", role="moderator")
    make_user("ben")
    thread = make_thread(anna, title="Marking homework fairly", body="How do you mark?", tags="grading")
    posts = [make_post(mod, thread, body=f"Reply {n} about rubrics.") for n in range(3)]
    hide_post(mod, posts[1].id, "Off topic")
    other = make_thread(mod, title="Rubrics for projects", body="Share yours.", tags="grading")
    ids = [thread.id, other.id, *(post.id for post in posts)]
    backend().rebuild()  # one segment, as after `flask search reindex` (Whoosh reads it otherwise)
    known = (["anna", "mod", "ben", "grading", "thread", "sector", "tag", "marking-homework-fairly"]
             + [sector.slug for sector in reading.all_sectors()]
             + list(THREAD_ACTIONS) + list(POST_ACTIONS) + list(USER_ACTIONS) + [str(n) for n in ids])
    return World(ids=ids, known=known)


class World(dict):
    """The fuzzed forum's ids and names, and a signed-in client per role (short in reports)."""

    def __repr__(self):
        return "world"


def _client(app, role):
    client = app.test_client()
    if role != "anonymous":
        client.login({"member": "anna", "moderator": "mod"}[role])
    return client, client.csrf_token()


def _request(data, app, world):
    rules = sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED),
                   key=lambda rule: rule.rule)
    rule = data.draw(st.sampled_from(rules), label="rule")
    methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
    method = data.draw(st.sampled_from(methods), label="method")
    ints, texts = int_segment(world["ids"]), text_segment(world["known"])
    path = build_path(rule, lambda converter, _name: data.draw(ints if converter == "int" else texts))
    query = data.draw(query_args(), label="query")
    form = {}
    if method == "POST":
        fields = data.draw(st.lists(st.sampled_from(FORM_FIELDS), max_size=6, unique=True), label="fields")
        form = {name: data.draw(text_segment(world["known"]), label=name) for name in fields}
    return method, path, query, form


@pytest.mark.parametrize("role", ROLES)
@given(data=st.data())
def test_no_route_answers_5xx_to_hostile_input(data, role, app, world):
    if role not in world:
        world[role] = _client(app, role)
    client, token = world[role]
    method, path, query, form = _request(data, app, world)
    if method == "POST" and data.draw(st.booleans(), label="with csrf token"):
        form["csrf_token"] = token
    started = time.thread_time()  # CPU time: wall time on a loaded machine says little
    response = client.open(path, method=method, query_string=query, data=form)
    elapsed = time.thread_time() - started
    assert response.status_code < 500, (method, path, query, form, response.get_data(as_text=True)[:500])
    assert elapsed < SLOW_REQUEST, (method, path, query, form, elapsed)


@given(path=st.sampled_from(["/", "/sectors/school", "/tags/grading", "/threads/{thread}", "/search"]),
       key=st.sampled_from(["page", "q", "sort"]), value=hostile_text)
def test_list_and_search_pages_accept_any_single_query_value(path, key, value, client, world):
    query = {key: value, **({"q": "rubrics"} if key != "q" else {})}
    response = client.get(path.format(thread=world["ids"][0]), query_string=query)
    assert response.status_code < 500, (path, key, value)
