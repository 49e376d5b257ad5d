"""Workflow steps of money documents: core.services.transition plus what the money domain adds to a step."""

from datetime import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, DistrictAssociation, Membership, Role
from core.emails import send_templated_mail
from core.services import TransitionError, store_document, transition
from core.workflow import State, StoredDocument, Transition
from finance.models import CostPlan, JointApplication, PartialStatement, SpendingForecast, UseOfFundsStatement
from funding.models import DocumentKind, FundingPhase
from funding.services import record_document_progress


def blocking_problems(document) -> list[str]:
    """What must be fixed before `document` can be submitted (shown to the user as a list)."""
    from finance import checks_for

    return [finding.message for finding in checks_for.findings(document) if finding.is_error]


def move(*, document, to: str, by, comment: str = "") -> Transition:
    """Moves a money document to `to`. Side effects, in one transaction:

    - SUBMITTED is refused while plausibility errors remain (TransitionError with the list);
    - core.services.transition changes the state, freezes the revision, writes the Transition row and, when
      forwarding, stores the PDF as rendered;
    - forwarding a joint application or a district statement stores its XLSX as rendered and forwards the
      cost plans / partial statements it contains (they reach the authority as part of it);
    - funding.services.record_document_progress is told about every obligation the document fulfils (its
      agency's, or the district's for the district's own documents: progress_targets);
    - an e-mail to the other side is queued for after the commit.
    Who may perform the step is checked by the caller (finance.rules.may_move).
    """
    if to == State.SUBMITTED:
        problems = blocking_problems(document)
        if problems:
            raise TransitionError(
                _("Bitte beheben Sie zuerst die Fehler der Plausibilitätsprüfung: %(list)s")
                % {"list": " ".join(problems)}
            )
    from finance import exports

    with transaction.atomic():
        step = transition(
            document=document,
            to=to,
            by=by,
            comment=comment,
            render_pdf=exports.pdf_renderer(document) if to == State.FORWARDED else None,
            on_commit=lambda: _notify(document, to=to, by=by, comment=comment),
        )
        if to == State.FORWARDED:
            _forward_contents(document, by=by)
            filename, data = exports.xlsx_for(document)
            store_document(document=document, kind=StoredDocument.Kind.EXPORT, filename=filename, data=data, by=by)
        report_progress(document, state=to, at=step.at)
    return step


def _forward_contents(document, *, by) -> None:
    from finance.selectors.joint import application_totals

    if isinstance(document, JointApplication):
        contained = [plan for plan in application_totals(document).plans if plan.state == State.APPROVED]
    elif isinstance(document, UseOfFundsStatement):
        contained = list(
            PartialStatement.objects.filter(
                provider__district_id=document.district_id,
                funding_year__year__in=document.years,
                state=State.APPROVED,
            )
        )
    else:
        return
    label = str(document)
    for item in contained:
        step = transition(
            document=item,
            to=State.FORWARDED,
            by=by,
            comment=_("Weitergeleitet als Teil von „%(label)s“.") % {"label": label},
        )
        report_progress(item, state=State.FORWARDED, at=step.at)


class ProgressTarget(NamedTuple):
    """One obligation a document moves: owed by `agency`, or by `district` for the district's own documents."""

    kind: str
    year: int
    agency: Agency | None = None
    district: DistrictAssociation | None = None


def application_year(phase: FundingPhase) -> int:
    """The funding year whose obligation the application for `phase` fulfils: Tabelle 3 makes the Förderantrag
    due at the end of the phase before (30.10. / 30.11. of its last year), so it is that phase's obligation."""
    return phase.starts_on.year - 1


def progress_targets(document) -> list[ProgressTarget]:
    """The obligations `document` fulfils. An agency's document moves its agency's obligation (a partial statement
    those of every agency of its provider); the district's own documents – joint application, interim and final
    statement – move the district's obligation, as Tabelle 3 makes them debts of the district association. The
    plans and partial statements a district document contains report for themselves when it forwards them."""
    if isinstance(document, CostPlan):
        year = application_year(document.funding_year.phase)
        return [ProgressTarget(DocumentKind.FUNDING_APPLICATION, year, agency=document.agency)]
    if isinstance(document, SpendingForecast):
        return [ProgressTarget(DocumentKind.SPENDING_FORECAST, document.funding_year.year, agency=document.agency)]
    if isinstance(document, PartialStatement):
        kind = statement_kind_for(document.funding_year)
        agencies = Agency.objects.filter(provider_id=document.provider_id).active_on(
            document.funding_year.phase.starts_on
        )
        return [ProgressTarget(kind, document.funding_year.year, agency=agency) for agency in agencies]
    if isinstance(document, JointApplication):
        year = application_year(document.phase)
        return [ProgressTarget(DocumentKind.FUNDING_APPLICATION, year, district=document.district)]
    return [ProgressTarget(document.kind, document.years[-1], district=document.district)]


def statement_kind_for(funding_year) -> str:
    last = max(funding_year.phase.years)
    return DocumentKind.FINAL_STATEMENT if funding_year.year == last else DocumentKind.INTERIM_STATEMENT


def report_progress(document, *, state: str, at: datetime) -> None:
    for target in progress_targets(document):
        record_document_progress(**target._asdict(), state=state, at=at)


def _notify(document, *, to: str, by, comment: str) -> None:
    from django.conf import settings

    from finance.rules import district_id_of, provider_id_of

    if to == State.SUBMITTED and not isinstance(document, (JointApplication, UseOfFundsStatement)):
        recipients = Membership.objects.filter(role=Role.COORDINATOR, district_id=district_id_of(document))
    elif to in (State.RETURNED, State.APPROVED) and provider_id_of(document) is not None:
        recipients = Membership.objects.filter(role=Role.PROVIDER_MANAGER, provider_id=provider_id_of(document))
    else:
        return
    send_templated_mail(
        template_prefix="finance/emails/step",
        to=sorted({m.user.email for m in recipients.select_related("user") if m.user.email and m.user_id != by.pk}),
        context={
            "document": document,
            "state": State(to).label,
            "by": by,
            "comment": comment,
            "url": f"{settings.SITE_URL}{document.get_absolute_url()}",
        },
    )
