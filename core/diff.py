"""What changed between two frozen revisions (or any two snapshots) of a document.

Snapshots that want a readable diff follow one convention:
``{"sections": [{"key": "needs", "title": "Handlungsbedarfe", "content": <nested dicts/lists/scalars>}, …]}``.
Rows in lists are matched by their ``"id"`` (so inserting a row does not mark every later row as changed) and
named by their ``"title"`` (or ``"label"``); other keys are translated through ``labels``.
"""

from dataclasses import dataclass, field

NAME_KEYS = ("title", "label", "name", "indicator", "description")
HIDDEN_KEYS = frozenset({"id", "key", "columns"})


@dataclass
class Change:
    path: str
    old: str
    new: str

    @property
    def kind(self) -> str:
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "changed"


@dataclass
class SectionDiff:
    key: str
    title: str
    changes: list[Change] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _row_name(row: dict, index: int) -> str:
    for key in NAME_KEYS:
        if row.get(key):
            text = str(row[key])
            return text if len(text) <= 60 else text[:57] + "…"
    for key, value in row.items():  # else the row's first text, e.g. the indicator of a data row
        if key not in HIDDEN_KEYS and isinstance(value, str) and value:
            return value if len(value) <= 60 else value[:57] + "…"
    return f"#{index + 1}"


def flatten(value, labels: dict[str, str], prefix: str = "") -> dict[str, str]:
    """Nested content → {readable path: text}. Lists of rows are keyed by their id when they have one."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key in HIDDEN_KEYS:
                continue
            label = labels.get(key, key)
            out.update(flatten(item, labels, f"{prefix} › {label}" if prefix else label))
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for index, row in enumerate(value):
            row_id = row.get("id", index) if isinstance(row, dict) else index
            name = _row_name(row, index) if isinstance(row, dict) else f"#{index + 1}"
            path = f"{prefix} › {name}" if prefix else name
            # The id stays in the path key (invisible) so renamed rows still pair up with their old version.
            for sub_path, text in flatten(row, labels, "").items():
                out[f"{path}\x00{row_id}\x00{sub_path}"] = text
    else:
        out[prefix] = _text(value)
    return out


def _readable(path: str) -> str:
    parts = path.split("\x00")
    if len(parts) == 1:
        return path
    # "<prefix › name>\0<id>\0<rest>" possibly nested; show the current name of the row.
    head, rest = parts[0], "\x00".join(parts[2:])
    return f"{head} › {_readable(rest)}" if rest else head


def _pair_key(path: str) -> str:
    """The part of a path that identifies a row: ids, not names (a renamed row is the same row)."""
    parts = path.split("\x00")
    if len(parts) == 1:
        return path
    head = parts[0].rsplit(" › ", 1)[0] if " › " in parts[0] else ""
    return f"{head}\x00{parts[1]}\x00{_pair_key(chr(0).join(parts[2:]))}"


def diff_snapshots(old: dict | None, new: dict, labels: dict[str, str] | None = None) -> list[SectionDiff]:
    """Per section of `new` (and sections only in `old`): the fields whose text differs."""
    labels = labels or {}
    old_sections = {s["key"]: s for s in (old or {}).get("sections", [])}
    new_sections = {s["key"]: s for s in new.get("sections", [])}
    order = list(new_sections) + [key for key in old_sections if key not in new_sections]
    result = []
    for key in order:
        before = old_sections.get(key, {})
        after = new_sections.get(key, {})
        flat_old = {_pair_key(p): (p, t) for p, t in flatten(before.get("content"), labels).items()}
        flat_new = {_pair_key(p): (p, t) for p, t in flatten(after.get("content"), labels).items()}
        section = SectionDiff(key=key, title=after.get("title") or before.get("title") or key)
        for pair in list(flat_new) + [p for p in flat_old if p not in flat_new]:
            old_path, old_text = flat_old.get(pair, ("", ""))
            new_path, new_text = flat_new.get(pair, ("", ""))
            if old_text != new_text:
                section.changes.append(Change(path=_readable(new_path or old_path), old=old_text, new=new_text))
        if section.changes:
            result.append(section)
    return result
