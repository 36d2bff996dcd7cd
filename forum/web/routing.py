"""URL converters: path ids are ASCII digits within the database's integer range."""
from werkzeug.routing import IntegerConverter, ValidationError

from forum.core.ids import DB_INT_MAX


class DatabaseIdConverter(IntegerConverter):
    """`<int:…>` that only matches what a database id can be, so anything else is a plain 404.

    Werkzeug's `\\d+` also matches Unicode digits ("٣" means 3 to `int()`: a second address for
    the same page), and an id past 64 bits overflowed SQLite (past 31 bits, PostgreSQL's
    integer) inside the query: a 500.
    """

    regex = r"[0-9]+"

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, min, DB_INT_MAX if max is None else max, signed)

    def to_python(self, value):
        """Refuse absurdly long digit strings before `int()` parses them."""
        if len(value) > len(str(DB_INT_MAX)):
            raise ValidationError()
        return super().to_python(value)


def init_app(app):
    """Make every `<int:…>` rule, existing blueprints' included, use DatabaseIdConverter."""
    app.url_map.converters["int"] = DatabaseIdConverter
