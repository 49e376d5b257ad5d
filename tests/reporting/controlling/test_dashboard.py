"""The dashboards: what each role sees, the exports, the briefing pack, and bounded queries at 200 agencies ×
10 years."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from agencies.models import Agency, DistrictAssociation, FieldOfAction, Municipality, WelfareAssociation
from core.workflow import State
from reporting.models import ControllingReport, KeyFigureValue, ValueStatus
from tests import factories
from tests.reporting.controlling.factories import report_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_reports(world, template):
    for agency, value in ((world.agency, 10), (world.sibling_agency, 20), (world.other_agency, 30)):
        report_with(agency, 2026, template, {"teilnehmende": value, "erreicht": 2, "teilweise": 1, "nicht": 1})


def test_state_level_sees_state_wide_figures_and_suppressed_associations(client, state_level, three_reports, world):
    client.force_login(state_level)
    response = client.get(reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende"})
    html = response.content.decode()
    assert response.status_code == 200
    stats = response.context["stats"]
    assert dict(stats.over_years)[2026].total == 60
    assert all(cell.suppressed for _name, cell in stats.groups)  # 2 + 1 agencies per association
    assert "gesperrt (kleine Gruppe)" in html
    assert "<svg" in html and "<table" in html
    assert world.agency.name not in html


def test_coordinator_sees_own_district_unsuppressed(client, coordinator, three_reports, world):
    client.force_login(coordinator)
    response = client.get(
        reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende", "bezirk": world.district.pk}
    )
    assert dict(response.context["stats"].over_years)[2026].total == 30


def test_the_field_of_action_filter_offers_every_field_and_keeps_the_choice(client, coordinator, three_reports):
    """The filter's options come from the list the tables use (no second query); a chosen field is still checked."""
    fields = list(FieldOfAction.objects.all())
    chosen = fields[-1]
    client.force_login(coordinator)
    response = client.get(reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende"})
    html = response.content.decode()
    options = [f'<option value="{each.pk}">{each}</option>' for each in fields]
    assert "".join(options) in html.replace("\n", "")  # every field, in the model's order
    assert [each for each, _cell in response.context["stats"].by_field] == sorted(
        fields, key=lambda each: (each.position, each.pk)
    )
    response = client.get(
        reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende", "handlungsfeld": chosen.pk}
    )
    assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in response.content.decode()
    assert response.context["form"].cleaned_data["handlungsfeld"] == chosen
    assert str(chosen) in response.context["scope_label"]
    response = client.get(reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende", "handlungsfeld": 0})
    assert "handlungsfeld" in response.context["form"].errors  # not a field of action: falls back to all


def _options(html: str, name: str) -> list[str]:
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return [option.split(">", 1)[1].split("<", 1)[0] for option in select.split("<option")[1:]]


def test_the_state_level_is_offered_every_organisation_in_the_models_order(client, state_level, three_reports):
    client.force_login(state_level)
    html = client.get(reverse("reporting:controlling_dashboard")).content.decode()
    assert _options(html, "verband") == ["---------", *map(str, WelfareAssociation.objects.all())]
    assert _options(html, "bezirk") == ["---------", *map(str, DistrictAssociation.objects.all())]
    assert _options(html, "kommune") == ["---------", *map(str, Municipality.objects.all())]


def test_a_specialist_is_offered_only_their_own_district(client, specialist, three_reports, world):
    client.force_login(specialist)
    html = client.get(reverse("reporting:controlling_dashboard")).content.decode()
    assert _options(html, "bezirk") == ["---------", world.district.name]


def test_specialist_cannot_choose_another_district(client, specialist, three_reports, world):
    client.force_login(specialist)
    response = client.get(
        reverse("reporting:controlling_dashboard"), {"kennzahl": "teilnehmende", "bezirk": world.other_district.pk}
    )
    stats = response.context["stats"]
    # the foreign district is not a valid choice: the filter falls back to their own district
    assert dict(stats.over_years)[2026].n == 2


def test_dashboard_xlsx_has_the_table(client, state_level, three_reports):
    client.force_login(state_level)
    response = client.get(reverse("reporting:controlling_dashboard_xlsx"), {"kennzahl": "teilnehmende"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == (2026, 3, 60.0, 20.0, 15.0, 20.0, 25.0)


def test_briefing_pack_pdf_contains_the_chosen_figures(client, coordinator, three_reports):
    client.force_login(coordinator)
    response = client.get(reverse("reporting:controlling_briefing"), {"kennzahlen": ["teilnehmende", "erreicht"]})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Briefing zum Wirkungsdialog" in text
    assert "Teilnehmende" in text and "Erreicht" in text
    assert "60" in text


def test_briefing_without_figures_shows_the_form_with_an_error(client, coordinator, three_reports):
    client.force_login(coordinator)
    response = client.get(reverse("reporting:controlling_briefing"), {"jahr": "2026"})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def many_reports(template, agencies: int, years: int) -> None:
    """`agencies` agencies in 10 districts, each with `years` approved reports (bulk-created)."""
    districts = [factories.DistrictAssociationFactory() for _ in range(10)]
    providers = [factories.ProviderFactory(district=district) for district in districts]
    municipality = factories.MunicipalityFactory()
    field = factories.field_of_action()
    created = Agency.objects.bulk_create(
        Agency(
            name=f"Viele {index}",
            provider=providers[index % 10],
            municipality=municipality,
            primary_field=field,
        )
        for index in range(agencies)
    )
    reports = ControllingReport.objects.bulk_create(
        ControllingReport(
            agency=agency,
            year=2026 - offset,
            template=template,
            created_by_id=template.created_by_id,
            state=State.APPROVED,
        )
        for agency in created
        for offset in range(years)
    )
    figures = list(template.key_figures.filter(code__in=["teilnehmende", "erreicht", "teilweise", "nicht", "vzae"]))
    KeyFigureValue.objects.bulk_create(
        KeyFigureValue(report=report, figure=figure, value=Decimal(report.pk % 17 + 1), status=ValueStatus.ENTERED)
        for report in reports
        for figure in figures
    )


@pytest.mark.parametrize("role", ["state_level", "coordinator"])
def test_dashboard_queries_do_not_grow_with_agencies_and_years(
    client, template, world, role, request, django_assert_max_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    url = reverse("reporting:controlling_dashboard")
    many_reports(template, 3, 1)
    with django_assert_max_num_queries(12):
        assert client.get(url, {"kennzahl": "teilnehmende"}).status_code == 200
    many_reports(template, 200, 10)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"kennzahl": "teilnehmende"})
    if role == "state_level":
        assert dict(response.context["stats"].over_years)[2026].n == 203


def test_report_list_queries_are_bounded(client, coordinator, template, world, django_assert_max_num_queries):
    client.force_login(coordinator)
    for agency in (world.agency, world.sibling_agency):
        report_with(agency, 2026, template, {"teilnehmende": 1})
    with django_assert_max_num_queries(10):
        client.get(reverse("reporting:controlling_reports"))
    for year in range(2000, 2030):
        if year != 2026:
            report_with(world.agency, year, template, {"teilnehmende": 1})
    with django_assert_max_num_queries(10):
        client.get(reverse("reporting:controlling_reports"))
