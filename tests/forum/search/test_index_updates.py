"""The index follows every change: posting, editing, moderation (hide, close, move, merge, split,
rename, retag), and a rebuild from the database."""
import re

import pytest

from forum.services import posting
from forum.services.moderation.merge import merge_threads
from forum.services.moderation.move import move_thread
from forum.services.moderation.rename import rename_thread, retag_thread
from forum.services.moderation.split import split_posts


@pytest.fixture
def anna(make_user):
    return make_user("anna")


@pytest.fixture
def mod(make_user):
    return make_user("mod", role="moderator")


def _threads_shown(html):
    return [int(n) for n in re.findall(r'href="/threads/(\d+)/posts/\d+"', html)]


def test_a_new_thread_and_reply_are_found_at_once(anna, make_thread, make_post, found):
    thread = make_thread(anna, title="Gamification badges", body="Badges motivate.")
    reply = make_post(anna, thread, body="Leaderboards too.")
    assert found("badges") == [thread.id] and found("leaderboards") == [reply.id]


def test_editing_replaces_the_old_words(anna, make_thread, found):
    from models import Post, db

    thread = make_thread(anna, title="Gerbil corner", body="Tamagotchi classroom.")
    posting.edit_post(anna, thread.id, "Pokemon classroom.", title="Hamster corner")
    assert found("tamagotchi") == [] and found("pokemon") == [thread.id]
    assert found("hamster in:titles") == [thread.id] and found("gerbil") == []


def test_moderator_rename_and_retag_update_every_post(anna, mod, make_thread, make_post, found):
    thread = make_thread(anna, title="Original title words", body="Intro.", tags="old")
    reply = make_post(anna, thread, body="A reply.")
    rename_thread(mod, thread.id, "Renamed chinchilla thread")
    retag_thread(mod, thread.id, "fresh")
    assert found("chinchilla") == [thread.id]
    assert set(found("tag:fresh")) == {thread.id, reply.id} and found("tag:old") == []


def test_moving_a_thread_changes_its_sector_in_search(anna, mod, make_thread, make_post, found):
    thread = make_thread(anna, sector="school", title="Moving day thread", body="Ocelotory intro.")
    reply = make_post(anna, thread, body="Ocelotory reply.")
    move_thread(mod, thread.id, "vet")
    assert set(found("ocelotory sector:vet")) == {thread.id, reply.id}
    assert found("ocelotory sector:school") == []


def test_merging_moves_the_posts_to_the_target_thread(anna, mod, make_thread, make_post, search_page, found):
    source = make_thread(anna, title="Source thread here", body="Platypusparty source.")
    target = make_thread(anna, title="Target thread here", body="Intro.")
    make_post(anna, source, body="Platypusparty reply.")
    merge_threads(mod, source.id, target.id)
    _status, html = search_page("platypusparty")
    assert _threads_shown(html) == [target.id, target.id]


def test_splitting_moves_posts_to_the_new_thread(anna, mod, make_thread, make_post, search_page):
    thread = make_thread(anna, title="Thread to split", body="Intro.")
    moved = make_post(anna, thread, body="Pangolinpath reply.")
    new = split_posts(mod, thread.id, [moved.id], "The split-off thread")
    _status, html = search_page("pangolinpath")
    assert _threads_shown(html) == [new.id]


def test_reindex_command_rebuilds_from_the_database_with_progress(app, anna, make_thread, found):
    thread = make_thread(anna, title="Before the rebuild", body="Meerkatmeeting notes.")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexing posts" in result.output and "Indexed 1 posts." in result.output
    assert found("meerkatmeeting") == [thread.id]


def test_a_missing_index_is_rebuilt(app, anna, make_thread, found):
    import shutil

    from forum.adapters.search import backend

    thread = make_thread(anna, title="Index vanished", body="Lemurlounge notes.")
    store = backend().store
    shutil.rmtree(store.live_path())
    store.current.unlink()
    assert found("lemurlounge") == [thread.id]
