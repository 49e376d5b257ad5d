"""Bar charts as SVG rendered on the server: the same picture in the HTML report and in the PDF. Each chart
has a title for screen readers and always sits next to a table with the same figures."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reporting.services.stats import round_half_up

BAR_COLOUR = "#1f4e79"
COMPARE_COLOUR = "#8a9bb0"


def _pct(value: Decimal | None) -> str:
    return "–" if value is None else f"{number_format(round_half_up(value, 0), decimal_pos=0)} %"


def bar_chart(
    rows: list[tuple[str, int, Decimal | None]],
    *,
    title: str,
    compare: list[Decimal | None] | None = None,
    width: int = 560,
) -> SafeString:
    """Horizontal bars, one per (label, count, percent). `compare` adds a thinner bar per row (earlier edition)."""
    label_width = 220
    bar_area = width - label_width - 70
    row_height = 30 if compare else 22
    height = row_height * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="chart-svg" style="max-width:{width}px">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, count, share) in enumerate(rows):
        y = 5 + index * row_height
        text = label if len(label) <= 34 else label[:33] + "…"
        length = float(share or 0) / 100 * bar_area
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" font-size="11" text-anchor="end" fill="#212529">'
            f"{escape(text)}</text>"
        )
        parts.append(f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="14" fill="{BAR_COLOUR}"/>')
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 13}" font-size="11" fill="#212529">'
            f"{count} ({_pct(share)})</text>"
        )
        if compare is not None:
            earlier = compare[index] if index < len(compare) else None
            other = float(earlier or 0) / 100 * bar_area
            parts.append(
                f'<rect x="{label_width}" y="{y + 18}" width="{other:.1f}" height="7" fill="{COMPARE_COLOUR}"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above
