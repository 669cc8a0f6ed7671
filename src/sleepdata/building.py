"""`sleepdata build`: validate the dataset, then write every artefact from it."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

from . import bundle, manifest, schemas
from .changes import write_release_ids
from .reports import render
from .validation import validate


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
    started = time.perf_counter()
    report = validate([dataset], sources_dir)
    if not report.valid:
        sys.stdout.write(render(report.problems, "text", {}))
        return 1
    records = [f.record for f in report.records]
    print(f"validated {len(records)} records in {len(report.files)} files"
          f"{' against the sources' if sources_dir else ''}")
    schemas.write(root / "schema")
    print(f"wrote {len(schemas.files())} schema files to schema/")
    bundle.write(records, root / "src" / "sleepdata" / "data" / "dataset.json", report.retired)
    manifest.write(root / "src" / "sleepdata" / "data")
    print("wrote the bundle and its manifest to src/sleepdata/data/")
    from .dataset import Dataset
    from .exports import FORMATS, NEEDS, available, export

    data = Dataset.from_records(records, retired=report.retired)
    write_release_ids(data, root / "releases")
    print(f"wrote releases/{data.version}.ids")
    formats = available()
    for fmt in formats:
        export(data, fmt, root / "exports" / fmt)
    print(f"wrote the exports ({', '.join(formats)}) to exports/")
    for fmt in sorted(set(FORMATS) - set(formats)):
        print(f"skipped the {fmt} export: it needs {NEEDS[fmt][0]} (pip install \"sleepdata[{NEEDS[fmt][1]}]\")")
    if site:
        from .site import build_site

        code = build_site(root, records)
        if code:
            return code
    print(f"build finished in {time.perf_counter() - started:.1f} s")
    return 0
