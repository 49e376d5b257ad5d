"""Pages of the controlling reports: list, create (prefilled), edit (confirm or correct), workflow steps, PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from agencies.models import Agency
from core.diff import diff_snapshots
from core.services import (
    StaleEditError,
    TransitionError,
    history_of,
    latest_revision,
    revisions_of,
    stored_documents_of,
)
from core.workflow import State, StoredDocument
from reporting.controlling_selectors import reports_visible_to
from reporting.forms.controlling import ReportForm
from reporting.models import ControllingAnswer, ControllingReport, KeyFigureValue
from reporting.rules import CONTROLLING_TRANSITION_PERMS
from reporting.services import controlling as service
from reporting.services.controlling_checks import deviation_message, previous_totals, submission_problems
from reporting.services.controlling_content import DIFF_LABELS, answer_rows, figure_rows, render_report_pdf
from reporting.services.controlling_workflow import STEP_FUNCTIONS

STEP_SLUGS = {
    "einreichen": State.SUBMITTED,
    "zurueckgeben": State.RETURNED,
    "freigeben": State.APPROVED,
    "weiterleiten": State.FORWARDED,
}
STEP_MESSAGES = {
    State.SUBMITTED: _("Der Bericht wurde eingereicht."),
    State.RETURNED: _("Der Bericht wurde zurückgegeben."),
    State.APPROVED: _("Der Bericht wurde freigegeben."),
    State.FORWARDED: _("Der Bericht wurde an die Bewilligungsbehörde weitergeleitet."),
}


def visible_report(request, pk: int) -> ControllingReport:
    report = get_object_or_404(reports_visible_to(request.user), pk=pk)
    if not request.user.has_perm("reporting.view_controlling_report", report):
        raise Http404
    return report


def creatable_years(today) -> list[int]:
    """Reports are written after the year: last year's is due by 30.04.; the running year may be started."""
    return [today.year - 1, today.year]


@login_required
def report_list(request):
    scope = scope_for(request.user)
    reports = reports_visible_to(request.user).order_by("-year", "agency__name")
    year = request.GET.get("jahr", "")
    if year.isdigit():
        reports = reports.filter(year=int(year))
    state = request.GET.get("status", "")
    if state in State.values:
        reports = reports.filter(state=state)
    page = Paginator(reports, 50).get_page(request.GET.get("seite"))
    own_agencies = list(Agency.objects.filter(pk__in=scope.agency_ids).order_by("name"))
    return render(
        request,
        "reporting/controlling/list.html",
        {
            "page": page,
            "own_agencies": own_agencies,
            "years": creatable_years(timezone.localdate()),
            "states": State.choices,
            "year": year,
            "state": state,
        },
    )


@login_required
@require_POST
def report_create(request):
    agency = get_object_or_404(Agency.objects.filter(scope_for(request.user).agency_q()), pk=request.POST.get("agency"))
    if not request.user.has_perm("reporting.create_controlling_report", agency):
        raise Http404
    year = request.POST.get("year", "")
    if not year.isdigit() or int(year) not in creatable_years(timezone.localdate()):
        messages.error(request, _("Bitte wählen Sie ein Förderjahr aus der Liste."))
        return redirect("reporting:controlling_reports")
    try:
        report = service.create_report(agency=agency, year=int(year), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reporting:controlling_reports")
    messages.success(request, _("Der Bericht ist angelegt und mit dem vorbefüllt, was Agenturnetz schon weiß."))
    return redirect(report)


@login_required
def report_detail(request, pk: int):
    report = visible_report(request, pk)
    user = request.user
    can_edit = user.has_perm("reporting.edit_controlling_report", report)
    revisions = list(revisions_of(report))
    changes = None
    if report.state == State.SUBMITTED and len(revisions) > 1:
        changes = diff_snapshots(revisions[-2].content, revisions[-1].content, DIFF_LABELS)
    return render(
        request,
        "reporting/controlling/detail.html",
        {
            "report": report,
            "figures": figure_rows(report),
            "answers": answer_rows(report),
            "history": history_of(report),
            "revisions": revisions,
            "changes": changes,
            "stored_pdfs": list(stored_documents_of(report, StoredDocument.Kind.FORWARDED_PDF)),
            "can_edit": can_edit,
            "can_submit": user.has_perm("reporting.submit_controlling_report", report),
            "can_review": user.has_perm("reporting.review_controlling_report", report),
            "can_forward": user.has_perm("reporting.forward_controlling_report", report),
            "problems": submission_problems(report) if can_edit else [],
        },
    )


@login_required
def report_edit(request, pk: int):
    report = visible_report(request, pk)
    if not request.user.has_perm("reporting.edit_controlling_report", report):
        raise Http404
    values = list(KeyFigureValue.objects.filter(report=report).select_related("figure", "field_of_action"))
    answers = sorted(
        ControllingAnswer.objects.filter(report=report).select_related("question"),
        key=lambda a: (a.question.position, a.question_id),
    )
    previous = previous_totals(report)
    form = ReportForm(request.POST or None, report=report, values=values, answers=answers, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_report(
                report=report,
                expected_version=form.cleaned_data["version"],
                figures=form.figure_inputs(),
                answers=form.answer_inputs(),
                by=request.user,
            )
        except StaleEditError:
            form.add_error(
                None,
                _(
                    "Jemand anderes hat den Bericht inzwischen gespeichert. Ihre Eingaben stehen noch im Formular; "
                    "bitte laden Sie die Seite neu, vergleichen Sie und speichern Sie erneut."
                ),
            )
        else:
            messages.success(request, _("Der Bericht wurde gespeichert."))
            return redirect(report)
    deviations = {}
    for group in form.groups():
        value = form.cleaned_data.get(f"f{group['figure'].pk}") if form.is_bound and form.is_valid() else None
        value = value if value is not None else group["total"].value
        deviations[group["figure"].pk] = deviation_message(value, group["previous"], report.template.deviation_percent)
    return render(
        request,
        "reporting/controlling/edit.html",
        {"report": report, "form": form, "deviations": deviations},
    )


@login_required
@require_POST
def report_step(request, pk: int, target: str):
    report = visible_report(request, pk)
    to = STEP_SLUGS.get(target)
    if to is None or not request.user.has_perm(CONTROLLING_TRANSITION_PERMS[to], report):
        raise Http404
    comment = request.POST.get("comment", "")[:4000]
    try:
        STEP_FUNCTIONS[to](report=report, by=request.user, comment=comment)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, STEP_MESSAGES[to])
    return redirect(report)


@login_required
def report_pdf(request, pk: int):
    """The forwarded PDF exactly as stored; otherwise the latest frozen revision or the draft."""
    report = visible_report(request, pk)
    if report.state == State.FORWARDED:
        stored = stored_documents_of(report, StoredDocument.Kind.FORWARDED_PDF).first()
        if stored:
            return FileResponse(stored.file.open("rb"), content_type="application/pdf", filename=stored.filename)
    revision = None if report.is_editable else latest_revision(report)
    filename, data = render_report_pdf(report, revision)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
