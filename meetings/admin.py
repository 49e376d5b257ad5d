from django.contrib import admin

from meetings.models import (
    ActionItem,
    AgendaItem,
    AgendaProposal,
    AnnualPlan,
    LogEntry,
    Meeting,
    Member,
    Notice,
    Protocol,
    WorkingGroup,
)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    autocomplete_fields = ("user", "agency")
    fields = ("kind", "user", "agency", "name", "email", "organisation", "active")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "owner_district", "yearly_minimum", "is_active")
    list_filter = ("kind", "owner_district", "is_active")
    search_fields = ("name",)
    inlines = [MemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "presenter", "minutes")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("group", "date", "title", "published_at", "cancelled_at", "presenting_agency")
    list_filter = ("group",)
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(AgendaProposal)
class AgendaProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "status", "created_at")
    list_filter = ("status", "group")


@admin.register(Protocol)
class ProtocolAdmin(admin.ModelAdmin):
    list_display = ("meeting", "status", "published_at")
    readonly_fields = ("search_text",)


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("description", "responsible", "due_date", "done_at")


@admin.register(AnnualPlan)
class AnnualPlanAdmin(admin.ModelAdmin):
    list_display = ("group", "year", "published_at")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ("kind", "member", "meeting", "plan", "action_item", "created_at")
    list_filter = ("kind",)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "group", "meeting", "actor", "action", "detail")
    list_filter = ("action", "group")
