"""Read queries for staff changes. Every list and detail starts from `staff_changes_visible_to`."""

from datetime import date, timedelta

from django.db.models import Count, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from agencies.access import scope_for
from agencies.models import Position, StaffChange, StaffMember
from agencies.models.staff_changes import HIRE_KINDS, warning_days
from agencies.selectors import ZERO_FTE, active_assignments
from core.workflow import State


def staff_change_q(user) -> Q:
    """Provider managers see their providers' changes, coordinators their district's filed ones (not drafts), the
    funding authority only what was forwarded to it. Specialists and the state level see none (personal data)."""
    scope = scope_for(user)
    if scope.is_administrator:
        return Q()
    q = Q(pk__in=[])
    if scope.provider_ids:
        q |= Q(agency__provider_id__in=scope.provider_ids)
    if scope.district_ids:  # the coordination sees a change once it was filed, not the provider's drafts
        q |= Q(agency__provider__district_id__in=scope.district_ids) & ~Q(state=State.DRAFT)
    if scope.funding_authority_ids:
        q |= Q(state=State.FORWARDED, agency__provider__district__funding_authority_id__in=scope.funding_authority_ids)
    return q


def staff_changes_visible_to(user) -> QuerySet[StaffChange]:
    return StaffChange.objects.filter(staff_change_q(user)).select_related(
        "agency__provider__district__funding_authority", "staff_member", "decision", "created_by"
    )


def attention_first(queryset: QuerySet[StaffChange]) -> QuerySet[StaffChange]:
    return queryset.order_by("effective_on", "pk")


# The columns `_short_list.html` reads: kind, state, date and whether applied; whom or what it is about
# (StaffChange.subject); the agency's name and the decision's outcome.
SHORT_LIST_FIELDS = (
    "kind",
    "state",
    "effective_on",
    "applied_at",
    "first_name",
    "last_name",
    "street",
    "postcode",
    "city",
    "agency__name",
    "staff_member__first_name",
    "staff_member__last_name",
    "site__kind",
    "site__street",
    "site__postcode",
    "site__city",
    "decision__outcome",
)


def for_short_list(queryset: QuerySet[StaffChange]) -> QuerySet[StaffChange]:
    """Only the relations and columns a short list shows (agency, person or site, decision): the district's
    authority and the author stay unjoined, the change's other fields unread."""
    return (
        queryset.select_related(None)
        .select_related("agency", "staff_member", "site", "decision")
        .only(*SHORT_LIST_FIELDS)
    )


def awaiting_check(queryset: QuerySet[StaffChange]) -> QuerySet[StaffChange]:
    """Filed and waiting for the coordination: to check (submitted) or to forward (released)."""
    return queryset.filter(state__in=[State.SUBMITTED, State.APPROVED])


def undecided_near(queryset: QuerySet[StaffChange], today: date) -> QuerySet[StaffChange]:
    """Approval-requiring changes without decision whose date is within the warning period or already passed."""
    return queryset.undecided().filter(effective_on__lte=today + timedelta(days=warning_days()))


def new_staff_missing_contact(user) -> QuerySet[StaffMember]:
    """Staff hired through a change whose contact data are still incomplete, for the provider or district."""
    scope = scope_for(user)
    if not (scope.provider_ids or scope.district_ids or scope.is_administrator):
        return StaffMember.objects.none()
    hires = StaffChange.objects.filter(
        staff_change_q(user), kind__in=HIRE_KINDS, hired_staff_member__isnull=False
    ).values("hired_staff_member")
    staff = StaffMember.objects.filter(pk__in=hires).filter(Q(email="") | Q(phone="") | Q(qualification=""))
    return staff.select_related("provider").order_by("employed_from", "last_name")


def vacancies(agencies, day: date) -> QuerySet[Position]:
    """Positions running on `day` that are not (fully) staffed on that day."""
    staffed = (
        active_assignments(day)
        .filter(position=OuterRef("pk"))
        .order_by()
        .values("position")
        .annotate(total=Sum("fte"))
        .values("total")
    )
    decimal = DecimalField(max_digits=8, decimal_places=2)
    return (
        Position.objects.active_on(day)
        .filter(agency__in=agencies)
        .annotate(staffed=Coalesce(Subquery(staffed, output_field=decimal), ZERO_FTE))
        .filter(staffed__lt=F("fte"))
        .annotate(open_fte=F("fte") - F("staffed"))
        .select_related("agency__provider")
        .order_by("agency__name", "valid_from")
    )


def counts_by_state(queryset: QuerySet[StaffChange]) -> dict[str, int]:
    return {row["state"]: row["n"] for row in queryset.order_by().values("state").annotate(n=Count("pk"))}


def history_days(today: date, months: int = 12) -> list[date]:
    """The first day of each of the last `months` months, oldest first, ending with today."""
    days = []
    year, month = today.year, today.month
    for _ in range(months - 1):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        days.append(date(year, month, 1))
    return [*reversed(days), today]
