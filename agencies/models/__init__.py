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

__all__ = [
    "Agency",
    "Assignment",
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
    "StaffMember",
    "WelfareAssociation",
]
