"""Lookups shared by the survey views: every object is found through a selector and checked by a rule;
a foreign object answers 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from reporting.models import Survey
from reporting.selectors import surveys_visible_to


def visible_survey(request, pk: int) -> Survey:
    return get_object_or_404(surveys_visible_to(request.user), pk=pk)


def owned_survey(request, pk: int) -> Survey:
    survey = visible_survey(request, pk)
    if not request.user.has_perm("reporting.manage_survey", survey):
        raise Http404
    return survey
