"""Answering a survey for one's agency, reading a response, reopening it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from reporting.forms import ReopenForm, ResponseForm
from reporting.models import Response
from reporting.selectors import answering_agencies, responses_visible_to
from reporting.services import responses as response_service
from reporting.services.answers import is_visible
from reporting.views.common import visible_survey


@login_required
def respond(request, pk: int):
    survey = visible_survey(request, pk)
    agencies = list(answering_agencies(request.user, survey))
    if not agencies:
        raise Http404
    chosen = request.GET.get("agentur") or request.POST.get("agentur")
    agency = next((a for a in agencies if str(a.pk) == chosen), agencies[0])
    if not survey.is_open:
        messages.info(request, _("Diese Umfrage nimmt keine Antworten mehr an."))
        return redirect(survey)
    # A response row is created on the first save, not by merely looking at the questionnaire.
    response = Response.objects.filter(survey=survey, agency=agency).first()
    if response is None:
        response = Response(survey=survey, agency=agency)
    elif not request.user.has_perm("reporting.edit_response", response):
        return redirect(response)
    questions = response_service.questions_of(survey)
    form = ResponseForm(
        request.POST or None,
        questions=questions,
        agency=agency,
        initial_values=response_service.load_values(response) if response.pk else {},
        initial={"version": response.version},
    )
    if request.method == "POST" and form.is_valid():
        submit = "abschicken" in request.POST
        action = response_service.submit_response if submit else response_service.save_draft
        if response.pk is None:
            response = response_service.start_response(survey=survey, agency=agency, by=request.user)
        try:
            action(response=response, values=form.values(), version=form.cleaned_data["version"], by=request.user)
        except ValidationError as error:
            form.add_answer_errors(error.message_dict)
        except response_service.ResponseError as error:
            form.add_error(None, str(error))
        else:
            if submit:
                messages.success(request, _("Vielen Dank! Die Antwort Ihrer Agentur wurde abgeschickt."))
                return redirect(response)
            messages.success(request, _("Ihr Entwurf wurde gespeichert. Sie können später weitermachen."))
            return redirect(f"{request.path}?agentur={agency.pk}")
    return render(
        request,
        "reporting/surveys/respond.html",
        {"survey": survey, "agency": agency, "agencies": agencies, "form": form, "response": response},
    )


def _response(request, pk: int, response_pk: int, permission: str):
    """The survey and one of its responses, found through the selectors and checked by `permission`."""
    survey = visible_survey(request, pk)
    response = get_object_or_404(responses_visible_to(request.user, survey), pk=response_pk)
    if not request.user.has_perm(permission, response):
        raise Http404
    return survey, response


@login_required
def response_detail(request, pk: int, response_pk: int):
    survey, response = _response(request, pk, response_pk, "reporting.view_response")
    questions = response_service.questions_of(survey)
    values = response_service.load_values(response)
    by_id = {question.pk: question for question in questions}
    rows = [
        {"question": question, "value": values.get(question.pk), "labels": _labels(question, values.get(question.pk))}
        for question in questions
        if is_visible(question, values, by_id)
    ]
    partner_ids = {pk for value in values.values() for pk in value.partner_ids}
    partners = dict(Agency.objects.filter(pk__in=partner_ids).values_list("pk", "name"))
    return render(
        request,
        "reporting/surveys/response_detail.html",
        {
            "survey": survey,
            "response": response,
            "rows": rows,
            "partners": partners,
            "can_edit": request.user.has_perm("reporting.edit_response", response),
            "can_reopen": request.user.has_perm("reporting.reopen_response", response),
            "reopen_form": ReopenForm(),
        },
    )


def _labels(question, value) -> list[str]:
    if value is None:
        return []
    options = {option.key: option.label for option in question.options.all()}
    return [options[key] for key in value.option_keys if key in options]


@login_required
@require_POST
def response_reopen(request, pk: int, response_pk: int):
    _survey, response = _response(request, pk, response_pk, "reporting.reopen_response")
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            response_service.reopen_response(response=response, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, _("Die Antwort ist wieder geöffnet; die Agentur kann sie ändern."))
        except (ValidationError, response_service.ResponseError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.error(request, _("Bitte begründen Sie, warum die Antwort wieder geöffnet wird."))
    return redirect(response)
