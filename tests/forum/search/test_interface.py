"""The search interface (forum/search/interface.py): the use case sees only it, the Whoosh
backend implements it, and SEARCH_FAST_PATH off uses no Whoosh internal."""
import ast
from pathlib import Path

from config import ROOT


def test_with_the_switch_off_no_whoosh_internal_is_used(app, make_user, make_thread, make_post, found, monkeypatch):
    from forum.adapters import search
    from forum.adapters.search.whoosh import fastpath

    def refuse(*args, **kwargs):
        raise AssertionError("a Whoosh internal was used with SEARCH_FAST_PATH off")

    for name in ("block_items", "block_ids", "length_bytes", "unlocked_segment_writer", "finish_segment"):
        monkeypatch.setattr(fastpath, name, refuse)
    app.config["SEARCH_FAST_PATH"] = False
    app.extensions.pop("search", None)
    anna = make_user("anna")
    thread = make_thread(anna, title="Okapi lessons", body="Okapis in the garden.", sector="vet")
    reply = make_post(anna, thread, body="More okapi garden notes.")
    assert search.backend().rebuild(procs=3) == 2  # one process: no forked unlocked writers
    assert len(found("okapi garden")) == 2 and reply.id in found("okapi garden") and thread.id
    assert found('"garden notes" okapi') == [reply.id]


def test_remove_drops_posts_whatever_the_database_says(app, make_user, make_thread, found):
    from forum.adapters import search

    thread = make_thread(make_user("anna"), title="Quaggaquest", body="Quaggaquest notes.")
    assert found("quaggaquest") != []
    search.backend().remove(found("quaggaquest"))
    assert found("quaggaquest") == []
    assert search.backend().status()["documents"] == 0 and thread.id



def test_the_use_case_imports_only_the_interface_and_the_parser():
    tree = ast.parse(Path(ROOT, "forum/services/search.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    searchy = {name for name in imported if name and "search" in name}
    assert searchy == {"forum.adapters.search"}, searchy  # `from forum import search` + `from forum.adapters.search import syntax`
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
             and node.module == "forum.adapters.search" for alias in node.names}
    assert names == {"syntax"}


def test_the_configured_backend_implements_the_interface(app):
    from forum.adapters import search
    from forum.adapters.search.interface import SearchBackend

    backend = search.backend(app)
    for name in ("index", "remove", "query", "rebuild", "status", "ensure_index"):
        assert callable(getattr(backend, name)) and hasattr(SearchBackend, name), name
    app.extensions.pop("search")
    app.config["SEARCH_BACKEND"] = "nonesuch"
    try:
        search.backend(app)
    except RuntimeError as error:
        assert "nonesuch" in str(error)
    else:
        raise AssertionError("an unknown SEARCH_BACKEND was accepted")


def test_search_status_reports_the_backend_and_documents(app, make_user, make_thread):
    make_thread(make_user("anna"), title="Status check", body="Counted once.")
    out = app.test_cli_runner().invoke(args=["search", "status"]).output
    assert "Backend: whoosh" in out and "Documents: 1" in out, out
    out = app.test_cli_runner().invoke(args=["search", "reindex"]).output
    assert "Indexed 1 posts." in out, out
