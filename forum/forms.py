"""Form helpers shared by blueprints."""
import secrets

from wtforms import HiddenField


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
        super().process_formdata(valuelist)
        self.data = (self.data or "")[:64] or None

    def _value(self):
        return self.data or secrets.token_urlsafe(24)


def choices(pairs):
    """(value, label) pairs as WTForms SelectChoice objects (tuples are deprecated)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(value, label) for value, label in pairs]
