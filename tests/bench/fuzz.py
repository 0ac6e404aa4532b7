"""Fuzz the whole product: lint N generated documents and count crashes (must be 0).

Not part of the pytest run (it takes a minute or two); run it by hand or in the benchmark:

    python tests/bench/fuzz.py --documents 10000 --seed 6

Documents mix sentences of the seeds, hostile pieces (long digit runs, piles of qualifiers,
deep brackets, mixed scripts, zero-width and bidi marks, fullwidth digits), random Unicode
and random bytes, as plain text, Markdown (with good and broken front matter), digests,
UTF-16 and damaged UTF-8. They are linted in batches through ``factlint.run.cli.main`` in this
process, in every output format in turn. A crash is an exit code other than 0, 1 or 2, a
traceback on stderr, or an FC999 finding. Prints documents, crashes and seconds; exits 1 if
any run crashed (the failing batch is kept for a bug report).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from factlint.run.cli import main as factlint_main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORMATS = ("text", "json", "sarif", "github", "junit")
PIECES = (
    "about ", "nearly ", "more than ", "over ", "at least ", "up to ", "约", "近", "以上",
    "69%", "70", "1,000,000", "11.3", "$", "US$", "€", "£", "¥", "亿", "万", "美元", "三成",
    "billion ", "million ", "tons ", "kg ", "percentage points ", "half ", "two-thirds ",
    "2-3 kg", "10–20 kg", "$28 billion to $32 billion", "60%-90%", "second-largest ",
    "ranks third ", "fivefold ", "by 2030", "Q4 2023", "in 2024", "[1][6][21]", "F-35",
    "Section 301", "Group 2:", "U.S. ", " - ", "。", "；", "(", ")", "[", "]", "**", "`",
    "<b>", "|", "# ", "\n", "\r\n", "\u200b", "\u200f", "\u202e", "１２３％", "٣", "𝟗",
    "China holds ", "accounts for ", " of global cobalt mining. ", "the world's largest ",
)


def _seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        out.extend(s.strip() + " " for s in text.replace("。", ".").split(". ") if s.strip())
    return out or ["China holds 69% of rare earth mining. "]


def _text(rng: random.Random, sentences: list[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 30)):
        roll = rng.random()
        if roll < 0.4:
            parts.append(rng.choice(sentences))
        elif roll < 0.8:
            parts.append(rng.choice(PIECES) * rng.choice((1, 1, 1, 3, 50, 500)))
        else:
            parts.append("".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 20)))
                         .encode("utf-8", "replace").decode("utf-8", "replace"))
    return "".join(parts)


def _document(rng: random.Random, sentences: list[str]) -> tuple[str, bytes]:
    body = _text(rng, sentences)
    kind = rng.randrange(7)
    if kind == 0:
        title = _text(rng, sentences)[:60]
        front = f"---\ntitle: {title}\ndate: 2024-05-01\n---\n\n"
        return ".md", (front + body).encode("utf-8", "replace")
    if kind == 1:
        broken = rng.choice(("title: [x", "date: 2024-13-45", "- a", "a: " + "[" * 200, ""))
        return ".md", f"---\n{broken}\n---\n{body}".encode("utf-8", "replace")
    if kind == 2:
        return ".txt", (f"稀土\n\nTitle {rng.randint(1, 99)}\n新华社· 2024-05-0{rng.randint(1, 9)} "
                        f"10:00\n{body}\n").encode("utf-8", "replace")
    if kind == 3:
        return ".txt", body.encode("utf-16")
    if kind == 4:
        raw = bytearray(body.encode("utf-8", "replace"))
        for _ in range(rng.randint(1, 3)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randint(0x80, 0xFF)
        return ".txt", bytes(raw)
    if kind == 5:
        return ".md", rng.randbytes(rng.randint(0, 300))
    return rng.choice((".md", ".txt")), body.encode("utf-8", "replace")


def _lint(folder: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = factlint_main([".", "--no-cache", "--format", fmt])
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sentences = _seed_sentences()
    crashes = done = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        batch_no = 0
        while done < args.documents:
            folder = Path(tmp) / f"batch{batch_no}"
            folder.mkdir()
            (folder / ".git").mkdir()
            count = min(args.batch, args.documents - done)
            for i in range(count):
                suffix, data = _document(rng, sentences)
                (folder / f"doc{i:04d}{suffix}").write_bytes(data)
            fmt = FORMATS[batch_no % len(FORMATS)]
            code, out, err = _lint(folder, fmt)
            if code not in (0, 1, 2) or "Traceback" in err or "FC999" in out:
                crashes += 1
                kept = Path(tempfile.mkdtemp(prefix="factlint-fuzz-"))
                shutil.copytree(folder, kept / folder.name)
                print(f"crash in batch {batch_no} ({fmt}, exit {code}): {err.strip()[:300]}; "
                      f"kept in {kept}", file=sys.stderr)
            shutil.rmtree(folder)
            done += count
            batch_no += 1
    seconds = time.perf_counter() - started
    print(f"documents {done}, crashes {crashes}, seconds {seconds:.1f}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
