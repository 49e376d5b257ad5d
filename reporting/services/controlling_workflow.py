"""The workflow steps of a controlling report. Each checks its rule, calls `core.services.transition` and, in the
same transaction, `funding.services.record_document_progress`, so the Online-Controlling obligation (30.04. / 30.06.)
follows the report. Forwarding stores the PDF of the frozen revision as rendered."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from agencies.models import Membership, Role
from core.emails import send_templated_mail
from core.services import TransitionError, transition
from core.workflow import State, Transition
from funding.services import record_document_progress
from reporting.models import ControllingReport
from reporting.rules import CONTROLLING_TRANSITION_PERMS
from reporting.services.controlling_checks import submission_problems
from reporting.services.controlling_content import render_report_pdf


def _step(*, report: ControllingReport, to: str, by, comment: str = "") -> Transition:
    if not by.has_perm(CONTROLLING_TRANSITION_PERMS[to], report):
        raise PermissionDenied
    with transaction.atomic():
        step = transition(
            document=report,
            to=to,
            by=by,
            comment=comment,
            render_pdf=render_report_pdf if to == State.FORWARDED else None,
            on_commit=lambda: notify(report_pk=report.pk, to=to, comment=comment),
        )
        record_document_progress(
            agency=report.agency, kind=ControllingReport.DOCUMENT_KIND, year=report.year, state=to, at=step.at
        )
    return step


def submit(*, report: ControllingReport, by, comment: str = "") -> Transition:
    """Entwurf/Zurückgegeben → Eingereicht. Refused (ValidationError listing every problem) while values are
    unconfirmed, missing or implausible. Freezes a revision; e-mails the district coordination."""
    if not by.has_perm(CONTROLLING_TRANSITION_PERMS[State.SUBMITTED], report):
        raise PermissionDenied
    if problems := submission_problems(report):
        raise ValidationError(problems)
    return _step(report=report, to=State.SUBMITTED, by=by, comment=comment)


def return_report(*, report: ControllingReport, by, comment: str) -> Transition:
    """Eingereicht → Zurückgegeben with a required comment; e-mails the agency's specialists."""
    return _step(report=report, to=State.RETURNED, by=by, comment=comment)


def approve(*, report: ControllingReport, by, comment: str = "") -> Transition:
    """Eingereicht → Freigegeben; from now on the report counts in the dashboards. E-mails the specialists."""
    return _step(report=report, to=State.APPROVED, by=by, comment=comment)


def forward(*, report: ControllingReport, by, comment: str = "") -> Transition:
    """Freigegeben → Weitergeleitet: stores the PDF of the frozen revision; the obligation is fulfilled."""
    return _step(report=report, to=State.FORWARDED, by=by, comment=comment)


STEP_FUNCTIONS = {
    State.SUBMITTED: submit,
    State.RETURNED: return_report,
    State.APPROVED: approve,
    State.FORWARDED: forward,
}

__all__ = ["STEP_FUNCTIONS", "TransitionError", "approve", "forward", "return_report", "submit"]


def notify(*, report_pk: int, to: str, comment: str) -> None:
    """E-mail after a committed step: submission → the district coordination, every other step → the agency."""
    report = ControllingReport.objects.select_related("agency__provider__district").get(pk=report_pk)
    if to == State.SUBMITTED:
        district = report.agency.provider.district
        recipients = [district.email] if district.email else []
        recipients += Membership.objects.filter(role=Role.COORDINATOR, district=district).values_list(
            "user__email", flat=True
        )
    else:
        recipients = list(
            Membership.objects.filter(role=Role.SPECIALIST, agency=report.agency).values_list("user__email", flat=True)
        )
    recipients = sorted({r for r in recipients if r})
    if recipients:
        send_templated_mail(
            template_prefix="reporting/emails/controlling_state_changed",
            to=recipients,
            context={"report": report, "state": State(to).label, "comment": comment},
        )
