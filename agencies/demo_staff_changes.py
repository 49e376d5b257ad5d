"""Demo staff changes in every state, filed for AWO Kreisverband Essen (user `traeger`) and checked by the AWO
Niederrhein coordination (user `koordination`); `behoerde` sees the forwarded ones. The parental-leave cover keeps
the compendium's figures (15,25 VZÄ on 23 people): the substitute takes over exactly the absent colleague's share."""

from datetime import date, timedelta
from decimal import Decimal

from agencies.models import Agency, Position, StaffChange, StaffChangeDecision, StaffMember
from agencies.models.staff_changes import ChangeKind, EndReason, VacancyReason
from agencies.staff_changes import services
from agencies.staff_changes.apply import apply_due_changes
from core.models import User


def _file(*, agency, kind, data, by, filed_on: date, note: str) -> StaffChange | None:
    """Creates and files a change unless the demo already has it (the note marks it)."""
    if StaffChange.objects.filter(agency=agency, note=note).exists():
        return None
    change = services.create_staff_change(agency=agency, kind=kind, data={**data, "note": note}, by=by)
    services.submit_staff_change(change=change, by=by, today=filed_on)
    return change


def _forward(change, coordinator, comment=""):
    services.release_staff_change(change=change, by=coordinator, comment=comment)
    services.forward_staff_change(change=change, by=coordinator)


def seed(*, today: date) -> None:
    provider_manager = User.objects.get(username="traeger")
    coordinator = User.objects.get(username="koordination")
    admin = User.objects.get(username="admin")
    essen = Agency.objects.get(name="Essen", provider__name="AWO Kreisverband Essen e. V.")
    marxloh = Agency.objects.get(name="Duisburg-Marxloh")
    yusuf = StaffMember.objects.get(first_name="Yusuf", last_name="Demir")
    jana = StaffMember.objects.get(first_name="Jana", last_name="Becker")
    emre = StaffMember.objects.get(first_name="Emre", last_name="Aydın")

    # Parental leave and its cover: both forwarded, the cover approved, both already in effect.
    leave_start, leave_end = today - timedelta(days=30), today + timedelta(days=300)
    vacancy = _file(
        agency=essen,
        kind=ChangeKind.VACANCY,
        data={
            "effective_on": leave_start,
            "end_on": leave_end,
            "staff_member": yusuf,
            "vacancy_reason": VacancyReason.PARENTAL_LEAVE,
        },
        by=provider_manager,
        filed_on=today - timedelta(days=75),
        note="Elternzeit, Vertretung wird gesondert beantragt.",
    )
    if vacancy:
        _forward(vacancy, coordinator)
    cover = _file(
        agency=essen,
        kind=ChangeKind.NEW_HIRE,
        data={
            "effective_on": leave_start,
            "end_on": leave_end,
            "first_name": "Tobias",
            "last_name": "Engel",
            "qualification": "Soziale Arbeit (B. A.)",
            "email": "tobias.engel@awo-essen.example",
            "new_fte": Decimal("0.50"),
            "substitute_for": yusuf,
            "position": Position.objects.filter(agency=essen, assignments__staff_member=yusuf).first(),
        },
        by=provider_manager,
        filed_on=today - timedelta(days=70),
        note="Elternzeitvertretung für Herrn Demir.",
    )
    if cover:
        _forward(cover, coordinator, "Vertretung passt zur angezeigten Elternzeit.")
        services.record_decision(
            change=cover,
            outcome=StaffChangeDecision.Outcome.APPROVED,
            decided_on=today - timedelta(days=40),
            reference="KfI 51.2-0417/26",
            by=User.objects.get(username="behoerde"),
        )
    apply_due_changes(today=today)

    # Extension of the cover: filed, waiting for the coordination's check.
    _file(
        agency=essen,
        kind=ChangeKind.EXTENSION,
        data={
            "effective_on": leave_end + timedelta(days=1),
            "end_on": leave_end + timedelta(days=180),
            "staff_member": StaffMember.objects.filter(last_name="Engel").first(),
        },
        by=provider_manager,
        filed_on=today,
        note="Die Elternzeit wurde um ein halbes Jahr verlängert.",
    )

    # A name change returned with a question.
    returned = _file(
        agency=essen,
        kind=ChangeKind.PERSONAL_CHANGE,
        data={"effective_on": today + timedelta(days=20), "staff_member": jana, "last_name": "Becker-Nowak"},
        by=provider_manager,
        filed_on=today,
        note="Heirat.",
    )
    if returned:
        services.return_staff_change(
            change=returned, by=coordinator, comment="Bitte die neue dienstliche E-Mail-Adresse ergänzen."
        )

    # A branch office: still a draft with a short lead time.
    if not StaffChange.objects.filter(agency=essen, kind=ChangeKind.SITE_OPENING).exists():
        services.create_staff_change(
            agency=essen,
            kind=ChangeKind.SITE_OPENING,
            by=provider_manager,
            data={
                "effective_on": today + timedelta(days=25),
                "site_kind": "branch",
                "street": "Helenenstraße 110",
                "postcode": "45143",
                "city": "Essen",
                "note": "Sprechstunde im Stadtteilbüro Altendorf.",
            },
        )

    # Duisburg: an increase whose date passed without decision (flagged) and a rejected hire.
    overdue = _file(
        agency=marxloh,
        kind=ChangeKind.HOURS_INCREASE,
        data={
            "effective_on": today - timedelta(days=3),
            "staff_member": emre,
            "new_fte": Decimal("0.75"),
            "justification": "Zusätzliche Beratungszeiten im neuen Quartierszentrum Marxloh.",
        },
        by=admin,
        filed_on=today - timedelta(days=50),
        note="Aufstockung für das Quartierszentrum.",
    )
    if overdue:
        _forward(overdue, coordinator)
    rejected = _file(
        agency=marxloh,
        kind=ChangeKind.DEVIATING_QUALIFICATION,
        data={
            "effective_on": today + timedelta(days=60),
            "first_name": "Ilka",
            "last_name": "Sommer",
            "qualification": "Kulturwissenschaften (M. A.)",
            "new_fte": Decimal("0.25"),
            "justification": "Langjährige Erfahrung in der Gemeinwesenarbeit im Stadtteil.",
        },
        by=admin,
        filed_on=today - timedelta(days=30),
        note="Einstellung mit abweichender Qualifikation.",
    )
    if rejected:
        _forward(rejected, coordinator)
        services.record_decision(
            change=rejected,
            outcome=StaffChangeDecision.Outcome.REJECTED,
            decided_on=today - timedelta(days=5),
            reference="KfI 51.2-0533/26",
            by=coordinator,
            note="Qualifikation entspricht nicht den Förderrichtlinien.",
        )
    # An end of employment: checked by the coordination, forwarding pending.
    retirement = _file(
        agency=marxloh,
        kind=ChangeKind.END_OF_EMPLOYMENT,
        data={
            "effective_on": date(today.year + 1, 3, 31),
            "staff_member": StaffMember.objects.get(first_name="Christina", last_name="Lange"),
            "end_reason": EndReason.RETIREMENT,
        },
        by=admin,
        filed_on=today,
        note="Renteneintritt; die Nachbesetzung wird rechtzeitig beantragt.",
    )
    if retirement:
        services.release_staff_change(change=retirement, by=coordinator)
