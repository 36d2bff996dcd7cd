"""Profile form. The accounts service validates every value again (the CLI and tests call it too)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from forum.web.forms import choices, clean_field
from forum.core.languages import POST_LANGUAGES, timezone_groups
from forum.web.i18n import country_name
from models import COUNTRIES, SECTORS

_NOT_GIVEN = [("", _l("Not given"))]
_TIMEZONES = [SelectChoice(zone, label, optgroup=region or None) for zone, label, region in timezone_groups()]


def _at_most(n):
    return Length(max=n, message=_l("Use at most %(n)d characters.", n=n))


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Display name"), filters=[clean_field], validators=[_at_most(60)],
                               description=_l("Shown instead of your username. Up to 60 characters."))
    country = SelectField(_l("Country"), choices=choices(_NOT_GIVEN + list(COUNTRIES)))
    organisation = StringField(_l("Organisation"), filters=[clean_field], validators=[_at_most(120)])
    sector_of_work = SelectField(_l("Sector of work"),
                                 choices=choices(_NOT_GIVEN + [(s, _l(n)) for s, n, _d in SECTORS]))
    bio = TextAreaField(_l("About you"), filters=[clean_field], validators=[_at_most(2000)],
                        description=_l("A short bio, up to 2000 characters. Markdown is supported."))
    language = SelectField(_l("Language of your posts"), choices=choices(POST_LANGUAGES),
                           description=_l("New threads and replies start in this language."))
    timezone = SelectField(_l("Time zone"), choices=_TIMEZONES,
                           description=_l("Dates and times are shown in this zone."))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = choices(_NOT_GIVEN + [(code, country_name(code, name)) for code, name in COUNTRIES])

    @classmethod
    def for_user(cls, user):
        """The form filled with the member's saved profile (submitted values win on POST)."""
        return cls(data={
            "display_name": user.display_name, "country": user.country or "",
            "organisation": user.organisation, "sector_of_work": user.sector_of_work or "",
            "bio": user.bio_markdown, "language": user.language, "timezone": user.timezone})

    def values(self):
        """The submitted values as keyword arguments for `accounts.update_profile`."""
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "submit")}
