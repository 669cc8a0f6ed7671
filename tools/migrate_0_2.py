"""One-off migration of dataset/ from schema 0.1 to 0.2. Run once from the repository root; kept in history only.

- every fact-list item gets a readable claim id (record id, list, key words), unique in the dataset;
- `curation: {status, note}` becomes `reading`, `verdict`, `note` and `basis` (re-judged afterwards by hand);
- notes become `{id, text, basis}`; codes get `mapping` and, for ICD-10-CM, `billable` from simple-icd-10-cm;
- free-text populations become the closed list; warnings' effects and interaction partners become entries;
- strength `status` becomes `marketed`; uses and warnings of drug classes get `members`;
- `when-to-see-a-doctor` features become red-flag warnings on the condition; `differential` features become
  diagnostics whose purpose is to tell conditions apart.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import simple_icd_10_cm as icd
import yaml

from sleepdata import strict_yaml
from sleepdata.models import FOLDERS, KINDS

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "dataset")
RAW = "--raw" in sys.argv  # fixtures that are invalid on purpose: transform, do not validate
STOP = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "is", "are", "be", "it", "its", "can", "may",
        "with", "by", "as", "at", "that", "this", "from", "not", "no", "than", "which", "who", "they", "their"}
used: set[str] = set()


def slug(text: str, words: int = 4) -> str:
    parts = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP]
    return "-".join(parts[:words]) or "x"


def claim_id(*parts: str) -> str:
    base = "-".join(p for p in parts if p)[:110].strip("-")
    base = re.sub(r"-+", "-", base)
    cid, n = base, 2
    while cid in used:
        cid, n = f"{base}-{n}", n + 1
    used.add(cid)
    return cid


def basis_for(note: str) -> str:
    low = note.lower()
    if any(w in low for w in ("licen", "product information", "smpc", "label", "prescribing information",
                              "marketed", "summary of product")):
        return "product-information"
    if "guideline" in low or "recommend" in low:
        return "clinical-guideline"
    return "reference-text"


UNPROVEN = re.compile(r"no (good |reliable |clinical |convincing )?evidence|not established|unproven|speculative|"
                      r"no (controlled )?stud|lacks evidence|not (been )?shown|unclear whether", re.I)


def judgement(item: dict[str, Any]) -> None:
    """Replace `curation` in place with reading, verdict, note and basis."""
    cur = item.pop("curation", None) or {}
    status, note = cur.get("status", "accepted"), cur.get("note")
    if status == "corrected":
        item["reading"] = "corrected"
    elif status == "disputed":
        item["verdict"] = "unsupported" if note and UNPROVEN.search(note) else "disputed"
    if note:
        item["note"] = note
        item["basis"] = basis_for(note)


POP = {
    "children": {"group": "children"}, "adults": {"group": "adults"}, "pregnant women": {"group": "pregnancy"},
    "elderly people": {"group": "older-adults"}, "older people": {"group": "older-adults"},
    "older adults": {"group": "older-adults"}, "newborns": {"group": "newborns"}, "infants": {"group": "infants"},
    "infants under 6 months": {"group": "infants", "age_max": 0.5}, "adolescents": {"group": "adolescents"},
    "breastfeeding women": {"group": "breastfeeding"}, "women": {"group": "women"},
    "people with liver impairment": {"group": "hepatic-impairment"},
    "people with kidney impairment": {"group": "renal-impairment"},
    "people with epilepsy": {"group": "comorbid-condition", "condition": "condition:epilepsy"},
    "people with diabetes mellitus": {"group": "comorbid-condition", "condition": "cause:diabetes-mellitus"},
    "people with type 2 diabetes": {"group": "comorbid-condition", "condition": "cause:diabetes-mellitus",
                                    "label": "people with type 2 diabetes"},
    "people with underlying health conditions": {"group": "comorbid-condition"},
    "people with respiratory conditions": {"group": "respiratory-impairment"},
    "people with a history of substance misuse": {"group": "substance-misuse-history"},
    "students during examinations": {"group": "general-population", "label": "students at examination time"},
    "people of different ages": {"group": "general-population", "label": "people of any age"},
    "young patients": {"group": "children", "label": "young patients"},
    "people with jerks during sleep": {"group": "general-population", "label": "people with jerks in sleep"},
    "people with increased nervous excitability": {"group": "general-population",
                                                   "label": "people with heightened nervous excitability"},
    "people with chronic nervous overload and fatigue": {"group": "general-population",
                                                         "label": "people with long-standing strain and fatigue"},
    "healthy people": {"group": "general-population", "label": "healthy people"},
    "children after infectious diseases": {"group": "children", "label": "children after an infection"},
}
PARTNERS = {"alcohol": "treatment:alcohol", "opioids": "treatment:opioids",
            "benzodiazepines": "treatment:benzodiazepines"}
EFFECT_CONDITIONS = {"sleep paralysis": "condition:sleep-paralysis", "myoclonus": "condition:myoclonus",
                     "persistent nocturnal myoclonus": "condition:nocturnal-myoclonus"}


def populations(item: dict[str, Any]) -> None:
    if "populations" in item:
        item["populations"] = [POP[p] for p in item["populations"]]


def codes(rid: str, item: dict[str, Any]) -> None:
    for code in item.get("codes", []):
        code.setdefault("mapping", "exact")
        if code["system"] == "icd-10-cm":
            code["billable"] = bool(icd.is_leaf(code["code"]))


def synonyms(rid: str, item: dict[str, Any]) -> None:
    for syn in item.get("synonyms", []):
        if syn.get("provenance"):
            syn["id"] = claim_id(rid, "name", slug(syn["name"], 5))


def facts(rid: str, items: list[dict[str, Any]], label: str, key: str | None = None) -> None:
    for item in items:
        tail = item.get(key, "").split(":")[-1] if key else ""
        item["id"] = claim_id(rid, label, tail, slug(item.get("statement", ""), 3))
        judgement(item)
        populations(item)


def notes(rid: str, record: dict[str, Any]) -> None:
    if "notes" in record:
        record["notes"] = [{"id": claim_id(rid, "note", slug(text, 3)), "text": text, "basis": basis_for(text)}
                           for text in record["notes"]]


def migrate(kind: str, record: dict[str, Any], classes: set[str], extra: list[tuple[str, dict[str, Any]]]) -> None:
    rid = record["id"]
    judgement(record)
    codes(rid, record)
    synonyms(rid, record)
    notes(rid, record)
    if kind == "source":
        record["translation"] = "machine" if record.pop("translated") else "original"
    if kind == "condition":
        kept, diagnostics = [], record.get("diagnostics", [])
        for feature in record.get("features", []):
            if feature["kind"] == "when-to-see-a-doctor":
                feature.pop("kind")
                warning = {"id": f"{rid}-see-a-doctor-{slug(feature['statement'], 3)}", "kind": "red-flag",
                           "applies_to": [f"condition:{rid}"], **feature}
                extra.append(("warning", warning))
            elif feature["kind"] == "differential":
                feature.pop("kind")
                feature.pop("quantities", None)
                feature.pop("populations", None)
                diagnostics.append({**feature, "test": "clinical differential diagnosis",
                                    "method": "specialist-assessment", "purpose": "differentiate"})
            else:
                kept.append(feature)
        record["features"] = kept
        facts(rid, record["features"], "", "kind")
        for d in diagnostics:
            d.setdefault("method", "examination")
            d.setdefault("purpose", "confirm")
        facts(rid, diagnostics, "diagnostic")
        if diagnostics:
            record["diagnostics"] = diagnostics
    if kind == "cause":
        facts(rid, record["links"], "link", "condition")
    if kind == "treatment":
        facts(rid, record.get("classes", []), "class", "drug_class")
        facts(rid, record.get("mechanisms", []), "mechanism")
        facts(rid, record.get("legal_statuses", []), "legal", "status")
        facts(rid, record.get("uses", []), "use", "condition")
        if record["kind"] == "drug-class":
            for use in record.get("uses", []):
                use["members"] = "some"
        for brand in record.get("brands", []):
            brand["id"] = claim_id(rid, "brand", slug(brand["name"], 3))
            judgement(brand)
        for strength in record.get("strengths", []):
            used.add(strength["id"])
            status = strength.pop("status")
            strength["marketed"] = {"standard": "marketed", "non-standard": "not-marketed"}.get(status, status)
            judgement(strength)
    if kind == "warning":
        judgement(record)
        populations(record)
        used.add(rid)
        frequency = record.pop("frequency", None)
        record["effects"] = [
            {"id": claim_id(rid, "effect", slug(name, 4)), "name": name,
             **({"frequency": frequency} if frequency else {}),
             **({"condition": EFFECT_CONDITIONS[name]} if name in EFFECT_CONDITIONS else {})}
            for name in record.get("effects", [])]
        record["interactions"] = [
            {"id": claim_id(rid, "with", PARTNERS[name].split(":")[1]), "partner": PARTNERS[name]}
            for name in record.pop("interacting_substances", []) if name in PARTNERS]
        if any(t.removeprefix("treatment:") in classes for t in record["applies_to"]):
            record["members"] = "all"


NEW_RECORDS = [
    ("treatment", {"id": "alcohol", "name": "alcohol", "kind": "substance",
                   "description": "Ethanol in drinks; named here as a substance that interacts with sedative drugs.",
                   "synonyms": [{"name": "ethanol"}]}),
    ("treatment", {"id": "opioids", "name": "opioids", "kind": "drug-class",
                   "description": "Opioid analgesics and related drugs; named here as an interaction partner of "
                   "sedative drugs.",
                   "codes": [{"system": "atc", "code": "N02A", "label": "Opioids", "mapping": "exact"}]}),
]


def main() -> int:
    docs = []
    for kind, folder in FOLDERS.items():
        for path in sorted((ROOT / folder).glob("*.yaml")):
            docs.append((kind, path, yaml.safe_load(path.read_text(encoding="utf-8"))))
    classes = {d["id"] for k, _, d in docs if k == "treatment" and d.get("kind") == "drug-class"}
    for kind, _, record in docs:
        if kind == "warning":
            used.add(record["id"])
        for strength in record.get("strengths", []) if kind == "treatment" else []:
            used.add(strength["id"])
    extra: list[tuple[str, dict[str, Any]]] = []
    for kind, path, record in list(docs):
        try:
            migrate(kind, record, classes, extra)
        except (AttributeError, KeyError, TypeError) as error:
            if not RAW:
                raise
            print(f"{path}: left as it is ({error!r})", file=sys.stderr)
            docs.remove((kind, path, record))
    for kind, record in extra:
        used.add(record["id"])
        record["id"] = record["id"][:80].strip("-")
        facts_ids = record.copy()
        judgement(facts_ids)
        populations(facts_ids)
        docs.append((kind, ROOT / FOLDERS[kind] / f"{record['id']}.yaml", facts_ids))
    for kind, record in NEW_RECORDS if ROOT.name == "dataset" and ROOT.parent == Path() else ():
        docs.append((kind, ROOT / FOLDERS[kind] / f"{record['id']}.yaml", record))
    failures = 0
    for kind, path, record in docs:
        if RAW:
            path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
            continue
        try:
            model = KINDS[kind].model_validate_json(json.dumps(record))
        except Exception as error:  # noqa: BLE001 - report every record that does not migrate
            failures += 1
            print(f"{path}: {error}", file=sys.stderr)
            continue
        path.write_text(strict_yaml.dump(model.model_dump(mode="json", exclude_defaults=True)), encoding="utf-8")
    print(f"{len(docs)} records, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
