from funding.models.deadlines import (
    DOCUMENT_BACKED_KINDS,
    Anchor,
    DeadlineRule,
    DeadlineRuleChange,
    Debtor,
    Obligation,
    ObligationEvent,
    ObligationState,
    Tier,
    YearSelection,
)
from funding.models.phases import DocumentKind, FundingPhase, FundingYear, PhaseLogo, TemplateVersion
from funding.models.reminders import CalendarFeedToken, Digest, Reminder, ReminderStatus

__all__ = [
    "DOCUMENT_BACKED_KINDS",
    "Anchor",
    "CalendarFeedToken",
    "DeadlineRule",
    "DeadlineRuleChange",
    "Debtor",
    "Digest",
    "DocumentKind",
    "FundingPhase",
    "FundingYear",
    "Obligation",
    "ObligationEvent",
    "ObligationState",
    "PhaseLogo",
    "Reminder",
    "ReminderStatus",
    "TemplateVersion",
    "Tier",
    "YearSelection",
]
