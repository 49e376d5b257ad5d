"""Each role's main menu holds exactly the pages the role may use, and every entry opens for it."""

import pytest
from django.urls import reverse

from tests.finance.factories import phase_2025_2026

pytestmark = pytest.mark.django_db

DOCUMENTS = "Analysen, Planungen, Sachberichte"

EXPECTED = {
    "specialist": {
        "Übersicht": ["Übersicht"],
        "Agenturen": ["Agenturen"],
        "Planung & Berichte": [DOCUMENTS, "Online-Controlling", "Wirkungsdialog"],
        "Fristen": ["Fristen und Abgabepflichten", "Kalender"],
        "Finanzen": ["Kosten- und Finanzierungspläne", "Mittel-Controlling", "Fördersätze"],
        "Netzwerk": ["Umfragen", "Kooperationen"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
    "provider_manager": {
        "Übersicht": ["Übersicht"],
        "Agenturen": ["Integrationsagenturen", "Personalveränderungen"],
        "Planung & Berichte": [DOCUMENTS, "Online-Controlling", "Wirkungsdialog"],
        "Fristen": ["Fristen und Abgabepflichten", "Kalender"],
        "Finanzen": [
            "Kosten- und Finanzierungspläne",
            "Mittel-Controlling",
            "Mittel und Salden",
            "Teilverwendungsnachweise",
            "Fördersätze",
        ],
        "Netzwerk": ["Umfragen"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
    "coordinator": {
        "Übersicht": ["Übersicht"],
        "Agenturen": ["Integrationsagenturen", "Personalveränderungen"],
        "Planung & Berichte": [DOCUMENTS, "Eingang", "Online-Controlling", "Wirkungsdialog"],
        "Fristen": ["Fristen und Abgabepflichten", "Fristenmatrix", "Kalender", "Förderphasen und Fristregeln"],
        "Finanzen": [
            "Kosten- und Finanzierungspläne",
            "Mittel-Controlling",
            "Mittel und Salden",
            "Teilverwendungsnachweise",
            "Gesamtantrag und Nachweise",
            "Fördersätze",
        ],
        "Netzwerk": ["Netzwerk in Zahlen", "Umfragen", "Kooperationsnetz"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
    "state_level": {
        "Übersicht": ["Übersicht"],
        "Planung & Berichte": ["Wirkungsdialog"],
        "Fristen": ["Kalender"],
        "Finanzen": ["Fördermittel im Netzwerk", "Fördersätze"],
        "Netzwerk": ["Netzwerk in Zahlen", "Umfragen", "Kooperationsnetz"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
    "authority": {
        "Übersicht": ["Übersicht"],
        "Agenturen": ["Personalveränderungen"],
        "Planung & Berichte": [DOCUMENTS, "Online-Controlling", "Wirkungsdialog"],
        "Fristen": ["Kalender"],
        "Finanzen": ["Gesamtantrag und Nachweise", "Fördersätze"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
    "admin_user": {
        "Übersicht": ["Übersicht"],
        "Agenturen": ["Integrationsagenturen", "Personalveränderungen"],
        "Planung & Berichte": [DOCUMENTS, "Online-Controlling", "Wirkungsdialog"],
        "Fristen": ["Fristen und Abgabepflichten", "Fristenmatrix", "Kalender", "Förderphasen und Fristregeln"],
        "Finanzen": [
            "Kosten- und Finanzierungspläne",
            "Mittel-Controlling",
            "Mittel und Salden",
            "Teilverwendungsnachweise",
            "Gesamtantrag und Nachweise",
            "Fördermittel im Netzwerk",
            "Fördersätze",
        ],
        "Netzwerk": ["Netzwerk in Zahlen", "Umfragen", "Kooperationsnetz"],
        "Arbeitskreise": ["Arbeitskreise"],
    },
}


def _menu(client, user):
    client.force_login(user)
    response = client.get(reverse("reporting:dashboard"))
    assert response.status_code == 200
    return response.context["main_menu"]


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_sees_exactly_its_menu(client, request, role):
    menu = _menu(client, request.getfixturevalue(role))
    assert {group.label: [item.label for item in group.items] for group in menu} == EXPECTED[role]


@pytest.mark.parametrize("role", EXPECTED)
def test_every_menu_entry_opens_for_its_role(client, request, role, world):
    phase_2025_2026()  # the money pages show a funding phase and answer 404 while there is none
    menu = _menu(client, request.getfixturevalue(role))
    refused = [
        (item.url, status)
        for group in menu
        for item in group.items
        if (status := client.get(item.url).status_code) != 200
    ]
    assert not refused


def test_the_specialist_gets_plain_links_where_a_group_has_one_entry(client, specialist):
    client.force_login(specialist)
    content = client.get(reverse("reporting:dashboard")).content.decode()
    assert 'id="menu-agencies"' not in content  # a plain link, no dropdown button
    assert f'href="{reverse("agencies:list")}">Agenturen</a>' in content
    assert 'id="menu-documents"' in content


def test_the_current_page_is_marked_in_the_menu(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("planning:inbox")).content.decode()
    assert f'aria-current="page" href="{reverse("planning:inbox")}">Eingang</a>' in content
    assert content.count('aria-current="page"') == 1


def test_anonymous_visitors_get_no_menu(client):
    response = client.get(reverse("login"))
    assert list(response.context["main_menu"]) == []


def test_a_new_membership_shows_in_the_menu_at_once(client, specialist, world):
    from agencies.models import Membership, Role

    assert "Eingang" not in _labels(_menu(client, specialist))

    Membership.objects.create(user=specialist, role=Role.COORDINATOR, district=world.district)

    assert "Eingang" in _labels(_menu(client, specialist))


def test_the_kept_menu_marks_the_page_it_is_shown_on(client, coordinator):
    client.force_login(coordinator)
    inbox, documents = reverse("planning:inbox"), reverse("planning:list")

    for url, label in ((inbox, "Eingang"), (documents, DOCUMENTS), (inbox, "Eingang")):
        content = client.get(url).content.decode()
        assert f'aria-current="page" href="{url}">{label}</a>' in content
        assert content.count("aria-current=") == 1


def test_a_page_below_an_entry_marks_that_entry_as_the_current_area(client, coordinator, world):
    client.force_login(coordinator)
    agencies = reverse("agencies:list")

    on_the_list = client.get(agencies).content.decode()
    below_the_list = client.get(reverse("agencies:detail", args=[world.agency.pk])).content.decode()

    assert f'aria-current="page" href="{agencies}"' in on_the_list
    assert f'aria-current="true" href="{agencies}"' in below_the_list
    assert 'aria-current="page" href=' not in below_the_list  # (the breadcrumb marks the page itself)


def _labels(menu) -> list[str]:
    return [item.label for group in menu for item in group.items]
