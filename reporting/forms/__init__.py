from reporting.forms.responses import CooperationForm, ReportFilterForm, ResponseForm
from reporting.forms.surveys import EditionForm, ImportForm, QuestionForm, ReopenForm, SurveyForm

__all__ = [
    "CooperationForm",
    "EditionForm",
    "ImportForm",
    "QuestionForm",
    "ReopenForm",
    "ReportFilterForm",
    "ResponseForm",
    "SurveyForm",
]
