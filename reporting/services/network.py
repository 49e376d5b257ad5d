"""A cooperation graph of agencies: who names whom, which links both sides confirm, links across associations,
the degree distribution, agencies without a partner although others exist in their area – and its SVG picture."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.services.stats import percent


@dataclass(frozen=True)
class Node:
    pk: int
    name: str
    municipality: str
    association: str
    colour: str


@dataclass
class Link:
    source: Node
    target: Node
    mutual: bool

    @property
    def across(self) -> bool:
        return self.source.association != self.target.association


@dataclass
class Network:
    nodes: dict[int, Node]
    links: list[Link]
    degrees: dict[int, int]
    named: dict[int, int] = field(default_factory=dict)  # how many partners each agency names itself
    isolated: list[Node] = field(default_factory=list)

    @property
    def link_count(self) -> int:
        return len(self.links)

    @property
    def mutual_count(self) -> int:
        return sum(1 for link in self.links if link.mutual)

    @property
    def across_count(self) -> int:
        return sum(1 for link in self.links if link.across)

    @property
    def across_percent(self) -> Decimal | None:
        return percent(self.across_count, self.link_count)

    @property
    def mutual_percent(self) -> Decimal | None:
        return percent(self.mutual_count, self.link_count)

    def degree_distribution(self) -> list[tuple[int, int]]:
        counts = Counter(self.degrees.get(pk, 0) for pk in self.nodes)
        return sorted(counts.items())

    def associations(self) -> list[tuple[str, str, int]]:
        counts = Counter((node.association, node.colour) for node in self.nodes.values())
        return sorted(((name, colour, n) for (name, colour), n in counts.items()), key=lambda item: item[0])

    def rows(self) -> list[dict]:
        """One row per agency: partners named, partners in total (either side), confirmed links."""
        mutual = Counter()
        for link in self.links:
            if link.mutual:
                mutual[link.source.pk] += 1
                mutual[link.target.pk] += 1
        return sorted(
            (
                {
                    "node": node,
                    "named": self.named.get(pk, 0),
                    "degree": self.degrees.get(pk, 0),
                    "mutual": mutual[pk],
                }
                for pk, node in self.nodes.items()
            ),
            key=lambda row: (row["node"].municipality, row["node"].name),
        )


def build(nodes: dict[int, Node], named_pairs: set[tuple[int, int]], *, area_of=None) -> Network:
    """`named_pairs` holds (a, b) when agency a names agency b. A link is mutual when (b, a) is named too.
    `area_of(node)` gives the area (municipality) in which an agency without partners is flagged when other
    agencies exist there."""
    links: dict[tuple[int, int], Link] = {}
    named = Counter()
    for a, b in named_pairs:
        if a == b or a not in nodes or b not in nodes:
            continue
        named[a] += 1
        key = (min(a, b), max(a, b))
        if key in links:
            links[key].mutual = True
        else:
            links[key] = Link(nodes[a], nodes[b], mutual=False)
    degrees = Counter()
    for a, b in links:
        degrees[a] += 1
        degrees[b] += 1
    area_of = area_of or (lambda node: node.municipality)
    per_area = Counter(area_of(node) for node in nodes.values())
    isolated = sorted(
        (node for pk, node in nodes.items() if not degrees.get(pk) and per_area[area_of(node)] > 1),
        key=lambda node: (node.municipality, node.name),
    )
    return Network(nodes=nodes, links=list(links.values()), degrees=dict(degrees), named=dict(named), isolated=isolated)


def svg(network: Network, *, labelled: bool, title: str, size: int = 640) -> SafeString:
    """A circle layout grouped by association then municipality, so neighbours in a city sit together.
    Solid lines: both sides confirm; dashed: named by one side. With many agencies the labels become
    tooltips (the table beside the picture names every agency)."""
    nodes = sorted(network.nodes.values(), key=lambda n: (n.association, n.municipality, n.name))
    count = max(len(nodes), 1)
    centre = size / 2
    radius = size / 2 - (150 if labelled and count <= 40 else 30)
    positions = {}
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / count - math.pi / 2
        positions[node.pk] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    node_radius = 7 if count <= 60 else 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="network-svg" style="max-width:{size}px">',
        f"<title>{escape(title)}</title>",
    ]
    for link in network.links:
        x1, y1, _a = positions[link.source.pk]
        x2, y2, _b = positions[link.target.pk]
        dash = "" if link.mutual else ' stroke-dasharray="4 3"'
        colour = "#1f4e79" if link.across else "#6c757d"
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{2 if link.mutual else 1.2}"{dash}/>'
        )
    for node in nodes:
        x, y, angle = positions[node.pk]
        label = f"{node.name} ({node.association}, {node.municipality})" if labelled else node.association
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_radius}" fill="{escape(node.colour)}" '
            f'stroke="#fff" stroke-width="1"><title>{escape(label)}</title></circle>'
        )
        if labelled and count <= 40:
            anchor = "start" if math.cos(angle) >= 0 else "end"
            dx = 10 if anchor == "start" else -10
            parts.append(
                f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="{anchor}" '
                f'fill="#212529">{escape(node.name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every interpolated text is escaped above


def legend() -> list[tuple[str, str]]:
    return [
        ("solid", _("durchgezogen: beide Seiten nennen einander")),
        ("dashed", _("gestrichelt: nur eine Seite nennt die andere")),
        ("across", _("blau: über Verbandsgrenzen hinweg")),
    ]


def group_by(network: Network, attribute: str) -> dict[str, list[Node]]:
    groups: dict[str, list[Node]] = defaultdict(list)
    for node in network.nodes.values():
        groups[getattr(node, attribute)].append(node)
    return dict(groups)
