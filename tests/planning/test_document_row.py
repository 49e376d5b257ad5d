"""The document list's row tag writes what the row template wrote before it."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines

from planning.templatetags.planning_tags import document_row

# The row as templates/planning/document_list.html wrote it before {% document_row %}.
TEMPLATE_ROW = """{% load i18n planning_tags %}
    <tr>
      {% if can_bulk %}<td><input class="form-check-input" type="checkbox" name="dokument" value="{{ row.kind }}:{{ row.pk }}" id="wahl-{{ row.kind }}-{{ row.pk }}" aria-label="{% blocktranslate with kind=row.kind_label agency=row.agency__name year=row.year %}{{ kind }} {{ agency }} {{ year }} auswählen{% endblocktranslate %}"></td>{% endif %}
      <td><a href="{% url 'planning:detail' row.kind row.pk %}">{{ row.kind_label }}</a>{% if row.version_no > 1 %} <span class="small">({{ row.version_no }}. {% translate "Fassung" %})</span>{% endif %}</td>
      <td>{{ row.agency__name }}<br><span class="small text-body-secondary">{{ row.agency__provider__district__name }}</span></td>
      <td>{{ row.year }}</td>
      <td>{% state_label row.state %}</td>
      <td>{{ row.submitted_at|date:"SHORT_DATE_FORMAT"|default:"–" }}</td>
    </tr>"""  # noqa: E501

ROWS = [
    {
        "pk": 7,
        "kind": "aufgabenplanung",
        "kind_label": "Aufgabenplanung",
        "agency__name": 'IA "Brücke" & <Söhne>',
        "agency__provider__district__name": "Bezirk Ruhr & Lippe",
        "year": 2027,
        "state": "submitted",
        # 23:30 UTC is already the next day in Germany
        "submitted_at": datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
        "version_no": 2,
    },
    {
        "pk": 12345,
        "kind": "sachbericht",
        "kind_label": "Sachbericht",
        "agency__name": "IA Nord",
        "agency__provider__district__name": "Niederrhein",
        "year": 2026,
        "state": "draft",
        "submitted_at": None,
        "version_no": 1,
    },
]


def _normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("can_bulk", [True, False])
@pytest.mark.parametrize("row", ROWS, ids=["escaped-resubmitted", "draft"])
def test_document_row_writes_what_the_template_wrote(row, can_bulk):
    expected = engines["django"].from_string(TEMPLATE_ROW).render({"row": row, "can_bulk": can_bulk})
    assert _normalised(document_row(row, can_bulk)) == _normalised(expected)


def test_document_row_escapes_the_agency_name_everywhere():
    html = document_row(ROWS[0], True)
    assert "<Söhne>" not in html
    assert html.count("&lt;Söhne&gt;") == 2  # in the check box's label and in the cell
    assert "01.01.2027" in html
