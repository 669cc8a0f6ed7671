"""A condition's causes and treatments at a glance, laid out for an SVG that reads on a phone.

The layout stacks: causes on top, the condition in the middle, treatments below, so the picture is as narrow
as a phone (340 units wide, drawn at most 440 px wide and at least ~1:1 at a 390 px viewport). Names are
wrapped, never cut. A claim that is disputed, unsupported or outdated is marked in words beside its name.
Causes and treatments stated for a subtype stand in a group of their own that says so.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ..models import Condition, Reading, Standing, Verdict
from .context import Page

WIDTH, MARGIN, LINE, HEAD, GAP, PAD = 340, 10, 17, 24, 12, 8
ITEM_CHARS, CENTRE_CHARS = 40, 30  # characters per line at 13 px (items) and 15 px bold (the condition)

#: Stroke colour and dash pattern of each group, and its heading.
STYLES = {
    "cause": ("#b71c1c", "", "Causes"), "risk-factor": ("#e65100", "7 4", "Risk factors"),
    "trigger": ("#6a1b9a", "2 3", "Triggers"), "association": ("#546e7a", "4 4", "Associations"),
    "approved": ("#1b5e20", "", "Approved uses"), "established": ("#2e7d32", "", "Established care"),
    "off-label": ("#e65100", "7 4", "Off-label uses"),
    "suggested": ("#546e7a", "2 3", "Suggested by a source"), "contested": ("#b71c1c", "7 4", "Contested uses"),
    "causes-of-subtypes": ("#607d8b", "1 3", "Causes of its subtypes"),
    "treatments-of-subtypes": ("#607d8b", "1 3", "Treatments of its subtypes"),
}
GRAVITY = ["supported", "corrected", "outdated", "unsupported", "disputed"]
MARKS = {"disputed": "disputed", "unsupported": "unsupported", "outdated": "outdated", "corrected": "corrected\u00a0✎"}


def _grade(verdict: Verdict, reading: Reading) -> str:
    if verdict is not Verdict.SUPPORTED:
        return verdict.value
    return "corrected" if reading is Reading.CORRECTED else "supported"


@dataclass
class Item:
    ref: str
    name: str
    grade: str = "supported"
    via: list[str] = field(default_factory=list)  # subtype names, for a rolled-up item
    lines: list[str] = field(default_factory=list)
    y: int = 0

    @property
    def text(self) -> str:
        mark = f" —\u00a0{MARKS[self.grade]}" if self.grade in MARKS else ""  # the mark never wraps apart
        via = ""  # the page lists every subtype; the picture names two at most
        if self.via:
            via = f" (for {' and '.join(self.via)})" if len(self.via) <= 2 else f" (for {len(self.via)} subtypes)"
        return f"{self.name}{via}{mark}"

    @property
    def tip(self) -> str:
        if self.grade == "supported":
            return self.text
        why = "the source's wording was corrected" if self.grade == "corrected" else "not plainly supported"
        return f"{self.text}: {why}; the page gives the curator's note"


@dataclass
class Group:
    key: str
    items: list[Item] = field(default_factory=list)
    y: int = 0
    height: int = 0

    def add(self, ref: str, name: str, grade: str, via: str | None = None) -> None:
        """Add a name once; keep the gravest judgement and every subtype it comes through."""
        for item in self.items:
            if item.ref == ref:
                item.grade = max(item.grade, grade, key=GRAVITY.index)
                if via and via not in item.via:
                    item.via.append(via)
                return
        self.items.append(Item(ref, name, grade, [via] if via else []))

    @property
    def colour(self) -> str:
        return STYLES[self.key][0]

    @property
    def dash(self) -> str:
        return STYLES[self.key][1]

    @property
    def heading(self) -> str:
        return STYLES[self.key][2]


@dataclass
class Diagram:
    """Everything the template needs to draw: groups with positioned, wrapped names, and the centre box."""

    name: str
    causes: list[Group]
    treatments: list[Group]
    centre_lines: list[str] = field(default_factory=list)
    centre_y: int = 0
    height: int = 0
    none_causes_y: int | None = None
    none_treatments_y: int | None = None
    width: int = WIDTH
    margin: int = MARGIN
    line: int = LINE

    @property
    def inner(self) -> int:
        return WIDTH - 2 * MARGIN

    @property
    def centre_height(self) -> int:
        return 20 + 19 * len(self.centre_lines)

    @property
    def counts(self) -> tuple[int, int]:
        return sum(len(g.items) for g in self.causes), sum(len(g.items) for g in self.treatments)


def _place(groups: list[Group], y: int) -> int:
    for group in groups:
        group.y = y
        y += HEAD
        for item in group.items:
            item.lines = textwrap.wrap(item.text, ITEM_CHARS, break_on_hyphens=False) or [item.text]
            item.y = y + 13
            y += LINE * len(item.lines) + 3
        group.height = y + PAD - group.y
        y = group.y + group.height + GAP
    return y


def condition_diagram(page: Page, condition: Condition) -> Diagram:
    """The diagram of one condition, its subtypes' causes and treatments rolled up and marked as such."""
    data = page.site.data
    causes = {key: Group(key) for key in ("cause", "risk-factor", "trigger", "association", "causes-of-subtypes")}
    treatments = {key: Group(key) for key in (*(s.value for s in Standing), "treatments-of-subtypes")}
    for cause, link in ((c, x) for c, links in data.causes_of(condition.id) for x in links):
        causes[link.relation.value].add(f"cause:{cause.id}", cause.name, _grade(link.verdict, link.reading))
    for treatment, use in ((t, x) for t, uses in data.treatments_for(condition.id) for x in uses):
        treatments[use.standing.value].add(f"treatment:{treatment.id}", treatment.name,
                                           _grade(use.verdict, use.reading))
    for sub in page.site.descendants(condition):
        for cause, link in ((c, x) for c, links in data.causes_of(sub.id) for x in links):
            causes["causes-of-subtypes"].add(f"cause:{cause.id}", cause.name, _grade(link.verdict, link.reading),
                                             sub.name)
        for treatment, use in ((t, x) for t, uses in data.treatments_for(sub.id) for x in uses):
            treatments["treatments-of-subtypes"].add(f"treatment:{treatment.id}", treatment.name,
                                                     _grade(use.verdict, use.reading), sub.name)
    diagram = Diagram(condition.name, [g for g in causes.values() if g.items],
                      [g for g in treatments.values() if g.items])
    y = MARGIN
    if diagram.causes:
        y = _place(diagram.causes, y)
    else:
        diagram.none_causes_y, y = y + 16, y + 28
    y += 18  # the arrow into the condition
    diagram.centre_lines = textwrap.wrap(condition.name, CENTRE_CHARS, break_on_hyphens=False) or [condition.name]
    diagram.centre_y = y
    y += diagram.centre_height + 18 + GAP
    if diagram.treatments:
        y = _place(diagram.treatments, y)
    else:
        diagram.none_treatments_y, y = y + 16, y + 28
    diagram.height = y + MARGIN - GAP
    return diagram
