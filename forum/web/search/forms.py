"""The search form (GET, so results have shareable URLs; no CSRF token needed to read)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SearchField, SelectField, StringField
from wtforms.validators import Optional

from forum.web.forms import choices
from forum.core.languages import POST_LANGUAGES
from forum.web.i18n import translated


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField(_l("Search for"), description=_l(
        'Words, "an exact phrase", either OR other, -exclude, prefix*.'))
    sector = SelectField(_l("Sector"), validators=[Optional()])
    author = StringField(_l("Author (username)"), validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional()])
    lang = SelectField(_l("Language"), validators=[Optional()])
    after = DateField(_l("Written on or after"), validators=[Optional()])
    before = DateField(_l("Written on or before"), validators=[Optional()])
    scope = SelectField(_l("Search in"), validators=[Optional()], choices=choices(
        (("", _l("Titles and posts")), ("titles", _l("Titles only")), ("posts", _l("Posts only")))))
    sort = SelectField(_l("Sort by"), validators=[Optional()], choices=choices(
        (("relevance", _l("Relevance")), ("newest", _l("Newest first")))))

    def fill_choices(self, sectors):
        """Offer the sectors as filters, in the reader's language."""
        self.sector.choices = choices([("", _l("All sectors"))] + [(s.slug, translated(s.name)) for s in sectors])
        self.lang.choices = choices([("", _l("All languages"))] + list(POST_LANGUAGES))

    def filters(self):
        """The filters the form sets (valid fields only; a bad date is reported, not used)."""
        fields = {"sector": self.sector, "author": self.author, "tag": self.tag, "lang": self.lang,
                  "in": self.scope, "after": self.after, "before": self.before}
        values = {key: field.data for key, field in fields.items() if not field.errors}
        return {key: value.strip() if isinstance(value, str) else value
                for key, value in values.items() if value and (not isinstance(value, str) or value.strip())}
