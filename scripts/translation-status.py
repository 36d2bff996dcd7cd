"""Per-language completeness of the interface catalogues (`make translation-status`).

    .venv/bin/python scripts/translation-status.py           # a table, most complete first
    .venv/bin/python scripts/translation-status.py --fill-en  # English catalogue = the source texts
"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "forum" / "translations"


def load(path):
    """A catalogue as Babel reads it."""
    with path.open("rb") as handle:
        return read_po(handle)


def status(catalogue):
    """(translated, fuzzy, total) of the messages, header excluded."""
    messages = [m for m in catalogue if m.id]
    done = sum(1 for m in messages if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string]))
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return done, fuzzy, len(messages)


def fill_english():
    """English is the source language: its catalogue repeats each msgid (and its plural)."""
    path = CATALOGUES / "en" / "LC_MESSAGES" / "messages.po"
    catalogue = load(path)
    for message in catalogue:
        if message.id and isinstance(message.id, tuple):
            message.string = (message.id[0],) + (message.id[1],) * (catalogue.num_plurals - 1)
        elif message.id:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True)


def main(argv):
    """Print one line per language; with --fill-en, first fill the English catalogue."""
    if "--fill-en" in argv:
        fill_english()
    rows = []
    for path in sorted(CATALOGUES.glob("*/LC_MESSAGES/messages.po")):
        done, fuzzy, total = status(load(path))
        rows.append((done / total if total else 1.0, path.parts[-3], done, fuzzy, total))
    print(f"{'lang':<6}{'done':>6}{'fuzzy':>7}{'total':>7}{'complete':>10}")
    for share, lang, done, fuzzy, total in sorted(rows, key=lambda row: (-row[0], row[1])):
        print(f"{lang:<6}{done:>6}{fuzzy:>7}{total:>7}{share:>9.0%}")


if __name__ == "__main__":
    main(sys.argv[1:])
