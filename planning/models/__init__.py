from planning.models.analysis import DataPoint, Need, SocialSpaceAnalysis
from planning.models.base import PlanningDocument
from planning.models.plan import MONTHS, Measure, SubGoal, Task, TaskPlan
from planning.models.report import ActivityReport, Attachment, MeasureReport, SubGoalResult

__all__ = [
    "MONTHS",
    "ActivityReport",
    "Attachment",
    "DataPoint",
    "Measure",
    "MeasureReport",
    "Need",
    "PlanningDocument",
    "SocialSpaceAnalysis",
    "SubGoal",
    "SubGoalResult",
    "Task",
    "TaskPlan",
]

# The URL slug of each document kind → its model. Views and services look documents up through this.
DOCUMENT_MODELS = {model.URL_KIND: model for model in (SocialSpaceAnalysis, TaskPlan, ActivityReport)}
