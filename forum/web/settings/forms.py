"""Mail preferences and password reset forms."""
from flask_babel import get_locale, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from forum.web.forms import choices
from forum.services.digest_schedule import weekday_choices

DIGEST_CHOICES = (("never", _l("Never")), ("daily", _l("Daily")), ("weekly", _l("Weekly")))
HOUR_CHOICES = tuple((str(h), f"{h:02d}:00") for h in range(24))


class SettingsForm(FlaskForm):
    digest_frequency = SelectField(_l("Email digest"), choices=choices(DIGEST_CHOICES),
                                   description=_l("A summary of what is new in what you follow."))
    digest_hour = SelectField(_l("Digest hour"), choices=choices(HOUR_CHOICES),
                              description=_l("In your time zone."))
    digest_weekday = SelectField(_l("Day of the weekly digest"), choices=[],
                                 description=_l("Weekly digests come on this day, at the digest hour."))
    immediate_email = BooleanField(_l("Email me at once about new posts in what I watch"))
    track_on_post = BooleanField(_l("Track threads I start or reply to"))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        """The weekdays are named in the page's language (Babel's locale data), so per request."""
        super().__init__(*args, **kwargs)
        self.digest_weekday.choices = choices(weekday_choices(get_locale()))


class ResendForm(FlaskForm):
    submit = SubmitField(_l("Send the verification email again"))


class UnsubscribeForm(FlaskForm):
    """Rendered without a CSRF token: RFC 8058 one-click POSTs carry none."""

    class Meta:
        csrf = False

    submit = SubmitField(_l("Unsubscribe"))


class ResetRequestForm(FlaskForm):
    login = StringField(_l("Email or username"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Email me a reset link"))


class ResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)],
                             description=_l("At least 10 characters."))
    submit = SubmitField(_l("Set the new password"))
