"""Previews cost a render each: live and form previews share a per-member budget (429 past it)."""
import pytest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_PREVIEWS": "3 per minute", "RATELIMIT_PREVIEWS_NEW": "3 per minute"}


def _live(client, token):
    return client.post("/preview", data={"body": "**b**"}, headers={"X-CSRFToken": token})


def test_the_live_preview_is_limited_with_a_clear_429(client, cast):
    client.login("anna")
    token = client.csrf_token("/sectors/school/new")
    assert [_live(client, token).status_code for _ in range(3)] == [200, 200, 200]
    response = _live(client, token)
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert "try again in" in response.get_data(as_text=True)


def test_form_previews_share_the_budget_but_posting_does_not_use_it(client, cast, make_thread):
    thread = make_thread(cast["ben"], sector="school")
    client.login("anna")
    url = f"/threads/{thread.id}/reply"

    def form(n, **extra):
        return client.submit(url, {"body": f"Reply {n}", "language": "en", "submission_key": f"p{n}",
                                   **extra}, token_from=f"/threads/{thread.id}").status_code

    assert [form(n, preview="Preview") for n in range(2)] == [200, 200]
    assert _live(client, client.csrf_token(f"/threads/{thread.id}")).status_code == 200
    assert form(3, preview="Preview") == 429
    assert form(4) == 302  # a real reply is not a preview


def test_moderators_are_exempt(client, cast):
    client.login("mod")
    token = client.csrf_token("/sectors/school/new")
    assert all(_live(client, token).status_code == 200 for _ in range(5))
