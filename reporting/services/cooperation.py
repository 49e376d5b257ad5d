"""Cooperation records of agencies, taking over survey answers into them, and the network built from them."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.models import Agency
from reporting.models import (
    Answer,
    Cooperation,
    CooperationFrequency,
    CooperationKind,
    CooperationRegularity,
    QuestionKind,
    Response,
    ResponseState,
    Survey,
    SurveyLogEntry,
)
from reporting.services import network as network_service
from reporting.services.report import AGENCY_FIELDS, _node
from reporting.services.surveys import log


@transaction.atomic
def save_cooperation(*, cooperation: Cooperation, by) -> Cooperation:
    """Creates or changes one cooperation record of an agency (validated, who changed it is kept)."""
    cooperation.updated_by = by
    cooperation.full_clean()
    cooperation.save()
    return cooperation


@transaction.atomic
def delete_cooperation(*, cooperation: Cooperation, by) -> None:
    cooperation.delete()


@transaction.atomic
def adopt_from_survey(*, survey: Survey, by) -> int:
    """Takes the agency-picker answers of the submitted responses over into cooperation records. Choice answers
    whose option keys are cooperation kinds, regularities or frequencies (as in the 2013 questionnaire) fill in
    those fields. Existing records are completed, never overwritten. Returns the number of new records."""
    responses = Response.objects.filter(survey=survey, state=ResponseState.SUBMITTED)
    partners = list(
        Answer.partners.through.objects.filter(
            answer__response__in=responses, answer__question__kind=QuestionKind.AGENCY
        ).values_list("answer__response__agency_id", "agency_id")
    )
    chosen: dict[int, list[str]] = {}
    for agency_id, key in Answer.options.through.objects.filter(answer__response__in=responses).values_list(
        "answer__response__agency_id", "option__key"
    ):
        chosen.setdefault(agency_id, []).append(key)
    existing = {
        (row.agency_id, row.partner_agency_id): row
        for row in Cooperation.objects.filter(agency_id__in={a for a, _b in partners}, partner_agency__isnull=False)
    }
    created = 0
    for agency_id, partner_id in partners:
        if agency_id == partner_id:
            continue
        keys = chosen.get(agency_id, [])
        kinds = [key for key in keys if key in CooperationKind.values]
        regularity = next((key for key in keys if key in CooperationRegularity.values), "")
        frequency = next((key for key in keys if key in CooperationFrequency.values), "")
        record = existing.get((agency_id, partner_id))
        if record is None:
            record = Cooperation(agency_id=agency_id, partner_agency_id=partner_id, source_survey=survey)
            created += 1
        record.kinds = sorted(set(record.kinds) | set(kinds))
        record.regularity = record.regularity or regularity
        record.frequency = record.frequency or frequency
        record.updated_by = by
        record.save()
        existing[(agency_id, partner_id)] = record
    log(
        survey=survey,
        action=SurveyLogEntry.Action.COOPERATIONS,
        by=by,
        note=_("%(n)d neue Kooperationen") % {"n": created},
    )
    return created


def network_for(agencies) -> network_service.Network:
    """The graph of `agencies` (a queryset) and every agency they name or are named by, in three queries.
    Agencies without a partner are flagged when another agency works in the same municipality."""
    ids = set(agencies.values_list("pk", flat=True))
    pairs = set(
        Cooperation.objects.filter(
            Q(agency_id__in=ids) | Q(partner_agency_id__in=ids), partner_agency__isnull=False
        ).values_list("agency_id", "partner_agency_id")
    )
    involved = ids | {a for a, _b in pairs} | {b for _a, b in pairs}
    nodes = {row["pk"]: _node(row) for row in Agency.objects.filter(pk__in=involved).values(*AGENCY_FIELDS)}
    return network_service.build(nodes, pairs)
