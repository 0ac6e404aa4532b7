"""MB/s of ``find_mentions`` over the seeds' sentences, replicated to about 5 MB.

Run from anywhere: ``python tests/bench/parse_speed.py [MB]``. Sentences are split crudely
on ". "; the figure is one core, after the parser is built (the build is timed apart). The machine
may be shared: the MB/s of CPU time is the steadier figure.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sentences() -> list[str]:
    """The seeds' lines split on '. ' (crude on purpose)."""
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            out.extend(s for s in line.split(". ") if s.strip())
    return out


def main(argv: list[str]) -> int:
    target = float(argv[1]) if len(argv) > 1 else 5.0
    t0 = time.perf_counter()
    from factlint.parse.mentions import find_mentions

    find_mentions("warm up: 69% of 44 million tons")
    build = time.perf_counter() - t0
    base = sentences()
    size = sum(len(s.encode("utf-8")) for s in base)
    reps = max(1, int(target * 1e6 / size))
    corpus = base * reps
    nbytes = size * reps
    mentions = 0
    t1, c1 = time.perf_counter(), time.process_time()
    for s in corpus:
        mentions += len(find_mentions(s))
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    print(f"import+build {build * 1000:.0f} ms; {nbytes / 1e6:.2f} MB, {len(corpus)} sentences, "
          f"{mentions} mentions in {elapsed:.2f} s: {nbytes / 1e6 / elapsed:.2f} MB/s "
          f"({nbytes / 1e6 / cpu:.2f} MB/s of CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
