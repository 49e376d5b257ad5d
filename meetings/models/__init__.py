from meetings.models.groups import AnnualPlan, GroupKind, LogEntry, Member, MemberKind, WorkingGroup
from meetings.models.meetings import (
    AgendaAttachment,
    AgendaItem,
    AgendaProposal,
    Attendance,
    Meeting,
    Notice,
    ProposalStatus,
    Response,
)
from meetings.models.protocols import ActionItem, Protocol
from meetings.models.topics import PresentationVolunteer, TopicProposal, TopicVote

__all__ = [
    "ActionItem",
    "AgendaAttachment",
    "AgendaItem",
    "AgendaProposal",
    "AnnualPlan",
    "Attendance",
    "GroupKind",
    "LogEntry",
    "Meeting",
    "Member",
    "MemberKind",
    "Notice",
    "PresentationVolunteer",
    "ProposalStatus",
    "Protocol",
    "Response",
    "TopicProposal",
    "TopicVote",
    "WorkingGroup",
]
