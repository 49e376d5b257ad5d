"""The plausibility findings of any money document, so the workflow can refuse a submission with errors."""

from django.utils.translation import gettext as _

from finance.calc import figures_of, rate_for, registry_lines
from finance.checks import Finding, check_cost_plan, euro
from finance.models import CostPlan, JointApplication, PartialStatement, SpendingForecast, UseOfFundsStatement


def cost_plan_findings(plan: CostPlan) -> list[Finding]:
    rate = rate_for(plan)
    return check_cost_plan(
        grant_requested=plan.grant_requested,
        own_contribution=plan.own_contribution,
        third_party_funds=plan.third_party_funds,
        personnel=list(plan.personnel_lines.all()),
        figures=figures_of(plan, rate),
        rate=rate,
        registry=registry_lines(plan.agency, plan.year),
    )


def forecast_findings(forecast: SpendingForecast) -> list[Finding]:
    findings = []
    if forecast.as_of.year != forecast.funding_year.year:
        findings.append(
            Finding("as_of", _("Der Stichtag muss im Förderjahr %(year)s liegen.") % {"year": forecast.funding_year})
        )
    if forecast.difference != 0 and not forecast.explanation.strip():
        findings.append(
            Finding(
                "explanation",
                _("Bitte erläutern Sie den Mehr- oder Minderbedarf von %(amount)s.")
                % {"amount": euro(abs(forecast.difference))},
            )
        )
    return findings


def partial_statement_findings(statement: PartialStatement) -> list[Finding]:
    from finance.selectors.statements import partial_statement_figures

    figures = partial_statement_figures(statement)
    findings = []
    if not statement.receipts.exists():
        findings.append(Finding("", _("Die Belegliste ist leer. Bitte importieren oder erfassen Sie die Belege.")))
    for row in figures.rows:
        if row.is_missing_justification:
            findings.append(
                Finding(
                    f"justification_{row.cost_type}",
                    _("Die %(type)s weichen um %(amount)s vom Plan ab; bitte begründen Sie die Abweichung.")
                    % {"type": row.label, "amount": euro(row.deviation)},
                )
            )
    financing = statement.actual_grant + statement.actual_own_contribution + statement.actual_third_party
    if financing != figures.actual_total:
        findings.append(
            Finding(
                "",
                _("Die tatsächliche Finanzierung (%(financing)s) entspricht nicht den belegten Kosten (%(costs)s).")
                % {"financing": euro(financing), "costs": euro(figures.actual_total)},
            )
        )
    return findings


def joint_application_findings(application: JointApplication, totals=None) -> list[Finding]:
    from finance.selectors.joint import application_totals

    totals = totals or application_totals(application)
    return [
        Finding(
            "",
            _("%(agency)s, %(year)s: kein freigegebener Kosten- und Finanzierungsplan (%(state)s).")
            % {"agency": agency.name, "year": year, "state": state or _("nicht angelegt")},
        )
        for agency, year, state in totals.missing
    ]


def statement_findings(statement: UseOfFundsStatement) -> list[Finding]:
    from finance.selectors.statements import district_statement_figures

    return [
        Finding(
            "",
            _("%(provider)s, %(year)s: kein freigegebener Teilverwendungsnachweis.")
            % {"provider": provider.name, "year": year},
        )
        for provider, year in district_statement_figures(statement).missing
    ]


DISPATCH = {
    CostPlan: cost_plan_findings,
    SpendingForecast: forecast_findings,
    PartialStatement: partial_statement_findings,
    JointApplication: joint_application_findings,
    UseOfFundsStatement: statement_findings,
}


def findings(document) -> list[Finding]:
    return DISPATCH[type(document)](document)
