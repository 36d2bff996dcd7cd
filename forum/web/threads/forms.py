"""Thread and post forms. Labels are exact: each names one field on a page."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from forum.web.forms import SubmissionKeyField, choices, clean_field
from forum.core.languages import POST_LANGUAGES

# Server-side limits are checked by the services; these stop absurd payloads early.
# clean_field: a file posted under a field's name, or control characters, never reach a service.
_TEXT = [clean_field]
_BODY = [DataRequired(message=_l("Write a message."))]


class ThreadForm(FlaskForm):
    sector = SelectField(_l("Sector"), validators=[DataRequired()])
    title = StringField(_l("Title"), filters=_TEXT, validators=[DataRequired(message=_l("Write a title."))],
                        description=_l("5 to 150 characters."))
    body = TextAreaField(_l("Message"), filters=_TEXT, validators=_BODY,
                         description=_l("Markdown is supported."))
    tags = StringField(_l("Tags"), filters=_TEXT,
                       description=_l("Up to 5, separated by commas, e.g. accessibility, ai."))
    language = SelectField(_l("Language"), choices=choices(POST_LANGUAGES))
    submission_key = SubmissionKeyField()
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Create thread"))


class ReplyForm(FlaskForm):
    body = TextAreaField(_l("Message"), filters=_TEXT, validators=_BODY,
                         description=_l("Markdown is supported."))
    language = SelectField(_l("Language"), choices=choices(POST_LANGUAGES))
    submission_key = SubmissionKeyField()
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Post reply"))


class EditPostForm(FlaskForm):
    title = StringField(_l("Edit title"), filters=_TEXT, validators=[Length(max=10_000)])
    body = TextAreaField(_l("Edit message"), filters=_TEXT, validators=_BODY)
    language = SelectField(_l("Language"), choices=choices(POST_LANGUAGES))
    preview = SubmitField(_l("Preview"))
    submit = SubmitField(_l("Save"))
