"""What changed between the previous release and this one, claim by claim, for the release page and the
"changed in this release" section of each record page.

Claims are followed by their claim id. A release from before claim ids (0.1.0) is matched to this one record
by record and list by list: an id where the old item had one (strengths, warnings), else the same statement,
else the same position in the list; whatever is left is added or removed. The page says which way it matched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..changes import Claims, compare_claims, index, records_of
from ..models import KINDS

if TYPE_CHECKING:
    from ..dataset import Dataset

#: How a 0.1 curation status reads in the two axes of 0.2: (reading, verdict).
_STATUS = {"accepted": ("as-written", "supported"), "corrected": ("corrected", "supported"),
           "disputed": ("as-written", "disputed")}
METHOD_BY_ID = "claims matched by claim id"
METHOD_BY_POSITION = ("the previous release has no claim ids: its facts are matched to this release's claims by "
                      "record, list and statement text, then by position in the list")


@dataclass(frozen=True)
class Item:
    """One claim of one release, as the diff compares it."""

    ref: str  # the record
    list: str  # where in the record (`features`, `uses`, `strengths.doses`; empty for the record itself)
    position: int
    id: str | None
    text: str
    judgement: tuple[str, str] | None  # (reading, verdict), None for names and notes


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, re-judged, reworded
    ref: str
    where: str  # the list in the record (`features`, `uses`; empty for the record itself)
    claim: str | None
    text: str
    detail: str = ""


@dataclass
class Changes:
    old: str
    new: str
    method: str
    changes: list[Change] = field(default_factory=list)
    added_records: list[str] = field(default_factory=list)
    removed_records: list[tuple[str, str | None]] = field(default_factory=list)  # (ref, replacement)

    def of(self, ref: str) -> list[Change]:
        return [c for c in self.changes if c.ref == ref]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def method_short(self) -> str:
        return "matched by claim id" if self.method == METHOD_BY_ID else "matched by record, list and text"


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    for key in ("statement", "name", "text"):
        if isinstance(value.get(key), str):
            return str(value[key])
    if "amount" in value:
        return f"{value['amount']:g} {value.get('unit', '')}".strip()
    if "condition" in value and "fit" in value:
        return f"dose for {value['condition']}: {value['fit']}"
    return json.dumps(value, sort_keys=True)[:120]


def _judgement(value: Any) -> tuple[str, str] | None:
    if not isinstance(value, dict):
        return None
    if "curation" in value:
        return _STATUS.get(value["curation"].get("status"), ("as-written", "supported"))
    if "verdict" in value or "reading" in value or ("id" in value and "statement" in value):
        return value.get("reading", "as-written"), value.get("verdict", "supported")
    return None


def _old_items(kind: str, record: dict[str, Any]) -> Iterator[Item]:
    """The facts of a 0.1 record: every list item with a statement, a name, an amount, or a plain note."""
    ref = f"{kind}:{record['id']}"
    if "statement" in record:
        yield Item(ref, "", 0, record["id"], _text(record), _judgement(record))
    for key, value in record.items():
        if isinstance(value, list) and value and all(isinstance(v, dict | str) for v in value) and key not in (
                "mentions", "provenance", "codes", "exclusions", "applies_to", "reasons", "markets"):
            for i, item in enumerate(value):
                if isinstance(item, str) and key != "notes":
                    continue
                if key == "synonyms" and not item.get("provenance"):
                    continue  # a name the curator added is no claim (it has no claim id in later releases)
                oid = item.get("id") if isinstance(item, dict) else None
                yield Item(ref, key, i, oid, _text(item), _judgement(item))


def _item(cid: str, entry: tuple[str, str, dict[str, Any]]) -> Item:
    """A claim of a release with claim ids (record, path such as `uses[2]`, data), as the diff compares it."""
    ref, path, claim = entry
    positions = re.findall(r"\[(\d+)\]", path)
    return Item(ref, re.sub(r"\[\d+\]", "", path), int(positions[-1]) if positions else 0, cid, _text(claim),
                _judgement(claim))


def _claims(records: Iterable[tuple[str, dict[str, Any]]]) -> tuple[dict[str, dict[str, Any]], Claims]:
    """Records by reference and their claims by id, the records that are claims themselves included (a warning is
    its own statement)."""
    by_ref, claims = index(records)
    own = {r["id"]: (ref, "", r) for ref, r in by_ref.items() if isinstance(r.get("statement"), str) and "id" in r}
    return by_ref, {**own, **claims}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _pair(old: list[Item], new: list[Item]) -> Iterator[tuple[Item | None, Item | None]]:
    """Old and new items of one list of one record, matched by id, then text, then position."""
    left, right = list(old), list(new)
    for rule in (lambda o, n: o.id is not None and o.id == n.id, lambda o, n: _norm(o.text) == _norm(n.text),
                 lambda o, n: o.position == n.position):
        for o in list(left):
            match = next((n for n in right if rule(o, n)), None)
            if match is not None:
                left.remove(o)
                right.remove(match)
                yield o, match
    yield from ((o, None) for o in left)
    yield from ((None, n) for n in right)


def _words(judgement: tuple[str, str] | None) -> str:
    if judgement is None:
        return "no judgement"
    reading, verdict = judgement
    return verdict + (", corrected reading" if reading == "corrected" else "")


def compare(old_bundle: dict[str, Any], new: Dataset) -> Changes:
    """The claim-level changes from a release bundle (as `releases/<version>.json` keeps it) to `new`."""
    old_records = {f"{kind}:{r['id']}": (kind, r) for kind, items in old_bundle["records"].items() for r in items}
    by_id = any("id" in item for _, r in old_records.values() for key in ("features", "uses", "links")
                for item in r.get(key, []) if isinstance(item, dict))
    changes = Changes(old_bundle["version"], new.version, METHOD_BY_ID if by_id else METHOD_BY_POSITION)
    new_records, new_claims = _claims(records_of(new))
    changes.added_records = sorted(set(new_records) - set(old_records))
    changes.removed_records = sorted((ref, new.retired.get(ref)) for ref in set(old_records) - set(new_records))
    if by_id:
        old_claims = _claims((ref, record) for ref, (_, record) in old_records.items())[1]
        changes.changes = list(_by_id(old_claims, new_claims, new.retired, old_records, new_records))
        return changes
    olds: dict[tuple[str, str], list[Item]] = {}
    for kind, record in old_records.values():
        if kind in KINDS:
            for item in _old_items(kind, record):
                olds.setdefault((item.ref, item.list.split(".")[0]), []).append(item)
    news: dict[tuple[str, str], list[Item]] = {}
    for item in (_item(cid, entry) for cid, entry in new_claims.items()):
        news.setdefault((item.ref, item.list), []).append(item)
    for key in sorted(set(olds) | set(news)):
        for o, n in _pair(olds.get(key, []), news.get(key, [])):
            if o is None and n is not None:
                if n.ref in old_records:  # a new record's claims are told by the record, not one by one
                    changes.changes.append(_added(n))
            elif n is None and o is not None:
                if o.ref in new_records:
                    changes.changes.append(Change("removed", o.ref, o.list, None, o.text))
            elif o is not None and n is not None:
                changes.changes += _changed(o, n)
    return changes


def _by_id(old: Claims, new: Claims, retired: dict[str, str], old_records: dict[str, Any],
           new_records: dict[str, Any]) -> Iterator[Change]:
    """The changes between two releases with claim ids, as `sleepdata diff` finds them."""
    report = compare_claims(old, new, retired)
    for added in report["added"]:
        if added["record"] in old_records:  # a new record's claims are told by the record, not one by one
            yield _added(_item(added["id"], new[added["id"]]))
    for removed in report["removed"]:
        if removed["record"] in new_records:
            o = _item(removed["id"], old[removed["id"]])
            replaced = f"; retired, see {removed['replaced_by']}" if removed["replaced_by"] else ""
            yield Change("removed", o.ref, o.list, None, o.text, f"was claim {o.id}{replaced}")  # no anchor now
    for cid in report["changed"]:
        yield from _changed(_item(cid, old[cid]), _item(cid, new[cid]))


def _added(n: Item) -> Change:
    return Change("added", n.ref, n.list, n.id, n.text, _words(n.judgement))


def _changed(o: Item, n: Item) -> list[Change]:
    if o.judgement and n.judgement and o.judgement != n.judgement:
        return [Change("re-judged", n.ref, n.list, n.id, n.text, f"{_words(o.judgement)} → {_words(n.judgement)}")]
    if _norm(o.text) != _norm(n.text):
        return [Change("reworded", n.ref, n.list, n.id, n.text, f"was: {o.text}")]
    return []


def previous_release(root: Path, version: str) -> dict[str, Any] | None:
    """The bundle of the newest release before `version` kept in `root/releases/`, or None."""
    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(x) for x in path.stem.split("."))

    older = [p for p in (root / "releases").glob("*.json") if re.fullmatch(r"\d+\.\d+\.\d+", p.stem)
             and key(p) < tuple(int(x) for x in version.split("."))]
    if not older:
        return None
    bundle: dict[str, Any] = json.loads(max(older, key=key).read_text(encoding="utf-8"))
    return bundle
