""""Did you mean" offers only words of posts the reader may see (issue #11, item 7): a hidden
post's unique word is never suggested to an anonymous reader or a plain member, even when a
visible post shares its stem; its author and moderators may be offered it."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from forum.services.moderation.hide import hide_post
from tests import fuzzing  # noqa: F401  (the Hypothesis profile)

SECRET = "zebracounts"  # only in the hidden post
VISIBLE = "zebracounting"  # same English stem ("zebracount"), in a visible post
NEAR_SECRET = "zebracountz"  # one edit from SECRET, three from VISIBLE
NEAR_BOTH = "zebracountins"  # one edit from VISIBLE, two from SECRET


@pytest.fixture
def hidden(make_user, make_thread, make_post):
    anna, ben, mod = make_user("anna"), make_user("ben"), make_user("mod", role="moderator")
    make_user("root", role="admin")
    thread = make_thread(ben, sector="vet", title="Animals at school", body=f"A {VISIBLE} rota for the class.")
    post = make_post(anna, thread, body=f"The {SECRET} schedule is on the wall.")
    hide_post(mod, post.id, "Off topic")
    return post


def _suggestion(search_page, q):
    """The word a "Did you mean" link offers, or None."""
    status, html = search_page(q)
    assert status == 200
    if "Did you mean" not in html:
        return None
    return html.split("Did you mean", 1)[1].split("</a>", 1)[0].rsplit(">", 1)[1]


def _misspellings(word):
    """Words one or two edits (delete, replace, insert, swap) away from `word`."""
    letters = st.sampled_from("abcdefghijklmnopqrstuvwxyz")

    def edit(text, op, at, letter):
        at %= len(text)
        if op == "delete":
            return text[:at] + text[at + 1:]
        if op == "replace":
            return text[:at] + letter + text[at + 1:]
        if op == "insert":
            return text[:at] + letter + text[at:]
        return text[:at] + text[at + 1:at + 2] + text[at] + text[at + 2:]

    one = st.builds(edit, st.just(word), st.sampled_from(["delete", "replace", "insert", "swap"]),
                    st.integers(1, 40), letters)
    return st.one_of(one, one.flatmap(lambda w: st.builds(edit, st.just(w), st.sampled_from(
        ["delete", "replace", "insert", "swap"]), st.integers(1, 40), letters)))


@pytest.mark.parametrize("reader", [None, "ben"])
def test_a_hidden_word_is_not_offered_to_others_even_through_a_stem_a_visible_post_shares(
        hidden, client, search_page, reader):
    if reader:
        client.login(reader)
    assert _suggestion(search_page, NEAR_SECRET) is None
    assert _suggestion(search_page, NEAR_BOTH) == VISIBLE


@pytest.mark.parametrize("reader", ["anna", "mod", "root"])
def test_the_author_and_moderators_are_offered_the_hidden_word(hidden, client, search_page, reader):
    client.login(reader)
    assert _suggestion(search_page, NEAR_SECRET) == SECRET
    assert _suggestion(search_page, NEAR_BOTH) == VISIBLE  # the nearest word first


@pytest.mark.parametrize("reader", [None, "ben"])
@given(data=st.data())
def test_no_misspelling_of_a_hidden_word_reveals_it(hidden, client, search_page, reader, data):
    if reader and not getattr(client, "signed_in", False):
        client.login(reader)
        client.signed_in = True
    q = data.draw(_misspellings(SECRET), label="q")
    assume(SECRET not in q)  # the page repeats the query
    status, html = search_page(q)
    assert status == 200 and SECRET not in html.split('class="search-form"', 1)[1].split("</form>", 1)[1]
