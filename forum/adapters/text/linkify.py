"""Bleach's linkifier with linear-time URL and email finders.

Bleach's stock regexes try every start position of a run (`((((`, `a-a-a-`, a run of
local-part characters before a missing `@`), each attempt reading to the end of the run:
an 8 KB body took seconds. The same regexes are kept, but only tried where a match can start
(the first character of a run), so each character is read a bounded number of times.
"""
import re

from bleach import html5lib_shim
from bleach.linkifier import EMAIL_RE, TLDS, LinkifyFilter

MAX_LOCAL_PART = 64  # RFC 5321
MAX_DOMAIN = 255

# Bleach's URL_RE, except that a match starts only at the first `(` of a run, or with no `(`
# where no `(` or word character precedes, nor a `-` that follows one of those or a `-`: a start
# inside a run reads the same suffix as the start of the run, already tried. (So
# `--example.com` and `x-http://example.com` link a shorter text than bleach would.)
URL_RE = re.compile(
    r"""(?:(?<!\()\(++|(?<![\w(-])|(?<=^-)|(?<=[^\w-]-))  # from the first `(` of a run only
    \b(?<![@.])(?:(?:{0}):/{{0,3}}(?:(?:\w+:)?\w+@)?)?  # http://
    ([\w-]+\.)+(?:{1})(?:\:[0-9]+)?(?!\.\w)\b   # xx.yy.tld(:##)?
    (?:[/?][^\s\{{\}}\|\\\^`<>"]*)?
    """.format("|".join(sorted(html5lib_shim.allowed_protocols)), "|".join(sorted(TLDS))),
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
_LOCAL_REVERSED = re.compile(r"[-!#$%&'*+/=?^_`{}|~0-9A-Za-z.]{1," + str(MAX_LOCAL_PART) + "}")


class _EmailFinder:
    """`finditer` for bleach: from each `@`, the local part before it (at most 64 characters),
    checked with bleach's own regex."""

    def finditer(self, text):
        end, at = 0, text.find("@")
        while at != -1:
            match = self._at(text, at, end)
            if match is not None:
                yield match
                end = match.end()
            at = text.find("@", max(at + 1, end))

    @staticmethod
    def _at(text, at, not_before):
        window = text[max(not_before, at - MAX_LOCAL_PART):at]
        local = _LOCAL_REVERSED.match(window[::-1])
        if local is None:
            return None
        part = local.group(0)[::-1].rsplit("..", 1)[-1].lstrip(".")
        if not part:
            return None
        return EMAIL_RE.match(text, at - len(part), min(len(text), at + 1 + MAX_DOMAIN))


class BoundedLinkifyFilter(LinkifyFilter):
    """LinkifyFilter whose finders and clean-up of a match are linear in its length."""

    def __init__(self, source, **kwargs):
        super().__init__(source, url_re=URL_RE, email_re=_EmailFinder(), **kwargs)

    def strip_non_url_bits(self, fragment):
        """Bleach's rules (balanced leading `(`, then trailing `)`, `,`, `.`) without the
        copy per character."""
        body = fragment.lstrip("(")
        opened = len(fragment) - len(body)
        closing = len(body) - len(body.rstrip(")"))
        balanced = min(opened, closing) if body else 0
        body = body[:len(body) - balanced]
        prefix, suffix = "(" * opened, ")" * balanced
        has_open = "(" in body
        cut = len(body)
        while cut and body[cut - 1] in ").," and not (body[cut - 1] == ")" and has_open):
            cut -= 1
        return body[:cut], prefix, body[cut:] + suffix
