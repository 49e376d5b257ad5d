"""E-mails about staff changes. Services queue them after commit; a Celery task renders and sends them."""

from django.conf import settings
from django.db.models import Q

from agencies.models import Membership, Role, StaffChange
from core.emails import send_templated_mail

# event → (template name, who gets it)
EVENTS = {
    "filed": ("filed", "coordination"),
    "returned": ("returned", "filer"),
    "forwarded": ("forwarded", "authority"),
    "decided": ("decided", "filer_and_coordination"),
    "deadline_warning": ("deadline_warning", "filer_and_coordination"),
    "overdue": ("deadline_warning", "filer_and_coordination"),
    "contact_reminder": ("contact_reminder", "provider"),
}


def queue_notification(change_pk: int, event: str) -> None:
    """Hands the e-mail to Celery. Call it from transaction.on_commit so a rollback sends nothing."""
    from agencies.tasks import send_staff_change_mail

    send_staff_change_mail.delay(change_pk, event)


def recipients(change: StaffChange, audience: str) -> list[str]:
    district = change.agency.provider.district
    addresses: list[str] = []
    if audience in ("coordination", "filer_and_coordination"):
        addresses += [district.email, *_member_emails(Q(role=Role.COORDINATOR, district=district))]
    if audience in ("filer", "filer_and_coordination", "provider"):
        addresses.append(change.created_by.email)
    if audience == "provider":
        managers = _member_emails(Q(role=Role.PROVIDER_MANAGER, provider_id=change.agency.provider_id))
        addresses += [change.agency.provider.email, *managers]
    if audience == "authority" and district.funding_authority_id:
        authority = district.funding_authority
        addresses += [authority.email, *_member_emails(Q(role=Role.FUNDING_AUTHORITY, funding_authority=authority))]
    return sorted({address for address in addresses if address})


def _member_emails(q: Q) -> list[str]:
    return list(Membership.objects.filter(q).exclude(user__email="").values_list("user__email", flat=True))


def send_notification(change_pk: int, event: str) -> int:
    change = (
        StaffChange.objects.select_related(
            "agency__provider__district__funding_authority", "staff_member", "created_by", "decision"
        )
        .filter(pk=change_pk)
        .first()
    )
    if change is None:
        return 0
    template, audience = EVENTS[event]
    return send_templated_mail(
        template_prefix=f"agencies/emails/staff_change_{template}",
        to=recipients(change, audience),
        context={
            "change": change,
            "event": event,
            "url": f"{settings.SITE_URL}{change.get_absolute_url()}",
            "staff_member": change.hired_staff_member,
        },
    )
