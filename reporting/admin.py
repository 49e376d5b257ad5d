from django.contrib import admin

from reporting.models import Cooperation, Option, Question, Response, ResponseImport, Survey, SurveyLogEntry


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
