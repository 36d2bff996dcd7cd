"""Plural forms for the browser: live.js picks one with `Intl.PluralRules` (CLDR categories).

A catalogue may have up to six forms (ga has 5). For each CLDR category of the current locale a
sample integer is found, and the catalogue's form for that number is rendered with `ngettext`;
the browser then maps any count to its category, so Polish "2 / 5 / 22 people" are all right.
"""
from functools import lru_cache

from flask_babel import get_locale, get_translations

_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_SAMPLES = tuple(range(0, 200)) + (1000, 1_000_000)


@lru_cache(maxsize=64)
def _samples(locale_name):
    """{category: the smallest integer in it} for a locale (fraction-only categories are left out)."""
    from babel import Locale

    rule = Locale.parse(locale_name).plural_form
    found = {}
    for number in _SAMPLES:
        found.setdefault(rule(number), number)
    return {tag: found[tag] for tag in _CATEGORIES if tag in found}


def plural_forms(singular, plural, **values):
    """{CLDR category: the translated text for a count in it}, `%(num)s` left as given in values."""
    translations = get_translations()
    return {tag: translations.ngettext(singular, plural, number) % values
            for tag, number in _samples(str(get_locale())).items()}
