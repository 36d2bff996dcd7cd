"""Every moderation page renders for an admin, and none exists for a member."""
from forum.services.moderation import flags


def _pages(thread, post):
    verbs = ("pin", "unpin", "lock", "unlock", "close", "restore", "move", "merge", "rename", "retag")
    return ["/moderation", "/moderation/flags", "/moderation/approval", "/moderation/log",
            "/moderation/settings", "/moderation/users/anna", f"/moderation/threads/{thread.id}/split",
            *(f"/moderation/threads/{thread.id}/{verb}" for verb in verbs),
            *(f"/moderation/posts/{post.id}/{verb}" for verb in ("hide", "restore", "delete", "reject"))]


def test_every_moderation_page_renders_for_an_admin(client, cast, make_thread, make_post, user):
    thread = make_thread(cast["anna"], sector="school")
    post = make_post(cast["anna"], thread, body="<script>alert(1)</script> **flag me**")
    flags.flag_post(user("reporter"), post.id, "other", "<b>not bold</b>")
    client.login("ada")
    for url in _pages(thread, post):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>alert" not in response.get_data(as_text=True), url
    assert "&lt;b&gt;not bold&lt;/b&gt;" in client.get("/moderation/flags").get_data(as_text=True)
    assert client.get(f"/moderation/threads/{thread.id}/explode").status_code == 404
    assert client.get("/moderation/posts/999999/hide").status_code == 404


def test_no_moderation_page_exists_for_a_member(client, cast, make_thread, make_post):
    thread = make_thread(cast["ben"], sector="school")
    post = make_post(cast["ben"], thread)
    client.login("anna")
    for url in _pages(thread, post):
        if url != "/moderation/users/anna":
            assert client.get(url).status_code == 404, url
    assert client.get(f"/posts/{post.id}/flag").status_code == 200
