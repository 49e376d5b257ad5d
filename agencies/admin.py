from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from agencies.models import (
    Agency,
    Assignment,
    DistrictAssociation,
    FieldOfAction,
    FundingAuthority,
    Membership,
    Municipality,
    PartnerOrganisation,
    Position,
    Provider,
    Site,
    SocialSpace,
    StaffChange,
    StaffChangeEvent,
    StaffMember,
    WelfareAssociation,
)
from core.admin import AgenturnetzUserAdmin
from core.models import User


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        try:
            Agency.validate_fields_of_action(cleaned.get("fields_of_action") or [], cleaned.get("primary_field"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyAdminForm
    list_display = ("name", "provider", "municipality", "primary_field", "active_since", "closed_on")
    list_filter = ("provider__district", "fields_of_action", "municipality")
    search_fields = ("name", "provider__name", "municipality__name")
    filter_horizontal = ("social_spaces", "fields_of_action")
    inlines = [SiteInline, PositionInline]
    list_select_related = ("provider", "municipality", "primary_field")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "provider", "district", "funding_authority")
    list_filter = ("role",)
    search_fields = ("user__username", "user__last_name")
    autocomplete_fields = ("user",)
    list_select_related = ("user", "agency", "provider", "district", "funding_authority")


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "provider", "employed_from", "employed_to")
    search_fields = ("last_name", "first_name", "email")
    list_filter = ("provider",)
    inlines = [AssignmentInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("agency", "title", "fte", "valid_from", "valid_to")
    list_filter = ("agency__provider__district",)
    inlines = [AssignmentInline]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality")
    list_filter = ("kind",)
    filter_horizontal = ("agencies",)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "district", "city")
    search_fields = ("name",)
    list_filter = ("district",)


@admin.register(DistrictAssociation)
class DistrictAssociationAdmin(admin.ModelAdmin):
    list_display = ("name", "welfare_association", "city", "funding_authority")
    search_fields = ("name",)


for model in (WelfareAssociation, FundingAuthority, Municipality, FieldOfAction, SocialSpace):
    admin.site.register(model)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("role", "agency", "provider", "district", "funding_authority")
    autocomplete_fields = ("agency", "provider", "district")


# The user admin lives in core; the memberships that give a user their scope belong to this app, so the inline is
# attached here (agencies may import core, not the other way round).
admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(AgenturnetzUserAdmin):
    inlines = [MembershipInline]


class StaffChangeEventInline(admin.TabularInline):
    model = StaffChangeEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "by", "message")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(StaffChange)
class StaffChangeAdmin(admin.ModelAdmin):
    """Read-only: filing, checking, forwarding and decisions go through the pages (and their services), so every
    step is logged. The admin is for looking things up."""

    list_display = ("pk", "kind", "agency", "effective_on", "state", "applied_at")
    list_filter = ("state", "kind", "agency__provider__district")
    search_fields = ("agency__name", "last_name", "staff_member__last_name")
    list_select_related = ("agency", "staff_member")
    inlines = [StaffChangeEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
