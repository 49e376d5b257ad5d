"""Proof of use: receipts import (all or nothing, per-row errors), deviations, retention, the district statement."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.services import TransitionError
from core.workflow import State
from finance.checks_for import partial_statement_findings
from finance.imports import ImportFormatError, parse_receipts
from finance.models import PartialStatement, Receipt, UseOfFundsStatement, retention_until
from finance.services.provider import create_partial_statement, replace_receipts
from finance.services.workflow import move
from tests.finance import factories as finance_factories

pytestmark = pytest.mark.django_db

HEADER = "Agentur;Belegnummer;Datum;Empfänger;Zweck;Kostenart;Betrag\n"


def csv_file(body: str, name: str = "belege.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (HEADER + body).encode("utf-8"))


@pytest.fixture
def statement(money, world, provider_manager):
    return create_partial_statement(provider=world.provider, funding_year=money.year1, by=provider_manager)


def test_valid_csv_is_read_with_german_amounts(statement):
    result = parse_receipts(
        csv_file(
            "Duisburg-Marxloh;P-1;31.01.2025;Personal;Gehälter 01/2025;Personalkosten;7.500,00\n"
            "Duisburg-Laar;S-1;15.03.2025;Stadtwerke;Miete Q1;Sachkosten;1.234,56\n"
        ),
        statement=statement,
    )
    assert result.ok
    assert [r.amount for r in result.receipts] == [Decimal("7500.00"), Decimal("1234.56")]


def test_each_bad_row_is_reported_in_german_and_nothing_is_taken(statement):
    result = parse_receipts(
        csv_file(
            "Duisburg-Marxloh;P-1;31.01.2025;Personal;Gehälter;Personalkosten;100,00\n"
            "Caritas Hochfeld;P-2;31.01.2025;Personal;Gehälter;Personalkosten;100,00\n"
            "Duisburg-Marxloh;P-3;31.13.2025;Personal;Gehälter;Reisekosten;12,345\n"
            "Duisburg-Marxloh;P-1;01.02.2024;Personal;Gehälter;Sachkosten;abc\n"
        ),
        statement=statement,
    )
    assert not result.ok
    assert len(result.errors) == 3
    assert result.errors[0].startswith("Zeile 3:") and "gehört nicht zu diesem Träger" in result.errors[0]
    assert (
        "ist kein Datum" in result.errors[1]
        and "Reisekosten" in result.errors[1]
        and "zwei Nachkommastellen" in result.errors[1]
    )
    assert "steht schon in Zeile 2" in result.errors[2] and "nicht im Förderjahr 2025" in result.errors[2]


def test_missing_columns_reject_the_whole_file(statement):
    with pytest.raises(ImportFormatError, match="Es fehlen Spalten"):
        parse_receipts(SimpleUploadedFile("x.csv", b"Agentur;Betrag\nA;1\n"), statement=statement)


def test_xlsx_import_reads_numbers_and_dates(statement):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Agentur", "Belegnummer", "Datum", "Empfänger", "Zweck", "Kostenart", "Betrag"])
    sheet.append(
        ["Duisburg-Marxloh", "X-1", date(2025, 5, 2), "Druckerei", "Flyer", "Besondere Maßnahmen", Decimal("250.10")]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = parse_receipts(SimpleUploadedFile("belege.xlsx", buffer.getvalue()), statement=statement)
    assert (
        result.ok and result.receipts[0].paid_on == date(2025, 5, 2) and result.receipts[0].amount == Decimal("250.10")
    )


def test_deviation_above_threshold_needs_a_justification(money, world, provider_manager, coordinator, statement):
    finance_factories.approved_plan(world.agency, money.year1, by_provider=provider_manager, by_coordinator=coordinator)
    receipts = [
        Receipt(
            agency=world.agency,
            number="P",
            paid_on=date(2025, 12, 1),
            payee="p",
            purpose="p",
            cost_type="personnel",
            amount=Decimal("90000.00"),
        ),
        Receipt(
            agency=world.agency,
            number="S",
            paid_on=date(2025, 12, 1),
            payee="s",
            purpose="s",
            cost_type="material",
            amount=Decimal("12000.00"),
        ),
    ]
    replace_receipts(statement=statement, receipts=receipts, source="test", by=provider_manager)
    PartialStatement.objects.filter(pk=statement.pk).update(
        actual_grant=Decimal("91800.00"), actual_own_contribution=Decimal("10200.00")
    )
    statement.refresh_from_db()
    findings = partial_statement_findings(statement)
    # material: plan 9.000 €, actual 12.000 € = +33,33 % > 20 %; personnel exactly as planned
    assert {f.field for f in findings} == {"justification_material"}
    with pytest.raises(TransitionError):
        move(document=statement, to=State.SUBMITTED, by=provider_manager)
    PartialStatement.objects.filter(pk=statement.pk).update(justification_material="Umzug in neue Räume.")
    statement.refresh_from_db()
    assert partial_statement_findings(statement) == []
    move(document=statement, to=State.SUBMITTED, by=provider_manager)


def test_retention_runs_the_configured_years_after_the_proof_of_use():
    assert retention_until(base_year=2027, years=10) == date(2037, 12, 31)


def test_district_interim_statement_aggregates_approved_partial_statements(
    money, world, provider_manager, coordinator, statement
):
    from finance.selectors.statements import district_statement_figures
    from finance.services.district import create_district_statement

    receipts = [
        Receipt(
            agency=world.agency,
            number="1",
            paid_on=date(2025, 3, 1),
            payee="p",
            purpose="p",
            cost_type="measures",
            amount=Decimal("100.00"),
        )
    ]
    replace_receipts(statement=statement, receipts=receipts, source="t", by=provider_manager)
    PartialStatement.objects.filter(pk=statement.pk).update(
        actual_grant=Decimal("90.00"), actual_own_contribution=Decimal("10.00"), justification_measures="Fest"
    )
    interim = create_district_statement(
        district=world.district,
        phase=money.phase,
        kind=UseOfFundsStatement.Kind.INTERIM,
        funding_authority=money.authority,
        by=coordinator,
    )
    assert district_statement_figures(interim).missing  # not approved yet
    statement.refresh_from_db()
    move(document=statement, to=State.SUBMITTED, by=provider_manager)
    move(document=statement, to=State.APPROVED, by=coordinator)
    figures = district_statement_figures(interim)
    assert figures.missing == [] and figures.actual_total == Decimal("100.00")
    for to in (State.SUBMITTED, State.APPROVED, State.FORWARDED):
        move(document=interim, to=to, by=coordinator)
    statement.refresh_from_db()
    assert statement.state == State.FORWARDED
