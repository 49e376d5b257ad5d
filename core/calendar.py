"""Calendar events that several apps contribute to one personal iCalendar feed.

Apps register an event source (deadlines from `funding`, meeting dates from `meetings`, …) in their
AppConfig.ready(). The feed view (owned by `funding`) asks every source for the user's events, so `core`
never imports a domain app and every app stays in charge of what it shows to whom.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CalendarEvent:
    """One entry of a calendar. `uid` must be globally unique and stable across feed downloads
    (e.g. "obligation-42-district@agenturnetz"), so calendar clients update instead of duplicating."""

    uid: str
    title: str
    start: date | datetime
    end: date | datetime | None = None  # exclusive end; None: an all-day event of one day, or one hour
    description: str = ""
    url: str = ""
    location: str = ""
    categories: tuple[str, ...] = ()
    last_modified: datetime | None = None


# A source yields the events `user` may see between `start` and `end` (inclusive dates).
EventSource = Callable[[object, date, date], Iterable[CalendarEvent]]

_SOURCES: dict[str, EventSource] = {}


def register_event_source(name: str, source: EventSource) -> None:
    """Registers (or replaces, so a reloaded app does not double its events) the source called `name`."""
    _SOURCES[name] = source


def event_sources() -> dict[str, EventSource]:
    return dict(_SOURCES)


def events_for(user, start: date, end: date) -> list[CalendarEvent]:
    events: list[CalendarEvent] = []
    for source in _SOURCES.values():
        events.extend(source(user, start, end))
    return sorted(events, key=lambda event: (_sort_key(event.start), event.title))


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)
