"""SVG charts of the controlling dashboards, rendered on the server (web page and WeasyPrint PDF alike).

Each chart is an image with a title (role="img"); the table beside it carries the same figures and is the text
alternative. Suppressed or missing values draw no bar and are labelled in words."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.services.controlling_checks import fmt

BAR = "#1f4e79"
MEDIAN = "#b45309"
STACK = ("#1f6f3a", "#b45309", "#9b1c1c")
TEXT = "#212529"
GRID = "#adb5bd"


def _open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart-svg" style="max-width:{width}px">',
        f"<title>{escape(title)}</title>",
    ]


def _label(text: str, limit: int = 30) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _missing(suppressed: bool) -> str:
    return _("gesperrt (kleine Gruppe)") if suppressed else _("keine Daten")


def bar_chart(rows: list[tuple[str, Decimal | None, bool]], *, title: str, width: int = 560) -> SafeString:
    """Horizontal bars: (label, value or None, suppressed)."""
    label_width, row_height = 200, 24
    area = width - label_width - 90
    top = max((value for _l, value, _s in rows if value is not None), default=Decimal(0)) or Decimal(1)
    parts = _open(width, row_height * len(rows) + 10, title)
    for index, (label, value, suppressed) in enumerate(rows):
        y = 5 + index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"{_label(label)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{label_width}" y="{y + 14}" font-size="11" font-style="italic" fill="{TEXT}">'
                f"{escape(_missing(suppressed))}</text>"
            )
            continue
        length = float(value / top) * area if top else 0
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="15" fill="{BAR}"/>')
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" font-size="11" fill="{TEXT}">'
            f"{escape(fmt(value))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


def box_chart(rows: list[tuple[str, object]], *, title: str, width: int = 560) -> SafeString:
    """One row per label: box from the lower to the upper quartile with the median as a line (a Cell each)."""
    label_width, row_height = 200, 26
    area = width - label_width - 20
    shown = [cell for _label_, cell in rows if cell.shown]
    top = max((cell.q3 for cell in shown), default=Decimal(0)) or Decimal(1)
    parts = _open(width, row_height * len(rows) + 24, title)
    for index, (label, cell) in enumerate(rows):
        y = 5 + index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 15}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"{_label(label)}</text>"
        )
        if not cell.shown:
            parts.append(
                f'<text x="{label_width}" y="{y + 15}" font-size="11" font-style="italic" fill="{TEXT}">'
                f"{escape(_missing(cell.suppressed))}</text>"
            )
            continue
        x1 = label_width + float(cell.q1 / top) * area
        x3 = label_width + float(cell.q3 / top) * area
        xm = label_width + float(cell.median / top) * area
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(x3 - x1, 1):.1f}" height="17" fill="#d6e4f0" stroke="{BAR}"/>'
        )
        parts.append(
            f'<line x1="{xm:.1f}" x2="{xm:.1f}" y1="{y + 1}" y2="{y + 22}" stroke="{MEDIAN}" stroke-width="3"/>'
        )
    axis_y = 5 + len(rows) * row_height + 12
    parts.append(f'<text x="{label_width}" y="{axis_y}" font-size="10" fill="{TEXT}">0</text>')
    parts.append(
        f'<text x="{label_width + area}" y="{axis_y}" font-size="10" text-anchor="end" fill="{TEXT}">'
        f"{escape(fmt(top))}</text>"
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


def stacked_chart(
    rows: list[tuple[str, list | None]], *, legend: list[str], title: str, width: int = 560
) -> SafeString:
    """Horizontal 100 % bars of shares (in %), e.g. sub-goals reached / partly / not."""
    label_width, row_height = 120, 24
    area = width - label_width - 20
    parts = _open(width, row_height * len(rows) + 30, title)
    for index, (label, shares) in enumerate(rows):
        y = 5 + index * row_height
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 14}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"{_label(label)}</text>"
        )
        if not shares or all(share is None for share in shares):
            parts.append(
                f'<text x="{label_width}" y="{y + 14}" font-size="11" font-style="italic" fill="{TEXT}">'
                f"{escape(_missing(shares is None))}</text>"
            )
            continue
        x = float(label_width)
        for colour, share in zip(STACK, shares, strict=False):
            length = float(share or 0) / 100 * area
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{length:.1f}" height="15" fill="{colour}"/>')
            x += length
    legend_y = 5 + len(rows) * row_height + 14
    x = label_width
    for colour, text in zip(STACK, legend, strict=False):
        parts.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{legend_y}" font-size="11" fill="{TEXT}">{escape(text)}</text>')
        x += 14 + 8 * len(text) + 12
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


def figure_charts(stats) -> dict[str, SafeString]:
    """All charts of one key figure's dashboard (the page, the briefing pack and the PDF use the same)."""
    label = stats.figure.label
    charts = {
        "over_years": bar_chart(
            [(str(y), cell.total if cell.shown else None, cell.suppressed) for y, cell in stats.over_years],
            title=_("%(label)s: Summe je Jahr") % {"label": label},
        ),
        "distribution": box_chart(
            [(str(y), cell) for y, cell in stats.over_years],
            title=_("%(label)s: Verteilung über die Agenturen je Jahr (Quartile und Median)") % {"label": label},
        ),
        "by_field": bar_chart(
            [(f.short_name, cell.total if cell.shown else None, cell.suppressed) for f, cell in stats.by_field],
            title=_("%(label)s %(year)s nach Handlungsfeldern") % {"label": label, "year": stats.year},
        ),
        "groups": box_chart(
            [(name, cell) for name, cell in stats.groups],
            title=_("%(label)s %(year)s je %(group)s (Quartile und Median)")
            % {"label": label, "year": stats.year, "group": stats.groups_label},
        ),
        "achievement": stacked_chart(
            [(str(y), item["shares"]) for y, item in stats.achievement],
            legend=[_("erreicht"), _("teilweise"), _("nicht erreicht")],
            title=_("Erreichung der Teilziele je Jahr"),
        ),
        "per_fte": bar_chart(
            [(str(y), ratio, cell.suppressed) for y, cell, ratio in stats.per_fte],
            title=_("%(label)s je VZÄ") % {"label": label},
        ),
    }
    return charts
