"""Dashboard panels of the planning app."""

from django.db.models import Count, Value
from django.utils.translation import gettext_lazy as _

from agencies.access import scope_for
from core.panels import Panel
from core.workflow import State
from planning.models import DOCUMENT_MODELS
from planning.selectors import document_rows

NEXT_ACTION = {
    State.DRAFT: _("fertigstellen und einreichen"),
    State.RETURNED: _("Anmerkungen einarbeiten und erneut einreichen"),
    State.SUBMITTED: _("wartet auf die Prüfung durch die Koordination"),
    State.APPROVED: _("freigegeben – wartet auf die Weiterleitung"),
    State.FORWARDED: _("an die Bewilligungsbehörde weitergeleitet"),
}


def my_documents_panel(request) -> Panel | None:
    """Specialists: their agency's documents with state and the next action."""
    scope = scope_for(request.user)
    if not scope.agency_ids:
        return None
    rows = list(document_rows(request.user, with_district=False)[:15])  # the panel does not show the district
    for row in rows:
        row["next_action"] = NEXT_ACTION[row["state"]]
    return Panel("planning/panels/my_documents.html", {"rows": rows}, order=5, wide=True)


def inbox_panel(request) -> Panel | None:
    """Coordinators: how many documents of their district wait for review or forwarding."""
    scope = scope_for(request.user)
    if not scope.district_ids:
        return None
    parts = [
        model.objects.filter(
            agency__provider__district_id__in=scope.district_ids, state__in=[State.SUBMITTED, State.APPROVED]
        )
        .values_list("state")
        .annotate(n=Count("pk"), kind=Value(slug))
        .values_list("kind", "state", "n")
        .order_by()
        for slug, model in DOCUMENT_MODELS.items()
    ]
    waiting = {(kind, state): n for kind, state, n in parts[0].union(*parts[1:], all=True)}
    counts = [
        {
            "kind": slug,
            "label": model._meta.verbose_name_plural,
            "submitted": waiting.get((slug, State.SUBMITTED), 0),
            "approved": waiting.get((slug, State.APPROVED), 0),
        }
        for slug, model in DOCUMENT_MODELS.items()
    ]
    return Panel("planning/panels/inbox.html", {"counts": counts}, order=5)
