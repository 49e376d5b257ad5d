"""The kinds of staff and position changes (Kompendium 4.2), which fields each needs, and the timing settings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def lead_weeks() -> int:
    """How many weeks before its effective date an approval-requiring change should be filed (default six)."""
    return int(getattr(settings, "AGENTURNETZ_STAFF_CHANGE_LEAD_WEEKS", 6))


def warning_days() -> int:
    """How many days before its effective date an undecided approval-requiring change triggers a warning."""
    return int(getattr(settings, "AGENTURNETZ_STAFF_CHANGE_WARNING_DAYS", 14))


class ChangeKind(models.TextChoices):
    # notifiable (anzeigepflichtig)
    VACANCY = "vacancy", _("Vakanz")
    END_OF_EMPLOYMENT = "end_of_employment", _("Ende des Arbeitsverhältnisses")
    HOURS_REDUCTION = "hours_reduction", _("Reduzierung des Stellenumfangs")
    PERSONAL_CHANGE = "personal_change", _("Persönliche Veränderung")
    AGENCY_CHANGE = "agency_change", _("Veränderung der Agentur (Anschrift, Kontakt)")
    # approval-requiring (zustimmungspflichtig)
    NEW_HIRE = "new_hire", _("Neueinstellung")
    EXTENSION = "extension", _("Verlängerung der Beschäftigung")
    DEVIATING_QUALIFICATION = "deviating_qualification", _("Einstellung mit abweichender Qualifikation")
    SITE_OPENING = "site_opening", _("Eröffnung eines Standorts / einer Nebenstelle")
    SITE_CLOSING = "site_closing", _("Schließung eines Standorts / einer Nebenstelle")
    HOURS_INCREASE = "hours_increase", _("Aufstockung des Stellenumfangs")


APPROVAL_REQUIRED = frozenset(
    {
        ChangeKind.NEW_HIRE,
        ChangeKind.EXTENSION,
        ChangeKind.DEVIATING_QUALIFICATION,
        ChangeKind.SITE_OPENING,
        ChangeKind.SITE_CLOSING,
        ChangeKind.HOURS_INCREASE,
    }
)
HIRE_KINDS = frozenset({ChangeKind.NEW_HIRE, ChangeKind.DEVIATING_QUALIFICATION})

KIND_HELP = {
    ChangeKind.VACANCY: _(
        "Eine Stelle ist vorübergehend nicht besetzt, z. B. Krankheit nach Ende der Lohnfortzahlung, Mutterschutz, "
        "Elternzeit. Anzeigepflichtig."
    ),
    ChangeKind.END_OF_EMPLOYMENT: _(
        "Kündigung, Auflösungsvertrag, Ablauf der Befristung oder Renteneintritt. Anzeigepflichtig."
    ),
    ChangeKind.HOURS_REDUCTION: _("Eine Fachkraft arbeitet künftig weniger Stunden. Anzeigepflichtig."),
    ChangeKind.PERSONAL_CHANGE: _("Zum Beispiel eine Namensänderung. Anzeigepflichtig."),
    ChangeKind.AGENCY_CHANGE: _("Neue Anschrift oder neue Kontaktdaten der Agentur. Anzeigepflichtig."),
    ChangeKind.NEW_HIRE: _(
        "Neue Fachkraft, auch als Vertretung bei Krankheit oder Mutterschutz. Braucht die vorherige Zustimmung "
        "der Bewilligungsbehörde."
    ),
    ChangeKind.EXTENSION: _(
        "Ein befristetes Arbeitsverhältnis wird verlängert. Braucht die vorherige Zustimmung der Bewilligungsbehörde."
    ),
    ChangeKind.DEVIATING_QUALIFICATION: _(
        "Die neue Fachkraft hat eine andere formale Qualifikation als gefordert; bitte begründen Sie die Auswahl. "
        "Braucht die vorherige Zustimmung."
    ),
    ChangeKind.SITE_OPENING: _("Ein neuer Standort oder eine Außenstelle. Braucht die vorherige Zustimmung."),
    ChangeKind.SITE_CLOSING: _(
        "Ein Standort oder eine Außenstelle wird geschlossen. Braucht die vorherige Zustimmung."
    ),
    ChangeKind.HOURS_INCREASE: _(
        "Eine Fachkraft arbeitet künftig mehr Stunden; eine schriftliche Begründung ist nötig. Braucht die "
        "vorherige Zustimmung."
    ),
}


class VacancyReason(models.TextChoices):
    ILLNESS = "illness", _("Erkrankung nach Ende der Lohnfortzahlung")
    MATERNITY = "maternity", _("Mutterschutz")
    PARENTAL_LEAVE = "parental_leave", _("Elternzeit")
    UNFILLED = "unfilled", _("Vorübergehend unbesetzte Stelle")


class EndReason(models.TextChoices):
    RESIGNATION = "resignation", _("Kündigung")
    AGREEMENT = "agreement", _("Auflösungsvertrag")
    FIXED_TERM = "fixed_term", _("Ablauf der Befristung")
    RETIREMENT = "retirement", _("Renteneintritt")


# Which fields each kind asks for (besides agency, effective date and note) and which of them are required.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    ChangeKind.VACANCY: ("staff_member", "vacancy_reason", "end_on"),
    ChangeKind.END_OF_EMPLOYMENT: ("staff_member", "end_reason"),
    ChangeKind.HOURS_REDUCTION: ("staff_member", "new_fte"),
    ChangeKind.PERSONAL_CHANGE: ("staff_member", "first_name", "last_name", "email", "phone"),
    ChangeKind.AGENCY_CHANGE: ("street", "postcode", "city", "phone", "email", "website"),
    ChangeKind.NEW_HIRE: (
        "first_name",
        "last_name",
        "qualification",
        "email",
        "phone",
        "new_fte",
        "end_on",
        "position",
        "substitute_for",
    ),
    ChangeKind.EXTENSION: ("staff_member", "end_on"),
    ChangeKind.DEVIATING_QUALIFICATION: (
        "first_name",
        "last_name",
        "qualification",
        "email",
        "phone",
        "new_fte",
        "end_on",
        "position",
        "substitute_for",
        "justification",
    ),
    ChangeKind.SITE_OPENING: ("site_kind", "street", "postcode", "city"),
    ChangeKind.SITE_CLOSING: ("site",),
    ChangeKind.HOURS_INCREASE: ("staff_member", "new_fte", "justification"),
}
KIND_REQUIRED: dict[str, tuple[str, ...]] = {
    ChangeKind.VACANCY: ("staff_member", "vacancy_reason"),
    ChangeKind.END_OF_EMPLOYMENT: ("staff_member", "end_reason"),
    ChangeKind.HOURS_REDUCTION: ("staff_member", "new_fte"),
    ChangeKind.PERSONAL_CHANGE: ("staff_member",),
    ChangeKind.AGENCY_CHANGE: (),
    ChangeKind.NEW_HIRE: ("first_name", "last_name", "qualification", "new_fte"),
    ChangeKind.EXTENSION: ("staff_member",),
    ChangeKind.DEVIATING_QUALIFICATION: ("first_name", "last_name", "qualification", "new_fte", "justification"),
    ChangeKind.SITE_OPENING: ("site_kind", "street", "postcode", "city"),
    ChangeKind.SITE_CLOSING: ("site",),
    ChangeKind.HOURS_INCREASE: ("staff_member", "new_fte", "justification"),
}
# The effective date means the last working day for an end of employment, else the first day of the new state.
EFFECTIVE_LABEL = {
    ChangeKind.END_OF_EMPLOYMENT: _("letzter Arbeitstag"),
    ChangeKind.VACANCY: _("Vakanz ab"),
    ChangeKind.EXTENSION: _("verlängert ab"),
    ChangeKind.NEW_HIRE: _("Dienstbeginn"),
    ChangeKind.DEVIATING_QUALIFICATION: _("Dienstbeginn"),
}
