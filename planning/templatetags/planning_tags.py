from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.html import text

register = template.Library()


@register.filter
def is_rows(value) -> bool:
    """A table of rows (a list of dicts) in a snapshot, as opposed to a single text."""
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


@register.filter
def columns(rows) -> list[str]:
    return [key for key in rows[0] if key != "id"] if rows else []


@register.filter
def cells(row) -> list:
    return [value for key, value in row.items() if key != "id"]


def _text(value) -> str:
    """What `{{ value|linebreaksbr }}` writes: the text escaped, each line break (\\r\\n, \\r or \\n) a <br>."""
    return escape(str(value)).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


@register.simple_tag
def section_content(content: dict) -> str:
    """The fields of one snapshot section: a table per list of rows, a definition otherwise.

    Written here rather than in the template because a long Sachbericht has hundreds of cells (the template language
    cost about 0.1 ms per row); used by the detail page, the revision page and the PDF alike. Every label and value is
    escaped (`_text`)."""
    missing = gettext("keine Angabe")
    parts = []
    for label, value in content.items():
        if is_rows(value):
            label = escape(label)
            head = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns(value))
            body = "".join(
                "<tr>" + "".join(f"<td>{_text(cell or '–')}</td>" for cell in cells(row)) + "</tr>" for row in value
            )
            parts.append(
                f'<h3 class="h6">{label}</h3>\n<div class="table-responsive"><table class="table table-sm">\n'
                f'<caption class="visually-hidden">{label}</caption>\n'
                f"<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table></div>\n"
            )
        else:
            text = _text(value) if value else f'<span class="text-body-secondary muted">{escape(missing)}</span>'
            parts.append(f'<dl class="facts mb-2"><dt>{escape(label)}</dt><dd>{text}</dd></dl>\n')
    return mark_safe("".join(parts))  # built from escaped labels and values only


@register.filter
def get_section(comments, key):
    return (comments or {}).get(key, [])


@register.simple_tag
def state_label(state: str) -> str:
    """The state badge for a plain row (list views that read values, not model instances)."""
    from django.utils.html import format_html

    from core.workflow import STATE_BADGE, State

    return format_html('<span class="badge {}">{}</span>', STATE_BADGE.get(state, ""), State(state).label)


@register.simple_tag
def document_row(row: dict, can_bulk: bool) -> str:
    """One row of the document list and the inbox (a plain row of `selectors.document_rows`).

    Written in Python because a page of 25 rows cost about 3 ms in the template language (a link, a translated label
    for the check box, a state badge and a date per row); `tests/planning/test_document_row.py` compares it with the
    markup the template wrote. Every value is escaped."""
    from django.utils import formats, timezone

    kind, pk, kind_label, agency = row["kind"], row["pk"], row["kind_label"], row["agency__name"]
    cells = []
    if can_bulk:
        label = gettext("%(kind)s %(agency)s %(year)s auswählen") % {
            "kind": text(kind_label),
            "agency": text(agency),
            "year": text(formats.localize(row["year"])),
        }
        cells.append(
            f'<td><input class="form-check-input" type="checkbox" name="dokument" value="{text(kind)}:{pk}" '
            f'id="wahl-{text(kind)}-{pk}" aria-label="{label}"></td>'
        )
    version = ""
    if row["version_no"] > 1:
        version = f' <span class="small">({row["version_no"]}. {text(gettext("Fassung"))})</span>'
    submitted = row["submitted_at"]
    submitted = text(formats.date_format(timezone.localtime(submitted), "SHORT_DATE_FORMAT")) if submitted else "–"
    cells += [
        f'<td><a href="{text(reverse("planning:detail", args=[kind, pk]))}">{text(kind_label)}</a>{version}</td>',
        f"<td>{text(agency)}<br>"
        f'<span class="small text-body-secondary">{text(row["agency__provider__district__name"])}</span></td>',
        f"<td>{text(formats.localize(row['year']))}</td>",
        f"<td>{state_label(row['state'])}</td>",
        f"<td>{submitted}</td>",
    ]
    return mark_safe("\n    <tr>\n      " + "\n      ".join(cells) + "\n    </tr>")  # values escaped above


@register.simple_tag
def my_document_row(row: dict) -> str:
    """One row of the specialist's documents panel (a `document_rows` row with its next action). Written here rather
    than as template markup, which cost about 100 µs a row in url, translate and tag calls; the output is the same,
    byte for byte (a test compares it with the markup it replaces)."""
    version = ""
    if row["version_no"] > 1:
        version = format_html(" ({}. {})", localize(row["version_no"]), gettext("Fassung"))
    return format_html(
        '<tr><td><a href="{}">{}</a>{}<br><span class="small text-body-secondary">{}</span></td>\n'
        '        <td>{}</td><td>{}</td><td class="small">{}</td></tr>',
        reverse("planning:detail", args=[row["kind"], row["pk"]]),
        row["kind_label"],
        version,
        row["agency__name"],
        localize(row["year"]),
        state_label(row["state"]),
        row["next_action"],
    )
