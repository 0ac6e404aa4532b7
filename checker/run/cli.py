"""The command line: ``factlint [PATHS...]``, ``factlint claims PATHS``, ``factlint rules``.

``main(argv)`` returns the exit code: 0 no finding at or above ``--fail-on``; 1 findings at
or above it; 2 usage or config error (one line on stderr); 3 internal error (an FC999
finding, or a crash: one line on stderr pointing to a log with the traceback); 130 Ctrl-C.
When several apply, the highest wins.

The engine (and with it lark and pint) is imported only when there is something to lint,
so ``--version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from factlint import __version__
from factlint.errors import UsageError
from factlint.util.root import project_root

if TYPE_CHECKING:  # imported where used: ``--version`` and ``--help`` load none of them
    from factlint.model import Finding, Settings
    from factlint.run.config import Override
    from factlint.run.plugins import Plugins
    from factlint.run.spool import Spool

SUBCOMMANDS = ("claims", "rules", "baseline")
#: The cyclic garbage collector's first threshold during a run (Python's default: 700). A
#: run allocates many small objects that live to its end (decoded claims, parse tables), and
#: at the default every 700 of them start a collection that walks the young ones again:
#: about 60 ms of a warm pre-commit run on 10,000 articles (still 12-15 ms at 10,000).
#: Garbage in cycles waits for at most 100,000 allocations more (a few MB at worst).
GC_THRESHOLD = 100_000
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports

DESCRIPTION = """\
Lint the facts in prose: find numeric statements that cannot all be true.

commands:
  factlint [PATHS...]       lint files and folders (default: the config's corpus, else .)
  factlint claims PATHS     list every quantity read, and the claims framed from it
  factlint rules            list the rules: code, name, default severity, origin
  factlint baseline FILE [PATHS...]
                            write the current findings' fingerprints to FILE; later runs
                            with --baseline FILE report only new findings
  (a command name wins over a folder of that name: write ./rules for the folder)
"""

EPILOG = """\
exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or config error,
3 internal error (FC999 or a crash; the log is in the user's cache folder), 130 interrupted.
pre-commit runs `factlint --against-corpus FILES...`: the changed files against the corpus.
"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of printing usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (no subparsers: a leading command name is read from PATHS)."""
    p = _Parser(prog="factlint", description=DESCRIPTION, epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATHS",
                   help="files and folders to lint, or a command and its arguments")
    p.add_argument("--format", default="text", metavar="FORMAT",
                   help="text (default), json, or a format a reporter plugin provides; "
                        "`claims` takes text, json or jsonl")
    p.add_argument("--output", "-o", type=Path, metavar="FILE",
                   help="write the report to FILE instead of standard output")
    p.add_argument("--select", metavar="CODES",
                   help="only these rules: comma-separated codes or prefixes (FC101,FC2)")
    p.add_argument("--ignore", metavar="CODES",
                   help="skip these rules: comma-separated codes or prefixes")
    p.add_argument("--fail-on", choices=("error", "warning"),
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="use this config file instead of searching for .factlint.yaml "
                        "or [tool.factlint] in pyproject.toml")
    p.add_argument("--corpus", type=Path, action="append", metavar="DIR",
                   help="lint PATHS against this corpus: only findings in PATHS are "
                        "reported (repeatable)")
    p.add_argument("--explain", metavar="CODE", help="print the documentation of a rule")
    p.add_argument("--no-local-rules", action="store_true",
                   help="do not run the config's rules_dir (for untrusted changes)")
    p.add_argument("--baseline", type=Path, metavar="FILE",
                   help="report only findings whose fingerprint is not in FILE (written "
                        "by `factlint baseline FILE`; default: the config's baseline)")
    p.add_argument("--against-corpus", action="store_true",
                   help="lint PATHS against the configured corpus (config corpus:, else "
                        "the project root); only findings in PATHS are reported")
    p.add_argument("--changed-since", metavar="REV",
                   help="report only findings in the files changed or added since the git "
                        "revision REV (the corpus is still read whole)")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="frame files in N processes (output is the same for any N)")
    p.add_argument("--no-cache", action="store_true",
                   help="do not read or write the claim cache (.factlint_cache/)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="lint standard input as the file NAME, against the corpus "
                        "(PATHS, else --corpus, else the configured corpus)")
    p.add_argument("--benchmark", action="store_true",
                   help="after the report, print the seconds of each stage to stderr")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="text format: findings only, no summary line and no notes")
    p.add_argument("--version", action="version", version=f"factlint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run factlint with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    thresholds = gc.get_threshold()
    if thresholds[0]:  # 0: the collector is off, and stays so
        gc.set_threshold(max(thresholds[0], GC_THRESHOLD), *thresholds[1:])
    try:
        return _main(args_list)
    except KeyboardInterrupt:
        print("factlint: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except UsageError as exc:  # ConfigError too: "file:line: what was expected"
        print(f"factlint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # the reader left (factlint ... | head): not a crash
        return EXIT_BROKEN_PIPE
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except Exception:  # the crash channel: log it, one line, exit 3
        return _crash(args_list)
    finally:
        gc.set_threshold(*thresholds)  # main() may run inside another program (tests)


def _main(argv: list[str]) -> int:
    args = build_parser().parse_intermixed_args(argv)
    from factlint.run.config import load_settings

    command = "lint"
    paths: list[str] = args.paths
    if paths and paths[0] in SUBCOMMANDS:
        command, paths = paths[0], paths[1:]
    cwd = Path.cwd()
    settings, config_file, extras = load_settings(cwd, args.config)
    settings = _merge_cli(settings, args)
    root = project_root(config_file, cwd)
    baseline_out = None
    if command == "baseline":
        baseline_out, paths = _baseline_target(paths, cast(Path | None, extras["baseline"]))
    rules_dir = None if args.no_local_rules else cast(Path | None, extras["rules_dir"])
    plugins = _load_plugins(rules_dir)
    if args.explain:
        return _emit(_explain(plugins, args.explain), args.output)
    if command == "rules":
        if paths:
            raise UsageError(f"`factlint rules` takes no paths (got {' '.join(paths)})")
        return _emit(_rules_table(plugins), args.output)
    excludes = cast(list[str], extras["exclude"])
    default = cast(list[Path], extras["corpus"]) or [root if args.against_corpus else Path(".")]
    given = [Path(p) for p in paths]
    if command == "claims":
        return _claims(given or default, settings, root, plugins, excludes, args)
    return _lint(given, default, settings, root, plugins, excludes, extras, args, baseline_out)


def _baseline_target(paths: list[str], configured: Path | None) -> tuple[Path, list[str]]:
    """``factlint baseline FILE [PATHS]``: the file to write and the paths to lint."""
    if paths:
        target = Path(paths[0])
        if target.is_dir():
            raise UsageError(f"baseline: {target} is a folder; expected the FILE to write "
                             "(factlint baseline FILE [PATHS...])")
        return target, paths[1:]
    if configured is None:
        raise UsageError("baseline: expected the FILE to write "
                         "(factlint baseline FILE [PATHS...]), or baseline: in the config")
    return configured, paths


def _merge_cli(settings: Settings, args: argparse.Namespace) -> Settings:
    from dataclasses import replace

    changes: dict[str, object] = {}
    if args.select is not None:
        changes["select"] = _codes(args.select, "--select")
    if args.ignore is not None:
        changes["ignore"] = _codes(args.ignore, "--ignore")
    if args.fail_on is not None:
        changes["fail_on"] = args.fail_on
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: expected a positive number")
    return replace(settings, **changes)  # type: ignore[arg-type]


def _codes(text: str, option: str) -> frozenset[str]:
    from factlint.run.config import split_codes

    try:
        return split_codes(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _load_plugins(rules_dir: Path | None) -> Plugins:
    from factlint.run.plugins import load_plugins

    return load_plugins(rules_dir, entry_points=True)


def _emit(text: str, output: Path | None) -> int:
    _write_out(text, output)
    return EXIT_OK


def _write_out(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def _deliver(out: Spool, output: Path | None) -> None:
    """Write a spooled report where :func:`_write_out` writes a text, a chunk at a time."""
    from factlint.run.spool import deliver

    try:
        deliver(out, output, sys.stdout)
    except OSError as exc:
        if output is None:
            raise
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def _explain(plugins: Plugins, code: str) -> str:
    wanted = code.strip().upper()
    for rule in plugins.rules:
        if rule.code == wanted:
            origin = plugins.origins.get(rule.code, "?")
            head = f"{rule.code} {rule.name} (default severity: {rule.severity}; from {origin})"
            return f"{head}\n\n{rule.doc.strip()}\n"
    raise UsageError(f"unknown rule code {code!r}; `factlint rules` lists them")


def _rules_table(plugins: Plugins) -> str:
    rows = [("code", "name", "severity", "origin")]
    rows += [(r.code, r.name, r.severity, plugins.origins.get(r.code, "?"))
             for r in plugins.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
        + f"  {row[3]}\n"
        for row in rows
    )


def _claims(paths: list[Path], settings: Settings, root: Path, plugins: Plugins,
            excludes: list[str], args: argparse.Namespace) -> int:
    from factlint.report import claims
    from factlint.run.scope import run_engine

    if args.format not in claims.FORMATS:
        raise UsageError(f"claims: unknown format {args.format!r}; expected "
                         f"{', '.join(claims.FORMATS[:-1])} or {claims.FORMATS[-1]}")
    table = args.format == "jsonl"  # shards of a table concatenate: subjects as framed
    result = run_engine(paths, settings, root, plugins, None, excludes, args,
                        with_sentences=True, unify=not table)
    from factlint.run.spool import Spool

    out = Spool()
    lexicon = None
    if table:
        from factlint.frame.lexicon import load_lexicon

        lexicon = load_lexicon(plugins.packs, settings.facts_files)
    report = claims.claims_report(result.sentences, result.claims, table=lexicon)
    claims.write(report, args.format, out)
    _deliver(out, args.output)
    problems = [f for f in result.findings if f.rule.startswith("FC9")]
    for f in problems:  # a file skipped or half-read is never a silent "0 mentions"
        loc = f.location
        print(f"{loc.path}:{loc.line}:{loc.column}: {f.rule} {f.message}", file=sys.stderr)
    return EXIT_INTERNAL if any(f.rule == "FC999" for f in problems) else EXIT_OK


def _lint(given: list[Path], default: list[Path], settings: Settings, root: Path,
          plugins: Plugins, excludes: list[str], extras: dict[str, object],
          args: argparse.Namespace, baseline_out: Path | None = None) -> int:
    reporter = plugins.reporters.get(args.format)
    if reporter is None:
        raise UsageError(f"unknown format {args.format!r}; available: "
                         f"{', '.join(sorted(plugins.reporters))}")
    from factlint.run.scope import lint_scope, run_engine

    paths, report_only = lint_scope(given, default, settings, root, excludes, args)
    result = run_engine(paths, settings, root, plugins, report_only, excludes, args,
                        with_sentences=False, keep_claims=reporter.wants_claims)
    reported = time.perf_counter()
    from factlint.run.suppress import CODE as UNUSED
    from factlint.run.suppress import apply_suppressions

    scan = report_only if report_only is not None else set(result.files)
    findings = apply_suppressions(result.findings, root, settings, scan,
                                  unmarked=result.unmarked)
    findings = adjust(findings, settings, cast(dict[str, str], extras["severity"]),
                      cast("list[Override]", extras["overrides"]))
    suppressed = len(result.findings) - sum(1 for f in findings if f.rule != UNUSED)
    if baseline_out is not None:
        return _write_baseline(findings, baseline_out, args.quiet)
    baseline = args.baseline or cast(Path | None, extras["baseline"])
    before = len(findings)
    if baseline is not None:
        from factlint.run.baseline import load_baseline, new_findings

        findings = new_findings(findings, load_baseline(baseline))
    from factlint.hookspecs import KeyClaims, RunInfo

    keys: tuple[KeyClaims, ...] = ()
    if reporter.wants_claims:
        from factlint.run.keyclaims import key_claims

        keys = key_claims(findings, result.claims)
    run_info = RunInfo(plugins.rules, keys, suppressed, before - len(findings))
    from factlint.run.spool import Spool

    out = Spool()  # the report is shown once whole: a failing reporter is replaced
    if args.quiet and args.format == "text":
        from factlint.report import text_reporter

        text_reporter.write(findings, result.stats, out, quiet=True)
    else:
        try:
            if reporter.write_run is not None:
                reporter.write_run(findings, result.stats, out, run_info)
            else:
                reporter.write(findings, result.stats, out)
        except Exception as exc:  # a broken reporter plugin: name it, keep the findings
            findings = [*findings, _reporter_failure(args.format, exc)]
            out.close()
            out = Spool()
            from factlint.report import text_reporter

            text_reporter.write(findings, result.stats, out)
    _deliver(out, args.output)
    if args.benchmark:
        print(benchmark_line(result.timings, time.perf_counter() - reported), file=sys.stderr)
    return exit_code(findings, settings.fail_on)


def benchmark_line(timings: Sequence[tuple[str, float]], report: float) -> str:
    """The ``--benchmark`` line: the engine's stage times, the report's, and the wall time
    since the process started (two decimals)."""
    from factlint.run.process import STAGES

    seconds = dict.fromkeys(STAGES, 0.0)
    seconds.update(timings)
    seconds["report"] = report
    parts = ", ".join(f"{stage} {value:.2f}" for stage, value in seconds.items())
    return f"factlint: stages (s): {parts}; total {_since_start():.2f}"


_IMPORTED = time.perf_counter()  # the fallback start: when this module was imported


def _since_start() -> float:
    """Wall seconds since this process started (Linux: from ``/proc``, to 10 ms, so the
    interpreter's start-up counts; elsewhere since this module was imported)."""
    elapsed = time.perf_counter() - _IMPORTED
    try:
        with open("/proc/self/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        started = int(fields[19]) / ticks  # field 22 of stat(5): start, since boot
        since = time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return elapsed
    # the start-up before the import takes well under 5 s; more means clocks that disagree
    return since if elapsed <= since < elapsed + 5 else elapsed


def _reporter_failure(name: str, exc: Exception) -> Finding:
    """FC999 for a reporter that raised; the report falls back to the text format."""
    import traceback

    from factlint.model import Finding, Location

    where = traceback.extract_tb(exc.__traceback__)[-1]
    message = (f"reporter {name!r} raised {type(exc).__name__}: {exc} at "
               f"{Path(where.filename).name}:{where.lineno}; the findings are reported in "
               "the text format instead")
    return Finding("FC999", "internal-error", "error", message, Location("", 1, 1, 1, 1))


def _write_baseline(findings: list[Finding], target: Path, quiet: bool) -> int:
    from factlint.run.baseline import write_baseline

    count = write_baseline(findings, target)
    if not quiet:
        print(f"factlint: wrote {count} fingerprint{'' if count == 1 else 's'} to {target}",
              file=sys.stderr)
    return EXIT_INTERNAL if any(f.rule == "FC999" for f in findings) else EXIT_OK


def adjust(findings: list[Finding], settings: Settings, severity: dict[str, str],
           overrides: Sequence[Override]) -> list[Finding]:
    """Apply the config to the engine's findings: ignored fingerprints, severities, overrides.

    A severity set for a code prefix applies to every code it starts; the longest prefix
    wins, and a matching per-path override wins over the top-level setting. FC999 is never
    silenced.
    """
    from dataclasses import replace
    from fnmatch import fnmatchcase

    out = []
    for f in findings:
        if f.rule != "FC999":
            if f.fingerprint and f.fingerprint in settings.ignored_fingerprints:
                continue
            matching = [o for o in overrides
                        if any(fnmatchcase(f.location.path, g) for g in o.files)]
            if any(f.rule.startswith(code) for o in matching for code in o.ignore):
                continue
            level = _severity_for(f.rule, severity)
            for o in matching:
                level = _severity_for(f.rule, o.severity) or level
            if level and level != f.severity:
                f = replace(f, severity=level)  # type: ignore[arg-type]
        out.append(f)
    return out


def _severity_for(code: str, table: Mapping[str, str]) -> str | None:
    best = max((p for p in table if code.startswith(p)), key=len, default=None)
    return None if best is None else table[best]


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    """0, 1 (a finding at or above ``fail_on``) or 3 (an FC999 finding): the highest."""
    from factlint.model import SEVERITY_ORDER

    code = EXIT_OK
    threshold = SEVERITY_ORDER[fail_on]
    if any(SEVERITY_ORDER[f.severity] >= threshold for f in findings):
        code = EXIT_FINDINGS
    if any(f.rule == "FC999" for f in findings):
        code = EXIT_INTERNAL
    return code


def _crash(argv: list[str]) -> int:
    import tempfile
    import traceback

    exc = sys.exc_info()[1]
    what = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    report = (f"factlint crash\nargv: {argv}\n{_versions()}\n\n{traceback.format_exc()}")
    try:
        try:
            from factlint.util.usercache import user_cache_dir

            folder = user_cache_dir()
        except Exception:  # the crash may be in that very import
            folder = Path(tempfile.gettempdir()) / "factlint"
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "crash.log"
        log.write_text(report, encoding="utf-8")
    except OSError:
        sys.stderr.write(report)
        print(f"factlint: internal error: {what}", file=sys.stderr)
        return EXIT_INTERNAL
    print(f"factlint: internal error: {what} (traceback and versions "
          f"in {log}; please attach it to a bug report)", file=sys.stderr)
    return EXIT_INTERNAL


def _versions() -> str:
    import platform
    from importlib import metadata

    parts = [f"factlint {__version__}", f"python {platform.python_version()}"]
    for dist in ("lark", "pint", "pluggy", "PyYAML", "markdown-it-py"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    return ", ".join(parts)
