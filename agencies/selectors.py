"""Read queries of the registry. Every list and detail starts from `agencies_visible_to`."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from agencies.access import scope_for
from agencies.models import Agency, Assignment, DistrictAssociation, PartnerOrganisation, Position, StaffMember
from agencies.models.staff import active_on_q

ZERO_FTE = Value(Decimal("0.00"), output_field=DecimalField(max_digits=8, decimal_places=2))


def agencies_visible_to(user) -> QuerySet[Agency]:
    return Agency.objects.filter(scope_for(user).agency_q()).select_related(
        "provider__district__welfare_association", "municipality", "primary_field"
    )


def active_assignments(day: date) -> QuerySet[Assignment]:
    """Assignments on `day` whose position and employment also run on that day."""
    return (
        Assignment.objects.filter(active_on_q(day), active_on_q(day, "position__"))
        .filter(staff_member__employed_from__lte=day)
        .exclude(staff_member__employed_to__lt=day)
    )


def with_figures(queryset: QuerySet[Agency], day: date) -> QuerySet[Agency]:
    """Annotates funded_fte (positions), staffed_fte (assignments) and head_count for `day`.

    Subqueries, not joins: joining positions and assignments at once would multiply rows and sums.
    """
    staffed = (
        active_assignments(day)
        .filter(position__agency=OuterRef("pk"))
        .order_by()
        .values("position__agency")
        .annotate(total=Sum("fte"), heads=Count("staff_member", distinct=True))
    )
    decimal = DecimalField(max_digits=8, decimal_places=2)
    return with_funded_fte(queryset, day).annotate(
        staffed_fte=Coalesce(Subquery(staffed.values("total"), output_field=decimal), ZERO_FTE),
        head_count=Coalesce(Subquery(staffed.values("heads"), output_field=IntegerField()), Value(0)),
    )


def with_funded_fte(queryset: QuerySet[Agency], day: date) -> QuerySet[Agency]:
    """Annotates funded_fte: the fte of the agency's positions running on `day`."""
    funded = (
        Position.objects.active_on(day)
        .filter(agency=OuterRef("pk"))
        .order_by()
        .values("agency")
        .annotate(total=Sum("fte"))
    )
    decimal = DecimalField(max_digits=8, decimal_places=2)
    return queryset.annotate(funded_fte=Coalesce(Subquery(funded.values("total"), output_field=decimal), ZERO_FTE))


def fields_of_action_by_agency(agency_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Per agency its fields of action as (pk, short name) in the catalogue's order. Plain rows from one query: for a
    page of agencies about half what a prefetch of FieldOfAction instances costs."""
    rows = (
        Agency.fields_of_action.through.objects.filter(agency_id__in=agency_ids)
        .order_by("fieldofaction__position", "fieldofaction__name")
        .values_list("agency_id", "fieldofaction_id", "fieldofaction__short_name")
    )
    fields: dict[int, list[tuple[int, str]]] = {}
    for agency_id, field_id, short_name in rows:
        fields.setdefault(agency_id, []).append((field_id, short_name))
    return fields


@dataclass(frozen=True)
class Figures:
    agencies: int
    funded_fte: Decimal
    staffed_fte: Decimal
    head_count: int


def figures_for(*, day: date, agency_ids=None, provider_ids=None, district_ids=None) -> Figures:
    """fte and head count for a set of agencies on `day`. A person working in two agencies counts once."""
    agencies = Agency.objects.active_on(day)
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    if provider_ids is not None:
        agencies = agencies.filter(provider_id__in=provider_ids)
    if district_ids is not None:
        agencies = agencies.filter(provider__district_id__in=district_ids)
    staffed = (
        active_assignments(day)
        .filter(position__agency__in=agencies)
        .aggregate(fte=Sum("fte"), heads=Count("staff_member", distinct=True))
    )
    funded = Position.objects.active_on(day).filter(agency__in=agencies).aggregate(fte=Sum("fte"))
    return Figures(
        agencies=agencies.count(),
        funded_fte=funded["fte"] or Decimal("0"),
        staffed_fte=staffed["fte"] or Decimal("0"),
        head_count=staffed["heads"] or 0,
    )


@dataclass(frozen=True)
class Staffing:
    positions: list[Position]  # all of the agency's positions, newest first
    assignments: list[Assignment]  # those on the day, by name, with their staff member
    figures: Figures


def staffing_of(agency: Agency, day: date) -> Staffing:
    """An agency's positions, its assignments on `day` and its figures (what `figures_for` gives for it), in two
    queries: the figures are counted from the rows, and the assignments are looked up by the ids of the positions
    running on `day` instead of joining and testing the positions again (`active_assignments` in SQL)."""
    positions = list(Position.objects.filter(agency=agency).order_by("-valid_from", "pk"))
    running = [position for position in positions if position.is_active_on(day)]
    assignments = list(
        Assignment.objects.filter(active_on_q(day), position__in=running)
        .filter(staff_member__employed_from__lte=day)
        .exclude(staff_member__employed_to__lt=day)
        .select_related("staff_member")
        .order_by("staff_member__last_name", "staff_member__first_name")
    )
    if agency.is_active_on(day):
        figures = Figures(
            agencies=1,
            funded_fte=sum((position.fte for position in running), ZERO_FTE.value),
            staffed_fte=sum((assignment.fte for assignment in assignments), ZERO_FTE.value),
            head_count=len({assignment.staff_member_id for assignment in assignments}),
        )
    else:
        figures = Figures(agencies=0, funded_fte=Decimal("0"), staffed_fte=Decimal("0"), head_count=0)
    return Staffing(positions, assignments, figures)


def staffed_by_agency(agency_ids: list[int], *, day: date) -> dict[int, tuple[Decimal, int]]:
    """Staffed fte and head count per agency on `day`, as `with_figures` annotates them, in one grouped query: for
    lists of agencies already loaded, where the two correlated subqueries would each be built and compiled."""
    rows = (
        active_assignments(day)
        .filter(position__agency_id__in=agency_ids)
        .order_by()
        .values_list("position__agency_id")
        .annotate(total=Sum("fte"), heads=Count("staff_member", distinct=True))
    )
    return {agency_id: (total, heads) for agency_id, total, heads in rows}


@dataclass(frozen=True)
class GroupStaffing:
    agencies: list[Agency]  # with funded_fte, staffed_fte and head_count, as `with_figures` annotates them
    heads_by_provider: dict[int, int]  # each person counted once per provider
    head_count: int  # each person counted once in all of the agencies


def staffing_in(agencies: QuerySet[Agency], *, day: date) -> GroupStaffing:
    """`agencies` (in their order) with their figures on `day`, and the staff members per provider and in all, each
    person counted once per group (a person may work in two agencies of one provider).

    Two queries: the agencies with their funded fte, and the (agency, person, fte) rows of the assignments on `day`,
    from which staffed fte and heads are counted – instead of compiling two correlated subqueries per agency and a
    grouped query per level. The rows are as many as the people working in the agencies the caller lists."""
    loaded = list(with_funded_fte(agencies, day))
    rows = (
        active_assignments(day)
        .filter(position__agency__in=agencies)
        .order_by()
        .values_list("position__agency_id", "staff_member_id", "fte")
    )
    fte: dict[int, Decimal] = {}
    people: dict[int, set[int]] = {}
    for agency_id, staff_member_id, share in rows:
        fte[agency_id] = fte.get(agency_id, ZERO_FTE.value) + share
        people.setdefault(agency_id, set()).add(staff_member_id)
    by_provider: dict[int, set[int]] = {}
    for agency in loaded:
        agency.staffed_fte = fte.get(agency.pk, ZERO_FTE.value)
        agency.head_count = len(people.get(agency.pk, ()))
        by_provider.setdefault(agency.provider_id, set()).update(people.get(agency.pk, ()))
    return GroupStaffing(
        agencies=loaded,
        heads_by_provider={provider_id: len(heads) for provider_id, heads in by_provider.items()},
        head_count=len(set().union(*people.values())),
    )


def totals_of(agencies: list[Agency], *, head_count: int) -> Figures:
    """Totals of agencies loaded through `with_figures` on one day: counts and fte add up; heads are passed in,
    counted once each (`staffing_in`), because a person may work in two of the agencies."""
    return Figures(
        agencies=len(agencies),
        funded_fte=sum((agency.funded_fte for agency in agencies), Decimal("0")),
        staffed_fte=sum((agency.staffed_fte for agency in agencies), Decimal("0")),
        head_count=head_count,
    )


def figures_by(group_field: str, *, day: date, agencies: QuerySet[Agency] | None = None) -> dict[int, dict]:
    """Per group (e.g. "provider", "provider__district", "provider__district__welfare_association"):
    agencies, funded fte, staffed fte, head count on `day`, in three grouped queries."""
    agencies = (agencies if agencies is not None else Agency.objects.all()).active_on(day)
    result: dict[int, dict] = {}

    def row(key):
        return result.setdefault(
            key, {"agencies": 0, "funded_fte": Decimal("0"), "staffed_fte": Decimal("0"), "head_count": 0}
        )

    for item in agencies.order_by().values(group_field).annotate(n=Count("pk")):
        row(item[group_field])["agencies"] = item["n"]
    for item in (
        Position.objects.active_on(day)
        .filter(agency__in=agencies)
        .order_by()
        .values(f"agency__{group_field}")
        .annotate(total=Sum("fte"))
    ):
        row(item[f"agency__{group_field}"])["funded_fte"] = item["total"] or Decimal("0")
    for item in (
        active_assignments(day)
        .filter(position__agency__in=agencies)
        .order_by()
        .values(f"position__agency__{group_field}")
        .annotate(total=Sum("fte"), heads=Count("staff_member", distinct=True))
    ):
        entry = row(item[f"position__agency__{group_field}"])
        entry["staffed_fte"] = item["total"] or Decimal("0")
        entry["head_count"] = item["heads"]
    return result


def partners_of(agency: Agency) -> tuple[list[PartnerOrganisation], list[PartnerOrganisation]]:
    """The agency's own partners and the other partners in its municipality, read in one query."""
    linked = Exists(
        PartnerOrganisation.agencies.through.objects.filter(partnerorganisation=OuterRef("pk"), agency=agency)
    )
    # Annotated first and filtered on the annotation: the same SQL, but the subquery is resolved once, not twice.
    rows = list(
        PartnerOrganisation.objects.annotate(is_linked=linked)
        .filter(Q(is_linked=True) | Q(municipality_id=agency.municipality_id))
        .only("name", "kind")
    )
    return [p for p in rows if p.is_linked], [p for p in rows if not p.is_linked]


_COORDINATED_ATTR = "_agenturnetz_coordinated_districts"


def coordinated_districts(user) -> list[DistrictAssociation]:
    """The districts the user coordinates, by name, with their names only: read once per request (kept with the
    scope's district ids, like the scope itself), as the district and the money panel both show them."""
    district_ids = scope_for(user).district_ids
    cached = getattr(user, _COORDINATED_ATTR, None)
    if cached is None or cached[0] != district_ids:
        districts = list(DistrictAssociation.objects.filter(pk__in=district_ids).only("name").order_by("name"))
        cached = (district_ids, districts)
        setattr(user, _COORDINATED_ATTR, cached)
    return cached[1]


def districts_visible_to(user) -> QuerySet[DistrictAssociation]:
    scope = scope_for(user)
    qs = DistrictAssociation.objects.select_related("welfare_association")
    if scope.is_administrator:
        return qs
    return qs.filter(pk__in=scope.district_ids)


def staff_members_visible_to(user) -> QuerySet[StaffMember]:
    scope = scope_for(user)
    if scope.is_administrator:
        return StaffMember.objects.all()
    return StaffMember.objects.filter(
        assignments__position__agency__in=Agency.objects.filter(scope.agency_q())
    ).distinct()
