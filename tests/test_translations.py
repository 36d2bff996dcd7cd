"""The interface catalogues: the template matches the code, and every catalogue is complete,
with the same placeholders, plural forms and markup as the English.

Languages still being translated are listed in INCOMPLETE_LANGUAGES and skipped by the
per-language checks (never by the template checks); remove a code once its catalogue is done.
"""
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "forum" / "translations"
LANGUAGES = ("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
             "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv")
# Catalogues the translators have not finished yet: the lead removes each as it completes.
INCOMPLETE_LANGUAGES = set()

PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")


def load(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def catalogue(lang):
    return load(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")


def message_ids(cat):
    return {message.id for message in cat if message.id}


def placeholders(text):
    """The multiset of %-placeholders (`%(name)s`, `%d`, `%%`) in a python-format text."""
    return Counter(PLACEHOLDER.findall(text))


def tags(text):
    """The multiset of markup tags (by name and open/close) in a text."""
    return Counter(match.group(0).startswith("</") and "/" + match.group(1).lower() or match.group(1).lower()
                   for match in TAG.finditer(text))


def problems(message, nplurals):
    """What is wrong with one translated message, as sentences (empty when it is right)."""
    if message.fuzzy:
        return ["fuzzy"]
    sources = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    found = []
    if isinstance(message.id, tuple) and len(strings) != nplurals:
        found.append(f"{len(strings)} plural forms, the catalogue declares {nplurals}")
    if not all(strings):
        return found + ["untranslated"]
    python_format = "python-format" in message.flags or any(placeholders(s) for s in sources)
    for index, text in enumerate(strings):
        source = sources[min(index, len(sources) - 1)]
        # A singular form may drop %(num)s ("one hour") only where the plural keeps it.
        if python_format and set(placeholders(text)) - set(placeholders(sources[-1])) - set(placeholders(source)):
            found.append(f"form {index}: placeholder added: {text!r}")
        if python_format and not isinstance(message.id, tuple) and placeholders(text) != placeholders(source):
            found.append(f"placeholders differ: {text!r}")
        if python_format and isinstance(message.id, tuple) and \
                set(placeholders(sources[-1])) - {"%(num)s", "%(num)d"} - set(placeholders(text)):
            found.append(f"form {index}: placeholder missing: {text!r}")
        if tags(text) != tags(source):
            found.append(f"markup differs: {text!r}")
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The template extracted from the code now, the way `make translations` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(["make", "-s", "extract", f"POT={pot}"], cwd=ROOT, check=True, capture_output=True)
    return load(pot)


def test_the_template_matches_the_strings_marked_in_the_code(extracted):
    committed = load(TRANSLATIONS / "messages.pot")
    missing, stale = message_ids(extracted) - message_ids(committed), message_ids(committed) - message_ids(extracted)
    assert not missing and not stale, f"run `make translations`: new {sorted(missing)}, gone {sorted(stale)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_holds_exactly_the_template_messages(lang):
    template = message_ids(load(TRANSLATIONS / "messages.pot"))
    cat = catalogue(lang)
    assert message_ids(cat) == template, "run `make translations`"
    assert not cat.obsolete, f"obsolete messages left: {list(cat.obsolete)[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_header_is_babels_cldr_rule(lang):
    assert catalogue(lang).plural_forms == get_plural(lang).plural_forms


def test_irish_and_maltese_declare_babels_five_and_four_forms():
    """Babel 2.18: ga has 5 forms (1, 2, 3–6, 7–10, other), mt 4."""
    assert catalogue("ga").num_plurals == 5
    assert catalogue("mt").num_plurals == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_complete_and_faithful(lang):
    if lang in INCOMPLETE_LANGUAGES:
        pytest.skip(f"{lang}: translation in progress (listed in INCOMPLETE_LANGUAGES)")
    cat = catalogue(lang)
    found = {message.id: issues for message in cat if message.id
             for issues in [problems(message, cat.num_plurals)] if issues}
    assert not found, f"{len(found)} messages: " + "; ".join(f"{k!r}: {v}" for k, v in list(found.items())[:10])


def test_incomplete_languages_are_real_languages_and_not_complete_ones():
    """A stale entry would hide a finished catalogue from the check."""
    assert INCOMPLETE_LANGUAGES <= set(LANGUAGES)
    for lang in INCOMPLETE_LANGUAGES:
        cat = catalogue(lang)
        assert any(problems(m, cat.num_plurals) for m in cat if m.id), f"{lang} is complete: remove it"


class TestTheChecker:
    """The check itself catches each kind of mistake (else a broken catalogue would pass)."""

    @staticmethod
    def message(msgid, msgstr, flags=("python-format",)):
        from babel.messages.catalog import Message

        return Message(msgid, msgstr, flags=flags)

    def test_untranslated_and_fuzzy(self):
        assert problems(self.message("Save", ""), 2) == ["untranslated"]
        assert problems(self.message("Save", "Speichern", flags=("fuzzy",)), 2) == ["fuzzy"]

    def test_placeholder_missing_renamed_or_added(self):
        assert problems(self.message("Hello %(name)s", "Hallo"), 2)
        assert problems(self.message("Hello %(name)s", "Hallo %(nom)s"), 2)
        assert problems(self.message("Hello %(name)s", "Hallo %(name)s %(n)d"), 2)
        assert not problems(self.message("Hello %(name)s", "Hallo %(name)s"), 2)
        assert not problems(self.message("200 %% wide", "200 %% breit"), 2)

    def test_plural_form_count(self):
        plural = ("%(num)s post", "%(num)s posts")
        assert problems(self.message(plural, ("%(num)s Beitrag", "%(num)s Beiträge")), 3)
        assert not problems(self.message(plural, ("%(num)s wpis", "%(num)s wpisy", "%(num)s wpisów")), 3)
        assert not problems(self.message(("one hour", "%(num)s hours"), ("eine Stunde", "%(num)s Stunden")), 2)

    def test_markup_must_match(self):
        assert problems(self.message("Read <a href=\"%(url)s\">this</a>", "Lesen Sie <b>dies</b> %(url)s"), 2)
        assert not problems(self.message("Read <a href=\"%(url)s\">this</a>",
                                         "Lesen Sie <a href=\"%(url)s\">dies</a>"), 2)
