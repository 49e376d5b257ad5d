"""Staff and position changes (Personal- und Stellenveränderungen, Kompendium 4.2).

A provider files a change for one of its agencies; the district coordination checks it and forwards it to the
funding authority (the shared workflow of `core.workflow`). Approval-requiring changes additionally need the
authority's decision (`StaffChangeDecision`) before they take effect. On its effective date a change is applied to
the registry (`agencies.staff_changes.apply`), which keeps validity dates, so history stays intact.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models.organisations import Agency, Site
from agencies.models.staff import FTE_FIELD_OPTIONS, Position, StaffMember
from agencies.models.staff_change_kinds import (  # re-exported: the kinds belong to the staff-change model
    APPROVAL_REQUIRED,
    EFFECTIVE_LABEL,
    HIRE_KINDS,
    KIND_FIELDS,
    KIND_HELP,
    KIND_REQUIRED,
    ChangeKind,
    EndReason,
    VacancyReason,
    lead_weeks,
    warning_days,
)
from core.workflow import State, Submittable


class StaffChangeQuerySet(models.QuerySet):
    def requiring_approval(self):
        return self.filter(kind__in=APPROVAL_REQUIRED)

    def undecided(self):
        """Approval-requiring changes on their way (filed, not yet decided, not applied)."""
        return self.requiring_approval().filter(
            state__in=[State.SUBMITTED, State.RETURNED, State.APPROVED, State.FORWARDED],
            decision__isnull=True,
        )

    def open(self):
        """Not yet finished: in the workflow, or forwarded but neither decided (if needed) nor applied."""
        return self.filter(applied_at__isnull=True).exclude(decision__outcome=StaffChangeDecision.Outcome.REJECTED)


class StaffChange(Submittable):
    """Personal- oder Stellenveränderung of one agency, filed by its provider."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="staff_changes", verbose_name=_("Integrationsagentur")
    )
    kind = models.CharField(_("Art der Veränderung"), max_length=32, choices=ChangeKind.choices)
    effective_on = models.DateField(_("wirksam ab"), help_text=_("Der erste Tag, an dem die Veränderung gilt."))
    end_on = models.DateField(
        _("befristet bis"),
        null=True,
        blank=True,
        help_text=_("Letzter Tag einer Befristung oder einer Vakanz; leer lassen, wenn unbefristet oder offen."),
    )
    staff_member = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_changes",
        verbose_name=_("Fachkraft"),
    )
    vacancy_reason = models.CharField(_("Grund der Vakanz"), max_length=20, choices=VacancyReason.choices, blank=True)
    end_reason = models.CharField(_("Grund der Beendigung"), max_length=20, choices=EndReason.choices, blank=True)
    new_fte = models.DecimalField(
        _("Stellenanteil künftig (VZÄ)"),
        null=True,
        blank=True,
        help_text=_("Vollzeitäquivalente, z. B. 0,75 für drei Viertel einer vollen Stelle."),
        **FTE_FIELD_OPTIONS,
    )
    first_name = models.CharField(_("Vorname"), max_length=100, blank=True)
    last_name = models.CharField(_("Nachname"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    qualification = models.CharField(
        _("Berufsqualifikation"),
        max_length=200,
        blank=True,
        help_text=_("Formaler Abschluss, z. B. B. A. Soziale Arbeit."),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("zu besetzende Stelle"),
        help_text=_("Leer lassen, wenn für die Einstellung eine neue Stelle eingerichtet wird."),
    )
    substitute_for = models.ForeignKey(
        StaffMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Vertretung für"),
        help_text=_("Nur bei Vertretungen, z. B. während Elternzeit oder Krankheit."),
    )
    justification = models.TextField(
        _("Begründung"), blank=True, help_text=_("Warum ist die Veränderung nötig? Wird der Behörde vorgelegt.")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Standort")
    )
    site_kind = models.CharField(_("Art des Standorts"), max_length=10, choices=Site.Kind.choices, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("angelegt von")
    )
    applied_at = models.DateTimeField(_("im Verzeichnis übernommen am"), null=True, blank=True)
    hired_staff_member = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eingestellte Fachkraft"),
    )

    objects = StaffChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Personal-/Stellenveränderung")
        verbose_name_plural = _("Personal-/Stellenveränderungen")
        ordering = ["effective_on", "pk"]
        indexes = [
            models.Index(fields=["state", "effective_on"]),
            models.Index(fields=["agency", "effective_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("effective_on")),
                name="staffchange_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.agency} ({self.effective_on:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("agencies:staff_change", args=[self.pk])

    @property
    def requires_approval(self) -> bool:
        return self.kind in APPROVAL_REQUIRED

    @property
    def effective_label(self):
        return EFFECTIVE_LABEL.get(self.kind, _("wirksam ab"))

    def subject(self) -> str:
        """Whom or what the change is about, for lists and e-mails."""
        if self.staff_member_id:
            return str(self.staff_member)
        if self.kind in HIRE_KINDS:
            return f"{self.first_name} {self.last_name}".strip()
        if self.kind == ChangeKind.SITE_CLOSING and self.site_id:
            return str(self.site)
        if self.kind == ChangeKind.SITE_OPENING:
            return f"{self.street}, {self.postcode} {self.city}"
        return str(self.agency)

    def lead_time_short(self, today: date) -> bool:
        return self.requires_approval and self.effective_on < today + timedelta(weeks=lead_weeks())

    @property
    def decision_or_none(self):
        """The recorded decision; lists load it with select_related("decision")."""
        return getattr(self, "decision", None)  # the reverse one-to-one raises an AttributeError subclass if absent

    def is_overdue(self, today: date) -> bool:
        """Approval-requiring, its date has come and no decision is recorded: it must not take effect."""
        return (
            self.requires_approval
            and self.state != State.DRAFT
            and self.decision_or_none is None
            and self.applied_at is None
            and self.effective_on <= today
        )

    def needs_decision(self) -> bool:
        return self.requires_approval and self.state == State.FORWARDED and self.decision_or_none is None

    def details(self) -> list[tuple[str, str]]:
        """(label, value) of the fields this kind uses, filled ones only, formatted for people."""
        rows = [(str(self.effective_label), self.effective_on.strftime("%d.%m.%Y"))]
        for name in KIND_FIELDS.get(self.kind, ()):
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if value in (None, ""):
                continue
            if field.choices:
                value = getattr(self, f"get_{name}_display")()
            elif isinstance(value, date):
                value = value.strftime("%d.%m.%Y")
            elif name == "new_fte":
                value = f"{value:.2f} VZÄ".replace(".", ",")
            rows.append((str(field.verbose_name), str(value)))
        if self.note:
            rows.append((str(_("Anmerkung")), self.note))
        return rows

    def snapshot(self) -> dict:
        data = {"kind": self.kind, "kind_label": str(self.get_kind_display()), "agency": str(self.agency)}
        for field in ("effective_on", "note", *KIND_FIELDS.get(self.kind, ())):
            value = getattr(self, field)
            if isinstance(value, models.Model):
                value = str(value)
            data[field] = "" if value is None else str(value)
        return data

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # Remembered so clean() does not repeat a "required" error for a field a form already refused.
        self._clean_exclude = set(exclude or ())
        super().full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=validate_constraints)

    def clean(self):
        errors: dict[str, list] = {}
        skip = getattr(self, "_clean_exclude", set())
        for field in KIND_REQUIRED.get(self.kind, ()):
            if field not in skip and getattr(self, field) in (None, ""):
                errors.setdefault(field, []).append(
                    _("Bitte füllen Sie dieses Feld für diese Art von Veränderung aus.")
                )
        if self.end_on and self.effective_on and self.end_on < self.effective_on:
            errors.setdefault("end_on", []).append(_("Das Ende darf nicht vor dem Beginn liegen."))
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 5):
            errors.setdefault("postcode", []).append(_("Bitte geben Sie eine fünfstellige Postleitzahl ein."))
        if self.agency_id:
            if self.staff_member_id and self.staff_member.provider_id != self.agency.provider_id:
                errors.setdefault("staff_member", []).append(_("Diese Fachkraft ist nicht beim Träger der Agentur."))
            if self.position_id and self.position.agency_id != self.agency_id:
                errors.setdefault("position", []).append(_("Diese Stelle gehört nicht zur Agentur."))
            if self.site_id and self.site.agency_id != self.agency_id:
                errors.setdefault("site", []).append(_("Dieser Standort gehört nicht zur Agentur."))
        if self.kind == ChangeKind.AGENCY_CHANGE and not any(
            getattr(self, f) for f in ("street", "postcode", "city", "phone", "email", "website")
        ):
            errors.setdefault("street", []).append(_("Bitte geben Sie mindestens eine neue Angabe der Agentur an."))
        if self.kind == ChangeKind.PERSONAL_CHANGE and not any(
            getattr(self, f) for f in ("first_name", "last_name", "email", "phone")
        ):
            errors.setdefault("last_name", []).append(_("Bitte geben Sie an, was sich ändert."))
        if self.kind == ChangeKind.EXTENSION and self.staff_member_id and self.staff_member.employed_to is None:
            errors.setdefault("staff_member", []).append(
                _("Diese Fachkraft ist unbefristet beschäftigt; es gibt nichts zu verlängern.")
            )
        if errors:
            raise ValidationError(errors)

    def validate_filing(self, today: date) -> None:
        """What must hold when the change is filed: no retroactive approval."""
        if self.requires_approval and self.effective_on <= today:
            raise ValidationError(
                {
                    "effective_on": _(
                        "Zustimmungspflichtige Veränderungen müssen vor ihrem Beginn genehmigt werden; eine "
                        "nachträgliche Zustimmung ist nicht möglich. Bitte wählen Sie ein Datum nach dem heutigen Tag."
                    )
                }
            )


class StaffChangeDecision(models.Model):
    """The funding authority's decision on an approval-requiring change, recorded once."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Zugestimmt")
        REJECTED = "rejected", _("Abgelehnt")

    change = models.OneToOneField(StaffChange, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("Entscheidung"), max_length=10, choices=Outcome.choices)
    decided_on = models.DateField(_("Datum der Entscheidung"), help_text=_("Datum des Schreibens der Behörde."))
    reference = models.CharField(
        _("Aktenzeichen"), max_length=80, help_text=_("Das Geschäftszeichen der Bewilligungsbehörde.")
    )
    effective_from = models.DateField(
        _("Zustimmung ab"),
        null=True,
        blank=True,
        help_text=_("Nur ausfüllen, wenn die Behörde einem späteren Beginn zugestimmt hat."),
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Entscheidung der Bewilligungsbehörde")
        verbose_name_plural = _("Entscheidungen der Bewilligungsbehörde")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.reference})"

    @property
    def is_approved(self) -> bool:
        return self.outcome == self.Outcome.APPROVED

    @property
    def start(self) -> date:
        return self.effective_from or self.change.effective_on


class StaffChangeEvent(models.Model):
    """Audit log of what happened to a change outside the workflow states: decision, application to the registry,
    warnings and reminders. `dedupe_key` makes system actions happen exactly once."""

    class Kind(models.TextChoices):
        CREATED = "created", _("angelegt")
        EDITED = "edited", _("bearbeitet")
        DECIDED = "decided", _("Entscheidung erfasst")
        APPLIED = "applied", _("im Verzeichnis übernommen")
        DEADLINE_WARNING = "deadline_warning", _("Warnung: Entscheidung fehlt")
        CONTACT_REMINDER = "contact_reminder", _("Erinnerung: Kontaktdaten fehlen")
        CONTACT_COMPLETED = "contact_completed", _("Kontaktdaten vervollständigt")
        OVERDUE = "overdue", _("Datum verstrichen ohne Entscheidung")
        APPLY_FAILED = "apply_failed", _("Übernahme ins Verzeichnis nicht möglich")

    change = models.ForeignKey(StaffChange, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Ereignis"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("am"), auto_now_add=True)
    by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("durch")
    )
    message = models.TextField(_("Details"), blank=True)
    dedupe_key = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("Ereignis einer Veränderung")
        verbose_name_plural = _("Ereignisse von Veränderungen")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~models.Q(dedupe_key=""), name="staffchangeevent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d.%m.%Y})"


__all__ = [
    "APPROVAL_REQUIRED",
    "EFFECTIVE_LABEL",
    "HIRE_KINDS",
    "KIND_FIELDS",
    "KIND_HELP",
    "KIND_REQUIRED",
    "ChangeKind",
    "EndReason",
    "StaffChange",
    "StaffChangeDecision",
    "StaffChangeEvent",
    "VacancyReason",
    "lead_weeks",
    "warning_days",
]
