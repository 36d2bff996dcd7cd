"""The fast path (forum/search/whoosh/fastpath.py: Whoosh internals) against stock Whoosh.

A generated corpus (several languages, states, authors, sectors, tags) is written in several
segments with merges off, so deletions and updates stay in older segments; generated queries
(words, AND, OR, phrases, prefixes, exclusions, filters, newest first) run under several
viewers' masks through `searching.run` with the fast path on (TableBM25F, blockrank, block
reads) and off (BM25F, Whoosh's collectors, public matchers). Totals, first pages (post ids in
order) and scores must agree.
"""
import math
from dataclasses import replace
import random
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.scoring import BM25F

from forum.core import visibility
from forum.core.permissions import ALL
from forum.adapters.search import syntax
from forum.adapters.search.whoosh import compiling, masks, searching
from forum.adapters.search.whoosh.documents import to_document
from forum.adapters.search.whoosh.store import Store
from forum.adapters.search.whoosh.tablescoring import TableBM25F

pytestmark = pytest.mark.slow  # about 20 s (corpus, 300 queries, 150 Hypothesis examples)

WORDS = {
    "en": "school teacher pupil lesson homework rubric marking assessment inclusion reading maths "
          "science climate project garden library parent meeting policy wellbeing exam".split(),
    "de": "schule lehrer schüler unterricht hausaufgaben bewertung inklusion lesen mathematik "
          "wissenschaft klima projekt garten bibliothek eltern prüfung".split(),
    "fr": "école enseignant élève leçon devoirs évaluation inclusion lecture mathématiques "
          "science climat projet jardin bibliothèque parents examen".split(),
    "es": "escuela profesor alumno lección deberes evaluación inclusión lectura matemáticas "
          "ciencia clima proyecto jardín biblioteca padres examen".split(),
    "pl": "szkoła nauczyciel uczeń lekcja ocenianie włączanie czytanie matematyka nauka "
          "klimat projekt ogród biblioteka rodzice egzamin".split(),
}
COMMON = ["erasmus", "school"]  # in most documents: broad queries take the windowed path
SECTORS = {1: "school", 2: "vet", 3: "adult", 4: "higher"}
TAGS = ["stem", "ai", "policy", "climate", ""]
START = datetime(2025, 1, 1)
VIEWERS = {
    "anyone": {"sectors": set(), "member_id": None, "audiences": frozenset({visibility.ANYONE})},
    "member": {"sectors": set(), "member_id": 3,
               "audiences": frozenset({visibility.ANYONE, visibility.MEMBERS})},
    "sector moderator": {"sectors": {2}, "member_id": 5,
                         "audiences": frozenset({visibility.ANYONE, visibility.MEMBERS})},
    "global moderator": {"sectors": ALL, "member_id": 7, "audiences": frozenset(
        {visibility.ANYONE, visibility.MEMBERS, visibility.GLOBAL_MODERATORS})},
}


def _body(rng, language, size):
    """A Zipf-like text: few words very common, most rare; sometimes a common word."""
    words = WORDS[language]
    picked = [words[min(len(words) - 1, int(rng.paretovariate(1.2)) - 1)] for _ in range(size)]
    picked += rng.sample(COMMON, rng.randint(0, 2)) if rng.random() < 0.9 else []
    rng.shuffle(picked)
    return " ".join(picked)


def _row(rng, post_id, body=None):
    """The database row of one post, as documents.to_document reads it."""
    language = rng.choice(list(WORDS))
    thread_id = post_id // 6 + 1
    number = post_id % 6 + 1
    created = START + timedelta(minutes=7 * post_id)
    state = rng.random()
    hidden = created if state < 0.05 else None
    pending = created if 0.05 <= state < 0.08 else None
    thread_pending = created if thread_id % 17 == 0 else None
    sector_id = thread_id % 4 + 1
    author_id = rng.randint(1, 12)
    title = _body(rng, language, 4)
    html = f"<p>{body or _body(rng, language, rng.randint(3, 40))}</p>"
    return (post_id, thread_id, number, author_id, html, language, created, hidden, pending, None, title,
            None, thread_pending, thread_id % 12 + 1, sector_id, SECTORS[sector_id], f"user{author_id}", None)


def build_corpus(path, posts, segments, seed):
    """An index of `posts` documents in `segments` commits, each also updating and deleting
    documents of earlier segments (merges off: the deletions stay there)."""
    rng = random.Random(seed)
    store = Store(path)
    ix = store.new_index()
    store.swap(ix)
    per_segment, written = posts // segments, []
    for segment in range(segments):
        writer = ix.writer()
        if written:
            for post_id in rng.sample(written, min(len(written), per_segment // 10)):
                writer.delete_by_term("post_id", str(post_id))  # deleted
                written.remove(post_id)
            for post_id in rng.sample(written, min(len(written), per_segment // 10)):
                writer.delete_by_term("post_id", str(post_id))  # updated: a new document
                writer.add_document(**to_document(_row(rng, post_id), TAGS[post_id % 5]))
        for post_id in range(segment * per_segment + 1, (segment + 1) * per_segment + 1):
            doc = to_document(_row(rng, post_id), TAGS[post_id % 5])
            if doc is not None:
                writer.add_document(**doc)
                written.append(post_id)
        writer.commit(merge=False)
    return store.open()


def make_queries(count, seed):
    """Generated query texts: words, AND, OR, phrases, prefixes, exclusions, filters."""
    rng = random.Random(seed)
    shapes = [
        lambda w: w(), lambda w: f"{w()} {w()}", lambda w: f"{w()} OR {w()}", lambda w: f'"{w()} {w()}"',
        lambda w: f'"{w()} {w()} {w()}"', lambda w: f"{w()[:3]}*", lambda w: f"{w()} -{w()}",
        lambda w: f"{w()} sector:{rng.choice(list(SECTORS.values()))}",
        lambda w: f"{w()} author:user{rng.randint(1, 12)}", lambda w: f"{w()} tag:{rng.choice(TAGS[:4])}",
        lambda w: f"{w()} lang:{rng.choice(list(WORDS))}", lambda w: f"{w()} in:titles",
        lambda w: f"{w()} after:2025-01-05", lambda w: rng.choice(COMMON), lambda w: " ".join(COMMON),
        lambda w: f"{rng.choice(COMMON)} {w()}", lambda w: f"sector:{rng.choice(list(SECTORS.values()))}",
    ]

    def word():
        return rng.choice(WORDS[rng.choice(list(WORDS))] + COMMON)

    return [(rng.choice(shapes)(word), rng.choice([1, 1, 1, 2]), rng.choice(["relevance"] * 4 + ["newest"]))
            for _ in range(count)]


@pytest.fixture(scope="module")
def searchers(tmp_path_factory):
    """(fast, stock) searchers on one generated index of 3,000 posts in 6 segments."""
    ix = build_corpus(tmp_path_factory.mktemp("oracle"), posts=3000, segments=6, seed=20261204)
    fast, stock = ix.searcher(weighting=TableBM25F()), ix.searcher(weighting=BM25F())
    assert len(fast.reader().leaf_readers()) == 6 and fast.doc_count() < fast.doc_count_all()
    yield fast, stock
    fast.close()
    stock.close()


def compare(fast, stock, text, viewer, page, sort, languages=frozenset()):
    """Run one query both ways (for a reader of `languages`); assert the same total, exactness,
    page and scores."""
    found = []
    for searcher, on in ((fast, True), (stock, False)):
        built = compiling.build(replace(syntax.parse(text), languages=languages), searcher)
        if built.query is None:
            return None
        mask = masks.visibility_mask(VIEWERS[viewer])
        found.append(searching.run(searcher, built.positive, mask, page,
                                   "newest" if built.filters_only else sort, restrict=built.filter, fast=on))
    quick, slow = found
    where = f"{text!r} as {viewer}, page {page}, {sort}"
    assert (quick.total, quick.exact) == (slow.total, slow.exact), where
    assert len(quick.post_ids) == len(slow.post_ids), where
    if quick.scores is None:
        assert quick.post_ids == slow.post_ids, where
        return quick
    for a, b in zip(quick.scores, slow.scores):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), where
    assert _ties_grouped(quick) == _ties_grouped(slow), where
    return quick


def _ties_grouped(found):
    """The page's post ids in order, ids of equal scores (up to float addition order) as a set;
    the last group is cut by the page end, so only its size counts."""
    groups = []
    for post_id, score in zip(found.post_ids, found.scores):
        if groups and math.isclose(groups[-1][0], score, rel_tol=1e-9):
            groups[-1][1].add(post_id)
        else:
            groups.append((score, {post_id}))
    return [ids for _score, ids in groups[:-1]] + [len(groups[-1][1])] if groups else []


def test_fast_path_gives_the_same_totals_and_first_pages_as_stock_whoosh(searchers):
    fast, stock = searchers
    rng = random.Random(7)
    answered = broad = 0
    for text, page, sort in make_queries(300, seed=42):
        found = compare(fast, stock, text, rng.choice(list(VIEWERS)), page, sort)
        answered += found is not None and found.total > 0
        broad += found is not None and not found.exact
    assert answered > 200  # the generated queries find things
    assert broad > 0  # and some take the windowed path of broad queries


def test_every_viewer_mask_gives_the_same_results_both_ways(searchers):
    fast, stock = searchers
    for viewer in VIEWERS:
        for text in ("school", "erasmus school", "teacher OR lehrer", "sch*", "school -erasmus", '"erasmus school"'):
            assert compare(fast, stock, text, viewer, 1, "relevance").total > 0


READERS = [frozenset({"en"}), frozenset({"de"}), frozenset({"fr", "pl"}), frozenset({"es", "en", "de"})]


def test_a_readers_languages_weigh_the_same_both_ways(searchers):
    """Other languages' stems weigh less for a reader (boosted terms): the fast path must
    score them as stock Whoosh does, and the weighting must change some rankings."""
    fast, stock = searchers
    rng = random.Random(11)
    answered = reranked = 0
    for text, page, sort in make_queries(150, seed=43):
        viewer, languages = rng.choice(list(VIEWERS)), rng.choice(READERS)
        found = compare(fast, stock, text, viewer, page, sort, languages)
        plain = compare(fast, stock, text, viewer, page, sort)
        answered += found is not None and found.total > 0
        reranked += found is not None and found.scores is not None and found.scores != plain.scores
    assert answered > 100 and reranked > 5  # (15 of 150 here: many stems agree across languages)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    ix = build_corpus(tmp_path_factory.mktemp("oracle-small"), posts=240, segments=4, seed=5)
    fast, stock = ix.searcher(weighting=TableBM25F()), ix.searcher(weighting=BM25F())
    yield fast, stock
    fast.close()
    stock.close()


vocabulary = st.sampled_from(sorted({w for words in WORDS.values() for w in words[:8]} | set(COMMON)))
term = st.one_of(vocabulary, vocabulary.map(lambda w: f"-{w}"), vocabulary.map(lambda w: f"{w[:3]}*"),
                 st.tuples(vocabulary, vocabulary).map(lambda p: f'"{p[0]} {p[1]}"'),
                 st.sampled_from(["sector:vet", "tag:stem", "lang:de", "in:titles", "author:user3"]))
query_texts = st.lists(term, min_size=1, max_size=4).map(" ".join) | st.tuples(vocabulary, vocabulary).map(
    lambda p: f"{p[0]} OR {p[1]}")


@settings(max_examples=150, deadline=None)
@given(text=query_texts, viewer=st.sampled_from(sorted(VIEWERS)), page=st.sampled_from([1, 2]),
       sort=st.sampled_from(["relevance", "newest"]), languages=st.sampled_from([frozenset()] + READERS))
def test_any_generated_query_agrees_on_a_small_corpus(small, text, viewer, page, sort, languages):
    compare(*small, text, viewer, page, sort, languages)

