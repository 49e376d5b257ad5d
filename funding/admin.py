from django.contrib import admin

from funding.models import FundingPhase, FundingYear, PhaseLogo, TemplateVersion


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
