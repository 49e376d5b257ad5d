"""The report of a survey (filters, comparison with an earlier edition) and its exports."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from reporting.forms import ReportFilterForm
from reporting.services import charts, exports
from reporting.services import network as network_service
from reporting.services import report as report_service
from reporting.views.common import owned_survey, visible_survey


def _selection(request, pk: int):
    """The survey the user may see the report of, the filter form, and what it selects."""
    survey = visible_survey(request, pk)
    if not request.user.has_perm("reporting.view_report", survey):
        raise Http404
    editions = [
        edition
        for edition in report_service.editions_of(survey).order_by("-opens_on")
        if request.user.has_perm("reporting.view_report", edition)
    ]
    form = ReportFilterForm(request.GET or None, editions=editions)
    data = form.cleaned_data if form.is_valid() else {}
    filters = report_service.Filters(
        association=getattr(data.get("verband"), "pk", None),
        district=getattr(data.get("bezirk"), "pk", None),
        municipality=getattr(data.get("kommune"), "pk", None),
    )
    named = request.user.has_perm("reporting.manage_survey", survey)
    earlier = next((edition for edition in editions if edition.pk == data.get("vergleich")), None)
    return survey, form, filters, named, earlier


def _computed(survey, filters, named, earlier, *, compute=report_service.cached_compute):
    report = compute(survey, filters=filters, named=named)
    if earlier is not None:
        report_service.compare(report, compute(earlier, filters=filters, named=False))
    return report


def _report(request, pk: int):
    survey, form, filters, named, earlier = _selection(request, pk)
    return survey, form, _computed(survey, filters, named, earlier)


def _charts(report) -> dict:
    """One SVG per question with options or bins, and one network picture per agency picker."""
    pictures = {}
    for result in report.questions:
        earlier = result.earlier
        if result.options:
            rows = [(option.label, option.count, option.percent) for option in result.options]
            compare = [earlier.get(option.key) for option in result.options] if earlier else None
        elif result.bins:
            rows = [(item.label, item.count, item.percent) for item in result.bins]
            compare = [earlier.get(item.label) for item in result.bins] if earlier else None
        else:
            rows = []
        if rows:
            pictures[result.key] = charts.bar_chart(rows, title=result.question.text, compare=compare)
        if result.network is not None and result.network.nodes:
            pictures[result.key + "__network"] = network_service.svg(
                result.network, labelled=report.named, title=result.question.text
            )
    return pictures


@login_required
def report(request, pk: int):
    survey, form, filters, named, earlier = _selection(request, pk)
    # The body (figures, tables, charts) depends only on the responses, the selection and the language, so it is
    # kept under the same fingerprint as the computed report; the form and links around it are rendered each time.
    key = report_service.cache_key(
        survey, filters=filters, named=named, variant=("html", earlier.pk if earlier else None)
    )
    body = cache.get(key)
    if body is None:
        result = _computed(survey, filters, named, earlier, compute=report_service.compute)  # fingerprinted above
        body = render_to_string(
            "reporting/surveys/_report_body.html", {"survey": survey, "report": result, "charts": _charts(result)}
        )
        cache.set(key, str(body), report_service.REPORT_CACHE_SECONDS)
    return render(
        request,
        "reporting/surveys/report.html",
        {
            "survey": survey,
            "form": form,
            "body": mark_safe(body),  # rendered by our own template above
            "query": request.GET.urlencode(),
            "is_owner": named,
        },
    )


def _filename(survey, extension: str) -> str:
    return f"{slugify(survey.title)[:60]}-{slugify(survey.edition)}.{extension}"


@login_required
def report_pdf(request, pk: int):
    survey, _form, result = _report(request, pk)
    content = exports.pdf_bytes({"survey": survey, "report": result, "charts": _charts(result)})
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "pdf")}"'
    return response


@login_required
def report_xlsx(request, pk: int):
    survey, _form, result = _report(request, pk)
    content = exports.xlsx_bytes(result, include_raw=result.named)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "xlsx")}"'
    return response


@login_required
def responses_csv(request, pk: int):
    """Raw answers, one row per agency: only for the owner (single answers are not aggregates)."""
    survey = owned_survey(request, pk)
    response = HttpResponse(exports.csv_bytes(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "csv")}"'
    return response
