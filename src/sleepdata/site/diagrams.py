"""Diagrams as inline SVG (no script, no network): a condition's causes and treatments at a glance.

Causes stand on the left, grouped by how they are tied to the condition; treatments on the right, grouped by
the standing of the use. Each name links to its page; a name with a disputed or corrected claim is marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dataset import Dataset
from ..models import CurationStatus
from .context import Page
from .text import label, md, shorten

WIDTH, COLUMN, CENTRE = 760, 220, 170
LINE, HEAD, PAD, GAP = 20, 26, 8, 14
CHARS = 30  # names longer than this are cut (the full name is in the tooltip)

#: Stroke colour and dash pattern of each group; the same keys style the legend.
STYLES = {
    "cause": ("#b71c1c", ""), "risk-factor": ("#e65100", "7 4"), "trigger": ("#6a1b9a", "2 3"),
    "association": ("#546e7a", "4 4"),
    "approved": ("#1b5e20", ""), "off-label": ("#e65100", "7 4"), "suggested": ("#546e7a", "2 3"),
    "contested": ("#b71c1c", "7 4"),
}
MARKS = {CurationStatus.DISPUTED: "⚠", CurationStatus.CORRECTED: "✎"}


@dataclass
class Item:
    ref: str
    name: str
    status: CurationStatus = CurationStatus.ACCEPTED


@dataclass
class Group:
    key: str
    items: list[Item] = field(default_factory=list)

    def add(self, ref: str, name: str, status: CurationStatus) -> None:
        """Add a name once; keep the gravest verdict (disputed over corrected over accepted)."""
        grave = [CurationStatus.ACCEPTED, CurationStatus.CORRECTED, CurationStatus.DISPUTED]
        for item in self.items:
            if item.ref == ref:
                item.status = max(item.status, status, key=grave.index)
                return
        self.items.append(Item(ref, name, status))

    @property
    def height(self) -> int:
        return HEAD + LINE * len(self.items) + PAD


def cause_groups(data: Dataset, condition: str) -> list[Group]:
    groups = {key: Group(key) for key in ("cause", "risk-factor", "trigger", "association")}
    for cause, link in ((c, link) for c, links in data.causes_of(condition) for link in links):
        groups[link.relation.value].add(f"cause:{cause.id}", cause.name, link.curation.status)
    return [g for g in groups.values() if g.items]


def treatment_groups(data: Dataset, condition: str) -> list[Group]:
    groups = {key: Group(key) for key in ("approved", "off-label", "suggested", "contested")}
    for treatment, use in ((t, use) for t, uses in data.treatments_for(condition) for use in uses):
        groups[use.standing.value].add(f"treatment:{treatment.id}", treatment.name, use.curation.status)
    return [g for g in groups.values() if g.items]


def _column(page: Page, groups: list[Group], x: int, top: int, out: list[str]) -> list[tuple[Group, int]]:
    """Draw the groups of one column from `top`; return each group with the y of its middle."""
    anchors, y = [], top
    for group in groups:
        colour, dash = STYLES[group.key]
        out.append(f'<rect x="{x}" y="{y}" width="{COLUMN}" height="{group.height}" rx="6" fill="#fafafa" '
                   f'stroke="{colour}" stroke-width="1.5"{_dash(dash)}/>')
        out.append(f'<text x="{x + 10}" y="{y + 18}" class="sd-group" fill="{colour}">{md(label(group.key))}</text>')
        for i, item in enumerate(group.items):
            mark = MARKS.get(item.status, "")
            text = shorten(item.name, CHARS) + (f" {mark}" if mark else "")
            tip = item.name + (f" ({item.status.value} by the curator)" if mark else "")
            css = f"sd-item sd-{item.status.value}"
            out.append(f'<a href="{md(page.url(item.ref))}"><title>{md(tip)}</title>'
                       f'<text x="{x + 14}" y="{y + HEAD + 14 + i * LINE}" class="{css}">{md(text)}</text></a>')
        anchors.append((group, y + group.height // 2))
        y += group.height + GAP
    return anchors


def _wrap(name: str, width: int = 18) -> list[str]:
    """The condition's name on one line, or two split at a space, each cut to fit the box."""
    if len(name) <= width or " " not in name:
        return [shorten(name, width)]
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - len(name) // 2))
    return [shorten(name[:cut], width), shorten(name[cut + 1:], width)]


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def _column_height(groups: list[Group]) -> int:
    return sum(g.height for g in groups) + GAP * max(len(groups) - 1, 0)


def condition_diagram(page: Page, name: str, causes: list[Group], treatments: list[Group]) -> str:
    """SVG of a condition between its causes and its treatments; empty when it has neither."""
    if not causes and not treatments:
        return ""
    height = max(_column_height(causes), _column_height(treatments), 80) + 40
    middle = height // 2
    left, right = 10, WIDTH - 10 - COLUMN
    centre_x = (WIDTH - CENTRE) // 2
    body: list[str] = []
    edges: list[str] = []
    for groups, x, edge_from in ((causes, left, left + COLUMN), (treatments, right, right)):
        top = (height - _column_height(groups)) // 2
        for group, y in _column(page, groups, x, top, body):
            colour, dash = STYLES[group.key]
            end = centre_x if x == left else centre_x + CENTRE
            bend = (edge_from + end) // 2
            edges.append(f'<path d="M{edge_from},{y} C{bend},{y} {bend},{middle} {end},{middle}" fill="none" '
                         f'stroke="{colour}" stroke-width="2"{_dash(dash)} marker-end="url(#sd-arrow)"/>')
    title = f"Causes and treatments of {name}"
    count = sum(len(g.items) for g in causes), sum(len(g.items) for g in treatments)
    lines = _wrap(name)
    centre = [f'<rect x="{centre_x}" y="{middle - 30}" width="{CENTRE}" height="60" rx="10" fill="#e8eaf6" '
              'stroke="#283593" stroke-width="2"/>',
              f'<text x="{WIDTH // 2}" y="{middle + 5 - 9 * (len(lines) - 1)}" text-anchor="middle" '
              f'class="sd-centre">' + "".join(
                  f'<tspan x="{WIDTH // 2}" dy="{18 if i else 0}">{md(line)}</tspan>' for i, line in enumerate(lines))
              + "</text>"]
    for groups, x, what in ((causes, left, "causes"), (treatments, right, "treatments")):
        if not groups:
            centre.append(f'<text x="{x + COLUMN // 2}" y="{middle + 5}" text-anchor="middle" class="sd-none">'
                          f"no {what} recorded</text>")
    return "\n".join([
        '<figure class="sd-diagram">',
        f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{md(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{md(title)}</title>",
        f"<desc>{count[0]} causes on the left, {count[1]} treatments on the right.</desc>",
        '<defs><marker id="sd-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#455a64"/></marker></defs>',
        *edges, *body, *centre,
        "</svg>",
        '<figcaption>Causes (left) and treatments (right); ⚠ marks a claim the curator disputes, ✎ one the curator '
        "corrected. Click a name to open its page.</figcaption>",
        "</figure>",
    ])
