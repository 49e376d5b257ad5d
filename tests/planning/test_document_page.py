"""The document page: the snapshot written by `section_content`, the history and the remarks on the latest revision."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from core.services import history_of, section_comments_of, transition
from core.workflow import State
from planning.services.workflow import comment_section, submit
from planning.templatetags.planning_tags import section_content

pytestmark = pytest.mark.django_db

# The markup `_content.html` wrote with the template language before `section_content` took over.
TEMPLATE_MARKUP = Template(
    "{% load i18n planning_tags %}{% for label, value in content.items %}{% if value|is_rows %}"
    '<h3 class="h6">{{ label }}</h3><div class="table-responsive"><table class="table table-sm">'
    '<caption class="visually-hidden">{{ label }}</caption>'
    '<thead><tr>{% for column in value|columns %}<th scope="col">{{ column }}</th>{% endfor %}</tr></thead>'
    "<tbody>{% for row in value %}<tr>{% for cell in row|cells %}"
    '<td>{{ cell|default:"–"|linebreaksbr }}</td>{% endfor %}</tr>{% endfor %}</tbody></table></div>'
    '{% else %}<dl class="facts mb-2"><dt>{{ label }}</dt><dd>{% if value %}{{ value|linebreaksbr }}'
    '{% else %}<span class="text-body-secondary muted">{% translate "keine Angabe" %}</span>{% endif %}</dd></dl>'
    "{% endif %}{% endfor %}"
)


def test_section_content_writes_what_the_template_wrote():
    content = {
        "Ziel <b>": "Erste Zeile\r\nzweite Zeile\rdritte & <i>vierte</i>\nfünfte",
        "Leer": "",
        "Nichts": None,
        "Keine Zeilen": [],
        "Teilziele & Maßnahmen": [
            {"id": 1, "Ziel": "<script>alert(1)</script>", "Wert": 0, "Anteil": 2.5, "Notiz": "a\nb"},
            {"id": 2, "Ziel": "", "Wert": 12, "Anteil": None, "Notiz": "„Zitat“ 'x'"},
        ],
        "Liste": ["a", "b"],
    }
    expected = TEMPLATE_MARKUP.render(Context({"content": content}))
    assert section_content(content).replace("\n", "") == expected
    assert "&lt;script&gt;" in expected and "<td>–</td>" in expected and "keine Angabe" in expected


def test_page_shows_history_revisions_and_remarks_on_the_latest_revision(
    client, specialist, coordinator, plan, django_assert_num_queries
):
    submit(document=plan, by=specialist)
    task = plan.tasks.first()
    transition(document=plan, to=State.RETURNED, by=coordinator, comment="Bitte ergänzen")
    submit(document=plan, by=specialist)
    comment_section(document=plan, section_key=task.section_key, body="Zielwert <begründen>", by=coordinator)
    client.force_login(coordinator)
    client.get(plan.get_absolute_url())  # warms the per-process caches (content types, menu)
    # session, user, memberships, document, revisions, history, remarks, stored PDFs and the newest version of the plan
    with django_assert_num_queries(9):
        body = client.get(plan.get_absolute_url()).content.decode()
    name = coordinator.get_full_name()
    assert f"Anmerkung der Koordination</strong> · {name} · " in body
    assert "zu Revision 2" in body and "Zielwert &lt;begründen&gt;" in body
    assert body.count(f"· {specialist.get_full_name()} · Revision ") == 2  # both submissions name their revision
    assert "Zurückgegeben</strong> · " in body and "Bitte ergänzen" in body
    assert reverse("planning:revision", args=[plan.URL_KIND, plan.pk, 1]) in body
    assert reverse("planning:revision", args=[plan.URL_KIND, plan.pk, 2]) in body


def test_history_and_remarks_name_their_revision_without_loading_its_content(
    specialist, coordinator, plan, django_assert_num_queries
):
    submit(document=plan, by=specialist)
    comment_section(document=plan, section_key=plan.tasks.first().section_key, body="Bitte prüfen", by=coordinator)

    with django_assert_num_queries(2):
        numbers = [t.revision.number for t in history_of(plan)]
        remarks = [c for comments in section_comments_of(plan).values() for c in comments]
        assert [c.revision.number for c in remarks] == [1]
    assert numbers == [1]
    assert "content" in remarks[0].revision.get_deferred_fields()
