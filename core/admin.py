from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from core.models import BulkJob, Revision, SectionComment, StoredDocument, Transition, User


@admin.register(User)
class AgenturnetzUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff")


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "from_state", "to_state", "by", "at")
    list_filter = ("to_state", "content_type")
    readonly_fields = [f.name for f in Transition._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "number", "content_hash", "created_at", "created_by")
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    list_display = ("filename", "kind", "content_type", "object_id", "created_at")
    readonly_fields = [f.name for f in StoredDocument._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SectionComment)
class SectionCommentAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "section_key", "author", "created_at")
    readonly_fields = [f.name for f in SectionComment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(BulkJob)
class BulkJobAdmin(admin.ModelAdmin):
    list_display = ("title", "state", "done", "total", "created_by", "created_at")
    readonly_fields = [f.name for f in BulkJob._meta.fields]

    def has_add_permission(self, request):
        return False
