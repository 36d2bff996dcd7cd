"""The search page: /search?q=… with filters, sorting, pagination and suggestions."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from forum.core.pagination import parse_page
from forum.web.search.forms import SearchForm
from forum.services import reading
from forum.services.search import search_posts

bp = Blueprint("search", __name__)


def _page_number():
    """The results page asked for; a bad value shows the first page (search_posts clamps)."""
    return parse_page(request.args.get("page")) or 1


@bp.route("/search")
def index():
    """The search page: the form, and the results the reader may see."""
    form = SearchForm(request.args)
    form.fill_choices(reading.all_sectors())
    form.validate()
    results = search_posts(current_user, form.q.data or "", form.filters(), page=_page_number(),
                           sort=form.sort.data or "relevance")
    return render_template("search/results.html", form=form, results=results,
                           advanced_open=bool(form.filters()) or not results.searched)
