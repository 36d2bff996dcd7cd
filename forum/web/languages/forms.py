"""The language settings form."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, SubmitField
from wtforms.widgets import CheckboxInput, ListWidget

from forum.web.forms import choices


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes (a multiple select is hard to use with a keyboard or on a phone)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LanguageSettingsForm(FlaskForm):
    interface_language = SelectField(_l("Interface language"), validate_choice=False,
                                     description=_l("The language of menus, buttons and emails. "
                                                    "The language you write posts in is set in your profile."))
    read_languages = CheckboxesField(_l("Languages I read"), validate_choice=False,
                                     description=_l("Thread lists show only threads in these languages. "
                                                    "Choose none to see every language."))
    submit = SubmitField(_l("Save"))

    def fill(self, interface_languages, post_languages):
        """Choices in the reader's own terms: every language by its endonym."""
        self.interface_language.choices = choices([("", _l("As my browser asks"))] + list(interface_languages))
        self.read_languages.choices = choices(post_languages)
