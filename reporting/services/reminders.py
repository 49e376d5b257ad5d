"""Reminders to agencies that have not yet submitted, at the configured days before the survey closes."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse

from agencies.models import Membership, Role
from core.emails import send_templated_mail
from reporting.models import Response, ResponseState, Survey, SurveyReminder, SurveyState, SurveyTarget


def due_step(survey: Survey, today: date) -> int | None:
    """The most urgent reminder step that is due today: steps whose day has come (a missed day is caught up),
    while the survey has not closed yet. Earlier steps that are due at the same time are skipped."""
    if not survey.opens_on <= today <= survey.closes_on:
        return None
    due = [days for days in survey.reminder_steps if survey.closes_on - timedelta(days=days) <= today]
    return min(due) if due else None


def send_due(*, today: date) -> int:
    """Sends each due reminder exactly once per agency, survey and step. Returns the number of reminders sent.

    Side effects: a SurveyReminder row per agency and step (unique constraint; get_or_create in a transaction,
    so two workers or a re-run never send twice), one e-mail per agency to its specialists (or the agency's
    address), queued with transaction.on_commit."""
    sent = 0
    surveys = Survey.objects.filter(state=SurveyState.OPEN, opens_on__lte=today, closes_on__gte=today)
    for survey in surveys:
        step = due_step(survey, today)
        if step is None:
            continue
        answered = Response.objects.filter(survey=survey, state=ResponseState.SUBMITTED).values("agency_id")
        reminded = SurveyReminder.objects.filter(survey=survey, days_before=step).values("agency_id")
        targets = (
            SurveyTarget.objects.filter(survey=survey)
            .exclude(agency_id__in=answered)
            .exclude(agency_id__in=reminded)
            .select_related("agency")
        )
        agencies = [target.agency for target in targets]
        addresses = _addresses([agency.pk for agency in agencies])
        for agency in agencies:
            sent += _remind(survey=survey, agency=agency, step=step, to=addresses.get(agency.pk) or [agency.email])
    return sent


def _addresses(agency_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    rows = Membership.objects.filter(role=Role.SPECIALIST, agency_id__in=agency_ids, user__is_active=True)
    for agency_id, email in rows.exclude(user__email="").values_list("agency_id", "user__email"):
        result.setdefault(agency_id, []).append(email)
    return result


def _remind(*, survey: Survey, agency, step: int, to: list[str]) -> int:
    recipients = [address for address in to if address]
    try:
        with transaction.atomic():
            _reminder, created = SurveyReminder.objects.get_or_create(
                survey=survey, agency=agency, days_before=step, defaults={"recipients": len(recipients)}
            )
            if not created:
                return 0
            context = {
                "survey": survey,
                "agency": agency,
                "days": step,
                "path": reverse("reporting:respond", args=[survey.pk]) + f"?agentur={agency.pk}",
            }
            transaction.on_commit(
                lambda: send_templated_mail(
                    template_prefix="reporting/emails/survey_reminder", to=recipients, context=context
                )
            )
    except IntegrityError:  # another worker created the same reminder at the same moment
        return 0
    return 1
