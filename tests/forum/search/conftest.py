"""Search test helpers: run a search through the real page and read the result rows."""
import re

import pytest


@pytest.fixture
def search_page(client):
    """search_page("q", sort=…) -> (status, html)."""

    def run(q, **args):
        response = client.get("/search", query_string={"q": q, **args})
        return response.status_code, response.get_data(as_text=True)

    return run


@pytest.fixture
def found(search_page):
    """found("q") -> list of post ids shown, in order (asserts a normal 200 page)."""

    def run(q, **args):
        status, html = search_page(q, **args)
        assert status == 200, html[:500]
        return [int(n) for n in re.findall(r'data-post-id="(\d+)"', html)]

    return run
