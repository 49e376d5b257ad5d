"""Creating and editing documents. Every save is version-checked: the later of two editors gets their input back
together with the other person's change (nothing typed is lost)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.selectors import agencies_visible_to
from core.diff import diff_snapshots
from core.services import StaleEditError
from planning.forms import (
    AmendmentForm,
    AnalysisForm,
    AttachmentForm,
    ContinueAnalysisForm,
    DataPointFormSet,
    MeasureFormSet,
    MeasureReportFormSet,
    NeedFormSet,
    NewDocumentForm,
    ReportForm,
    SubGoalFormSet,
    SubGoalResultFormSet,
    TaskForm,
)
from planning.models import Attachment, MeasureReport, SubGoalResult, Task
from planning.selectors import documents_visible_to, needs_for_plan
from planning.services import documents as document_services
from planning.services.files import add_attachment, delete_attachment
from planning.views.common import get_document, stale_context, with_version

CREATE = {
    "sozialraumanalyse": document_services.create_analysis,
    "aufgabenplanung": document_services.create_plan,
    "sachbericht": document_services.create_report,
}


@login_required
def create(request, kind: str):
    if kind not in CREATE:
        raise Http404
    agency = get_object_or_404(agencies_visible_to(request.user), pk=request.GET.get("agentur") or 0)
    if not request.user.has_perm("planning.create_document", agency):
        raise Http404
    form = NewDocumentForm(request.POST or None, initial={"year": request.GET.get("jahr")})
    if request.method == "POST" and form.is_valid():
        try:
            document = CREATE[kind](agency=agency, year=form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            form.add_error("year", error)
        else:
            messages.success(request, _("Das Dokument wurde angelegt."))
            return redirect(document)
    return render(request, "planning/create.html", {"form": form, "agency": agency, "kind": kind})


def _save_rows(request, document, form, formsets, fields, after=None) -> bool | dict:
    """Saves form + formsets in one transaction with the version check. True on success, the stale context when
    someone else saved in between, False when the input is invalid."""
    if not (form.is_valid() and all(fs.is_valid() for fs in formsets)):
        return False
    try:
        with transaction.atomic():
            document_services.save_content(
                document=document, expected_version=form.cleaned_data["version"], fields=fields(), by=request.user
            )
            if after is not None:
                after()
            for formset in formsets:
                formset.save()
    except StaleEditError as error:
        return stale_context(document, error)
    return True


@login_required
def edit_analysis(request, pk: int):
    analysis = get_document(request, "sozialraumanalyse", pk, "planning.edit_document")
    data = request.POST or None
    form = AnalysisForm(data, instance=analysis, agency=analysis.agency, initial={"version": analysis.version})
    data_rows = DataPointFormSet(data, instance=analysis, prefix="daten")
    needs = NeedFormSet(data, instance=analysis, prefix="bedarfe")
    data_rows.title, needs.title = _("Daten zum Sozialraum"), _("Handlungsbedarfe")
    extra = {}
    if request.method == "POST":
        own_fields = [f for f in AnalysisForm.Meta.fields if f not in ("social_spaces", "coordinated_agencies")]

        def save_relations():
            analysis.social_spaces.set(form.cleaned_data["social_spaces"])
            analysis.coordinated_agencies.set(form.cleaned_data["coordinated_agencies"])

        result = _save_rows(
            request,
            analysis,
            form,
            [data_rows, needs],
            lambda: {f: form.cleaned_data[f] for f in own_fields},
            after=save_relations,
        )
        if result is True:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
            if "weiter" in request.POST:
                return redirect("planning:edit_analysis", pk=analysis.pk)
            return redirect(analysis)
        if result:
            extra = result
            form = AnalysisForm(with_version(request.POST, analysis.version), instance=analysis, agency=analysis.agency)
            form.is_valid()
    return render(
        request,
        "planning/edit_analysis.html",
        {
            "document": analysis,
            "form": form,
            "data_rows": data_rows,
            "needs": needs,
            "formsets": [data_rows, needs],
            **extra,
        },
    )


@login_required
def continue_analysis(request, pk: int):
    previous = get_document(request, "sozialraumanalyse", pk, "planning.amend_document")
    form = ContinueAnalysisForm(request.POST or None, initial={"year": previous.year + 2})
    if request.method == "POST" and form.is_valid():
        try:
            analysis = document_services.continue_analysis(
                previous=previous, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            form.add_error("year", error)
        else:
            messages.success(request, _("Die Fortschreibung ist angelegt und mit der bisherigen Analyse vorbefüllt."))
            return redirect("planning:edit_analysis", pk=analysis.pk)
    return render(request, "planning/continue_analysis.html", {"document": previous, "form": form})


@login_required
def compare_analysis(request, pk: int):
    analysis = get_document(request, "sozialraumanalyse", pk)
    if analysis.predecessor_id is None:
        raise Http404
    previous = get_object_or_404(documents_visible_to(request.user, type(analysis)), pk=analysis.predecessor_id)
    return render(
        request,
        "planning/compare.html",
        {"document": analysis, "previous": previous, "diff": diff_snapshots(previous.snapshot(), analysis.snapshot())},
    )


def _task_forms(request, plan, task):
    data = request.POST or None
    needs = needs_for_plan(plan)
    form = TaskForm(data, instance=task, plan=plan, needs=needs, initial={"version": plan.version})
    sub_goals = SubGoalFormSet(data, instance=task, prefix="teilziele")
    measures = MeasureFormSet(data, instance=task, prefix="massnahmen", form_kwargs={"agency": plan.agency})
    sub_goals.title, measures.title = _("Teilziele"), _("Maßnahmen")
    return form, sub_goals, measures, needs


@login_required
def edit_task(request, pk: int, task_pk: int | None = None):
    plan = get_document(request, "aufgabenplanung", pk, "planning.edit_document")
    task = get_object_or_404(Task, plan=plan, pk=task_pk) if task_pk else Task(plan=plan)
    form, sub_goals, measures, needs = _task_forms(request, plan, task)
    extra = {}
    if request.method == "POST":
        valid = form.is_valid() and sub_goals.is_valid() and measures.is_valid()
        if valid:
            try:
                with transaction.atomic():
                    document_services.save_content(
                        document=plan, expected_version=form.cleaned_data["version"], fields={}, by=request.user
                    )
                    if task.pk is None:
                        form.instance.position = plan.tasks.count()
                    saved = form.save()
                    sub_goals.instance = measures.instance = saved
                    sub_goals.save()
                    measures.save()
            except StaleEditError as error:
                extra = stale_context(plan, error)
                form = TaskForm(with_version(request.POST, plan.version), instance=task, plan=plan, needs=needs)
                form.is_valid()
            else:
                messages.success(request, _("Die Aufgabe ist gespeichert."))
                if "weiter" in request.POST:
                    return redirect("planning:edit_task", pk=plan.pk, task_pk=saved.pk)
                return redirect(plan)
    return render(
        request,
        "planning/edit_task.html",
        {
            "document": plan,
            "task": task,
            "form": form,
            "sub_goals": sub_goals,
            "measures": measures,
            "formsets": [sub_goals, measures],
            "has_needs": needs.exists(),
            **extra,
        },
    )


@login_required
@require_POST
def delete_task(request, pk: int, task_pk: int):
    plan = get_document(request, "aufgabenplanung", pk, "planning.edit_document")
    task = get_object_or_404(Task, plan=plan, pk=task_pk)
    try:
        with transaction.atomic():
            document_services.save_content(
                document=plan, expected_version=int(request.POST.get("version", 0)), fields={}, by=request.user
            )
            task.delete()
    except StaleEditError:
        messages.error(
            request, _("Die Planung wurde inzwischen geändert. Bitte prüfen Sie sie und löschen Sie erneut.")
        )
    else:
        messages.success(request, _("Die Aufgabe „%(task)s“ wurde gelöscht.") % {"task": task.title})
    return redirect(plan)


@login_required
def amend_plan(request, pk: int):
    plan = get_document(request, "aufgabenplanung", pk, "planning.amend_document")
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = document_services.start_amendment(
                plan=plan,
                kind=form.cleaned_data["amendment_kind"],
                reason=form.cleaned_data["amendment_reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die neue Fassung ist angelegt; die bisherige bleibt unverändert erhalten."))
            return redirect(amendment)
    return render(request, "planning/amend_plan.html", {"document": plan, "form": form})


@login_required
def edit_report(request, pk: int):
    report = get_document(request, "sachbericht", pk, "planning.edit_document")
    data = request.POST or None
    form = ReportForm(data, instance=report, initial={"version": report.version})
    measure_rows = MeasureReportFormSet(
        data,
        queryset=MeasureReport.objects.filter(report=report)
        .select_related("measure__task")
        .order_by("measure__task__position", "measure__task_id", "measure__position", "measure_id"),
        prefix="umsetzung",
    )
    result_rows = SubGoalResultFormSet(
        data,
        queryset=SubGoalResult.objects.filter(report=report)
        .select_related("sub_goal__task")
        .order_by("sub_goal__task__position", "sub_goal__task_id", "sub_goal__position", "sub_goal_id"),
        prefix="ergebnisse",
    )
    measure_rows.title, result_rows.title = _("Umsetzung der Maßnahmen"), _("Ergebnisse der Teilziele")
    extra = {}
    if request.method == "POST":
        result = _save_rows(
            request, report, form, [measure_rows, result_rows], lambda: {"summary": form.cleaned_data["summary"]}
        )
        if result is True:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
            if "weiter" in request.POST:
                return redirect("planning:edit_report", pk=report.pk)
            return redirect(report)
        if result:
            extra = result
            form = ReportForm(with_version(request.POST, report.version), instance=report)
            form.is_valid()
    return render(
        request,
        "planning/edit_report.html",
        {
            "document": report,
            "form": form,
            "measure_rows": measure_rows,
            "result_rows": result_rows,
            "formsets": [measure_rows, result_rows],
            "attachment_form": AttachmentForm(),
            "attachments": report.attachments.all(),
            **extra,
        },
    )


@login_required
def upload_attachment(request, pk: int):
    report = get_document(request, "sachbericht", pk, "planning.edit_document")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_attachment(
                report=report,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Die Anlage wurde dem Sachbericht beigefügt."))
            return redirect("planning:edit_report", pk=report.pk)
    return render(request, "planning/upload_attachment.html", {"document": report, "form": form})


@login_required
def attachment(request, attachment_pk: int):
    from django.http import FileResponse

    item = get_object_or_404(Attachment.objects.select_related("report"), pk=attachment_pk)
    get_document(request, "sachbericht", item.report_id)  # 404 unless the user may see the report
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@login_required
@require_POST
def remove_attachment(request, attachment_pk: int):
    item = get_object_or_404(Attachment.objects.select_related("report"), pk=attachment_pk)
    get_document(request, "sachbericht", item.report_id, "planning.edit_document")
    try:
        delete_attachment(attachment=item, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Die Anlage „%(name)s“ wurde entfernt.") % {"name": item.original_name})
    return redirect("planning:edit_report", pk=item.report_id)


@login_required
@require_POST
def adopt_template(request, kind: str, pk: int):
    document = get_document(request, kind, pk, "planning.edit_document")
    try:
        document_services.adopt_current_template(
            document=document, expected_version=int(request.POST.get("version", 0)), by=request.user
        )
    except (ValidationError, StaleEditError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Das Dokument steht jetzt auf dem aktuellen Raster. Bitte prüfen Sie die Angaben."))
    return redirect(document)
