"""Database ids from untrusted text: ASCII digits within the integer range, or nothing."""
import re

DB_INT_MAX = 2**31 - 1  # INTEGER primary keys: 32-bit on PostgreSQL, the narrowest we support
_DIGITS = re.compile(r"[0-9]{1,%d}" % len(str(DB_INT_MAX)))


def parse_id(value):
    """An id (1 … DB_INT_MAX) from an int or text, else None.

    `str.isdigit()` accepts "²" (which `int()` refuses) and digit strings past 64 bits
    (which SQLite cannot bind); both used to reach a query and answer 500.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= DB_INT_MAX else None
