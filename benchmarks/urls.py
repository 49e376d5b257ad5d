"""The site's URLs plus one bare view per benchmarked page (`/_bare/<index>/`), used only by benchmarks/measure.py.

A bare view is an ordinary Django view: it is routed, passes the same middleware (session, authentication, CSRF,
locale, messages) for the same logged-in user, and renders the page's rows through a minimal template with one
query set and no layout. The difference between a page and its bare view is what the page adds on top of Django.
"""

from functools import cache

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.urls import path

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


urlpatterns = [
    *(path(f"_bare/{index}/", bare_view(index)) for index, page in enumerate(PAGES) if page.bare is not None),
    *site_urlpatterns,
]
