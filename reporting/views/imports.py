"""Importing historic answers: upload, check (errors per row and column), confirm; the per-survey template."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from reporting.forms import ImportForm
from reporting.models import ResponseImport
from reporting.services import imports as import_service
from reporting.views.common import owned_survey


@login_required
def import_upload(request, pk: int):
    survey = owned_survey(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if not survey.is_launched:
        messages.info(
            request,
            _("Importieren können Sie, sobald die Umfrage gestartet ist (die befragten Agenturen stehen fest)."),
        )
        return redirect(survey)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending, _check = import_service.upload(
            survey=survey, filename=upload.name, content=upload.read(), by=request.user
        )
        return redirect("reporting:import_check", survey.pk, pending.pk)
    return render(request, "reporting/surveys/import_upload.html", {"survey": survey, "form": form})


@login_required
def import_check(request, pk: int, import_pk: int):
    survey = owned_survey(request, pk)
    pending = get_object_or_404(ResponseImport, survey=survey, pk=import_pk)
    if request.method == "POST" and pending.status == ResponseImport.Status.PENDING:
        if "verwerfen" in request.POST:
            ResponseImport.objects.filter(pk=pending.pk).update(status=ResponseImport.Status.DISCARDED)
            messages.info(request, _("Der Import wurde verworfen; es wurde nichts übernommen."))
            return redirect(survey)
        try:
            count = import_service.confirm(
                pending=pending, only_valid=bool(request.POST.get("nur_gueltige")), by=request.user
            )
        except import_service.ImportRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(n)d Antworten wurden importiert.") % {"n": count})
            return redirect(survey)
    result = import_service.check(survey, filename=pending.filename, content=bytes(pending.content))
    return render(
        request,
        "reporting/surveys/import_check.html",
        {"survey": survey, "pending": pending, "result": result},
    )


@login_required
def import_template(request, pk: int, extension: str):
    survey = owned_survey(request, pk)
    if extension not in ("csv", "xlsx"):
        raise Http404
    header, rows, explanation = import_service.template_rows(survey)
    filename = f"vorlage-{slugify(survey.title)[:50]}-{slugify(survey.edition)}.{extension}"
    if extension == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = _("Antworten")
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        help_sheet = book.create_sheet(_("Erläuterung"))
        help_sheet.append([_("Spalte"), _("Frage"), _("Erlaubte Werte")])
        for row in explanation:
            help_sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
