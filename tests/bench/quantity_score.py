"""Precision, recall and F1 of the quantities ``factlint claims`` lists (not part of pytest).

Run: ``python tests/bench/quantity_score.py [--sets DIR] [--only NAME] [--misses N]
[--json FILE]``. It writes every case into a scratch folder (one file per set, one case per
paragraph), runs ``python -m factlint --no-cache claims --format json`` on it once, and
scores the mentions listed against the gold of:

- the public sets in ``../shared/benchmarks/extraction/`` (beside the repository; each has
  a SOURCE.txt): quantulum3 (``quantities.json`` and ``quantities.ambiguity.json``),
  Recognizers-Text English and Chinese (``Number/*`` and ``NumberWithUnit/*``, ordinal
  models left out: a rank is no quantity), grobid-quantities' holdout paragraphs, and
  cn2an's numeral tables;
- our own sentences, ``tests/bench/quantity_sentences.yaml``, tagged by category.

Every gold quantity counts, whatever its unit (a unit factlint does not know is a miss for
value+unit, not a case left out).

Matching rule. A mention is a listed mention of kind quantity, range or multiple (ranks and
comparisons are not quantities). A gold quantity and a mention match on *value* when their
spans overlap (when the set gives a span) and

- a single gold value ``v`` (the number as written times its scale word: "$2.2bn" = 2.2e9)
  equals the mention's midpoint or one of its finite ends ("over 80%" = 80), read either in
  the gold's unit as written or converted into factlint's canonical unit of that unit
  ("5 kg" = 0.005 tonne);
- a gold range equals the mention's ends, both of them (an end the gold leaves open is not
  compared: "more than 30" = (30, inf) matches any mention whose low end is 30).

Numbers are equal when they agree to 1e-6 relatively. On *value+unit* the units must also
be the same after the UNITS table below (the sets' unit names -> factlint's units; ``$`` and
US$ count as the same; "count:NOUN" = a bare count or a count of that noun). Each gold
matches at most one mention and each mention one gold, left to right.

False reads. In the exhaustive sets (quantulum3, grobid-quantities, cn2an, Recognizers-Text
``NumberModel``, our own sentences) every mention that matches no gold is false, so a
non-quantity read ("the 2-0 win", "iPhone 15") lowers precision. The other Recognizers-Text
models annotate one kind only (currencies, dimensions, percents, ranges): there a mention
counts only when it overlaps a gold span.

Output: per set and per category (our categories; Recognizers-Text models), the gold and
mention counts and P/R/F1 for value and for value+unit (percent).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_sets import (
    _RANGE,
    _TEI,
    _flatten,
    _fraction,
    _grobid_number,
    recognizers_written_unit,
)

from factlint.parse.units import unit_info

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETS = ROOT.parent / "shared" / "benchmarks" / "extraction"
OWN = Path(__file__).resolve().parent / "quantity_sentences.yaml"

# The sets' unit names (lower case) -> a unit expression factlint's registry may know
# (names of grammar/units.txt, or pint expressions of them: "dollar/barrel"). A name not
# listed is looked up as written; one factlint does not know matches no mention's unit.
UNITS: dict[str, str] = {
    # quantulum3
    "dimensionless": "", "percentage": "percent", "pound sterling": "GBP", "euro": "EUR",
    "pound-mass": "pound_mass", "watt hour": "watt_hour", "megawatt hour": "megawatt_hour",
    "square kilometre": "square_kilometre", "cubic kilometre": "cubic_kilometre",
    "kilometre per hour": "kilometre_per_hour", "dollar per hour": "dollar/hour",
    "dollar per kilogram": "dollar/kilogram", "ton per day": "tonne_per_day",
    "square mile": "square_mile", "cubic centimetre": "millilitre",
    # Recognizers-Text (Resolution.unit, isoCurrency first for currencies)
    "meter": "metre", "kilometer": "kilometre", "centimeter": "centimetre",
    "millimeter": "millimetre", "square kilometer": "square_kilometre",
    "square meter": "square_metre", "metric ton": "tonne", "pound": "pound_mass",
    "kilometer per hour": "kilometre_per_hour", "mile per hour": "mile_per_hour",
    "cubic foot": "cubic_foot", "milliliter": "millilitre", "decimeter": "decimetre",
    "united states dollar": "USD", "british pound": "GBP", "chinese yuan": "CNY",
    "japanese yen": "JPY", "canadian dollar": "CAD", "australian dollar": "AUD",
    "hong kong dollar": "HKD", "swiss franc": "CHF", "turkish lira": "TRY",
    "mexican peso": "MXN", "new zealand dollar": "NZD", "new taiwan dollar": "TWD",
    "nigerian naira": "NGN", "rupee": "INR", "pence": "penny", "c": "degree_Celsius",
    "f": "degree_Fahrenheit",
    # grobid-quantities (unit attribute as written)
    "%": "percent", "km": "kilometre", "kg": "kilogram", "g": "gram", "l": "litre",
    "m": "metre", "cm": "centimetre", "mm": "millimetre", "mw": "megawatt", "kw": "kilowatt",
    "gw": "gigawatt", "kwh": "kilowatt_hour", "t": "tonne", "ml": "millilitre",
    "mg": "milligram", "h": "hour", "min": "minute", "s": "second", "d": "day",
    "k": "kelvin",  # grobid: "513.15 K" (its °c is found as °C)
    "kpa": "kilopascal", "mpa": "megapascal", "gpa": "gigapascal", "hz": "hertz",
    "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz", "kj": "kilojoule",
    "mj": "megajoule",
    # our own sentences (factlint's names already), and one convention: a tonnage per year
    # is a tonnage, its year the claim's period ("5 mtpa" = "5 million tonnes a year")
    "tonne_per_year": "tonne",
}
_SAME_CURRENCY = {"dollar": "USD"}  # a bare $ is US$ for scoring (as the claim index does)
EXHAUSTIVE = ("quantulum3", "grobid", "cn2an", "own", "NumberModel")


@dataclasses.dataclass(frozen=True)
class Gold:
    """One gold quantity: a point (``low == high``, ``point``) or a range (open end None)."""

    surface: str
    low: float | None
    high: float | None
    unit: str  # the set's unit name; "" = bare number; "count:NOUN"
    point: bool
    span: tuple[int, int] | None


@dataclasses.dataclass
class Case:
    set: str
    category: str
    text: str
    gold: list[Gold]
    exhaustive: bool


@dataclasses.dataclass(frozen=True)
class Read:
    """One mention listed by ``factlint claims``: offset in the case's text, values, unit."""

    start: int
    end: int
    text: str
    kind: str
    low: float | None
    high: float | None
    unit: str


# ------------------------------------------------------------------ loading the sets


def _num(x: object) -> float | None:
    f = _fraction(x)
    return None if f is None else float(f)


def _span(text: str, surface: str) -> tuple[int, int] | None:
    at = text.find(surface)
    return (at, at + len(surface)) if at >= 0 else None


def quantulum(folder: Path) -> Iterator[Case]:
    for file, name in (("quantities.json", "quantulum3"),
                       ("quantities.ambiguity.json", "quantulum3-ambiguity")):
        for row in json.loads((folder / "quantulum3" / file).read_text("utf-8")):
            gold = []
            for res in row["res"]:
                v = _num(res["value"])
                u = _num(res.get("uncertainty") or 0) or 0.0
                if v is None:
                    continue
                gold.append(Gold(res["surface"], v - u, v + u, res["unit"].lower(), u == 0,
                                 _span(row["req"], res["surface"])))
            yield Case(name, name, row["req"], gold, True)


def recognizers(folder: Path) -> Iterator[Case]:
    base = folder / "recognizers-text"
    for path in sorted(base.glob("*/*/*.json")):
        model, language = path.stem, path.parent.name
        if model.startswith("Ordinal"):
            continue
        name = f"recognizers-{'en' if language == 'English' else 'zh'}"
        category = f"rt-{language[:2].lower()}/{path.parent.parent.name}/{model}"
        for row in json.loads(path.read_text("utf-8-sig")):
            gold = []
            for res in row["Results"]:
                value = str((res.get("Resolution") or {}).get("value", "")).rstrip("%")
                span = (int(res["Start"]), int(res["End"]) + 1) if "Start" in res else None
                unit = recognizers_written_unit(res)[1]
                m = _RANGE.match(value)
                if m is not None:
                    low = _num(m.group(2)) if m.group(2).strip() else None
                    high = _num(m.group(3)) if m.group(3).strip() else None
                    gold.append(Gold(res["Text"], low, high, unit, False, span))
                elif (x := _num(value)) is not None:
                    gold.append(Gold(res["Text"], x, x, unit, True, span))
            yield Case(name, category, row["Input"], gold, model == "NumberModel")


def grobid(folder: Path) -> Iterator[Case]:
    for path in sorted((folder / "grobid-quantities" / "quantities-evaluation").glob("*.xml")):
        for p in ET.parse(path).getroot().iter(_TEI + "p"):
            text, found = _flatten(p)
            gold = []
            for el, s, e in found:
                surface = text[s:e].strip()
                s = text.index(surface, s) if surface else s
                span = (s, s + len(surface))
                units = [m.get("unit") for m in el.iter(_TEI + "measure")
                         if m is not el and m.get("unit")]
                unit = str(units[-1]).lower() if units else ""
                nums = list(el.iter(_TEI + "num"))
                if el.get("type") == "interval":
                    lo = [_num(n.get("atLeast")) for n in nums if n.get("atLeast")]
                    hi = [_num(n.get("atMost")) for n in nums if n.get("atMost")]
                    gold.append(Gold(surface, lo[0] if lo else None, hi[0] if hi else None,
                                     unit, False, span))
                    continue
                for n in nums:
                    if n.get("type") == "range":
                        continue  # the ± part of "5 ± 1"
                    x = _grobid_number("".join(n.itertext()))
                    if x is not None:
                        gold.append(Gold(surface, float(x), float(x), unit, True, span))
            yield Case("grobid", "grobid", " ".join(text.split("\n")), gold, True)


def cn2an(folder: Path) -> Iterator[Case]:
    data = json.loads((folder / "cn2an" / "cn2an_test_cases.json").read_text("utf-8"))
    for table, rows in data["cn2an/cn2an_test.py"].items():
        if isinstance(rows, dict) and table != "direct_data_dict":
            for text, number in rows.items():
                if (x := _num(number)) is not None:
                    yield Case("cn2an", "cn2an", text,
                               [Gold(text, x, x, "", True, (0, len(text)))], True)


def own(path: Path = OWN) -> Iterator[Case]:
    for row in yaml.safe_load(path.read_text("utf-8")):
        gold = []
        for g in row["gold"]:
            point = "v" in g
            low = _num(g["v"] if point else g.get("lo", ""))
            high = _num(g["v"] if point else g.get("hi", ""))
            gold.append(Gold(g["s"], low, high, str(g["u"]), point,
                             _span(row["text"], g["s"])))
        yield Case("own", row["cat"], row["text"], gold, True)


def load(folder: Path) -> list[Case]:
    return [*quantulum(folder), *recognizers(folder), *grobid(folder), *cn2an(folder), *own()]


# ------------------------------------------------------------------ running factlint


def read_all(cases: list[Case]) -> list[list[Read]]:
    """The mentions ``factlint claims`` lists for each case (one run over every case)."""
    reads: list[list[Read]] = [[] for _ in cases]
    where: dict[tuple[str, int], int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / ".git").mkdir()  # the project root: no configuration is picked up
        files: dict[str, list[str]] = {}
        for i, case in enumerate(cases):
            name = case.set.replace("/", "_") + ".txt"
            lines = files.setdefault(name, [])
            where[(name, len(lines) + 1)] = i
            lines.extend([" ".join(case.text.split()), ""])
        for name, lines in files.items():
            (folder / name).write_text("\n".join(lines), "utf-8")
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        out = subprocess.run([sys.executable, "-m", "factlint", "--no-cache", "claims",
                              "--format", "json", "."], cwd=folder, env=env,
                             capture_output=True, text=True, check=False)
        if out.returncode not in (0, 1):
            raise SystemExit(f"factlint claims failed: {out.stderr[-2000:]}")
    for m in json.loads(out.stdout)["mentions"]:
        i = where.get((Path(m["path"]).name, m["line"]))
        if i is None or m["kind"] not in ("quantity", "range", "multiple"):
            continue
        start = m["column"] - 1
        reads[i].append(Read(start, start + len(m["text"]), m["text"], m["kind"],
                             _num(m["low"]), _num(m["high"]), m["unit"]))
    return reads


# ------------------------------------------------------------------ matching


def _canonical(unit: str) -> tuple[str, float] | None:
    """(factlint's canonical unit, factor) of a set's unit name, None when unknown."""
    if unit.startswith("count:"):
        return "", 1.0
    name = UNITS.get(unit.lower(), unit)
    try:
        info = unit_info(name)
    except KeyError:
        try:
            info = unit_info(name.upper())  # a currency code: eur = EUR
        except KeyError:
            return None
    return _SAME_CURRENCY.get(info.name, info.name), float(info.factor)


def _eq(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def _same_unit(gold: Gold, read: Read) -> bool:
    if gold.unit.startswith("count:"):
        return read.unit in ("", gold.unit[6:]) or read.unit.startswith(gold.unit[6:])
    canon = _canonical(gold.unit)
    return canon is not None and canon[0] == _SAME_CURRENCY.get(read.unit, read.unit)


def matches(gold: Gold, read: Read, with_unit: bool) -> bool:
    """The matching rule of the module's docstring."""
    if gold.span is not None and not (read.start < gold.span[1] and gold.span[0] < read.end):
        return False
    if with_unit and not _same_unit(gold, read):
        return False
    canon = _canonical(gold.unit)
    factors = [1.0] if with_unit and canon is None else \
        [canon[1]] if with_unit and canon is not None else \
        [1.0] + ([canon[1]] if canon is not None and canon[1] != 1.0 else [])
    for f in factors:
        low = None if gold.low is None else gold.low * f
        high = None if gold.high is None else gold.high * f
        if gold.point:
            if read.kind == "range":
                continue
            mid = None if read.low is None or read.high is None else (read.low + read.high) / 2
            if _eq(low, mid) or _eq(low, read.low) or _eq(low, read.high):
                return True
        elif (low is None or _eq(low, read.low)) and (high is None or _eq(high, read.high)):
            return True
    return False


def score_case(case: Case, reads: list[Read], with_unit: bool) -> tuple[int, int, int]:
    """(matched, gold, mentions counted) of one case."""
    counted = reads if case.exhaustive else [
        r for r in reads if any(g.span is None or (r.start < g.span[1] and g.span[0] < r.end)
                                for g in case.gold)]
    used: set[int] = set()
    hit = 0
    for g in case.gold:
        for i, r in enumerate(counted):
            if i not in used and matches(g, r, with_unit):
                used.add(i)
                hit += 1
                break
    return hit, len(case.gold), len(counted)


def _prf(hit: int, gold: int, read: int) -> tuple[float, float, float]:
    p = hit / read if read else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(rows: dict[str, list[int]], title: str) -> str:
    """Rows of [gold, read, value hits, value+unit hits] as a Markdown table."""
    lines = [f"| {title} | gold | read | value P | value R | value F1 | +unit P | +unit R "
             "| +unit F1 |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, (gold, read, hv, hu) in rows.items():
        pv, rv, fv = _prf(hv, gold, read)
        pu, ru, fu = _prf(hu, gold, read)
        lines.append(f"| {name} | {gold} | {read} | {100 * pv:.1f} | {100 * rv:.1f} | "
                     f"{100 * fv:.1f} | {100 * pu:.1f} | {100 * ru:.1f} | {100 * fu:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else "")
    parser.add_argument("--sets", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--only", default="", help="only sets whose name starts with this")
    parser.add_argument("--misses", type=int, default=0,
                        help="print up to N cases per set that are not fully right")
    parser.add_argument("--json", type=Path, help="also write the counts to this file")
    args = parser.parse_args(argv)
    if not args.sets.is_dir():
        print(f"no such folder: {args.sets}", file=sys.stderr)
        return 2
    cases = [c for c in load(args.sets) if c.set.startswith(args.only)]
    reads = read_all(cases)
    by_set: dict[str, list[int]] = {}
    by_cat: dict[str, list[int]] = {}
    shown: dict[str, int] = {}
    for case, found in zip(cases, reads, strict=True):
        hv, gold, read = score_case(case, found, False)
        hu = score_case(case, found, True)[0]
        keys = [(case.set, by_set), ("total", by_set)]
        if case.category != case.set:
            keys.append((case.category, by_cat))
        for key, rows in keys:
            row = rows.setdefault(key, [0, 0, 0, 0])
            for k, x in enumerate((gold, read, hv, hu)):
                row[k] += x
        if args.misses and (hu < gold or read > hu) and shown.get(case.set, 0) < args.misses:
            shown[case.set] = shown.get(case.set, 0) + 1
            want = "; ".join(f"{g.surface!r}={g.low if g.point else (g.low, g.high)} {g.unit}"
                             for g in case.gold)
            got = "; ".join(f"{r.text!r}=[{r.low}, {r.high}) {r.unit}" for r in found)
            print(f"[{case.set}/{case.category}] {case.text[:160]!r}\n  want {want or '-'}"
                  f"\n  got  {got or '-'}")
    total = by_set.pop("total")
    by_set["total"] = total
    print(table(by_set, "set"))
    print()
    print(table(by_cat, "category"))
    if args.json:
        args.json.write_text(json.dumps({"sets": by_set, "categories": by_cat}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
