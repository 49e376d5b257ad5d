"""The main menu: every app contributes its own entries, core arranges them into a few groups.

Apps register an entry source in their AppConfig.ready() (as they do with calendar event sources); a source
looks at the request and returns the entries the user may use. So `core` never imports a domain app and each app
stays in charge of who sees which of its pages. An entry names its group by key; the groups' labels and order are
kept here because they are the layout of the menu, not knowledge about any domain.

A group with several entries is rendered as a Bootstrap dropdown, a group with one entry as a plain link, so
roles with few entries (specialist, funding authority) get no needless nesting.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    group: str  # a key of GROUPS
    label: str
    url: str
    order: int = 100  # position inside the group
    exact: bool = False  # True: current only on exactly this path (the landing page "/" is a prefix of everything)
    short_label: str = ""  # shown instead of `label` when the entry stands alone in the bar, where room is scarce


@dataclass(frozen=True)
class MenuItem:
    """An entry as rendered for one request. `current` is the value of aria-current: "page" on the entry's own
    page, "true" on a page below it (a document of the list), "" elsewhere."""

    label: str
    url: str
    current: str = ""


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    items: tuple[MenuItem, ...]

    @property
    def single(self) -> MenuItem | None:
        """The one item of a group that is rendered as a plain link instead of a dropdown."""
        return self.items[0] if len(self.items) == 1 else None

    @property
    def current(self) -> bool:
        return any(item.current for item in self.items)


# key, label – in menu order. A key that no entry uses is simply not shown. Short labels on purpose: a coordinator's
# groups, the "Übersicht" link and the user menu must fit into one row at 1200 px.
GROUPS: tuple[tuple[str, str], ...] = (
    ("start", _("Übersicht")),
    ("agencies", _("Agenturen")),
    ("documents", _("Planung & Berichte")),
    ("deadlines", _("Fristen")),
    ("finance", _("Finanzen")),
    ("network", _("Netzwerk")),
    ("meetings", _("Arbeitskreise")),
)

EntrySource = Callable[[HttpRequest], Iterable[MenuEntry]]

_SOURCES: dict[str, EntrySource] = {}


def register_menu_source(name: str, source: EntrySource) -> None:
    """Registers (or replaces, so a reloaded app does not double its entries) the source called `name`."""
    _SOURCES[name] = source


def menu_entries(request: HttpRequest) -> list[MenuEntry]:
    entries: list[MenuEntry] = []
    for source in _SOURCES.values():
        entries.extend(source(request))
    return entries


def arrange(entries: Iterable[MenuEntry], path: str) -> list[MenuGroup]:
    """Groups `entries` in GROUPS order (unknown keys last, by key) and marks the one entry the page at `path`
    belongs to: the entry with the longest URL that is the path itself or, unless `exact`, a prefix of it."""
    entries = list(entries)
    matching = [entry for entry in entries if path == entry.url or (not entry.exact and path.startswith(entry.url))]
    best = max(matching, key=lambda entry: len(entry.url), default=None)
    labels = dict(GROUPS)
    rank = {key: index for index, (key, _label) in enumerate(GROUPS)}
    groups: list[MenuGroup] = []
    for key in sorted({entry.group for entry in entries}, key=lambda key: (rank.get(key, len(rank)), key)):
        members = sorted((entry for entry in entries if entry.group == key), key=lambda entry: entry.order)
        items = tuple(
            MenuItem(
                label=str(entry.short_label or entry.label) if len(members) == 1 else str(entry.label),
                url=entry.url,
                current=("page" if path == entry.url else "true") if entry is best else "",
            )
            for entry in members
        )
        groups.append(MenuGroup(key=key, label=str(labels.get(key, key)), items=items))
    return groups


def main_menu(request: HttpRequest) -> list[MenuGroup]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return arrange(menu_entries(request), request.path)
