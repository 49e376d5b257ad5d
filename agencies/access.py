"""A user's scope: which organisations they belong to in which role. Loaded once per request (one query) and
used by every rule and every queryset of every app."""

from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Q

from agencies.models import Agency, Membership, Role


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    roles: frozenset[str] = frozenset()
    agency_ids: frozenset[int] = frozenset()  # as specialist
    provider_ids: frozenset[int] = frozenset()  # as provider manager
    district_ids: frozenset[int] = frozenset()  # as coordinator
    funding_authority_ids: frozenset[int] = frozenset()
    is_superuser: bool = False
    labels: tuple[str, ...] = field(default=())

    @property
    def is_specialist(self) -> bool:
        return Role.SPECIALIST in self.roles

    @property
    def is_provider_manager(self) -> bool:
        return Role.PROVIDER_MANAGER in self.roles

    @property
    def is_coordinator(self) -> bool:
        return Role.COORDINATOR in self.roles

    @property
    def is_state_level(self) -> bool:
        return Role.STATE_LEVEL in self.roles

    @property
    def is_funding_authority(self) -> bool:
        return Role.FUNDING_AUTHORITY in self.roles

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or Role.ADMINISTRATOR in self.roles

    @property
    def has_any_role(self) -> bool:
        return bool(self.roles) or self.is_superuser

    @property
    def works_with_documents(self) -> bool:
        """Writes, reviews or receives single documents: agencies, providers, districts, the funding authority and
        administrators. The state level sees aggregates only."""
        return bool(
            self.agency_ids
            or self.provider_ids
            or self.district_ids
            or self.is_funding_authority
            or self.is_administrator
        )

    def agency_q(self, prefix: str = "") -> Q:
        """Filter for agencies this user may see in detail (their own, their provider's, their district's).

        `prefix` is the path from the queried model to Agency, e.g. "agency__" for documents.
        The state level sees aggregates only and the authority sees what is forwarded to it: neither gets
        agency details through this filter.
        """
        if self.is_administrator:
            return Q()
        q = Q(pk__in=[])
        if self.agency_ids:
            q |= Q(**{f"{prefix}pk__in": self.agency_ids})
        if self.provider_ids:
            q |= Q(**{f"{prefix}provider_id__in": self.provider_ids})
        if self.district_ids:
            q |= Q(**{f"{prefix}provider__district_id__in": self.district_ids})
        return q

    def can_see_agency(self, agency: Agency) -> bool:
        return (
            self.is_administrator
            or agency.pk in self.agency_ids
            or agency.provider_id in self.provider_ids
            or agency.provider.district_id in self.district_ids
        )

    def coordinates(self, district_id: int) -> bool:
        return self.is_administrator or district_id in self.district_ids

    def manages_provider(self, provider_id: int) -> bool:
        return self.is_administrator or provider_id in self.provider_ids


ANONYMOUS = Scope(user_id=None)
_CACHE_ATTR = "_agenturnetz_scope"


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = _membership_rows(user.pk)
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(row[0] for row in rows),
        agency_ids=frozenset(row[1] for row in rows if row[0] == Role.SPECIALIST),
        provider_ids=frozenset(row[2] for row in rows if row[0] == Role.PROVIDER_MANAGER),
        district_ids=frozenset(row[3] for row in rows if row[0] == Role.COORDINATOR),
        funding_authority_ids=frozenset(row[4] for row in rows if row[0] == Role.FUNDING_AUTHORITY),
        is_superuser=user.is_superuser,
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


_MEMBERSHIP_COLUMNS = ("role", "agency", "provider", "district", "funding_authority")


def _membership_rows(user_id: int) -> list[tuple]:
    """(role, agency id, provider id, district id, funding authority id) of each of the user's memberships.

    Written as SQL because every request of a signed-in user reads it: building the ORM query cost about 0.6 ms of
    CPU, five times what the statement costs. Table and column names come from the model (quoted by the backend);
    the user id is a parameter."""
    connection = connections[router.db_for_read(Membership)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Membership._meta.get_field(name).column) for name in _MEMBERSHIP_COLUMNS)
    user_column = quote(Membership._meta.get_field("user").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(Membership._meta.db_table)} WHERE {user_column} = %s", [user_id])
        return cursor.fetchall()


def forget_scope(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
