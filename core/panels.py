"""A dashboard panel: a template and its context. Each app offers panels; the reporting app arranges them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    wide: bool = False
