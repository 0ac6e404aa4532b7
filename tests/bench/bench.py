"""The benchmark of issue 5: factlint's speed against its targets (not part of pytest).

    python tests/bench/bench.py                 # 1k and 10k articles
    python tests/bench/bench.py --sizes 1000    # quicker
    python tests/bench/bench.py --large         # adds 100k articles

Each figure runs ``factlint`` as a user does (a fresh process, ``--format json``), on a
corpus written by ``generate.py`` with a fixed seed. Cold and ``--jobs`` figures use
``--no-cache``; warm ones run twice and time the second. Peak RSS is the largest of the
runs' child processes (``resource.getrusage(RUSAGE_CHILDREN)``, workers included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, many_figures, one_key  # noqa: E402


def factlint(args: list[str], cwd: Path) -> tuple[float, float, dict[str, object]]:
    """Run factlint; (wall s, CPU s of the child), and its JSON report (if any)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factlint", *args], cwd=cwd,
                          capture_output=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"factlint {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    data = json.loads(done.stdout) if args[:2] == ["--format", "json"] else {}
    return wall, cpu, data


def stage_times(corpus: Path) -> str:
    """Per-stage seconds of one in-process cold run (engine timers)."""
    from factlint.engine import run
    from factlint.model import Settings
    from factlint.plugins import load_plugins

    result = run([corpus], Settings(), corpus.parent, load_plugins(entry_points=False),
                 with_sentences=False)
    return ", ".join(f"{k} {v:.2f}" for k, v in result.timings)


def size_run(work: Path, articles: int) -> dict[str, float]:
    corpus = work / f"c{articles}"
    manifest = generate(corpus, articles, max(1, articles // 500), seed=1)
    mb = int(manifest["bytes"]) / 1e6  # type: ignore[call-overload]
    wall, cpu, data = factlint(["--format", "json", "--no-cache", corpus.name], work)
    stats = data["stats"]
    claims = stats["claims"]  # type: ignore[index]
    print(f"\n== {articles} articles, {manifest['files']} files, {mb:.1f} MB")
    print(f"cold, 1 job:  wall {wall:.2f} s, cpu {cpu:.2f} s: {mb / wall:.2f} MB/s, "
          f"{articles / wall:.0f} articles/s, {claims / wall:.0f} claims/s")
    print(f"  findings {len(data['findings'])} "  # type: ignore[arg-type]
          f"(planted conflicts {len(manifest['planted_conflicts'])})")  # type: ignore[arg-type]
    print(f"  stages (s): {stage_times(corpus)}")
    wall2, cpu2, _ = factlint(["--format", "json", "--no-cache", "--jobs", "2", corpus.name],
                              work)
    print(f"cold, 2 jobs: wall {wall2:.2f} s, cpu {cpu2:.2f} s: x{wall / wall2:.2f} "
          "vs 1 job")
    factlint(["--format", "json", corpus.name], work)
    wall3, cpu3, _ = factlint(["--format", "json", corpus.name], work)
    print(f"warm cache, nothing changed: wall {wall3:.2f} s, cpu {cpu3:.2f} s: "
          f"{mb / wall3:.1f} MB/s")
    target = sorted(corpus.rglob("*.md"))[0]
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\nChina controls 69% of global rare earth mining.\n")
    rel = target.relative_to(work).as_posix()
    wall4, _, _ = factlint(["--format", "json", "--against-corpus", rel], work)
    imports, _, _ = factlint(["--version"], work)
    print(f"warm pre-commit run, 1 changed file: wall {wall4:.2f} s "
          f"(of which interpreter + import {imports:.2f} s)")
    return {"mb": mb, "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--large", action="store_true", help="add 100k articles")
    args = parser.parse_args()
    sizes = [*args.sizes, *([100000] if args.large else [])]
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}")
    work = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    (work / ".git").mkdir()  # the project root: paths are relative to it
    try:
        wall, _, _ = factlint(["--version"], work)
        print(f"cold start: factlint --version {wall:.3f} s")
        small = work / "small"
        small.mkdir()
        shutil.copy(HERE.parents[1] / "seeds" / "000_8a2855c8e813deaa.txt", small)
        wall, _, _ = factlint(["--format", "json", "--no-cache", "small"], work)
        print(f"cold start: one small file {wall:.3f} s")
        results = {n: size_run(work, n) for n in sizes}
        if len(sizes) > 1:
            a, b = results[sizes[-2]], results[sizes[-1]]
            print(f"\ngrowth {sizes[-2]} -> {sizes[-1]}: x{b['wall'] / a['wall']:.1f} time "
                  f"for x{b['mb'] / a['mb']:.1f} text")
        one_key(work / "key", 10000)
        wall, _, data = factlint(["--format", "json", "--no-cache", "key"], work)
        print(f"\none key with 10,000 claims: {wall:.2f} s, "
              f"{len(data['findings'])} findings")  # type: ignore[arg-type]
        many_figures(work / "fig", 50000)
        wall, _, data = factlint(["--format", "json", "--no-cache", "fig"], work)
        print(f"one document with 50,000 figures: {wall:.2f} s, "
              f"{data['stats']['mentions']} mentions")  # type: ignore[index]
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS of any run: {peak:.0f} MB")
        quantulum(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def quantulum(work: Path) -> None:
    """quantulum3 on 0.5 MB of the same text, in a throwaway virtualenv (skipped if absent)."""
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
    wall, _, _ = factlint(["--format", "json", "--no-cache", "qs"], work)
    print(f"quantulum3 on 0.5 MB: {q_seconds:.2f} s; factlint {wall:.2f} s: "
          f"x{q_seconds / wall:.0f}")


if __name__ == "__main__":
    main()
