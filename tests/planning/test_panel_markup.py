"""The documents panel writes its rows in Python (`my_document_row`): the same markup as the template rows it
replaced, byte for byte."""

import pytest
from django.template import Context, Template

from core.workflow import State
from planning.panels import NEXT_ACTION

TEMPLATE_ROW = Template(
    "{% load i18n planning_tags %}"
    "<tr><td><a href=\"{% url 'planning:detail' row.kind row.pk %}\">{{ row.kind_label }}</a>"
    '{% if row.version_no > 1 %} ({{ row.version_no }}. {% translate "Fassung" %}){% endif %}<br>'
    '<span class="small text-body-secondary">{{ row.agency__name }}</span></td>\n'
    "        <td>{{ row.year }}</td><td>{% state_label row.state %}</td>"
    '<td class="small">{{ row.next_action }}</td></tr>'
)
TAG_ROW = Template("{% load planning_tags %}{% my_document_row row %}")


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize(
    ("kind", "label", "version_no"),
    [
        ("sozialraumanalyse", "Sozialraumanalyse", 1),
        ("aufgabenplanung", "Aufgabenplanung", 3),
        ("sachbericht", "Sachbericht <&>", 1234),
    ],
)
def test_my_document_row_writes_the_template_row(state, kind, label, version_no):
    row = {
        "pk": 1891,
        "agency_id": 1,
        "agency__name": 'Agentur "Süd" & <Nord>',
        "year": 2025,
        "state": state.value,
        "kind": kind,
        "kind_label": label,
        "version_no": version_no,
        "next_action": NEXT_ACTION[state],
    }
    assert TAG_ROW.render(Context({"row": row})) == TEMPLATE_ROW.render(Context({"row": row}))
