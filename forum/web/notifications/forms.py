"""Forms of the notification and following pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SubmitField

from forum.web.forms import choices

LEVEL_CHOICES = (("watch", _l("Watch")), ("track", _l("Track")), ("mute", _l("Mute")),
                 ("none", _l("Stop following")))


class FollowForm(FlaskForm):
    level = SelectField(_l("Notifications"), choices=choices(LEVEL_CHOICES))
    next = HiddenField()
    submit = SubmitField(_l("Save"))


class MarkReadForm(FlaskForm):
    submit = SubmitField(_l("Mark read"))
