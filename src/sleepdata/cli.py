"""The `sleepdata` command: validate, coverage, show, search, schema, format, build.

Exit status: 0 when all is well, 1 when the data has errors, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import textsafe
from ._version import __version__
from .dataset import BundleError
from .errors import DatasetError, Problem


class UsageError(Exception):
    """Bad arguments: exit 2."""


def _sources_arg(value: str | None, env_default: bool = True) -> Path | None:
    """The source directory named by --sources, else (where `env_default`) by SLEEPDATA_SOURCES."""
    if value is None:
        env = os.environ.get("SLEEPDATA_SOURCES") if env_default else None
        return Path(env) if env else None
    path = Path(value)
    if not path.is_dir():
        raise UsageError(f"--sources: no directory '{value}'")
    return path


def _print_problems(problems: list[Problem], fmt: str, extra: dict[str, Any] | None = None) -> None:
    from .reports import render

    sys.stdout.write(render(problems, fmt, extra or {}))


def _exit_code(problems: list[Problem]) -> int:
    """1 when any problem is an error, else 0."""
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validation import validate

    paths = [Path(p) for p in args.paths]
    if not paths:
        if not Path("dataset").is_dir():
            from .loading import bundle_path

            return _validate_installed(args, bundle_path())
        paths = [Path("dataset")]
    external = None if all(_is_project_dataset(p) for p in paths) else _installed_ids()
    report = validate(paths, _sources_arg(args.sources, env_default=False), external)
    problems = report.problems
    if args.strict:
        problems = [Problem(**{**p.to_dict(), "severity": "error"}) for p in problems]
    _print_problems(problems, args.format, {"files": report.files, "records": len(report.records)})
    return _exit_code(problems)


def _is_project_dataset(path: Path) -> bool:
    """Whether `path` is the `dataset/` folder of this project's own checkout (not a user's extension)."""
    resolved = path.resolve()
    return path.is_dir() and resolved.name == "dataset" and (resolved.parent / "src" / "sleepdata").is_dir()


def _installed_ids() -> dict[str, set[str]] | None:
    """Ids of the installed dataset, so that a user's own files may reference ours."""
    try:
        from .loading import load

        return load().ids()
    except (OSError, ValueError):
        return None


def _validate_installed(args: argparse.Namespace, bundle: Path) -> int:
    from .dataset import Dataset
    from .integrity import check
    from .records import RecordFile
    from .strict_yaml import Document

    data = Dataset.from_bundle(bundle)
    files = []
    for kind, collection in data.collections.items():
        for rid in collection:
            document = Document(f"<installed>/{kind}/{rid}", collection.raw(rid), {}, {})
            files.append(RecordFile(kind, collection[rid], document))
    problems = check(files, _sources_arg(args.sources, env_default=False))
    _print_problems(problems, args.format, {"files": {str(bundle): ""}, "records": len(files)})
    return _exit_code(problems)


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage import THRESHOLD, cited_spans, measure
    from .models import Source
    from .validation import validate

    sources = _sources_arg(args.sources)
    if sources is None:
        raise UsageError("coverage needs --sources DIR (or SLEEPDATA_SOURCES)")
    report = validate([Path(args.dataset)], sources)
    if not report.valid:
        _print_problems(report.problems, "text")
        return 1
    records = [f.record for f in report.records]
    spans = cited_spans(records)
    missing = 0
    rows = []
    for source in sorted((r for r in records if isinstance(r, Source)), key=lambda r: r.id):
        if args.source and source.id != args.source:
            continue
        text = _source_text(sources, source.file_name)
        measured = measure(text, spans.get(source.id, []))
        gaps = [s for s in measured if s.covered < THRESHOLD]
        missing += len(gaps)
        rows.append((source.id, len(measured), len(gaps)))
        low, high = args.range or (0, len(text))
        for gap in (g for g in gaps if g.end > low and g.start < high):
            preview = textsafe.line(" ".join(text[gap.start:gap.end].split()[:8])) if args.show_text else ""
            print(f"{source.file_name}:{gap.line(text)}: source:{source.id} [{gap.start}, {gap.end}) "
                  f"{gap.covered:.0%} covered{(' — ' + preview + ' …') if preview else ''}")
    for sid, total, count in rows:
        print(f"source:{sid}: {total - count}/{total} sentences covered")
    print(f"{missing} sentence{'s' * (missing != 1)} neither cited nor excluded.")
    return 1 if missing else 0


def _source_text(sources: Path, file_name: str) -> str:
    """A source document's text; a usage error naming the file when it is missing or not UTF-8."""
    from .integrity import read_source

    text, problem = read_source(sources / file_name)
    if text is None:
        raise UsageError(f"--sources {sources}: {problem}")
    return text


def cmd_locate(args: argparse.Namespace) -> int:
    from .coverage import sentences
    from .records import read_record

    sources = _sources_arg(args.sources)
    if sources is None:
        raise UsageError("locate needs --sources DIR (or SLEEPDATA_SOURCES)")
    sid = args.source.removeprefix("source:")
    found, _ = read_record(Path(args.dataset) / "sources" / f"{sid}.yaml", "source", sid)
    if found is None:
        raise UsageError(f"no valid source record '{sid}' in {args.dataset}/sources")
    text = _source_text(sources, found.record.file_name)  # type: ignore[attr-defined]
    spans = sentences(text)
    start, hits = text.find(args.phrase), 0
    while start != -1:
        end = start + len(args.phrase)
        hits += 1
        sentence = next(((s, e) for s, e in spans if s <= start < e), (start, end))
        line = text.count("\n", 0, start) + 1
        print(f"phrase [{start}, {end})  sentence [{sentence[0]}, {sentence[1]})  line {line}")
        start = text.find(args.phrase, start + 1)
    if not hits:
        print(f"'{args.phrase}' does not occur in {found.record.file_name}", file=sys.stderr)  # type: ignore[attr-defined]
    return 0 if hits else 1


def cmd_show(args: argparse.Namespace) -> int:
    from .loading import load

    data = load()
    try:
        record = data[args.id] if ":" in args.id else _only(data.find(args.id), args.id)
    except KeyError as exc:
        print(f"Error: {exc.args[0]}", file=sys.stderr)
        return 1
    print(json.dumps(record.model_dump(mode="json", exclude_defaults=True), indent=2, ensure_ascii=False))
    return 0


def _only(found: list[Any], name: str) -> Any:
    if not found:
        raise KeyError(f"no record named '{name}'; try `sleepdata search {name}` or a reference like condition:ID")
    return found[0]


def cmd_search(args: argparse.Namespace) -> int:
    from .loading import load

    data = load()
    hits = [(kind, r) for kind, c in data.collections.items() for r in c.search(args.text)]
    for kind, record in hits:
        print(f"{kind}:{record.id}\t{getattr(record, 'name', getattr(record, 'title', ''))}")
    if not hits:
        print(f"nothing matches '{args.text}'", file=sys.stderr)
    return 0 if hits else 1


def cmd_schema(args: argparse.Namespace) -> int:
    from . import schemas

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: is a file; schemas are written into a folder")
    if args.check:
        stale = [n for n, t in schemas.files().items()
                 if not (out / n).is_file() or (out / n).read_text(encoding="utf-8") != t]
        for name in stale:
            print(f"{out / name}: differs from the models; run `sleepdata schema --write`")
        return 1 if stale else 0
    if args.write:
        for path in schemas.write(out):
            print(f"wrote {path}")
        return 0
    print(json.dumps({k: json.loads(v) for k, v in schemas.files().items()}, indent=2))
    return 0


def cmd_format(args: argparse.Namespace) -> int:
    from .formatting import format_paths

    changed, problems = format_paths([Path(p) for p in args.paths or ["dataset"]], check=args.check)
    if problems:
        _print_problems(problems, "text")
        return 1
    for path in changed:
        print(f"{'would reformat' if args.check else 'reformatted'} {path}")
    return 1 if args.check and changed else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .changes import compare, open_release, render_text

    for path in (args.old, args.new):
        if not Path(path).exists():
            raise UsageError(f"no dataset directory or bundle '{path}'")
    report = compare(open_release(Path(args.old)), open_release(Path(args.new)))
    sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n" if args.format == "json"
                     else render_text(report))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from . import manifest
    from .loading import data_dir

    directory = Path(args.data_dir) if args.data_dir else data_dir()
    problems = manifest.verify(directory)
    checked = ""
    if not args.data_dir:
        tree, checked = manifest.verify_package(directory.parent)
        problems += tree
    for problem in problems:
        print(textsafe.line(problem))
    print(f"{directory}: {'does not match' if problems else 'matches'} its manifest{'; ' + checked if checked else ''}")
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .dataset import Dataset
    from .exports import FORMATS, export_formats
    from .loading import load

    formats = list(FORMATS) if "all" in args.format else list(dict.fromkeys(args.format))
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise UsageError(f"--out {args.out}: is a file; exports are written into a folder")
    data = Dataset.from_path(Path(args.dataset)) if args.dataset else load()
    out = Path(args.out)
    targets = {fmt: out / fmt if len(formats) > 1 else out for fmt in formats}
    for fmt, written in export_formats(data, targets).items():
        print(f"{fmt}: wrote {len(written)} file{'s' * (len(written) != 1)} to {targets[fmt]}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .building import build

    return build(Path("."), _sources_arg(args.sources), site=not args.no_site)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sleepdata", description="Curated data on sleep-related conditions and drugs. "
                                "Reference material, not medical advice.")
    p.add_argument("--version", action="version", version=f"sleepdata {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    v = add("validate", cmd_validate, "Check record files or dataset directories; print every problem.")
    v.add_argument("paths", nargs="*", metavar="PATH", help="dataset directories or record files "
                   "(default: ./dataset, else the installed dataset)")
    v.add_argument("--sources", metavar="DIR", help="also check hashes and spans against the source texts")
    v.add_argument("--format", choices=("text", "json", "github"), default="text")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")

    c = add("coverage", cmd_coverage, "List source sentences that no record cites and no exclusion covers.")
    c.add_argument("--sources", metavar="DIR")
    c.add_argument("--dataset", default="dataset", metavar="DIR")
    c.add_argument("--source", metavar="ID", help="only this source")
    c.add_argument("--show-text", action="store_true", help="print the first words of each sentence (local use)")
    c.add_argument("--range", type=int, nargs=2, metavar=("START", "END"), help="only sentences in [START, END)")

    lo = add("locate", cmd_locate, "Print the character span of a phrase in a source, and of its sentence.")
    lo.add_argument("source", metavar="SOURCE_ID")
    lo.add_argument("phrase")
    lo.add_argument("--sources", metavar="DIR")
    lo.add_argument("--dataset", default="dataset", metavar="DIR")

    s = add("show", cmd_show, "Print one record of the installed dataset (by reference or name).")
    s.add_argument("id", metavar="ID")
    se = add("search", cmd_search, "Find records by name, synonym or brand.")
    se.add_argument("text")

    sc = add("schema", cmd_schema, "Print, write or check the JSON Schema files.")
    sc.add_argument("--write", action="store_true")
    sc.add_argument("--check", action="store_true")
    sc.add_argument("--out", default="schema", metavar="DIR")

    f = add("format", cmd_format, "Rewrite record files in canonical form (key order, style).")
    f.add_argument("paths", nargs="*", metavar="PATH")
    f.add_argument("--check", action="store_true", help="only report files that are not canonical")

    d = add("diff", cmd_diff, "Show what changed between two releases (dataset directories or bundles).")
    d.add_argument("old", metavar="OLD")
    d.add_argument("new", metavar="NEW")
    d.add_argument("--format", choices=("text", "json"), default="text")

    ve = add("verify", cmd_verify, "Check the installed data files against the package's manifest.")
    ve.add_argument("--data-dir", metavar="DIR", help=argparse.SUPPRESS)

    from .exports import FORMATS

    ex = add("export", cmd_export, "Write the dataset as JSON, JSON Lines, CSV, Parquet, FHIR R5 or JSON-LD.")
    ex.add_argument("--format", action="append", required=True, choices=(*FORMATS, "all"),
                    help="repeat for several formats; `all` for every one (each into OUT/FORMAT)")
    ex.add_argument("--out", required=True, metavar="DIR")
    ex.add_argument("--dataset", metavar="DIR", help="a dataset directory (default: the installed dataset)")

    b = add("build", cmd_build, "Validate the dataset, then write the schemas, the bundle and the docs site.")
    b.add_argument("--sources", metavar="DIR")
    b.add_argument("--no-site", action="store_true", help="skip the documentation site")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"Error: {textsafe.line(str(exc))}", file=sys.stderr)
        return 2
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (BundleError, OSError) as exc:  # an installed or named file that cannot be read as it must be
        print(f"Error: {textsafe.line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
