from django.contrib import admin

from funding.models import (
    CalendarFeedToken,
    DeadlineRule,
    DeadlineRuleChange,
    Digest,
    FundingPhase,
    FundingYear,
    Obligation,
    ObligationEvent,
    PhaseLogo,
    Reminder,
    TemplateVersion,
)


class FundingYearInline(admin.TabularInline):
    model = FundingYear
    extra = 0


class TemplateVersionInline(admin.TabularInline):
    model = TemplateVersion
    extra = 0


class PhaseLogoInline(admin.TabularInline):
    model = PhaseLogo
    extra = 0


@admin.register(FundingPhase)
class FundingPhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_on", "ends_on")
    inlines = [FundingYearInline, TemplateVersionInline, PhaseLogoInline]


class DeadlineRuleChangeInline(admin.TabularInline):
    model = DeadlineRuleChange
    extra = 0
    can_delete = False
    readonly_fields = ("by", "at", "changes", "reason", "moved_obligations")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("document_kind", "phase", "district", "debtor", "district_day", "district_month", "is_active")
    list_filter = ("phase", "district", "document_kind")
    inlines = [DeadlineRuleChangeInline]


class ObligationEventInline(admin.TabularInline):
    model = ObligationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "tier", "from_state", "to_state", "effective_on", "note", "attachment", "by", "at")


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ("document_kind", "year", "agency", "district", "district_due", "authority_due", "state")
    list_filter = ("state", "document_kind", "year", "district")
    search_fields = ("agency__name", "district__name")
    list_select_related = ("agency", "district")
    raw_id_fields = ("agency", "rule")
    readonly_fields = ("state", "submitted_on", "approved_on", "forwarded_on")
    inlines = [ObligationEventInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("obligation", "recipient", "step", "status", "sent_at", "attempts")
    list_filter = ("status", "step")
    list_select_related = ("obligation__agency", "obligation__district", "recipient")
    raw_id_fields = ("obligation", "recipient")


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("district", "week", "recipient", "status", "sent_at")
    list_filter = ("status",)
    raw_id_fields = ("recipient",)


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "last_used_at")
    exclude = ("token",)
