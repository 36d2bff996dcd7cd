"""Thread and post forms. Labels are exact: each names one field on a page."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from forum.forms import SubmissionKeyField, choices

LANGUAGES = (
    ("bg", "български"), ("cs", "čeština"), ("da", "dansk"), ("de", "Deutsch"), ("el", "Ελληνικά"),
    ("en", "English"), ("es", "español"), ("et", "eesti"), ("fi", "suomi"), ("fr", "français"),
    ("ga", "Gaeilge"), ("hr", "hrvatski"), ("hu", "magyar"), ("it", "italiano"), ("lt", "lietuvių"),
    ("lv", "latviešu"), ("mt", "Malti"), ("nl", "Nederlands"), ("no", "norsk"), ("pl", "polski"),
    ("pt", "português"), ("ro", "română"), ("ru", "русский"), ("sk", "slovenčina"),
    ("sl", "slovenščina"), ("sv", "svenska"),
)
LANGUAGE_CODES = {code for code, _name in LANGUAGES}

# Server-side limits are checked by the services; these stop absurd payloads early.
_BODY = [DataRequired(message=_l("Write a message."))]


class ThreadForm(FlaskForm):
    sector = SelectField(_l("Sector"), validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(message=_l("Write a title."))],
                        description=_l("5 to 150 characters."))
    body = TextAreaField(_l("Message"), validators=_BODY, description=_l("Markdown is supported."))
    tags = StringField(_l("Tags"), description=_l("Up to 5, separated by commas, e.g. accessibility, ai."))
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    submission_key = SubmissionKeyField()
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Create thread"))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=_BODY, description=_l("Markdown is supported."))
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    submission_key = SubmissionKeyField()
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post reply"))


class EditPostForm(FlaskForm):
    title = StringField(_l("Edit title"), validators=[Length(max=10_000)])
    body = TextAreaField(_l("Edit message"), validators=_BODY)
    language = SelectField(_l("Language"), choices=choices(LANGUAGES))
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save"))
