from agencies.models.membership import Membership, Role
from agencies.models.organisations import (
    Agency,
    DistrictAssociation,
    FieldOfAction,
    FundingAuthority,
    Municipality,
    PartnerOrganisation,
    Provider,
    Site,
    SocialSpace,
    WelfareAssociation,
)
from agencies.models.staff import Assignment, Position, StaffMember
from agencies.models.staff_changes import (
    ChangeKind,
    StaffChange,
    StaffChangeDecision,
    StaffChangeEvent,
)

__all__ = [
    "Agency",
    "Assignment",
    "ChangeKind",
    "DistrictAssociation",
    "FieldOfAction",
    "FundingAuthority",
    "Membership",
    "Municipality",
    "PartnerOrganisation",
    "Position",
    "Provider",
    "Role",
    "Site",
    "SocialSpace",
    "StaffChange",
    "StaffChangeDecision",
    "StaffChangeEvent",
    "StaffMember",
    "WelfareAssociation",
]
