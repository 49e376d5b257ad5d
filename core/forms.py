"""Form parts every app shares.

Dates are typed as Germans write them (30.04.2027) into a plain text field. `<input type="date">` is not used:
Chromium shows it in the format of the browser's own locale (mm/dd/yyyy on an English system) whatever the page's
language says. The server parses the text with DATE_INPUT_FORMATS (config/formats/de/formats.py), which also
accepts ISO dates and digits only (30042027), the way phones with a number pad type them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_PLACEHOLDER = _("TT.MM.JJJJ")
INVALID_DATE = _("Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein, zum Beispiel 30.04.2027.")


class GermanDateInput(forms.DateInput):
    """A text field showing the date as 30.04.2027, with a number keypad on phones. Whatever the user typed comes
    back unchanged when the form is shown again with an error."""

    input_type = "text"

    def __init__(self, attrs: dict | None = None):
        attrs = {"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        attrs.pop("type", None)
        super().__init__(attrs=attrs, format="%d.%m.%Y")


class GermanDateField(forms.DateField):
    widget = GermanDateInput
    default_error_messages = {"invalid": INVALID_DATE}


def use_german_dates(form: forms.BaseForm) -> None:
    """Gives every date field of `form` the German text input and error message, keeping the widget's other
    attributes. Forms call it at the end of __init__, so model form fields need no declaration of their own."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not field.widget.is_hidden:
            field.widget = GermanDateInput(attrs=field.widget.attrs)
            field.widget.is_required = field.required
            field.error_messages["invalid"] = INVALID_DATE


class GermanDatesMixin:
    """For forms: all date fields as German text inputs (see use_german_dates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_german_dates(self)
