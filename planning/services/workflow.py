"""The workflow steps of planning documents. Each calls `core.services.transition` and, in the same transaction,
tells the funding app's deadline calendar (`funding.services.record_document_progress`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Membership, Role
from core.emails import send_templated_mail
from core.services import TransitionError, add_section_comment, transition
from core.workflow import SectionComment, State, Transition
from funding.services import record_document_progress
from planning.models import ActivityReport, PlanningDocument, SocialSpaceAnalysis, SubGoalResult, TaskPlan
from planning.rules import TRANSITION_PERMS
from planning.selectors import tasks_with_details
from planning.services.pdf import render_document_pdf


def submission_problems(document: PlanningDocument) -> list[str]:
    """Everything that keeps `document` from being submitted, in plain German; empty when it is complete."""
    problems = []
    if reason := document.template_problem():
        problems.append(reason)
    if isinstance(document, SocialSpaceAnalysis):
        if not document.data_points.exists():
            problems.append(_("Tragen Sie mindestens eine Datenzeile zum Sozialraum ein."))
        if not document.findings.strip():
            problems.append(_("Beschreiben Sie die Erkenntnisse aus den Daten."))
        if not document.needs.exists():
            problems.append(_("Leiten Sie mindestens einen Handlungsbedarf aus der Analyse ab."))
        if not (document.integration_concept.strip() and document.ki_cooperation.strip()):
            problems.append(
                _("Beschreiben Sie den Bezug zum kommunalen Integrationskonzept und die Kooperation mit dem KI.")
            )
    elif isinstance(document, TaskPlan):
        tasks = list(tasks_with_details(document))
        if not tasks:
            problems.append(_("Planen Sie mindestens eine Aufgabe."))
        for task in tasks:
            if not task.needs.all():
                problems.append(_("Aufgabe „%(task)s“ bezieht sich auf keinen Handlungsbedarf.") % {"task": task})
            if not task.sub_goals.all():
                problems.append(_("Aufgabe „%(task)s“ hat noch kein Teilziel.") % {"task": task})
            if not task.measures.all():
                problems.append(_("Aufgabe „%(task)s“ hat noch keine Maßnahme.") % {"task": task})
    elif isinstance(document, ActivityReport):
        open_results = SubGoalResult.objects.filter(report=document, reached="").select_related("sub_goal")
        for result in open_results:
            problems.append(_("Für das Teilziel „%(goal)s“ fehlt das Ergebnis.") % {"goal": result.sub_goal})
    return problems


def _check(document, to: str, by) -> None:
    if not by.has_perm(TRANSITION_PERMS[to], document):
        raise PermissionDenied


def _step(*, document: PlanningDocument, to: str, by, comment: str = "") -> Transition:
    with transaction.atomic():
        step = transition(
            document=document,
            to=to,
            by=by,
            comment=comment,
            render_pdf=render_document_pdf if to == State.FORWARDED else None,
            on_commit=lambda: notify(document_pk=document.pk, model=type(document), to=to, comment=comment),
        )
        record_document_progress(
            agency=document.agency, kind=document.DOCUMENT_KIND, year=document.year, state=to, at=step.at
        )
    return step


def submit(*, document: PlanningDocument, by, comment: str = "") -> Transition:
    """Entwurf/Zurückgegeben → Eingereicht. Refused (ValidationError with every problem) when the document is
    incomplete or on an outdated template. Freezes a revision; e-mails the district coordination."""
    _check(document, State.SUBMITTED, by)
    if problems := submission_problems(document):
        raise ValidationError(problems)
    return _step(document=document, to=State.SUBMITTED, by=by, comment=comment)


def return_document(*, document: PlanningDocument, by, comment: str) -> Transition:
    """Eingereicht → Zurückgegeben with a required comment; e-mails the agency's specialists."""
    _check(document, State.RETURNED, by)
    return _step(document=document, to=State.RETURNED, by=by, comment=comment)


def approve(*, document: PlanningDocument, by, comment: str = "") -> Transition:
    """Eingereicht → Freigegeben (for a minor plan amendment: acknowledged); e-mails the specialists."""
    _check(document, State.APPROVED, by)
    return _step(document=document, to=State.APPROVED, by=by, comment=comment)


def forward(*, document: PlanningDocument, by, comment: str = "") -> Transition:
    """Freigegeben → Weitergeleitet: records the date and stores the rendered PDF of the frozen revision."""
    _check(document, State.FORWARDED, by)
    return _step(document=document, to=State.FORWARDED, by=by, comment=comment)


def comment_section(*, document: PlanningDocument, section_key: str, body: str, by) -> SectionComment:
    """The coordination's remark on one section of the submitted revision."""
    if not by.has_perm("planning.comment_document", document):
        raise PermissionDenied
    valid_keys = {section["key"] for section in document.snapshot()["sections"]}
    if section_key not in valid_keys:
        raise ValidationError(_("Diesen Abschnitt gibt es im Dokument nicht."))
    try:
        return add_section_comment(document=document, section_key=section_key, body=body, by=by)
    except ValueError as error:
        raise ValidationError(str(error)) from error


STEP_FUNCTIONS = {
    State.SUBMITTED: submit,
    State.RETURNED: return_document,
    State.APPROVED: approve,
    State.FORWARDED: forward,
}

__all__ = ["STEP_FUNCTIONS", "TransitionError", "approve", "forward", "return_document", "submit"]


def notify(*, document_pk: int, model, to: str, comment: str) -> None:
    """E-mail after a committed step: submission → district coordination, every other step → the agency."""
    document = model.objects.select_related("agency__provider__district").get(pk=document_pk)
    if to == State.SUBMITTED:
        district = document.agency.provider.district
        recipients = [
            district.email,
            *list(
                Membership.objects.filter(role=Role.COORDINATOR, district=district).values_list(
                    "user__email", flat=True
                )
            ),
        ]
    else:
        recipients = list(
            Membership.objects.filter(role=Role.SPECIALIST, agency=document.agency).values_list(
                "user__email", flat=True
            )
        )
    send_templated_mail(
        template_prefix="planning/emails/state_changed",
        to=sorted(set(recipients)),
        context={"document": document, "state": State(to).label, "comment": comment},
    )
