"""`sleepdata show`: a readable summary of one record in the terminal (rich), or its data as JSON.

Text from the data is always passed to rich as plain `Text` (never markup) with control characters made
visible, so a record cannot style or move the terminal. Colours appear only on a terminal; `NO_COLOR` is
honoured (rich does both).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .lookup import reference
from .models import Reading, Verdict

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from .dataset import AnyRecord, Dataset
    from .validated_view import AnyModel, ValidatedDataset

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Data text made safe for a terminal: control and direction characters shown as `\\uXXXX`."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def _text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(clean(value), style=style)


def console() -> Console:
    """A console on stdout: colour only on a terminal, none under NO_COLOR; markup from data never parsed."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, emoji=False, markup=False, soft_wrap=False)


def as_json(record: BaseModel) -> str:
    """The record's data, defaults left out, as indented JSON."""
    return json.dumps(record.model_dump(mode="json", exclude_defaults=True), indent=2, ensure_ascii=False)


def verdicts(record: BaseModel) -> Counter[str]:
    """How many of the record's claims carry each verdict, and how many readings were corrected."""
    from .claims import claims_in

    counts: Counter[str] = Counter()
    for _, claim in claims_in(record):
        if isinstance(verdict := getattr(claim, "verdict", None), Verdict):
            counts[verdict.value] += 1
        if getattr(claim, "reading", None) is Reading.CORRECTED:
            counts["reading corrected"] += 1
    return counts


def _label(value: object) -> str:
    return str(getattr(value, "value", value))


def render(dataset: Dataset, shown: AnyRecord | AnyModel) -> list[RenderableType]:
    """The summary of a record: heading, names, codes, verdicts, strengths, warnings, relations."""
    from rich.table import Table

    ref = reference(shown)
    data = dataset.validated()  # the claims walk reads the models
    record = data[ref]
    kind = ref.partition(":")[0]
    title = getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "statement", None)
    if kind == "strength":
        title = f"{data.drug_of(ref).name} {record.amount:g} {record.unit}"  # type: ignore[union-attr]
    head = _text(title, "bold")
    head.append_text(_text(f"  {ref}", "dim"))
    out: list[RenderableType] = [head]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="cyan", no_wrap=True)
    facts.add_column()

    def row(name: str, value: str | None) -> None:
        if value:
            facts.add_row(name, _text(value))

    row("kind", _label(getattr(record, "kind", None) or kind))
    row("category", _label(getattr(record, "category", "") or ""))
    row("INN", getattr(record, "inn", None))
    row("definition", getattr(record, "definition", None))
    row("description", getattr(record, "description", None))
    if kind == "strength":
        row("drug", f"treatment:{data.drug_of(ref).id}")
        row("marketed", _label(getattr(record, "marketed", "")))
        row("context", _label(getattr(record, "context", "")))
        row("dose form", getattr(record, "dose_form", None))
        row("as a dose", "; ".join(f"{d.condition}: {_label(d.fit)}" for d in getattr(record, "doses", ())))
        row("verdict", _label(getattr(record, "verdict", "")))
        row("curator note", getattr(record, "note", None))
    if kind == "warning":
        row("applies to", ", ".join(getattr(record, "applies_to", ())))
        row("severity", _label(getattr(record, "severity", None) or ""))
    row("synonyms", "; ".join(s.name for s in getattr(record, "synonyms", ())))
    row("brands", "; ".join(b.name for b in getattr(record, "brands", ())))
    row("codes", "; ".join(f"{_label(c.system)} {c.code} ({c.label})" for c in getattr(record, "codes", ())))
    if parent := getattr(record, "parent", None):
        row("parent", parent)
    if kind == "condition":
        row("subtypes", ", ".join(f"condition:{c.id}" for c in data.children(record.id)))
    counts = verdicts(record)
    row("verdicts", ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
    out.append(facts)
    out += _strengths(record) + _warnings(data, ref) + _relations(data, ref)
    return out


def _strengths(record: Any) -> list[RenderableType]:
    from rich.table import Table

    strengths = getattr(record, "strengths", ())
    if not strengths:
        return []
    table = Table(title="Strengths", title_justify="left", show_edge=False)
    for column in ("strength", "form", "marketed", "context", "as a dose"):
        table.add_column(column)
    styles = {"marketed": "green", "not-marketed": "bold red", "not-verifiable": "yellow"}
    for s in strengths:
        amount = f"{s.amount:g} {s.unit}"
        marketed = _label(s.marketed)
        doses = "; ".join(f"{d.condition.partition(':')[2]}: {_label(d.fit)}" for d in s.doses)
        table.add_row(_text(amount), _text(s.dose_form or ""), _text(marketed, styles.get(marketed, "")),
                      _text(_label(s.context)), _text(doses))
    return [table]


def _warnings(data: ValidatedDataset, ref: str) -> list[RenderableType]:
    from rich.table import Table

    if not ref.startswith(("treatment:", "strength:", "condition:")):
        return []
    found = data.warnings_for(ref)
    if not found:
        return []
    table = Table(title=f"Warnings ({len(found)})", title_justify="left", show_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("warning", no_wrap=True, overflow="ellipsis", max_width=70)  # one line each; --format json
    table.add_column("verdict", no_wrap=True)
    for w in found:
        table.add_row(_text(_label(w.kind)), _text(w.statement), _text(_label(w.verdict)))
    return [table]


def _relations(data: ValidatedDataset, ref: str) -> list[RenderableType]:
    from rich.table import Table

    kind, _, rid = ref.partition(":")
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    if kind == "condition":
        groups.append(("Causes", [(f"cause:{c.id}", _how(links, "relation")) for c, links in data.causes_of(rid)]))
        groups.append(("Treatments", [(f"treatment:{t.id}", _how(uses, "standing"))
                                      for t, uses in data.treatments_for(rid)]))
    elif kind == "cause":
        groups.append(("Conditions", [(f"condition:{c.id}", _how(links, "relation"))
                                      for c, links in data.conditions_caused_by(rid)]))
    elif kind == "treatment":
        groups.append(("Treats", [(f"condition:{c.id}", _how(uses, "standing"))
                                  for c, uses in data.conditions_treated_by(rid)]))
    out: list[RenderableType] = []
    for title, rows in groups:
        if not rows:
            continue
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_edge=False)
        table.add_column("record", no_wrap=True)
        table.add_column("name")
        table.add_column("as")
        for related, how in rows:
            table.add_row(_text(related), _text(getattr(data[related], "name", "")), _text(how))
        out.append(table)
    return out


def _how(claims: Any, field: str) -> str:
    """`cause (supported), trigger (disputed)`: each claim's relation or standing with its verdict."""
    return ", ".join(sorted({f"{_label(getattr(c, field))} ({_label(c.verdict)})" for c in claims}))


__all__ = ["as_json", "clean", "console", "render", "verdicts"]
