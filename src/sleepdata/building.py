"""`sleepdata build`: validate the dataset, then write every artefact from it.

Every artefact is first written to a fresh folder; only when every step has passed are they moved into
place (each file or folder in one step). A failed or killed build leaves the previous schemas, bundle,
manifest, exports and site as they were. A lock keeps two builds of one checkout from running at once.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

from . import atomic, bundle, manifest, schemas
from .changes import write_release_ids
from .reports import render
from .validation import validate

LOCK = ".sleepdata-build.lock"


def build(root: Path, sources_dir: Path | None, site: bool = True) -> int:
    """Run the whole pipeline in the project at `root`; stop at the first failing step."""
    dataset = root / "dataset"
    if not dataset.is_dir():
        print(f"Error: no dataset/ folder in {root.resolve().name}; run `sleepdata build` in the project "
              "checkout", file=sys.stderr)
        return 2
    missing = [f"{module} ({extra})" for module, extra in (("pyarrow", "parquet"), *([("mkdocs", "site")] * site))
               if importlib.util.find_spec(module) is None]
    if missing:
        print(f"Error: `sleepdata build` needs {' and '.join(missing)}: pip install \"sleepdata[all]\"",
              file=sys.stderr)
        return 2
    with atomic.lock(root / LOCK, "waiting for another build of this checkout to finish"):
        return _build(root, dataset, sources_dir, site)


def _build(root: Path, dataset: Path, sources_dir: Path | None, site: bool) -> int:
    started = time.perf_counter()
    report = validate([dataset], sources_dir)
    if not report.valid:
        sys.stdout.write(render(report.problems, "text", {}))
        return 1
    records = [f.record for f in report.records]
    print(f"validated {len(records)} records in {len(report.files)} files"
          f"{' against the sources' if sources_dir else ''}")
    data_dir = root / "src" / "sleepdata" / "data"
    targets = {"schema": root / "schema", "data": data_dir, "exports": root / "exports"}
    for target in targets.values():
        atomic.discard_leftovers(target)
    staged = {name: atomic.fresh_dir(target) for name, target in targets.items()}
    replaced: list[Path | None] = []
    try:
        schemas.write(staged["schema"])
        bundle.write(records, staged["data"] / "dataset.json", report.retired)
        manifest.write(staged["data"])
        from .dataset import Dataset
        from .exports import FORMATS, NEEDS, available, export_formats

        data = Dataset.from_records(records, retired=report.retired)
        formats = available()
        export_formats(data, {fmt: staged["exports"] / fmt for fmt in formats}, staged=False)
        for fmt in sorted(set(FORMATS) - set(formats)):
            print(f"skipped the {fmt} export: it needs {NEEDS[fmt][0]} (pip install \"sleepdata[{NEEDS[fmt][1]}]\")")
        commit_site = None
        if site:
            from .site import stage_site

            commit_site = stage_site(root, records, schema_dir=staged["schema"])
            if commit_site is None:
                return 1
        # Everything is complete: move it into place (renames only), then clear what was replaced.
        atomic.publish(staged["schema"], targets["schema"])
        atomic.publish(staged["data"], data_dir)
        replaced.append(atomic.swap(staged["exports"], targets["exports"]))
        if commit_site is not None:
            replaced.append(commit_site())
        write_release_ids(data, root / "releases")
    finally:
        for folder in [*staged.values(), *replaced]:
            atomic.discard(folder)
    print(f"wrote {len(schemas.files())} schema files to schema/, the bundle and its manifest to "
          f"src/sleepdata/data/, releases/{data.version}.ids, the exports ({', '.join(formats)}) to exports/"
          f"{' and the site to site/' * site}")
    print(f"build finished in {time.perf_counter() - started:.1f} s")
    return 0
