from django.contrib import admin

from reporting.models import (
    ControllingReport,
    ControllingTemplate,
    Cooperation,
    KeyFigure,
    Option,
    Question,
    Response,
    ResponseImport,
    Survey,
    SurveyLogEntry,
)


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "series", "owner_district", "state", "opens_on", "closes_on"]
    list_filter = ["state", "audience"]
    search_fields = ["title", "series"]
    readonly_fields = ["state", "launched_at", "closed_at", "created_by", "created_at"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "key", "kind", "survey", "position"]
    list_filter = ["kind"]
    inlines = [OptionInline]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["agency", "survey", "state", "source", "submitted_at"]
    list_filter = ["state", "source"]
    list_select_related = ["agency", "survey"]
    readonly_fields = ["state", "version", "submitted_at", "submitted_by", "updated_by"]


@admin.register(ResponseImport)
class ResponseImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "survey", "status", "imported_count", "skipped_count", "uploaded_by", "uploaded_at"]
    exclude = ["content"]


@admin.register(SurveyLogEntry)
class SurveyLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "survey", "action", "agency", "by"]
    list_filter = ["action"]


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["agency", "partner_agency", "partner_name", "regularity", "frequency", "updated_at"]
    list_select_related = ["agency", "partner_agency"]


# Online-Controlling: templates are edited in the product (versioned); the admin shows them and the reports read-only.


class KeyFigureInline(admin.TabularInline):
    model = KeyFigure
    extra = 0
    fields = ["position", "code", "label", "unit", "number_kind", "by_field_of_action", "source"]


@admin.register(ControllingTemplate)
class ControllingTemplateAdmin(admin.ModelAdmin):
    list_display = ["phase", "version", "title", "published_at"]
    readonly_fields = ["published_at", "created_by", "created_at"]
    inlines = [KeyFigureInline]


@admin.register(ControllingReport)
class ControllingReportAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "state", "submitted_at", "forwarded_at"]
    list_filter = ["state", "year"]
    search_fields = ["agency__name"]
    readonly_fields = [f.name for f in ControllingReport._meta.fields]

    def has_add_permission(self, request):
        return False
