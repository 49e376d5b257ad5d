from django.contrib import admin

from finance.models import (
    AuditEntry,
    CostPlan,
    ForwardingContract,
    FundingRate,
    FundsCall,
    FundsCallLine,
    FundsTransfer,
    GrantDecision,
    GrantedAmount,
    JointApplication,
    PartialStatement,
    PayGroupRate,
    Reallocation,
    SpendingForecast,
    UseOfFundsStatement,
)


class PayGroupRateInline(admin.TabularInline):
    model = PayGroupRate
    extra = 0


@admin.register(FundingRate)
class FundingRateAdmin(admin.ModelAdmin):
    list_display = ("phase", "max_funded_share", "material_flat_rate", "minimum_grant", "retention_years", "is_demo")
    inlines = [PayGroupRateInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money documents change only through their services (workflow, audit); the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CostPlan)
class CostPlanAdmin(ReadOnlyAdmin):
    list_display = ("agency", "funding_year", "state", "total_costs", "grant_requested")
    list_filter = ("state", "funding_year")
    search_fields = ("agency__name",)
    list_select_related = ("agency", "funding_year")


@admin.register(JointApplication, UseOfFundsStatement)
class DistrictDocumentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "state", "forwarded_at")
    list_filter = ("state",)


@admin.register(SpendingForecast, PartialStatement)
class ProviderDocumentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "state", "submitted_at")
    list_filter = ("state",)


class GrantedAmountInline(admin.TabularInline):
    model = GrantedAmount
    extra = 0


@admin.register(GrantDecision)
class GrantDecisionAdmin(ReadOnlyAdmin):
    list_display = ("joint_application", "decided_on", "reference")
    inlines = [GrantedAmountInline]


class FundsCallLineInline(admin.TabularInline):
    model = FundsCallLine
    extra = 0


@admin.register(FundsCall)
class FundsCallAdmin(ReadOnlyAdmin):
    list_display = ("district", "funding_year", "called_on", "period_from", "period_to")
    inlines = [FundsCallLineInline]


@admin.register(ForwardingContract, FundsTransfer, Reallocation)
class FundsAdmin(ReadOnlyAdmin):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "by", "action", "summary")
    list_filter = ("action",)
