"""End-to-end throughput of ``factlint`` on the seeds replicated to about N MB.

Not part of the pytest run (timings flake on a shared machine); run it by hand:

    python tests/bench/throughput.py --mb 10

It prints MB/s and articles/s for one process with no cache, and the run's stats.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from factlint.model import Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB")
    args = parser.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    seed_bytes = sum(p.stat().st_size for p in seeds)
    copies = max(1, round(args.mb * 1e6 / seed_bytes))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i in range(copies):
            for p in seeds:
                shutil.copyfile(p, root / f"{i:05d}_{p.name}")
        total = sum(p.stat().st_size for p in root.iterdir())
        plugins = load_plugins(entry_points=False)
        started = time.perf_counter()
        cpu = time.process_time()
        result = run([root], Settings(), root, plugins)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
    mb = total / 1e6
    print(f"corpus: {copies} copies of the seeds, {mb:.1f} MB, {result.stats.documents} articles")
    print(f"wall {wall:.2f} s, cpu {cpu:.2f} s: {mb / wall:.2f} MB/s, "
          f"{result.stats.documents / wall:.0f} articles/s, "
          f"{result.stats.claims / wall:.0f} claims/s")
    print(f"mentions {result.stats.mentions}, claims {result.stats.claims}, "
          f"findings {len(result.findings)}")


if __name__ == "__main__":
    main()
