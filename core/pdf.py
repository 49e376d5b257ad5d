"""PDF rendering with WeasyPrint. Static files are resolved from disk, so rendering needs no network."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _static_url_fetcher(url: str, *args, **kwargs):
    from weasyprint.urls import default_url_fetcher

    if url.startswith("static:"):
        path = finders.find(url.removeprefix("static:"))
        if path:
            return default_url_fetcher(f"file://{path}", *args, **kwargs)
    if url.startswith(("http://", "https://")):
        raise ValueError(f"Externe Ressourcen werden beim PDF-Erzeugen nicht geladen: {url}")
    return default_url_fetcher(url, *args, **kwargs)


def render_html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_static_url_fetcher).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    return render_html_to_pdf(render_to_string(template_name, context))
