"""Form helpers shared by blueprints."""
import secrets

from flask import redirect, render_template
from wtforms import HiddenField

from forum.adapters.text import strip_control
from forum.core.errors import ValidationError
from forum.services import posting


def apply_error(form, error):
    """Show a service's ValidationError next to its field (or as a form-level error)."""
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = list(field.errors or []) + [error.message]
    else:
        form.form_errors.append(error.message)


class SubmissionKeyField(HiddenField):
    """A random token per rendered form: a double-submitted form makes one post, not two."""

    def process_formdata(self, valuelist):
        """Keep a posted key as bounded text (a file under its name becomes none)."""
        super().process_formdata(valuelist)
        self.data = only_text(self.data)[:64] or None

    def _value(self):
        return self.data or secrets.token_urlsafe(24)


def choices(pairs):
    """(value, label) pairs as WTForms SelectChoice objects (tuples are deprecated)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(value, label) for value, label in pairs]


def only_text(value):
    """WTForms filter: a value that is not text (an uploaded file posted under a text field's
    name) becomes empty, so validators never meet a non-string and fail with a 500."""
    return value if isinstance(value, str) else ""


def clean_field(value):
    """WTForms filter for what users write: text only, without NULs and control characters
    (they would be echoed back into the re-shown form and PostgreSQL refuses NUL)."""
    return strip_control(only_text(value))


def post_form_page(form, template, save, **context):
    """The one preview / save / 422 dance of every form that writes a post.

    A valid submission with "Preview" re-renders with the preview; otherwise `save()` runs and its
    URL is the redirect. A service's ValidationError shows next to its field, and a page with
    errors answers 422, so a client (and a test) can tell a refused form from a blank one."""
    preview_html = None
    if form.validate_on_submit():
        if form.preview.data:
            preview_html = posting.preview(form.body.data)
        else:
            try:
                return redirect(save())
            except ValidationError as error:
                apply_error(form, error)
    status = 422 if form.errors else 200
    return render_template(template, form=form, preview_html=preview_html, **context), status
