"""A figure-dense corpus for the benchmark (``tests/bench/bench.py --dense``).

The four blind consistency corpora (``shared/benchmarks/consistency/*/corpus``, beside the
repository) hold a figure every few words, where the generated articles hold six in 2.5 kB.
They are copied until the corpus reaches the size asked (5 MB: 55 copies), each copy with
every year moved by its own number of years (7 more a copy, kept within 1950-2099, the
years factlint reads as years): in the text, in file names, in dates ("2025-01-02") and in
seasons ("2023/24", "2023-24", whose second year moves too). So no copy repeats a sentence
of another, and factlint's memory of sentences it has seen does not measure itself.

    python tests/bench/dense.py OUT_DIR [--mb 5] [--source DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: shared/benchmarks/consistency, beside the repository
SOURCE = HERE.parents[2] / "shared" / "benchmarks" / "consistency"
#: a year (not part of a longer number) and a season's two-digit second year
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d]|[.,]\d)(?:([/–-])(\d\d)(?![\d]|[.,]\d))?")
#: the years factlint reads as years (checker/periods.py)
LOWEST, HIGHEST = 1950, 2099


def shift_years(text: str, years: int) -> str:
    """``text`` with every year moved by ``years`` (a season's second year with it; a date's
    month is left alone: "2024-01" is no season)."""
    def move(m: re.Match[str]) -> str:
        year = int(m.group(1))
        out = str(year + years)
        if m.group(2) is not None:
            second = m.group(3)
            if int(second) == (year + 1) % 100:  # "2023/24": a season
                second = f"{(year + years + 1) % 100:02d}"
            out += m.group(2) + second
        return out
    return _YEAR.sub(move, text)


def corpora(source: Path = SOURCE) -> list[Path]:
    """The ``corpus`` folders under ``source``, in order."""
    found = sorted(p / "corpus" for p in source.iterdir() if (p / "corpus").is_dir())
    if not found:
        raise SystemExit(f"no consistency corpora under {source}")
    return found


def offsets(copies: int, lowest: int, highest: int) -> list[int]:
    """A distinct year offset for each copy: 0, 7, 14, ... wrapped into the offsets that
    keep every year of the source (``lowest``..``highest``) within 1950-2099."""
    down, up = LOWEST - lowest, HIGHEST - highest  # down <= 0 <= up
    span = up - down + 1
    if copies > span:
        raise SystemExit(f"{copies} copies need more distinct year offsets than {span}")
    step = 7 if span % 7 else 1  # 7 steps through every offset when it divides no span
    return [(k * step - down) % span + down for k in range(copies)]


def dense(out: Path, mb: float = 5.0, source: Path = SOURCE) -> dict[str, float]:
    """Write the corpus to ``out`` (replaced); returns its files and bytes."""
    files = [(folder, f) for folder in corpora(source)
             for f in sorted(folder.rglob("*")) if f.is_file()
             and not any(part.startswith(".") for part in f.relative_to(folder).parts)]
    # (no dot-folder: a ".factlint_cache" a run left in a corpus is no document of it)
    texts = [(folder.parent.name, f.relative_to(folder), f.read_text("utf-8"))
             for folder, f in files]
    size = sum(len(t.encode("utf-8")) for _, _, t in texts)
    years = [int(m.group(1)) for _, _, t in texts for m in _YEAR.finditer(t)]
    copies = max(1, round(mb * 1e6 / size))
    if out.exists():
        shutil.rmtree(out)
    total = 0
    for k, years_by in enumerate(offsets(copies, min(years), max(years))):
        for name, rel, text in texts:
            path = out / f"copy{k:02d}" / name / shift_years(rel.as_posix(), years_by)
            path.parent.mkdir(parents=True, exist_ok=True)
            data = shift_years(text, years_by).encode("utf-8")
            path.write_bytes(data)
            total += len(data)
    return {"files": float(copies * len(texts)), "bytes": float(total), "copies": copies}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=5.0, help="size in MB (default 5)")
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the folder of consistency corpora (default: shared/benchmarks/"
                             "consistency beside the repository)")
    args = parser.parse_args()
    made = dense(args.out, args.mb, args.source)
    print(f"{int(made['files'])} files, {made['bytes'] / 1e6:.2f} MB, "
          f"{int(made['copies'])} copies")


if __name__ == "__main__":
    main()
