"""The money pages as each role uses them: filing and reviewing through the views, refused cases, bounded queries."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.workflow import State
from finance.models import CostPlan, JointApplication, Receipt
from finance.services.cost_plans import create_cost_plan
from finance.services.provider import create_forecast, create_partial_statement
from tests import factories
from tests.finance import factories as finance_factories
from tests.limits import DASHBOARD_MAX_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(money, world, provider_manager) -> CostPlan:
    return create_cost_plan(agency=world.agency, funding_year=money.year1, by=provider_manager)


def edit_data(plan, **overrides):
    """The edit form's POST data for `plan` as the page would send it."""
    data = {
        "version": plan.version,
        "material_mode": plan.material_mode,
        "grant_requested": "89.100,00",
        "own_contribution": "9.900,00",
        "third_party_funds": "0,00",
        "third_party_note": "",
        "personnel-TOTAL_FORMS": 0,
        "personnel-INITIAL_FORMS": 0,
        "costs-TOTAL_FORMS": 0,
        "costs-INITIAL_FORMS": 0,
    }
    lines = list(plan.personnel_lines.all())
    data["personnel-TOTAL_FORMS"] = data["personnel-INITIAL_FORMS"] = len(lines)
    for index, line in enumerate(lines):
        prefix = f"personnel-{index}-"
        data.update(
            {
                prefix + "id": line.pk,
                prefix + "cost_plan": plan.pk,
                prefix + "position": line.position_id or "",
                prefix + "title": line.title,
                prefix + "pay_group": line.pay_group,
                prefix + "fte": str(line.fte).replace(".", ","),
                prefix + "months": line.months,
                prefix + "annual_employer_costs": str(line.annual_employer_costs).replace(".", ","),
            }
        )
    data.update(overrides)
    return data


def test_provider_files_and_coordinator_approves_through_the_views(client, plan, provider_manager, coordinator):
    client.force_login(provider_manager)
    response = client.post(
        reverse("finance:cost_plan_edit", args=[plan.pk]),
        edit_data(plan, third_party_funds="1.000,00", grant_requested="88.100,00"),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.third_party_funds == Decimal("1000.00") and plan.version == 2
    response = client.post(reverse("finance:step", args=["kostenplan", plan.pk, "einreichen"]), follow=True)
    content = response.content.decode()
    assert "wurde eingereicht" in content, re.findall(r"alert[^>]*>(.*?)<", content, re.S)
    client.force_login(coordinator)
    client.post(reverse("finance:step", args=["kostenplan", plan.pk, "freigeben"]), {"comment": "passt"})
    plan.refresh_from_db()
    assert plan.state == State.APPROVED


def test_failed_check_is_shown_at_the_field_and_blocks_submission(client, plan, provider_manager):
    client.force_login(provider_manager)
    client.post(
        reverse("finance:cost_plan_edit", args=[plan.pk]),
        edit_data(plan, own_contribution="8.910,00", grant_requested="90.090,00"),
    )
    page = client.get(reverse("finance:cost_plan_edit", args=[plan.pk])).content.decode()
    assert "Der Eigenanteil beträgt 9,00 % der Gesamtkosten" in page
    assert 'aria-invalid="true"' in page
    response = client.post(reverse("finance:step", args=["kostenplan", plan.pk, "einreichen"]), follow=True)
    assert "Plausibilitätsprüfung" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == State.DRAFT


def test_bad_amount_keeps_the_input_with_a_german_error(client, plan, provider_manager):
    client.force_login(provider_manager)
    response = client.post(
        reverse("finance:cost_plan_edit", args=[plan.pk]), edit_data(plan, grant_requested="89.100,005")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "89.100,005" in content and "höchstens 2 Dezimalstellen" in content


def test_stale_edit_returns_the_form_with_the_users_input(client, plan, provider_manager):
    client.force_login(provider_manager)
    data = edit_data(plan, third_party_note="Stiftung X")
    CostPlan.objects.filter(pk=plan.pk).update(version=5)
    response = client.post(reverse("finance:cost_plan_edit", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "inzwischen von jemand anderem gespeichert" in response.content.decode()
    assert "Stiftung X" in response.content.decode()


def test_recompute_view_reports_the_difference(client, plan, provider_manager, world):
    factories.PositionFactory(agency=world.agency, fte=Decimal("0.25"), pay_group="S 12", valid_from=date(2025, 7, 1))
    client.force_login(provider_manager)
    assert "Das Stellenverzeichnis hat sich geändert" in client.get(plan.get_absolute_url()).content.decode()
    response = client.post(reverse("finance:cost_plan_recompute", args=[plan.pk]), follow=True)
    # 0,25 VZÄ × 6 months: 7.500 € personnel + 750 € flat material
    assert "Differenz 8.250,00 €" in response.content.decode()


@pytest.mark.parametrize("role", ["specialist", "provider_manager", "coordinator", "admin_user"])
def test_roles_with_reach_open_the_plan(request, client, plan, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(plan.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ["other_coordinator", "state_level", "authority"])
def test_other_roles_get_404_for_the_plan(request, client, plan, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_specialist_cannot_open_the_edit_page_or_submit(client, plan, specialist):
    client.force_login(specialist)
    assert client.get(reverse("finance:cost_plan_edit", args=[plan.pk])).status_code == 404
    assert client.post(reverse("finance:step", args=["kostenplan", plan.pk, "einreichen"])).status_code == 404


def test_provider_cannot_create_a_plan_for_another_providers_agency(client, money, world, provider_manager):
    client.force_login(provider_manager)
    response = client.post(
        reverse("finance:cost_plan_create"), {"agency": world.other_agency.pk, "funding_year": money.year1.pk}
    )
    assert response.status_code == 200 and "Auswahl" in response.content.decode()
    assert not CostPlan.objects.filter(agency=world.other_agency).exists()


def test_other_districts_joint_application_and_its_files_answer_404(client, money, world, other_coordinator):
    application = JointApplication.objects.create(
        district=world.district, phase=money.phase, funding_authority=money.authority
    )
    client.force_login(other_coordinator)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get(reverse("finance:live_file", args=["gesamtantrag", application.pk, "pdf"])).status_code == 404


def test_authority_downloads_the_stored_pdf_of_a_forwarded_application(
    client, money, world, provider_manager, coordinator, authority
):
    for agency in (world.agency, world.sibling_agency):
        for year in (money.year1, money.year2):
            finance_factories.approved_plan(agency, year, by_provider=provider_manager, by_coordinator=coordinator)
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    client.force_login(authority)
    assert client.get(application.get_absolute_url()).status_code == 200
    response = client.get(reverse("finance:live_file", args=["gesamtantrag", application.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    # the forwarded plans are visible to the authority, drafts of other districts are not
    assert client.get(CostPlan.objects.filter(agency=world.agency).first().get_absolute_url()).status_code == 200


def test_coordinator_records_grant_decision_through_the_form(client, money, world, provider_manager, coordinator):
    plans = [
        finance_factories.approved_plan(agency, year, by_provider=provider_manager, by_coordinator=coordinator)
        for agency in (world.agency, world.sibling_agency)
        for year in (money.year1, money.year2)
    ]
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    client.force_login(coordinator)
    data = {"decided_on": "2024-12-18", "reference": "KfI 1", "conditions": ""}
    for plan in plans:
        data[f"amount_{plan.agency_id}_{plan.funding_year_id}"] = "50.000,00"
    assert client.post(reverse("finance:grant_decision", args=[application.pk]), data).status_code == 302
    content = client.get(application.get_absolute_url()).content.decode()
    assert "KfI 1" in content and "-39.100,00 €" in content


def test_receipts_import_view_reports_rows_and_keeps_old_receipts(client, money, world, provider_manager):
    statement = create_partial_statement(provider=world.provider, funding_year=money.year1, by=provider_manager)
    Receipt.objects.create(
        statement=statement,
        agency=world.agency,
        number="ALT",
        paid_on=date(2025, 1, 1),
        payee="x",
        purpose="x",
        cost_type="material",
        amount=Decimal("1.00"),
    )
    client.force_login(provider_manager)
    body = (
        "Agentur;Belegnummer;Datum;Empfänger;Zweck;Kostenart;Betrag\nDuisburg-Marxloh;1;01.02.2025;A;B;Sachkosten;-5\n"
    )
    response = client.post(
        reverse("finance:receipts_import", args=[statement.pk]), {"file": SimpleUploadedFile("b.csv", body.encode())}
    )
    content = response.content.decode()
    assert "Zeile 2:" in content and "größer als 0" in content and "nichts übernommen" in content
    assert list(statement.receipts.values_list("number", flat=True)) == ["ALT"]


def test_partial_statement_shows_the_retention_period(client, money, world, provider_manager):
    statement = create_partial_statement(provider=world.provider, funding_year=money.year1, by=provider_manager)
    client.force_login(provider_manager)
    assert "31.12.2036" in client.get(statement.get_absolute_url()).content.decode()  # 2026 + 10 years


def test_forecast_shows_shortfall_and_other_district_gets_404(
    client, money, world, provider_manager, other_coordinator
):
    forecast = create_forecast(
        agency=world.agency, funding_year=money.year2, as_of=date(2026, 9, 30), by=provider_manager
    )
    from finance.models import SpendingForecast

    SpendingForecast.objects.filter(pk=forecast.pk).update(
        available=Decimal("1000"), spent_to_date=Decimal("800"), expected_until_year_end=Decimal("700")
    )
    client.force_login(provider_manager)
    content = client.get(forecast.get_absolute_url()).content.decode()
    assert "Mehrbedarf" in content and "-500,00 €" in content and "Bitte erläutern Sie" in content
    client.force_login(other_coordinator)
    assert client.get(forecast.get_absolute_url()).status_code == 404


def test_rates_page_says_when_values_are_demo_values(client, money, provider_manager):
    money.rate.is_demo = True
    money.rate.save()
    client.force_login(provider_manager)
    assert "Demo-Werte" in client.get(reverse("finance:rates")).content.decode()
    assert client.get(reverse("finance:rates_edit", args=[money.phase.pk])).status_code == 403


def test_coordinator_edits_rates_with_german_numbers(client, money, coordinator):
    client.force_login(coordinator)
    group = money.rate.pay_groups.get()
    data = {
        "max_funded_share": "85,00",
        "material_flat_rate": "6.500,00",
        "minimum_grant": "0,00",
        "deviation_threshold": "15,00",
        "retention_years": 10,
        "notes": "",
        "groups-TOTAL_FORMS": 1,
        "groups-INITIAL_FORMS": 1,
        "groups-0-id": group.pk,
        "groups-0-funding_rate": money.rate.pk,
        "groups-0-pay_group": "S 12",
        "groups-0-annual_employer_costs": "61.000,00",
        "groups-0-annual_ceiling": "63.000,00",
    }
    assert client.post(reverse("finance:rates_edit", args=[money.phase.pk]), data).status_code == 302
    money.rate.refresh_from_db()
    assert money.rate.max_funded_share == Decimal("85.00") and money.rate.min_own_share == Decimal("15.00")


def _district_pages(district, phase, application):
    return [
        f"{reverse('finance:balances')}?bezirk={district.pk}&phase={phase.pk}",
        application.get_absolute_url(),
        reverse("finance:index"),
        reverse("finance:forecasts"),
        reverse("finance:joint_applications"),
    ]


@pytest.mark.parametrize("count", [3, 200])
def test_district_pages_use_a_bounded_number_of_queries(client, money, count, django_assert_max_num_queries):
    district = finance_factories.district_with_agencies(count)
    coordinator = factories.coordinator_of(district)
    admin = factories.administrator()
    from agencies.models import Agency

    for agency in Agency.objects.filter(provider__district=district):
        for year in (money.year1, money.year2):
            plan = create_cost_plan(agency=agency, funding_year=year, by=admin)
            CostPlan.objects.filter(pk=plan.pk).update(state=State.APPROVED)
        create_forecast(agency=agency, funding_year=money.year2, as_of=date(2026, 9, 30), by=admin)
    application = JointApplication.objects.create(
        district=district, phase=money.phase, funding_authority=money.authority
    )
    client.force_login(coordinator)
    for url in _district_pages(district, money.phase, application):
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(DASHBOARD_MAX_QUERIES):
        assert client.get(reverse("reporting:dashboard")).status_code == 200


def test_state_level_sees_money_per_district_but_no_agency(
    client, money, world, provider_manager, coordinator, state_level
):
    plans = [
        finance_factories.approved_plan(agency, year, by_provider=provider_manager, by_coordinator=coordinator)
        for agency in (world.agency, world.sibling_agency)
        for year in (money.year1, money.year2)
    ]
    application = finance_factories.forwarded_application(world.district, money.phase, money.authority, by=coordinator)
    from finance.services.district import record_grant_decision

    record_grant_decision(
        application=application,
        decided_on=date(2024, 12, 18),
        reference="AZ",
        conditions="",
        amounts={(p.agency_id, p.funding_year_id): Decimal("1000.00") for p in plans},
        by=coordinator,
    )
    client.force_login(state_level)
    content = client.get(reverse("finance:network")).content.decode()
    assert world.district.name in content and "4.000,00 €" in content
    assert "Duisburg-Marxloh" not in content
    assert client.get(application.get_absolute_url()).status_code == 404


def test_network_money_is_refused_to_coordinators(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("finance:network")).status_code == 403


@pytest.mark.parametrize("role", ["coordinator", "provider_manager", "admin_user"])
def test_balances_without_a_funding_phase_explain_the_empty_page(request, client, world, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("finance:balances"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Es ist noch keine Förderphase angelegt." in text
    assert "Die Administration legt Förderphasen an" in text
    assert "Mittelabruf erfassen" not in text
    assert (reverse("funding:phase_create") in text) == (role == "admin_user")


@pytest.mark.parametrize("role", ["specialist", "authority", "state_level"])
def test_balances_without_a_funding_phase_stay_closed_to_other_roles(request, client, world, role):
    # The money tests' `authority` fixture creates a phase; this test needs none.
    user = factories.authority_user() if role == "authority" else request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("finance:balances")).status_code == 403


def test_balances_of_another_district_stay_closed_without_a_funding_phase(client, world, coordinator):
    client.force_login(coordinator)
    assert client.get(f"{reverse('finance:balances')}?bezirk={world.other_district.pk}").status_code == 403
