"""Registration and sign-in forms."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from forum.forms import choices
from forum.settings.forms import DIGEST_CHOICES


class RegisterForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=30)],
                           description=_l("3 to 30 letters, digits, _ or -."))
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)],
                             description=_l("At least 10 characters."))
    digest_frequency = SelectField(_l("Email digest"), choices=choices(DIGEST_CHOICES), default="weekly",
                                   description=_l("A summary of what is new in what you follow."))
    submit = SubmitField(_l("Register"))


class LoginForm(FlaskForm):
    login = StringField(_l("Username"), validators=[DataRequired(), Length(max=254)],
                        description=_l("Or the email address of your account."))
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    remember = BooleanField(_l("Remember me"))
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"))
