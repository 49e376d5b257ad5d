"""The site's URLs plus one bare view per benchmarked page (`/_bare/<index>/`), used only by benchmarks/measure.py.

A bare view is an ordinary Django view: it is routed, passes the same middleware (session, authentication, CSRF,
locale, messages) for the same logged-in user, and renders the page's rows through a minimal template with one
query set and no layout. The difference between a page and its bare view is what the page adds on top of Django.

`/_layout/<index>/` puts the same bare rows into the site's layout (base.html: navigation, main menu, messages,
the context processors): the share of a page's time that every page pays for its frame.
"""

from functools import cache

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template import engines
from django.urls import path
from django.utils.safestring import mark_safe

from benchmarks.pages import PAGES, context
from config.urls import urlpatterns as site_urlpatterns


@cache
def shared_context() -> dict:
    return context()


def bare_view(index: int):
    def view(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:  # a real page must know its user; so does the floor
            return HttpResponseForbidden()
        return HttpResponse(PAGES[index].bare(shared_context()))

    return view


@cache
def layout_template():
    return engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Benchmark{% endblock %}{% block content %}{{ rows }}{% endblock %}'
    )


def layout_view(index: int):
    def view(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return HttpResponseForbidden()
        rows = mark_safe(PAGES[index].bare(shared_context()))  # our own minimal templates, escaped there
        return HttpResponse(layout_template().render({"rows": rows}, request))

    return view


urlpatterns = [
    *(path(f"_bare/{index}/", bare_view(index)) for index, page in enumerate(PAGES) if page.bare is not None),
    *(path(f"_layout/{index}/", layout_view(index)) for index, page in enumerate(PAGES) if page.bare is not None),
    *site_urlpatterns,
]
