"""The accessibility statement page, linked from every page's footer."""


def test_statement_names_the_standard_the_testing_and_how_to_report(client):
    response = client.get("/accessibility")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for expected in ("WCAG", "2.1", "EN 301 549", "Known limitations", "Report a barrier",
                     "mailto:accessibility@praxis.localhost", "How we test"):
        assert expected in html


def test_every_page_links_to_the_statement_from_the_footer(client):
    for path in ("/", "/login", "/sectors/vet", "/no-such-page"):
        html = client.get(path).get_data(as_text=True)
        assert 'href="/accessibility"' in html.split('class="site-footer"')[1], path
