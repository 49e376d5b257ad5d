"""The report of 2,000 responses: a fixed number of queries (its time is measured in benchmarks/jobs.py)."""

import random

import pytest

from agencies.models import Agency
from reporting.models import Answer, Option, Response, ResponseState, SurveyTarget
from reporting.services import report as report_service
from tests import factories
from tests.reporting.factories import cooperation_survey, launch

pytestmark = pytest.mark.django_db

SIZE = 2000


@pytest.fixture
def big_survey(world):
    provider, municipality = world.provider, world.agency.municipality
    field = world.agency.primary_field
    Agency.objects.bulk_create(
        [
            Agency(name=f"Agentur {i}", provider=provider, municipality=municipality, primary_field=field)
            for i in range(SIZE - 3)
        ]
    )
    survey = launch(cooperation_survey())
    agency_ids = list(SurveyTarget.objects.filter(survey=survey).values_list("agency_id", flat=True))
    assert len(agency_ids) == SIZE
    questions = {q.key: q for q in survey.questions.all()}
    options = {
        (o.question.key, o.key): o.pk for o in Option.objects.filter(question__survey=survey).select_related("question")
    }
    Response.objects.bulk_create(
        [Response(survey=survey, agency_id=pk, state=ResponseState.SUBMITTED) for pk in agency_ids]
    )
    responses = list(Response.objects.filter(survey=survey).values_list("pk", "agency_id"))
    rng = random.Random(7)
    answers = []
    for response_id, _agency in responses:
        for key in ("andere", "partner", "art"):
            answers.append(
                Answer(
                    response_id=response_id,
                    question=questions[key],
                    other_text="Netzwerk" if key == "art" and rng.random() < 0.2 else "",
                )
            )
    Answer.objects.bulk_create(answers, batch_size=500)
    links, partners = [], []
    agency_of = dict(responses)
    for answer_id, response_id, key in Answer.objects.filter(response__survey=survey).values_list(
        "pk", "response_id", "question__key"
    ):
        if key == "andere":
            links.append(
                Answer.options.through(answer_id=answer_id, option_id=options[("andere", rng.choice(["ja", "nein"]))])
            )
        elif key == "art":
            for option in rng.sample(["information", "events", "area"], k=rng.randint(1, 3)):
                links.append(Answer.options.through(answer_id=answer_id, option_id=options[("art", option)]))
        else:
            for partner in rng.sample(agency_ids, k=rng.randint(0, 6)):
                if partner != agency_of[response_id]:
                    partners.append(Answer.partners.through(answer_id=answer_id, agency_id=partner))
    Answer.options.through.objects.bulk_create(links, batch_size=1000)
    Answer.partners.through.objects.bulk_create(partners, batch_size=1000)
    return survey


def test_report_of_2000_responses_is_read_in_a_fixed_number_of_queries(big_survey, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        report = report_service.compute(big_survey, named=True)
    assert report.respondent_count == SIZE
    assert report.by_key()["art"].base == SIZE
    assert report.by_key()["partner"].network.link_count > 4000


def test_report_page_of_2000_responses_renders(client, big_survey, django_assert_max_num_queries):
    client.force_login(factories.state_level_user())
    with django_assert_max_num_queries(17):  # 16 + the cache fingerprint
        response = client.get(f"/umfragen/{big_survey.pk}/bericht/")
    assert response.status_code == 200
    assert f"{SIZE} von {SIZE} befragten Agenturen" in response.content.decode()
