"""Plausibility checks of the controlling report, with German messages.

- refused at once (the form does not save): a negative value, decimals in an integer figure, a breakdown by field
  of action that does not add up to its total;
- refused at submission: values still to be confirmed, empty figures or required questions, and a figure far from
  last year's value (more than the template's `deviation_percent`) without a short explanation.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.workflow import State
from reporting.models import ControllingReport, KeyFigure, KeyFigureValue, ValueStatus


def fmt(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "–"
    if places == 0 or value == value.to_integral_value():
        return number_format(value.quantize(Decimal(1)), decimal_pos=0, use_l10n=True, force_grouping=True)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def value_errors(figure: KeyFigure, value: Decimal | None) -> list[str]:
    if value is None:
        return []
    errors = []
    if value < 0:
        errors.append(_("Bitte geben Sie keine negative Zahl ein."))
    if figure.is_integer and value != value.to_integral_value():
        errors.append(_("„%(label)s“ wird als ganze Zahl angegeben.") % {"label": figure.label})
    return errors


def breakdown_error(figure: KeyFigure, total: Decimal | None, parts: dict) -> str:
    """The breakdown by field of action must add up to the total (empty parts count as 0 once one is filled)."""
    filled = [value for value in parts.values() if value is not None]
    if not figure.by_field_of_action or not filled:
        return ""
    summed = sum(filled, Decimal(0))
    if total is None or summed != total:
        return _(
            "Die Aufteilung nach Handlungsfeldern ergibt %(sum)s, die Gesamtzahl ist %(total)s. Bitte gleichen Sie "
            "die Werte an."
        ) % {"sum": fmt(summed), "total": fmt(total)}
    return ""


def deviation_message(value: Decimal | None, previous: Decimal | None, percent: int) -> str:
    """A message when `value` is more than `percent` % away from last year's `previous`, else ""."""
    if value is None or previous is None:
        return ""
    far = value != 0 if previous == 0 else abs(value - previous) * 100 > abs(previous) * percent
    if not far:
        return ""
    return _(
        "Der Wert weicht um mehr als %(percent)s %% vom Vorjahreswert (%(previous)s) ab. Bitte erläutern Sie die "
        "Abweichung kurz."
    ) % {"percent": percent, "previous": fmt(previous)}


def previous_totals(report: ControllingReport) -> dict[str, Decimal]:
    """Last year's submitted totals of the same agency, by key-figure code (codes are stable across years)."""
    rows = KeyFigureValue.objects.filter(
        report__agency_id=report.agency_id,
        report__year=report.year - 1,
        field_of_action__isnull=True,
        value__isnull=False,
    ).exclude(report__state=State.DRAFT)
    return dict(rows.values_list("figure__code", "value"))


def submission_problems(report: ControllingReport) -> list[str]:
    """Everything that keeps the report from being submitted; empty when it is complete and plausible."""
    problems: list[str] = []
    if not report.template.is_published:
        problems.append(_("Die Vorlage dieses Berichts ist nicht veröffentlicht."))
    values = list(KeyFigureValue.objects.filter(report=report).select_related("figure", "field_of_action"))
    totals = {value.figure_id: value for value in values if value.is_total}
    parts: dict[int, dict] = {}
    for value in values:
        if not value.is_total:
            parts.setdefault(value.figure_id, {})[value.field_of_action_id] = value.value
    previous = previous_totals(report)
    for value in sorted(totals.values(), key=lambda v: (v.figure.position, v.figure_id)):
        figure = value.figure
        if value.value is None:
            problems.append(_("„%(label)s“: Bitte tragen Sie einen Wert ein.") % {"label": figure.label})
            continue
        if any(v.needs_confirmation for v in values if v.figure_id == figure.pk):
            problems.append(
                _("„%(label)s“: Bitte bestätigen oder korrigieren Sie den übernommenen Wert.") % {"label": figure.label}
            )
        if message := breakdown_error(figure, value.value, parts.get(figure.pk, {})):
            problems.append(f"„{figure.label}“: {message}")
        if deviation_message(value.value, previous.get(figure.code), report.template.deviation_percent) and not (
            value.explanation.strip()
        ):
            problems.append(
                _("„%(label)s“: Die Abweichung vom Vorjahr braucht eine kurze Erläuterung.") % {"label": figure.label}
            )
    for answer in report.answers.select_related("question").order_by("question__position", "question_id"):
        if answer.question.required and answer.is_empty:
            problems.append(_("Bitte beantworten Sie die Frage „%(text)s“.") % {"text": answer.question.text})
        elif answer.status == ValueStatus.PREFILLED:
            problems.append(
                _("Frage „%(text)s“: Bitte bestätigen oder korrigieren Sie die übernommene Antwort.")
                % {"text": answer.question.text}
            )
    return problems
