"""Hypothesis profiles and hostile-input strategies for the fuzz tests (tests/test_fuzz_*.py).

`HYPOTHESIS_PROFILE=deep` runs many more examples; the default profile keeps `make test` quick.
The example database stays out of the repository (`database=None`): a failure prints its
reproducing example, and `@example` pins the ones found so far.
"""
import os
import re
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = {"deadline": None, "database": None, "derandomize": False,
           "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large]}
settings.register_profile("default", max_examples=60, **_COMMON)
settings.register_profile("deep", max_examples=3000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SLOW_REQUEST = 1.0  # CPU seconds: a fuzzed request costing more fails the test

# Names Flask's url_for, Werkzeug's routing or our views treat specially, and every path
# argument name in the app: passed as query keys they must stay query arguments.
SPECIAL_KEYS = ["page", "q", "sort", "next", "_method", "_anchor", "_scheme", "_external", "_external_host",
                "endpoint", "values", "thread_id", "post_id", "slug", "username", "verb", "kind",
                "target_id", "token", "name", "filename", "notification_id", "sector", "author", "tag",
                "lang", "before", "after", "scope", "csrf_token", "language", "level"]

_SOURCE = Path(__file__).resolve().parent.parent / "forum"
_READS = re.compile(r"""request\.(?:args|form|values)\.get(?:list)?\(\s*["'](\w+)["']""")
_FIELDS = re.compile(r"^\s+(\w+) = \w*Field\(", re.M)


def names_in_source():
    """Every query or form name the app reads: `request.args.get("…")`-style reads and WTForms
    field names, found in forum/ so a new argument or field is fuzzed without editing a list."""
    names = set()
    for path in _SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(_READS.findall(text), _FIELDS.findall(text))
    return sorted(names)


SOURCE_NAMES = names_in_source()
UNICODE_DIGITS = ["²", "٣", "１", "߁", "৪", "¹²", "Ⅻ", "½", "𝟘"]
HUGE_NUMBERS = [str(2**31), str(2**31 - 1), str(2**32), str(2**63 - 1), str(2**63), str(2**64),
                "9" * 30, "9" * 400]
SEPARATORS = ["/", "%2F", "..", ".", "\\", "?", "#", "&", "%00", "\x00", ";", " ", "\t", "\n", "%", "+"]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(UNICODE_DIGITS + HUGE_NUMBERS + SEPARATORS + [
        "", "0", "-1", "-0", "00", "1e3", "1.5", "0x10", " 1", "1 ", "+1", "1_000", "NaN", "inf",
        "None", "true", "[]", "{}", "<script>", "' OR 1=1 --", "%s%s", "{{7*7}}", "\u202e", "\ufeff",
        "😀" * 3, "ǅ", "İ", "ß", "a" * 300, "x" * 5000]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def int_segment(known_ids):
    """Raw text for an `<int:…>` path segment: real ids, their neighbours, and hostile numbers."""
    return st.one_of(st.sampled_from([str(n) for n in known_ids]), st.integers(-5, 50).map(str),
                     st.sampled_from(HUGE_NUMBERS + UNICODE_DIGITS + ["-1", "007", "0"]),
                     st.integers(min_value=0, max_value=2**80).map(str))


def text_segment(known_values):
    """Raw text for a string path segment: real slugs, names and verbs, and hostile text."""
    return st.one_of(st.sampled_from(known_values), hostile_text)


def query_args(extra_keys=()):
    """A list of (key, value) query pairs, repeated keys included."""
    keys = st.one_of(st.sampled_from(sorted(set(SPECIAL_KEYS + SOURCE_NAMES + list(extra_keys)))),
                     st.text(max_size=12))
    return st.lists(st.tuples(keys, hostile_text), max_size=5)


_ARG = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def build_path(rule, segment_for):
    """The path of `rule` with each `<converter:name>` replaced by `segment_for(converter, name)`,
    percent-encoded as a client would send it (nothing goes through url_for)."""
    return _ARG.sub(lambda m: quote(segment_for(m.group(1) or "default", m.group(2)), safe=""), rule.rule)
