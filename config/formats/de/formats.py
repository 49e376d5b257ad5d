# German formats: 30.04.2027, 15,25 and 1.234,50
DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y, H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "j. F"
YEAR_MONTH_FORMAT = "F Y"
# Digits only (30042027, 300427) is how a phone's number pad types a date into core.forms.GermanDateInput.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d%m%Y", "%d%m%y"]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
# No automatic grouping: Django would print years and counts as "2.026". Amounts and fte are grouped
# explicitly by the template filters in core/templatetags/agenturnetz.py; typed "60.000,00" is still accepted.
NUMBER_GROUPING = 0
FIRST_DAY_OF_WEEK = 1
