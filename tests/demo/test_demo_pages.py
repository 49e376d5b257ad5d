"""A walk through the demo as every role: each page linked from the landing page opens without a server error,
and no year is printed with a thousands separator ("2.026"), which German number formatting would do to it."""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from core.models import User

pytestmark = pytest.mark.django_db

DEMO_USERS = ["fachkraft", "fachkraft2", "traeger", "koordination", "koordination2", "land", "behoerde", "admin"]
YEAR_WITH_SEPARATOR = re.compile(r"(?<![\d.,])20\d\.\d{2}(?![\d,])|(?<![\d.,])2\.0\d{2}(?![\d,.])")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith("/") and not href.startswith(("/admin", "/abmelden", "/static")):
            self.links.append(href.split("#")[0])


def _text_outside_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))


@pytest.fixture
def demo(settings):
    call_command("seed_demo", "--force", verbosity=0)


def test_every_page_linked_from_each_landing_page_opens_and_prints_years_plainly(client, demo):
    problems = []
    for username in DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        landing = client.get("/")
        parser = _Links()
        parser.feed(landing.content.decode())
        for url in ["/", *dict.fromkeys(parser.links)]:
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{username} {url}: HTTP {response.status_code}")
                continue
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            found = YEAR_WITH_SEPARATOR.findall(_text_outside_tags(response.content.decode()))
            if found:
                problems.append(f"{username} {url}: {sorted(set(found))[:3]}")
    assert not problems, "\n".join(problems)
