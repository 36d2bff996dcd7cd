"""Registration, sign-in, sign-out and password forms.

The forms check presence and rough size; the accounts service owns the real rules, so the CLI and
the pages refuse the same things with the same messages.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length

from forum.web.forms import choices, clean_field, only_text
from forum.web.settings.forms import DIGEST_CHOICES

_TEXT = [clean_field]
_SECRET = [only_text]  # passwords are taken as typed


def _required(message):
    return DataRequired(message=message)


def _at_most(n):
    return Length(max=n, message=_l("Use at most %(n)d characters.", n=n))


class RegisterForm(FlaskForm):
    """Every field except the token and the button is passed to `accounts.register` by name."""

    username = StringField(_l("Username"), filters=_TEXT,
                           validators=[_required(_l("Choose a username.")), _at_most(30)],
                           description=_l("3 to 30 letters, digits, _ or -."))
    email = EmailField(_l("Email"), filters=_TEXT,
                       validators=[_required(_l("Enter your email address.")), _at_most(254)])
    password = PasswordField(_l("Password"), filters=_SECRET,
                             validators=[InputRequired(_l("Choose a password.")), _at_most(1024)],
                             description=_l("At least 10 characters."))
    digest_frequency = SelectField(_l("Email digest"), choices=choices(DIGEST_CHOICES), default="weekly",
                                   description=_l("A summary of what is new in what you follow."))
    submit = SubmitField(_l("Register"))

    def values(self):
        """The submitted values as keyword arguments for `accounts.register`."""
        return {name: field.data for name, field in self._fields.items()
                if name not in ("csrf_token", "submit", "digest_frequency")}


class LoginForm(FlaskForm):
    login = StringField(_l("Username"), filters=_TEXT,
                        validators=[_required(_l("Enter your username or email.")), _at_most(254)],
                        description=_l("Or the email address of your account."))
    password = PasswordField(_l("Password"), filters=_SECRET,
                             validators=[InputRequired(_l("Enter your password.")), _at_most(1024)])
    remember = BooleanField(_l("Remember me"), description=_l("Stay signed in on this device for 30 days."))
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), filters=_SECRET,
                                     validators=[InputRequired(_l("Enter your current password.")),
                                                 _at_most(1024)])
    new_password = PasswordField(_l("New password"), filters=_SECRET,
                                 validators=[InputRequired(_l("Choose a new password.")), _at_most(1024)],
                                 description=_l("At least 10 characters. You stay signed in here; "
                                                "other devices must sign in again."))
    submit = SubmitField(_l("Save"))
