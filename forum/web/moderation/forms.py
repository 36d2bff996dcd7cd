"""Moderation forms. Services check every value again; these give each field its label."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, HiddenField, IntegerField, RadioField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from forum.web.forms import choices

_REASON = [Length(max=1000)]
_REASON_HINT = _l("Members affected by this action may read it.")


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=_REASON, description=_REASON_HINT)
    submit = SubmitField(_l("Confirm"))


class MoveForm(ReasonForm):
    sector = SelectField(_l("Move to sector"), validators=[DataRequired()])
    expected_sector = HiddenField()
    submit = SubmitField(_l("Move thread"))


class MergeForm(ReasonForm):
    target = StringField(_l("Merge into thread"), validators=[DataRequired(), Length(max=300)],
                         description=_l("The number or the address of the thread that keeps the posts."))
    submit = SubmitField(_l("Merge threads"))


class RenameForm(ReasonForm):
    title = StringField(_l("New title"), validators=[DataRequired(), Length(max=10_000)])
    submit = SubmitField(_l("Rename thread"))


class RetagForm(ReasonForm):
    tags = StringField(_l("Tags"), validators=[Length(max=1000)],
                       description=_l("Up to 5, separated by commas."))
    submit = SubmitField(_l("Save tags"))


class SplitForm(ReasonForm):
    title = StringField(_l("Title of the new thread"), validators=[DataRequired(), Length(max=10_000)])
    submit = SubmitField(_l("Split into a new thread"))


class ResolveForm(ReasonForm):
    resolution = HiddenField()


class PeriodForm(ReasonForm):
    days = IntegerField(_l("Days"), validators=[Optional(), NumberRange(min=1, max=3650)],
                        description=_l("Leave empty for permanent."))


class AppointForm(ReasonForm):
    sectors = SelectMultipleField(_l("Sectors"), description=_l(
        "Leave all unselected for a moderator of every sector."))
    submit = SubmitField(_l("Appoint moderator"))


class SettingsForm(FlaskForm):
    approval_enabled = BooleanField(_l("New members' first posts wait for approval"))
    approval_post_count = IntegerField(_l("Posts that wait"), validators=[
        InputRequired(), NumberRange(min=1, max=100)])
    submit = SubmitField(_l("Save settings"))


FLAG_CHOICES = (("spam", _l("Spam")), ("offensive", _l("Offensive")),
                ("off-topic", _l("Off-topic")), ("other", _l("Something else")))


class FlagForm(FlaskForm):
    reason = RadioField(_l("Why do you flag this post?"), choices=choices(FLAG_CHOICES),
                        validators=[InputRequired(message=_l("Choose a reason."))])
    text = TextAreaField(_l("Details"), validators=[Length(max=1000)],
                         description=_l("Required for “Something else”."))
    submit = SubmitField(_l("Flag post"))
