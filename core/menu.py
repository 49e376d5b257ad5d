"""The main menu: every app contributes its own entries, core arranges them into a few groups.

Apps register an entry source in their AppConfig.ready() (as they do with calendar event sources); a source
looks at the request and returns the entries the user may use. So `core` never imports a domain app and each app
stays in charge of who sees which of its pages. An entry names its group by key; the groups' labels and order are
kept here because they are the layout of the menu, not knowledge about any domain.

A group with several entries is rendered as a Bootstrap dropdown, a group with one entry as a plain link, so
roles with few entries (specialist, funding authority) get no needless nesting.

Every page shows the menu, and building and rendering it cost about as much as the rest of the layout. So an app
may register the *audience*: what all entry sources look at (the agencies app registers the user's scope, a frozen
value that changes with every membership). The entries are then built once per audience and language, and the
rendered menu is kept per audience, language and current entry. Sources must therefore depend on nothing else.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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
Audience = Callable[[HttpRequest], Hashable]

_SOURCES: dict[str, EntrySource] = {}
_AUDIENCE: list[Audience] = []
# Kept per process; bounded so that a long-running worker does not grow without limit.
_ENTRIES: dict[tuple, tuple[MenuEntry, ...]] = {}
_RENDERED: dict[tuple, SafeString] = {}
_LIMIT = 5000


def register_menu_source(name: str, source: EntrySource) -> None:
    """Registers (or replaces, so a reloaded app does not double its entries) the source called `name`."""
    _SOURCES[name] = source
    forget_menus()


def register_menu_audience(audience: Audience) -> None:
    """`audience(request)` returns a hashable value that determines what every source returns (see the module
    docstring). Without one, the menu is built on every request."""
    _AUDIENCE[:] = [audience]
    forget_menus()


def forget_menus() -> None:
    _ENTRIES.clear()
    _RENDERED.clear()


@receiver(setting_changed)
def _forget_menus_when_settings_change(**kwargs) -> None:
    # URLs, languages and templates are settings; tests change them, a running site does not.
    forget_menus()


def menu_entries(request: HttpRequest) -> list[MenuEntry]:
    entries: list[MenuEntry] = []
    for source in _SOURCES.values():
        entries.extend(source(request))
    return entries


def _current_entry(entries: Iterable[MenuEntry], path: str) -> MenuEntry | None:
    """The entry the page at `path` belongs to: the entry with the longest URL that is the path itself or, unless
    `exact`, a prefix of it."""
    matching = [entry for entry in entries if path == entry.url or (not entry.exact and path.startswith(entry.url))]
    return max(matching, key=lambda entry: len(entry.url), default=None)


def arrange(entries: Iterable[MenuEntry], path: str) -> list[MenuGroup]:
    """Groups `entries` in GROUPS order (unknown keys last, by key) and marks the one entry the page at `path`
    belongs to."""
    entries = list(entries)
    best = _current_entry(entries, path)
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


def _entries_for(request: HttpRequest) -> tuple[tuple | None, tuple[MenuEntry, ...]]:
    """The request's entries and the key they are kept under (None: no audience registered, nothing kept)."""
    if not _AUDIENCE:
        return None, tuple(menu_entries(request))
    key = (_AUDIENCE[0](request), get_language())
    entries = _ENTRIES.get(key)
    if entries is None:
        if len(_ENTRIES) >= _LIMIT:
            _ENTRIES.clear()
        entries = _ENTRIES[key] = tuple(menu_entries(request))
    return key, entries


def main_menu(request: HttpRequest) -> list[MenuGroup]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return arrange(_entries_for(request)[1], request.path)


def rendered_main_menu(request: HttpRequest) -> SafeString:
    """The menu as HTML (templates/includes/main_menu.html). What it shows depends on the entries and on which of
    them is current, and on whether the page is that entry's own page, so that is what the HTML is kept by."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return SafeString("")
    key, entries = _entries_for(request)
    current = _current_entry(entries, request.path)
    if key is not None:
        key = (*key, current.url if current else None, current is not None and current.url == request.path)
        html = _RENDERED.get(key)
        if html is not None:
            return html
    html = render_to_string("includes/main_menu.html", {"main_menu": arrange(entries, request.path)})
    if key is not None:
        if len(_RENDERED) >= _LIMIT:
            _RENDERED.clear()
        _RENDERED[key] = html
    return html
