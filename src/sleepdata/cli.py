"""The `sleepdata` command: validate, coverage, show, search, schema, format, build.

Exit status: 0 when all is well, 1 when the data has errors, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
    from .context import validate_in_context

    paths = _existing([Path(p) for p in args.paths])
    if not paths:
        if not Path("dataset").is_dir():
            from .loading import bundle_path

            return _validate_installed(args, bundle_path())
        paths = [Path("dataset")]
    report = validate_in_context(paths, _sources_arg(args.sources, env_default=False), records=False,
                                 cache=False if args.no_cache else None)
    problems = report.problems
    if args.strict:
        problems = [Problem(**{**p.to_dict(), "severity": "error"}) for p in problems]
    _print_problems(problems, args.format, {"files": report.files, "records": len(report.checked)})
    return _exit_code(problems)


def _existing(paths: list[Path]) -> list[Path]:
    """The paths, or a usage error naming those that do not exist."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")
    return paths


def _validate_installed(args: argparse.Namespace, bundle: Path) -> int:
    from .dataset import Dataset
    from .integrity import check
    from .records import RecordFile
    from .strict_yaml import Document

    data = Dataset.from_bundle(bundle).validated()  # the integrity checks read the pydantic models
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
    # A lookahead finds overlapping occurrences too; offsets are those of the source text as it is.
    pattern = re.compile(f"(?=({re.escape(args.phrase)}))", re.IGNORECASE if args.ignore_case else 0)
    hits = 0
    for match in pattern.finditer(text):
        start, end = match.start(1), match.end(1)
        hits += 1
        sentence = next(((s, e) for s, e in spans if s <= start < e), (start, end))
        line = text.count("\n", 0, start) + 1
        print(f"phrase [{start}, {end})  sentence [{sentence[0]}, {sentence[1]})  line {line}")
    if not hits:
        print(f"'{args.phrase}' does not occur in {found.record.file_name}", file=sys.stderr)  # type: ignore[attr-defined]
    return 0 if hits else 1


def cmd_show(args: argparse.Namespace) -> int:
    from . import show
    from .loading import load
    from .lookup import AmbiguousLookupError, reference

    data = load().validated()  # shown as the models give them (`model_dump`, the claims walk)
    try:
        record = data.lookup(args.id)
    except AmbiguousLookupError as exc:
        print(f"Error: '{show.clean(args.id)}' names {len(exc.candidates)} records; show one of:", file=sys.stderr)
        for ref in exc.candidates:
            print(f"  sleepdata show {ref}", file=sys.stderr)
        return 2
    except LookupError as exc:
        print(f"Error: {show.clean(exc)}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(show.as_json(record))
        return 0
    others = [reference(r) for r in data.find(args.id) if r is not record]
    if others:
        print(f"note: also a synonym of {', '.join(others)}", file=sys.stderr)
    out = show.console()
    for part in show.render(data, record):
        out.print(part)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from .loading import load
    from .show import clean

    data = load()
    kinds = (args.kind,) if args.kind else None
    hits = data.search(args.text, limit=args.limit, kinds=kinds)
    if args.format == "json":
        print(json.dumps([{"ref": m.ref, "score": m.score, "matched": m.matched,
                           "name": getattr(m.record, "name", None)} for m in hits], indent=2, ensure_ascii=False))
    for m in hits if args.format == "text" else ():
        name = getattr(m.record, "name", None) or getattr(m.record, "title", "")
        matched = f"  (as '{clean(m.matched)}')" if m.matched != name and m.matched != m.ref else ""
        print(f"{m.score:5.1f}  {m.ref}\t{clean(name)}{matched}")
    if not hits:
        print(f"nothing matches '{clean(args.text)}'", file=sys.stderr)
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
    from .yaml_format import format_paths

    changed, problems = format_paths(_existing([Path(p) for p in args.paths or ["dataset"]]), check=args.check)
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
    """The command-line parser: every command has an example, every option a help text."""
    p = argparse.ArgumentParser(prog="sleepdata", description="Curated data on sleep-related conditions and drugs. "
                                "Reference material, not medical advice.",
                                epilog="Exit status: 0 all well, 1 bad data or nothing found, 2 bad usage.")
    p.add_argument("--version", action="version", version=f"sleepdata {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str,
            *examples: str) -> argparse.ArgumentParser:
        epilog = "examples:\n" + "\n".join(f"  sleepdata {name} {e}".rstrip() for e in examples)
        sp = sub.add_parser(name, help=help_, description=help_, epilog=epilog,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        sp.set_defaults(func=func)
        return sp

    def sources(sp: argparse.ArgumentParser, what: str) -> None:
        sp.add_argument("--sources", metavar="DIR", help=f"folder of the source texts {what}")

    def dataset(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--dataset", default="dataset", metavar="DIR", help="the dataset folder (default: dataset)")

    v = add("validate", cmd_validate, "Check record files or dataset directories; print every problem.",
            "", "my-dataset/", "dataset/treatments/zopiclone.yaml", "--sources ../shared/seeds --format json")
    v.add_argument("paths", nargs="*", metavar="PATH", help="dataset directories or record files, each checked in "
                   "the context of its dataset (default: ./dataset, else the installed dataset)")
    sources(v, "(also check hashes and spans against them)")
    v.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="text for people (default), json for programs, github for workflow annotations")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument("--no-cache", action="store_true", help="read every file afresh, neither using nor updating the "
                   "cache of files validated before (also SLEEPDATA_NO_CACHE=1)")

    c = add("coverage", cmd_coverage, "List source sentences that no record cites and no exclusion covers.",
            "--sources ../shared/seeds", "--sources ../shared/seeds --source SOURCE_ID --show-text")
    sources(c, "(default: $SLEEPDATA_SOURCES)")
    dataset(c)
    c.add_argument("--source", metavar="ID", help="only this source")
    c.add_argument("--show-text", action="store_true", help="print the first words of each sentence (local use)")
    c.add_argument("--range", type=int, nargs=2, metavar=("START", "END"), help="only sentences in [START, END)")

    lo = add("locate", cmd_locate, "Print the character span of a phrase in a source, and of its sentence.",
             "SOURCE_ID 'restless legs' --sources ../shared/seeds -i")
    lo.add_argument("source", metavar="SOURCE_ID", help="the source record's id")
    lo.add_argument("phrase", help="the text to find")
    lo.add_argument("-i", "--ignore-case", action="store_true", help="match regardless of case")
    sources(lo, "(default: $SLEEPDATA_SOURCES)")
    dataset(lo)

    s = add("show", cmd_show, "Print a summary of one record of the installed dataset.",
            "restless-legs-syndrome", "'Ekbom syndrome'", "G25.81", "treatment:zopiclone --format json")
    s.add_argument("id", metavar="TEXT", help="a reference (treatment:zopiclone), id, name, synonym, brand or code")
    s.add_argument("--format", choices=("text", "json"), default="text", help="a summary (default) or the JSON data")
    se = add("search", cmd_search, "Find records by name, synonym, brand, id or code, ranked; typos tolerated.",
             "zopiklone", "'restles legs' --kind condition", "N05CF01 --format json")
    se.add_argument("text", help="what to look for")
    se.add_argument("--kind", choices=("source", "condition", "cause", "treatment", "warning"),
                    help="only records of this kind")
    se.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results (default 10)")
    se.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or JSON")

    sc = add("schema", cmd_schema, "Print, write or check the JSON Schema files.", "--write", "--check")
    sc.add_argument("--write", action="store_true", help="write the schema files")
    sc.add_argument("--check", action="store_true", help="fail when the files differ from the models")
    sc.add_argument("--out", default="schema", metavar="DIR", help="the schema folder (default: schema)")

    f = add("format", cmd_format, "Rewrite record files in canonical form (key order, style), keeping comments.",
            "", "--check", "dataset/conditions/insomnia.yaml")
    f.add_argument("paths", nargs="*", metavar="PATH", help="dataset directories or record files (default: dataset)")
    f.add_argument("--check", action="store_true", help="only report files that are not canonical")

    d = add("diff", cmd_diff, "Show what changed between two releases (dataset directories or bundles).",
            "old/dataset dataset", "old.json src/sleepdata/data/dataset.json --format json")
    d.add_argument("old", metavar="OLD", help="the earlier dataset directory or bundle")
    d.add_argument("new", metavar="NEW", help="the later dataset directory or bundle")
    d.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or JSON")

    ve = add("verify", cmd_verify, "Check the installed data files against the package's manifest.", "")
    ve.add_argument("--data-dir", metavar="DIR", help=argparse.SUPPRESS)

    from .exports import FORMATS

    ex = add("export", cmd_export, "Write the dataset as JSON, JSON Lines, CSV, Parquet, SQLite, FHIR R5, JSON-LD "
             "or a Biolink graph (KGX).", "--format csv --out exports/", "--format all --out exports/")
    ex.add_argument("--format", action="append", required=True, choices=(*FORMATS, "all"),
                    help="repeat for several formats; `all` for every one (each into OUT/FORMAT)")
    ex.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    ex.add_argument("--dataset", metavar="DIR", help="a dataset directory (default: the installed dataset)")

    b = add("build", cmd_build, "Validate the dataset, then write the schemas, the bundle and the docs site.",
            "", "--no-site", "--sources ../shared/seeds")
    sources(b, "(also check hashes and spans; default: $SLEEPDATA_SOURCES)")
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
    except ImportError as exc:  # an optional dependency that is not installed: the message names the extra
        print(f"Error: {textsafe.line(str(exc))}", file=sys.stderr)
        return 2
    except (BundleError, OSError) as exc:  # an installed or named file that cannot be read as it must be
        print(f"Error: {textsafe.line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
