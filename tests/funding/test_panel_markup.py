"""The deadlines panel writes its lines in Python (`deadline_item`): the same markup as the template lines it
replaced, byte for byte."""

from datetime import date

import pytest
from django.template import Context, Template

from agencies.models import Agency
from funding.lights import LIGHTS
from funding.models import DocumentKind, Obligation, ObligationState

TEMPLATE_LINE = Template(
    "{% load i18n funding_tags %}"
    '<li class="d-flex flex-wrap justify-content-between gap-2 border-bottom py-2">\n'
    '        <span><a href="{{ obligation.get_absolute_url }}">{{ obligation.get_document_kind_display }} '
    '{{ obligation.year|stringformat:"d" }}</a>{% if show_agency %} – {{ obligation.agency.name }}{% endif %}<br>\n'
    '          <span class="small">{% translate "Frist Bezirksverband" %}: '
    '{{ obligation.district_due|date:"SHORT_DATE_FORMAT" }}'
    "{% if obligation.days is not None and obligation.days >= 0 %}"
    " · {% blocktranslate count days=obligation.days %}noch {{ days }} Tag{% plural %}noch {{ days }} Tage"
    "{% endblocktranslate %}{% endif %}</span></span>\n"
    '        <span>{% light_badge obligation.light %}<span class="visually-hidden">, </span> '
    '<span class="small d-block text-end">{{ obligation.get_state_display }}</span></span>\n'
    "      </li>"
)
TAG_LINE = Template("{% load funding_tags %}{% deadline_item obligation show_agency %}")


@pytest.mark.parametrize("show_agency", [False, True])
@pytest.mark.parametrize("days", [None, -12, 0, 1, 2, 365])
@pytest.mark.parametrize(
    ("kind", "state"),
    [
        (DocumentKind.TASK_PLAN, ObligationState.OPEN),
        (DocumentKind.ACTIVITY_REPORT, ObligationState.APPROVED),
        ("retired_kind", "odd_state"),  # values outside the choices are shown as they are
    ],
)
def test_deadline_item_writes_the_template_line(show_agency, days, kind, state):
    obligation = Obligation(
        pk=2047, document_kind=kind, year=2026, state=state, district_due=date(2026, 3, 5), authority_due=None
    )
    obligation.agency = Agency(pk=3, name='Agentur "Süd" & <Nord>')
    obligation.light = LIGHTS["soon"]
    obligation.days = days
    context = {"obligation": obligation, "show_agency": show_agency}
    assert TAG_LINE.render(Context(context)) == TEMPLATE_LINE.render(Context(context))
