"""The core flows, end to end through the test client."""


def test_home_lists_the_six_sectors(client):
    html = client.get("/").get_data(as_text=True)
    for name in ("Early childhood education and care", "School education",
                 "Vocational education and training", "Higher education", "Adult learning", "Cross-sector"):
        assert name in html


def test_member_registers_starts_a_thread_and_replies(client):
    response = client.submit("/register", {"username": "anna", "email": "Anna@Example.eu",
                                           "password": "long enough pw"})
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    client.login("anna", password="long enough pw")
    response = client.submit("/sectors/vet/new", {
        "sector": "vet", "title": "Apprenticeships online", "body": "Hello **world**",
        "tags": "vet, ai", "language": "en", "submission_key": "k1"})
    assert response.status_code == 302
    thread_url = response.headers["Location"]
    page = client.get(thread_url).get_data(as_text=True)
    assert "<strong>world</strong>" in page and "Apprenticeships online" in page
    thread_id = thread_url.split("/")[2]
    response = client.submit(f"/threads/{thread_id}/reply", {"body": "A reply", "language": "en",
                                                              "submission_key": "k2"},
                             token_from=thread_url)
    assert response.status_code == 302 and "#post-" in response.headers["Location"]
