"""The benchmark of issue 5: factlint's speed against its targets (not part of pytest).

    python tests/bench/bench.py                 # 1k and 10k articles
    python tests/bench/bench.py --sizes 1000    # quicker
    python tests/bench/bench.py --large         # adds 100k articles (~250 MB, ~10 min)
    python tests/bench/bench.py --dense --repeat 5    # figure-dense MB/s alone (dense.py)
    python tests/bench/bench.py --dense --articles 10000 --repeat 5 --against OTHER_PYTHON

Each figure runs ``factlint`` as a user does (a fresh process, ``--format json``), on a
corpus written by ``generate.py`` with a fixed seed. Cold and ``--jobs`` figures use
``--no-cache``; warm ones run twice and time the second. Stage times are the run's own
(``--benchmark`` prints them). Peak RSS is the largest sum, over the sampled moments of a
run, of the resident memory of the factlint process and its workers (read from ``/proc``
every 20 ms on Linux; elsewhere the largest single process, from ``getrusage``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dense import dense  # noqa: E402
from generate import generate, many_figures, one_key  # noqa: E402

#: factlint runs as installed: its modules compiled once (pip writes the .pyc files), even
#: where the environment asks Python not to write bytecode.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Run:
    """One factlint process: wall and CPU seconds, peak RSS (MB), its report, its stderr."""

    wall: float
    cpu: float
    rss_mb: float
    data: dict[str, object] = field(default_factory=dict)
    stderr: str = ""

    def stages(self) -> str:
        """The ``--benchmark`` line of stage times, as printed by factlint."""
        for line in self.stderr.splitlines():
            if line.startswith("factlint: stages"):
                return line.split(":", 2)[2].strip()
        return "(not printed)"


def _tree_rss(root: int) -> int:
    """Resident bytes of process ``root`` and its descendants (Linux /proc), 0 elsewhere."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return 0
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(name)] = int(fields[1])
        rss[int(name)] = int(fields[21]) * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(p for p, parent in parents.items() if parent == pid)
    return total


def factlint(args: list[str], cwd: Path, python: str = sys.executable) -> Run:
    """Run factlint in a fresh process, sampling the memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([python, "-m", "factlint", *args], cwd=cwd,
                                stdout=out, stderr=err, env=ENV)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read().decode("utf-8", "replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factlint {' '.join(args)} failed: {stderr[-500:]}")
    if not peak:  # no /proc: the largest single process so far
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    data = json.loads(stdout) if args[:2] == ["--format", "json"] else {}
    return Run(wall, cpu, peak / 2**20, data, stderr)


def import_seconds(args: list[str], cwd: Path) -> float:
    """Seconds a factlint run spends importing modules, from ``python -X importtime``."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "factlint", *args],
                          cwd=cwd, capture_output=True, text=True, env=ENV, check=False)
    total = 0
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            total += int(line.split(":", 1)[1].split("|")[0])
    return total / 1e6


def best(args: list[str], cwd: Path, times: int) -> Run:
    """The fastest of ``times`` runs (the machine may be shared)."""
    return min((factlint(args, cwd) for _ in range(times)), key=lambda r: r.wall)


PEAKS: list[float] = []


def size_run(work: Path, articles: int, repeat: int) -> dict[str, float]:
    corpus = work / f"c{articles}"
    manifest = generate(corpus, articles, max(1, articles // 500), seed=1)
    mb = int(manifest["bytes"]) / 1e6  # type: ignore[call-overload]
    cold = best(["--format", "json", "--no-cache", "--benchmark", corpus.name], work, repeat)
    stats = cold.data["stats"]
    claims = stats["claims"]  # type: ignore[index]
    print(f"\n== {articles} articles, {manifest['files']} files, {mb:.1f} MB")
    print(f"cold, 1 job:  wall {cold.wall:.2f} s, cpu {cold.cpu:.2f} s: "
          f"{mb / cold.wall:.2f} MB/s, {articles / cold.wall:.0f} articles/s, "
          f"{claims / cold.wall:.0f} claims/s, peak RSS {cold.rss_mb:.0f} MB")
    print(f"  findings {len(cold.data['findings'])} "  # type: ignore[arg-type]
          f"(planted conflicts {len(manifest['planted_conflicts'])})")  # type: ignore[arg-type]
    print(f"  stages (s): {cold.stages()}")
    two = best(["--format", "json", "--no-cache", "--jobs", "2", corpus.name], work, repeat)
    print(f"cold, 2 jobs: wall {two.wall:.2f} s, cpu {two.cpu:.2f} s: "
          f"x{cold.wall / two.wall:.2f} vs 1 job, peak RSS {two.rss_mb:.0f} MB (all processes)")
    factlint(["--format", "json", corpus.name], work)
    warm = best(["--format", "json", corpus.name], work, max(repeat, 2))
    print(f"warm cache, nothing changed: wall {warm.wall:.2f} s, cpu {warm.cpu:.2f} s: "
          f"{mb / warm.wall:.1f} MB/s")
    target = sorted(corpus.rglob("*.md"))[0]
    rel = target.relative_to(work).as_posix()
    hooks = []
    for edit in range(repeat):  # each run the first after its own edit
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nChina controls {69 - edit}% of global rare earth mining.\n")
        hooks.append(factlint(["--format", "json", "--against-corpus", rel], work))
    hook = min(hooks, key=lambda r: r.wall)
    start = best(["--format", "json", "--benchmark", "--against-corpus", rel], work, repeat)
    print(f"warm pre-commit run, 1 changed file: wall {hook.wall:.2f} s first run after "
          f"the edit, {start.wall:.2f} s again; {start.stages()}")
    imports = import_seconds(["--format", "json", "--against-corpus", rel], work)
    print(f"  of which imports: {imports:.3f} s (python -X importtime, the self times "
          "summed; it slows what it measures)")
    PEAKS.extend([cold.rss_mb, two.rss_mb, warm.rss_mb, hook.rss_mb])
    return {"mb": mb, "wall": cold.wall}


def scaling(work: Path, repeat: int) -> None:
    """The two shapes that would show quadratic work, each at two sizes."""
    for label, make, sizes, unit in (
            ("one key with N claims", one_key, (5000, 10000), "findings"),
            ("one document with N figures", many_figures, (25000, 50000), "mentions")):
        walls = []
        for n in sizes:
            folder = work / f"{make.__name__}{n}"
            make(folder, n)
            run = best(["--format", "json", "--no-cache", folder.name], work, repeat)
            count = (len(run.data["findings"]) if unit == "findings"  # type: ignore[arg-type]
                     else run.data["stats"]["mentions"])  # type: ignore[index]
            walls.append(run.wall)
            print(f"{label.replace('N', f'{n:,}')}: {run.wall:.2f} s, {count} {unit}")
        print(f"  x{walls[1] / walls[0]:.2f} time for x2 size (linear: x2, quadratic: x4)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--large", action="store_true", help="add 100k articles")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per figure; the fastest is printed (default 1)")
    parser.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    parser.add_argument("--dense", action="store_true",
                        help="only the cold one-job runs of the figure-dense corpus (dense.py) "
                             "and of --articles generated ones: median and spread of --repeat")
    parser.add_argument("--articles", type=int, nargs="*", default=[], metavar="N",
                        help="with --dense: also N generated articles (e.g. 10000)")
    parser.add_argument("--against", metavar="PYTHON",
                        help="with --dense: interleave each run with one by PYTHON (an "
                             "interpreter with another factlint installed)")
    args = parser.parse_args()
    if args.dense:
        cold_runs(args.articles, args.repeat, args.against)
        return
    sizes = [*args.sizes, *([100000] if args.large else [])]
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}")
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    (work / ".git").mkdir()  # the project root: paths are relative to it
    try:
        run = best(["--version"], work, 3)
        print(f"cold start: factlint --version {run.wall:.3f} s")
        small = work / "small"
        small.mkdir()
        shutil.copy(HERE.parents[1] / "seeds" / "000_8a2855c8e813deaa.txt", small)
        run = best(["--format", "json", "--no-cache", "--benchmark", "small"], work, 3)
        print(f"cold start: one small file {run.wall:.3f} s; {run.stages()}")
        results = {n: size_run(work, n, args.repeat) for n in sizes}
        for a, b in itertools.pairwise(sizes):
            ra, rb = results[a], results[b]
            print(f"\ngrowth {a} -> {b}: x{rb['wall'] / ra['wall']:.1f} time "
                  f"for x{rb['mb'] / ra['mb']:.1f} text")
        print()
        scaling(work, args.repeat)
        print(f"peak RSS of any run: {max(PEAKS):.0f} MB")
        if not args.no_quantulum:
            quantulum(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cold_runs(articles: list[int], repeat: int, against: str | None) -> None:
    """``factlint --no-cache --jobs 1 --format json`` on the figure-dense corpus and on
    generated ones, ``repeat`` fresh runs each (interleaved with ``against``'s)."""
    pythons = {"this": sys.executable, **({"against": against} if against else {})}
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
          + ", ".join(f"{k}: {v}" for k, v in pythons.items()))
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    (work / ".git").mkdir()
    try:
        made = dense(work / "dense")
        corpora = [("figure-dense", "dense", made["bytes"] / 1e6)]
        for n in articles:
            manifest = generate(work / f"c{n}", n, max(1, n // 500), seed=1)
            corpora.append((f"{n} articles", f"c{n}", int(manifest["bytes"]) / 1e6))  # type: ignore[call-overload]
        for label, folder, mb in corpora:
            walls: dict[str, list[float]] = {k: [] for k in pythons}
            for _ in range(repeat):
                for name, python in pythons.items():
                    run = factlint(["--format", "json", "--no-cache", "--jobs", "1", folder],
                                   work, python)
                    walls[name].append(run.wall)
            print(f"\n== {label}: {mb:.2f} MB, {repeat} fresh runs each")
            for name, times in walls.items():
                mid = statistics.median(times)
                print(f"{name}: median {mid:.2f} s ({mb / mid:.2f} MB/s), "
                      f"min {min(times):.2f} s, max {max(times):.2f} s; "
                      + " ".join(f"{t:.2f}" for t in times))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def quantulum(work: Path) -> None:
    """quantulum3 on 0.5 MB of the same text, in a throwaway virtualenv (skipped if absent).

    quantulum3's figure is its parse alone, in the process, after imports. factlint's is
    given three ways: its extraction alone (the load and parse stages: finding the
    quantities, the job quantulum3 does), the whole lint run after imports, and a fresh
    process end to end.
    """
    venv = work / "q3"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                       capture_output=True)
        py = venv / "bin" / "python"
        subprocess.run([str(py), "-m", "pip", "install", "-q", "quantulum3"], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        print("quantulum3: could not be installed; skipped")
        return
    sample = work / "sample"
    generate(sample, 200, 0, seed=2)
    text = "\n".join(p.read_text("utf-8") for p in sorted(sample.rglob("*.*"))
                     if p.suffix in (".md", ".txt"))[:500_000]
    (work / "sample.txt").write_text(text, encoding="utf-8")
    script = ("import sys, time\nfrom quantulum3 import parser\n"
              "text = open(sys.argv[1], encoding='utf-8').read()\nt = time.perf_counter()\n"
              "n = sum(len(parser.parse(p)) for p in text.split('\\n'))\n"
              "print(time.perf_counter() - t, n)")
    done = subprocess.run([str(py), "-c", script, str(work / "sample.txt")],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"quantulum3: failed ({done.stderr.strip().splitlines()[-1:]}); skipped")
        return
    q_seconds = float(done.stdout.split()[0])
    only = work / "qs"
    only.mkdir()
    shutil.copy(work / "sample.txt", only)
    run = best(["--format", "json", "--no-cache", "--benchmark", "qs"], work, 3)
    inside = float(run.data["stats"]["seconds"])  # type: ignore[index,arg-type]
    stages = dict(part.rsplit(" ", 1) for part in run.stages().split(";")[0].split(", "))
    extraction = float(stages["load"]) + float(stages["parse"])
    print(f"quantulum3 on 0.5 MB: {q_seconds:.2f} s (parse, after import); factlint: "
          f"extraction alone (load + parse stages) {extraction:.2f} s: "
          f"x{q_seconds / extraction:.0f}; the whole lint run, after import {inside:.2f} s: "
          f"x{q_seconds / inside:.0f}; as a fresh process {run.wall:.2f} s: "
          f"x{q_seconds / run.wall:.0f}")


if __name__ == "__main__":
    main()
