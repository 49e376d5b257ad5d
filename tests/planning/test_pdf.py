import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.services import latest_revision
from planning.services.workflow import approve, forward, submit

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_forwarded_pdf_contains_document_text_cover_and_footer(client, specialist, coordinator, plan):
    submit(document=plan, by=specialist)
    approve(document=plan, by=coordinator)
    forward(document=plan, by=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("planning:pdf", args=[plan.URL_KIND, plan.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "Aufgabenplanung 2026" in text
    assert plan.agency.name in text and plan.agency.provider.name in text
    assert "Inhaltsverzeichnis" in text
    assert "Sprachcafés als Treffpunkt" in text
    assert "Regelmäßige Teilnahme" in text
    assert "Weitergeleitet" in text and latest_revision(plan).content_hash[:20] in text.replace("\n", "")
    assert "Seite 1 von" in text


def test_analysis_pdf_lists_data_table_and_needs(client, specialist, analysis):
    client.force_login(specialist)
    response = client.get(reverse("planning:pdf", args=[analysis.URL_KIND, analysis.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Amt für Statistik" in text
    assert "Sprachförderung im Quartier" in text
    assert "Entwurf" in text


def test_long_data_table_spans_pages_with_repeated_header(client, specialist, analysis):
    from planning.models import DataPoint

    DataPoint.objects.bulk_create(
        DataPoint(
            analysis=analysis,
            position=i,
            indicator=f"Indikator {i}",
            value=i,
            unit="%",
            source="Statistik",
            reference_year=2024,
        )
        for i in range(120)
    )
    client.force_login(specialist)
    reader = PdfReader(io.BytesIO(client.get(reverse("planning:pdf", args=[analysis.URL_KIND, analysis.pk])).content))
    pages_with_header = [p for p in reader.pages if "Bezugsjahr" in p.extract_text()]
    assert len(pages_with_header) >= 2
