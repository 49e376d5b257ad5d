from reporting.models.cooperation import Cooperation, CooperationFrequency, CooperationKind, CooperationRegularity
from reporting.models.responses import Answer, Response, ResponseImport, ResponseSource, ResponseState
from reporting.models.surveys import (
    Audience,
    Option,
    Question,
    QuestionKind,
    Survey,
    SurveyLogEntry,
    SurveyReminder,
    SurveyState,
    SurveyTarget,
)

__all__ = [
    "Answer",
    "Audience",
    "Cooperation",
    "CooperationFrequency",
    "CooperationKind",
    "CooperationRegularity",
    "Option",
    "Question",
    "QuestionKind",
    "Response",
    "ResponseImport",
    "ResponseSource",
    "ResponseState",
    "Survey",
    "SurveyLogEntry",
    "SurveyReminder",
    "SurveyState",
    "SurveyTarget",
]
