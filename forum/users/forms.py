"""Profile form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length

from forum.forms import choices
from models import COUNTRIES, SECTORS


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Display name"), validators=[Length(max=60)])
    country = SelectField(_l("Country"), choices=choices([("", _l("Not given"))] + list(COUNTRIES)))
    organisation = StringField(_l("Organisation"), validators=[Length(max=120)])
    sector_of_work = SelectField(_l("Sector of work"),
                                 choices=choices([("", _l("Not given"))] + [(s, n) for s, n, _d in SECTORS]))
    bio = TextAreaField(_l("About you"), validators=[Length(max=2000)],
                        description=_l("A short bio. Markdown is supported."))
    submit = SubmitField(_l("Save"))
