"""Each post is analysed in its own language: stems, stop words, folded accents; queries match
across languages on shared words and can be narrowed to one language."""
import pytest


@pytest.fixture
def author(make_user):
    return make_user("lina")


@pytest.fixture
def post_in(author, make_thread, make_post):
    """post_in("da", "text") -> the id of a reply written in that language."""
    holder = {}

    def make(language, body):
        if "thread" not in holder:
            holder["thread"] = make_thread(author, title="Languages of Europe", body="Hello.")
        return make_post(author, holder["thread"], body=body, language=language).id

    return make


@pytest.mark.parametrize("language, written, searched", [
    ("da", "Undervisningen i skolerne", "undervisning"),
    ("da", "Vi taler om lærerne", "lærer"),
    ("fr", "Des evaluations formatives", "évaluation"),
    ("fr", "Les élèves apprennent", "eleve"),
    ("de", "Die Schulen im Land", "Schule"),
    ("de", "Prüfungen am Ende", "prufung"),
    ("de", "Unsere Schüler lernen", "Schuler"),
    ("sv", "Lärarna samarbetar", "lärare"),
    ("sv", "Eleverna skriver", "elev"),
    ("es", "Las evaluaciones finales", "evaluación"),
    ("es", "Nuestras escuelas rurales", "escuela"),
    ("nl", "De leerlingen lezen", "leerling"),
    ("it", "Gli insegnanti discutono", "insegnante"),
    ("pt", "As avaliações externas", "avaliacoes"),
    ("fi", "Opettajat suunnittelevat", "opettaja"),
    ("en", "Adult learners thrive", "learner"),
    ("en", "Teaching with video", "teaches"),
])
def test_a_word_finds_its_inflected_and_accented_forms(post_in, found, language, written, searched):
    post_id = post_in(language, written)
    assert found(searched) == [post_id]


def test_languages_without_a_stemmer_still_match_words_and_fold_accents(post_in, found):
    polish = post_in("pl", "Szkoła podstawowa i nauczyciele")
    assert found("szkola") == [polish] and found("Szkoła") == [polish]
    assert found("szkoły") == []  # no Polish stemmer in Whoosh: exact words only


def test_stop_words_belong_to_their_language(post_in, found):
    english = post_in("en", "The die is cast in this workshop.")
    german = post_in("de", "Die Werkstatt ist offen.")
    assert found("die") == [english]  # a German stop word, an English noun
    assert found("werkstatt") == [german]


def test_a_shared_word_matches_across_languages(post_in, found):
    ids = {post_in("de", "Wir nutzen Moodle im Unterricht."), post_in("fr", "Nous utilisons Moodle en classe."),
           post_in("en", "We use Moodle in class."), post_in("pl", "Używamy Moodle na lekcjach.")}
    assert set(found("moodle")) == ids


def test_results_can_be_filtered_by_language(post_in, found):
    german = post_in("de", "Erasmus Projekte in Schulen")
    french = post_in("fr", "Projets Erasmus dans les écoles")
    assert set(found("erasmus")) == {german, french}
    assert found("erasmus lang:fr") == [french]
    assert found("erasmus", lang="de") == [german]


def test_phrases_respect_word_order_in_each_language(post_in, found):
    german = post_in("de", "Die digitale Schule von morgen")
    post_in("de", "Schule ist digital geworden")
    assert found('"digitale Schule"') == [german]


def test_a_longer_phrase_needs_its_words_in_sequence_not_just_its_pairs(post_in, found):
    whole = post_in("en", "Our peer review process works for everyone")
    post_in("en", "Every peer review helps; a review process needs time")
    assert found('"peer review process"') == [whole]
    assert found('"peer reviews processes"') == [whole]  # stemmed, as single words are


def test_snippets_mark_inflected_forms_in_the_post_language(post_in, search_page):
    post_in("da", "Undervisningen foregår online.")
    _status, html = search_page("undervisning")
    assert '<mark class="match term0">Undervisningen</mark>' in html
