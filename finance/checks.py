"""Plausibility checks of a cost plan, like the funders' portals run them before a submission.

Each finding names the form field it belongs to ("" for the plan as a whole), so the edit form shows it at the
field and the plan page lists all of them as a summary. Errors block the submission; warnings do not.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.numbers import grouped
from finance.calc import PlanFigures, RegistryLine
from finance.models import FundingRate
from finance.money import percent_of, share

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    field: str  # "grant_requested", "own_contribution", "personnel-<index>", "" (the whole plan)
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def euro(value: Decimal) -> str:
    return f"{grouped(value, 2)} €"


def pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{number_format(value, decimal_pos=2, use_l10n=True)} %"


def check_cost_plan(
    *,
    grant_requested: Decimal,
    own_contribution: Decimal,
    third_party_funds: Decimal,
    personnel: list,
    figures: PlanFigures,
    rate: FundingRate | None,
    registry: list[RegistryLine],
) -> list[Finding]:
    findings: list[Finding] = []
    if rate is None:
        return [Finding("", _("Für diese Förderphase sind noch keine Fördersätze hinterlegt."))]
    costs = figures.costs
    ceilings = rate.ceilings()

    for index, line in enumerate(personnel):
        field = f"personnel-{index}"
        if line.pay_group not in ceilings:
            findings.append(
                Finding(
                    field,
                    _("Für die Entgeltgruppe „%(group)s“ ist kein Personalkostensatz hinterlegt.")
                    % {"group": line.pay_group or "–"},
                )
            )
        elif index in figures.line_ceilings and line.computed_amount() > figures.line_ceilings[index]:
            excess = line.computed_amount() - figures.line_ceilings[index]
            findings.append(
                Finding(
                    field,
                    _(
                        "Die Personalkosten liegen %(excess)s über dem förderfähigen Höchstbetrag; dieser Teil "
                        "ist nicht zuwendungsfähig."
                    )
                    % {"excess": euro(excess)},
                    WARNING,
                )
            )

    findings += _registry_findings(personnel, registry)

    if grant_requested <= 0:
        findings.append(Finding("grant_requested", _("Bitte geben Sie die beantragte Zuwendung an.")))
    elif rate.minimum_grant and grant_requested < rate.minimum_grant:
        findings.append(
            Finding(
                "grant_requested",
                _("Die Zuwendung liegt unter dem Mindestbetrag des Programms von %(min)s.")
                % {"min": euro(rate.minimum_grant)},
            )
        )
    max_grant = figures.max_grant(rate)
    if grant_requested > max_grant:
        findings.append(
            Finding(
                "grant_requested",
                _(
                    "Die Zuwendung übersteigt den Höchstbetrag von %(max)s (%(share)s der zuwendungsfähigen Kosten "
                    "von %(eligible)s)."
                )
                % {"max": euro(max_grant), "share": pct(rate.max_funded_share), "eligible": euro(figures.eligible)},
            )
        )
    # Exact comparison in Decimal: own × 100 ≥ costs × minimum share. 10,00 % passes, 9,99 % does not.
    if costs > 0 and own_contribution * 100 < costs * rate.min_own_share:
        findings.append(
            Finding(
                "own_contribution",
                _(
                    "Der Eigenanteil beträgt %(actual)s der Gesamtkosten; vorgeschrieben sind mindestens %(min)s "
                    "(%(amount)s)."
                )
                % {
                    "actual": pct(percent_of(own_contribution, costs)),
                    "min": pct(rate.min_own_share),
                    "amount": euro(share(costs, rate.min_own_share)),
                },
            )
        )
    financing = grant_requested + own_contribution + third_party_funds
    if financing != costs:
        findings.append(
            Finding(
                "",
                _(
                    "Die Finanzierung (%(financing)s) entspricht nicht den Gesamtkosten (%(costs)s); "
                    "Differenz %(difference)s."
                )
                % {"financing": euro(financing), "costs": euro(costs), "difference": euro(financing - costs)},
            )
        )
    if costs <= 0:
        findings.append(Finding("", _("Der Plan enthält noch keine Kosten.")))
    return findings


def _registry_findings(personnel: list, registry: list[RegistryLine]) -> list[Finding]:
    findings = []
    by_position = {entry.position.pk: entry for entry in registry}
    seen = set()
    for index, line in enumerate(personnel):
        entry = by_position.get(line.position_id) if line.position_id else None
        if entry is None:
            findings.append(
                Finding(
                    f"personnel-{index}",
                    _("Diese Stelle steht für das Förderjahr nicht im Stellenverzeichnis."),
                    WARNING,
                )
            )
            continue
        seen.add(entry.position.pk)
        if line.fte != entry.fte:
            findings.append(
                Finding(
                    f"personnel-{index}",
                    _("Der Umfang (%(plan)s VZÄ) weicht vom Stellenverzeichnis ab (%(registry)s VZÄ).")
                    % {
                        "plan": number_format(line.fte, decimal_pos=2, use_l10n=True),
                        "registry": number_format(entry.fte, decimal_pos=2, use_l10n=True),
                    },
                )
            )
    for entry in registry:
        if entry.position.pk not in seen:
            findings.append(
                Finding(
                    "",
                    _("Die Stelle „%(title)s“ (%(fte)s VZÄ) aus dem Stellenverzeichnis fehlt im Plan.")
                    % {"title": entry.title, "fte": number_format(entry.fte, decimal_pos=2, use_l10n=True)},
                )
            )
    return findings
