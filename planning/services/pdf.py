"""The PDF of a planning document revision (WeasyPrint, on the shared base template of core)."""

from django.utils.translation import gettext as _

from core.pdf import render_pdf
from core.workflow import Revision, State
from funding.models import PhaseLogo


def pdf_filename(document, revision: Revision | None) -> str:
    number = f"-r{revision.number}" if revision else "-entwurf"
    agency = "".join(ch if ch.isalnum() else "-" for ch in document.agency.name).strip("-")
    return f"{document.URL_KIND}-{agency}-{document.year}{number}.pdf"


def pdf_context(document, revision: Revision | None) -> dict:
    content = revision.content if revision else document.snapshot()
    meta = content["meta"]
    phase = document.template_version.phase
    state = State(document.state).label
    if revision:
        footer = _("%(state)s · Revision %(number)s · SHA-256 %(hash)s") % {
            "state": state,
            "number": revision.number,
            "hash": revision.content_hash,
        }
    else:
        footer = _("%(state)s · noch nicht eingereicht (ohne Revision)") % {"state": state}
    logos = [
        {"name": logo.name, "url": f"file://{logo.image.path}"}
        for logo in PhaseLogo.objects.filter(phase=phase).order_by("position")
        if logo.image
    ]
    return {
        "content": content,
        "pdf": {
            "lang": "de",
            "title": meta["title"],
            "subtitle": f"{meta['kind_label']} der Integrationsagentur {meta['agency']}",
            "author": meta["agency"],
            "logos": logos,
            "cover_facts": [
                (_("Integrationsagentur"), meta["agency"]),
                (_("Träger"), meta["provider"]),
                (_("Bezirksverband"), meta["district"]),
                (_("Kommune"), meta["municipality"]),
                (_("Förderjahr"), meta.get("years", meta["year"])),
                (_("Förderphase"), phase.name),
                (_("Raster"), meta["template_version"]),
                (_("Status"), state),
                (_("Revision"), str(revision.number) if revision else _("Entwurf")),
            ],
            "toc": [{"anchor": f"s-{s['key']}", "title": s["title"]} for s in content["sections"]],
            "footer": footer,
            "watermark": "" if revision else _("Entwurf – nicht eingereicht"),
        },
    }


def render_document_pdf(document, revision: Revision | None) -> tuple[str, bytes]:
    """(filename, PDF bytes) of `revision` (the frozen content) or, without one, of the current draft."""
    return pdf_filename(document, revision), render_pdf("planning/pdf/document.html", pdf_context(document, revision))
