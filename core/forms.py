"""Form parts every app shares.

Dates are typed as Germans write them (30.04.2027) into a plain text field. `<input type="date">` is not used:
Chromium shows it in the format of the browser's own locale (mm/dd/yyyy on an English system) whatever the page's
language says. The server parses the text with DATE_INPUT_FORMATS (config/formats/de/formats.py), which also
accepts ISO dates and digits only (30042027), the way phones with a number pad type them.

Times get the same treatment, for the same reason (`<input type="time">` shows 02:30 PM on an English system): a text
field showing 14:30 that also takes 14.30, 1430 or 930 (see parse_german_time).
"""

import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError
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


TIME_PLACEHOLDER = _("HH:MM")
INVALID_TIME = _("Bitte geben Sie eine gültige Uhrzeit im Format HH:MM ein, zum Beispiel 14:30.")

# 14:30, 14.30, 14,30 (a German number pad has a comma), 9:05; "Uhr" after it is allowed.
_TIME_WITH_SEPARATOR = re.compile(r"(\d{1,2})[:.,](\d{2})")
_TIME_DIGITS = re.compile(r"\d{1,4}")


def parse_german_time(text: str) -> time | None:
    """The time of day in `text`, or None. With a separator: hours and two-digit minutes (14:30, 14.30). Digits
    only, as a phone's number pad types them: one or two digits are the hour (14 → 14:00), three or four are hours
    and minutes (930 → 09:30, 1430 → 14:30). strptime's "%H%M" is not used because it reads "14" as 01:04."""
    text = text.strip()
    if text.lower().endswith("uhr"):
        text = text[:-3].rstrip()
    if match := _TIME_WITH_SEPARATOR.fullmatch(text):
        hour, minute = int(match[1]), int(match[2])
    elif _TIME_DIGITS.fullmatch(text):
        hour, minute = (int(text), 0) if len(text) <= 2 else (int(text[:-2]), int(text[-2:]))
    else:
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class GermanTimeInput(forms.TimeInput):
    """A text field showing the time as 14:30, with a number keypad on phones. Whatever the user typed comes back
    unchanged when the form is shown again with an error."""

    input_type = "text"

    def __init__(self, attrs: dict | None = None):
        attrs = {"placeholder": TIME_PLACEHOLDER, "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        attrs.pop("type", None)
        super().__init__(attrs=attrs, format="%H:%M")


class GermanTimeField(forms.TimeField):
    widget = GermanTimeInput
    default_error_messages = {"invalid": INVALID_TIME}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        parsed = parse_german_time(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


def use_german_times(form: forms.BaseForm) -> None:
    """Turns every time field of `form` into a GermanTimeField (text input, German parsing and error message),
    keeping its label, help text, requiredness, initial value, validators and the widget's other attributes."""
    for name, field in list(form.fields.items()):
        if not isinstance(field, forms.TimeField) or isinstance(field, GermanTimeField) or field.widget.is_hidden:
            continue
        german = GermanTimeField(
            required=field.required,
            widget=GermanTimeInput(attrs=field.widget.attrs),
            label=field.label,
            initial=field.initial,
            help_text=field.help_text,
            error_messages={**field.error_messages, "invalid": INVALID_TIME},
            show_hidden_initial=field.show_hidden_initial,
            validators=[v for v in field.validators if v not in field.default_validators],
            localize=field.localize,
            disabled=field.disabled,
            label_suffix=field.label_suffix,
        )
        form.fields[name] = german


class GermanDatesMixin:
    """For forms: all date and time fields as German text inputs (see use_german_dates, use_german_times)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_german_dates(self)
        use_german_times(self)
