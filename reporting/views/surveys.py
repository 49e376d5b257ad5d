"""Survey list, building a survey (settings and questions while a draft), launching, closing, new editions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import scope_for
from reporting.forms import EditionForm, QuestionForm, SurveyForm
from reporting.models import Question, Response, ResponseState, SurveyTarget
from reporting.selectors import answering_agencies, own_agencies_q, surveys_visible_to, with_response_counts
from reporting.services import surveys as survey_service
from reporting.services.stats import percent
from reporting.views.common import owned_survey, visible_survey


@login_required
def survey_list(request):
    scope = scope_for(request.user)
    surveys = with_response_counts(surveys_visible_to(request.user))
    if scope.agency_ids:
        own = Response.objects.filter(survey=OuterRef("pk"), agency_id__in=scope.agency_ids).order_by("-state")
        surveys = surveys.annotate(own_state=Subquery(own.values("state")[:1]))
    page = Paginator(surveys.order_by("-opens_on", "title", "pk"), settings.AGENTURNETZ_PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(
        request,
        "reporting/surveys/list.html",
        {"page": page, "can_create": request.user.has_perm("reporting.create_survey")},
    )


@login_required
def survey_create(request):
    if not request.user.has_perm("reporting.create_survey"):
        raise PermissionDenied
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            survey = survey_service.create_survey(survey=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Umfrage wurde als Entwurf angelegt. Fügen Sie nun die Fragen hinzu."))
            return redirect(survey)
    return render(request, "reporting/surveys/form.html", {"form": form})


@login_required
def survey_edit(request, pk: int):
    survey = owned_survey(request, pk)
    form = SurveyForm(request.POST or None, instance=survey, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Die Angaben zur Umfrage wurden gespeichert."))
        return redirect(survey)
    return render(request, "reporting/surveys/form.html", {"form": form, "survey": survey})


@login_required
def survey_detail(request, pk: int):
    survey = visible_survey(request, pk)
    is_owner = request.user.has_perm("reporting.manage_survey", survey)
    context = {
        "survey": survey,
        "is_owner": is_owner,
        "can_view_report": request.user.has_perm("reporting.view_report", survey),
        "questions": survey.questions.prefetch_related("options").select_related("condition_question"),
        "my_agencies": answering_agencies(request.user, survey),
    }
    if is_owner:
        state = Response.objects.filter(survey=survey, agency=OuterRef("agency"))
        targets = list(
            SurveyTarget.objects.filter(survey=survey)
            .select_related("agency__provider__district__welfare_association", "agency__municipality")
            .annotate(
                response_state=Subquery(state.values("state")[:1]),
                response_id=Subquery(state.values("pk")[:1]),
            )
            .order_by("agency__municipality__name", "agency__name")
        )
        submitted = sum(1 for target in targets if target.response_state == ResponseState.SUBMITTED)
        context.update(
            targets=targets,
            submitted=submitted,
            drafts=sum(1 for target in targets if target.response_state == ResponseState.DRAFT),
            rate=percent(submitted, len(targets)),
            log=survey.log.select_related("by", "agency")[:20],
            imports=survey.imports.select_related("uploaded_by")[:10],
            edition_form=EditionForm(),
        )
    else:
        scope = scope_for(request.user)
        context["own_responses"] = Response.objects.filter(own_agencies_q(scope), survey=survey).select_related(
            "agency"
        )
    return render(request, "reporting/surveys/detail.html", context)


@login_required
def question_edit(request, pk: int, question_pk: int | None = None):
    survey = owned_survey(request, pk)
    question = get_object_or_404(survey.questions, pk=question_pk) if question_pk else None
    if not survey.is_draft:
        messages.error(request, _("Die Fragen einer gestarteten Umfrage sind eingefroren."))
        return redirect(survey)
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            survey_service.save_question(
                question=form.save(commit=False), options=form.cleaned_data["options_text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        except survey_service.SurveyError as error:
            messages.error(request, str(error))
            return redirect(survey)
        else:
            messages.success(request, _("Die Frage wurde gespeichert."))
            return redirect(survey)
    return render(request, "reporting/surveys/question_form.html", {"form": form, "survey": survey})


@login_required
@require_POST
def question_delete(request, pk: int, question_pk: int):
    survey = owned_survey(request, pk)
    question = get_object_or_404(Question, survey=survey, pk=question_pk)
    try:
        survey_service.delete_question(question=question, by=request.user)
        messages.success(request, _("Die Frage wurde gelöscht."))
    except survey_service.SurveyError as error:
        messages.error(request, str(error))
    return redirect(survey)


@login_required
@require_POST
def survey_launch(request, pk: int):
    survey = owned_survey(request, pk)
    try:
        count = survey_service.launch_survey(survey=survey, by=request.user)
        messages.success(request, _("Die Umfrage läuft. %(n)d Agenturen wurden befragt.") % {"n": count})
    except survey_service.SurveyError as error:
        messages.error(request, str(error))
    return redirect(survey)


@login_required
@require_POST
def survey_close(request, pk: int):
    survey = owned_survey(request, pk)
    try:
        survey_service.close_survey(survey=survey, by=request.user)
        messages.success(request, _("Die Umfrage ist abgeschlossen."))
    except survey_service.SurveyError as error:
        messages.error(request, str(error))
    return redirect(survey)


@login_required
@require_POST
def survey_new_edition(request, pk: int):
    survey = owned_survey(request, pk)
    form = EditionForm(request.POST)
    if form.is_valid():
        try:
            copy = survey_service.new_edition(survey=survey, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Die neue Ausgabe wurde als Entwurf angelegt."))
            return redirect(copy)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(survey)
