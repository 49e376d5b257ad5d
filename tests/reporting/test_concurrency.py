"""Two specialists of one agency submit at the same moment: exactly one submission wins (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from reporting.models import Response, ResponseState, SurveyLogEntry
from reporting.services import responses as response_service
from reporting.services.answers import AnswerValue
from tests import factories
from tests.reporting.factories import cooperation_survey, launch


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_of_one_agency_yield_one_submission(requires_postgres, world):
    survey = launch(cooperation_survey())
    users = [factories.specialist_of(world.agency) for _ in range(4)]
    question = survey.questions.get(key="andere")
    barrier = threading.Barrier(len(users))
    outcomes: list[str] = []

    def submit(user):
        try:
            barrier.wait()
            response = response_service.start_response(survey=survey, agency=world.agency, by=user)
            response_service.submit_response(
                response=response,
                values={question.pk: AnswerValue(option_keys=["ja"])},
                version=response.version,
                by=user,
            )
            outcomes.append("ok")
        except response_service.ResponseError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Response.objects.filter(survey=survey, agency=world.agency).count() == 1
    assert Response.objects.get().state == ResponseState.SUBMITTED
    assert outcomes.count("ok") == 1 and outcomes.count("lost") == len(users) - 1
    assert SurveyLogEntry.objects.filter(action=SurveyLogEntry.Action.SUBMITTED).count() == 1
