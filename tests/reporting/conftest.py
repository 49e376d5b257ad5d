"""A small hand-computed data set: eight agencies of two associations in two cities, six answers."""

from dataclasses import dataclass

import pytest

from reporting.models import QuestionKind, Survey
from tests import factories
from tests.reporting.factories import SurveyFactory, add_question, answer, launch


@dataclass
class Sample:
    survey: Survey
    a: list  # association A, city X
    b: list  # association B, city Y


@pytest.fixture
def sample(db) -> Sample:
    awo = factories.WelfareAssociationFactory(short_name="AWO", colour="#c8102e")
    caritas = factories.WelfareAssociationFactory(short_name="Caritas", colour="#7a1f3d")
    x = factories.MunicipalityFactory(name="Xstadt")
    y = factories.MunicipalityFactory(name="Ystadt")
    provider_a = factories.ProviderFactory(district=factories.DistrictAssociationFactory(welfare_association=awo))
    provider_b = factories.ProviderFactory(district=factories.DistrictAssociationFactory(welfare_association=caritas))
    a = [factories.AgencyFactory(name=f"A{i}", provider=provider_a, municipality=x) for i in range(1, 5)]
    b = [factories.AgencyFactory(name=f"B{i}", provider=provider_b, municipality=y) for i in range(1, 5)]
    survey = SurveyFactory()
    add_question(survey, "andere", QuestionKind.YES_NO, required=True, position=1)
    add_question(survey, "partner", QuestionKind.AGENCY, bins="0, 1, 2, 3, 4-6, 7-10", position=2)
    add_question(
        survey, "art", QuestionKind.MULTIPLE, options=("information", "events", "area"), allow_other=True, position=3
    )
    add_question(survey, "anzahl", QuestionKind.NUMBER, bins="0, 1-2, 3-5", position=4)
    wish = add_question(survey, "wunsch", QuestionKind.YES_NO, position=5)
    add_question(survey, "details", QuestionKind.TEXT, position=6, condition_question=wish, condition_option_key="ja")
    launch(survey)
    a1, a2, a3, _a4 = a
    b1, b2, b3, b4 = b
    answer(
        survey,
        a1,
        {
            "andere": "ja",
            "partner": [a2, b1],
            "art": ["information", "events"],
            "anzahl": 0,
            "wunsch": "ja",
            "details": "Fortbildung",
        },
    )
    answer(
        survey,
        a2,
        {
            "andere": "ja",
            "partner": [a1],
            "art": ["information"],
            "anzahl": 2,
            "wunsch": "nein",
            "details": "wird verworfen",
        },
    )
    answer(survey, a3, {"andere": "nein", "art": [("sonstiges", "Netzwerk")], "anzahl": 5})
    answer(survey, b1, {"andere": "ja", "partner": [a1, a2, a3, b2], "art": ["information", "area"], "anzahl": 7})
    answer(survey, b2, {"andere": "nein"})
    answer(survey, b3, {"andere": "ja", "partner": [b1], "art": ["events"]})
    answer(survey, b4, {"andere": "ja"}, submit=False)  # a draft does not count
    return Sample(survey=survey, a=a, b=b)
