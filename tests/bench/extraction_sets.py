"""Score ``find_mentions`` against public quantity-extraction test sets (not part of pytest).

Run from anywhere: ``python tests/bench/extraction_sets.py [--examples N] [--sets DIR]``.
The sets live in ``../shared/benchmarks/extraction/`` next to the repository (each with a
SOURCE.txt); ``--sets`` points elsewhere. Per set it prints the number of cases, how many
are in scope, how many of those pass, and the first failures.

A *case* is one input of a set (a quantulum3 sentence, a Recognizers-Text ``Input``, a
cn2an numeral), except for grobid-quantities, where a case is one ``<measure>`` of a
paragraph (the whole paragraph is parsed and the measure's span is matched).

In scope (mechanical; the same text is printed by the script):

1. The input is English or Chinese in simplified script (an input holding one of
   ``TRADITIONAL`` is out).
2. Every expected quantity has a unit that ``UNIT_MAP`` maps to a name the definitions file
   (``grammar/units.txt``) knows, or a percent, or a currency factlint supports; a case
   with one unmapped unit is out (ordinals, temperatures and unit-less grobid values have
   no unit of ours either).
3. A bare number (no unit) is required only in the number sets (cn2an, Recognizers-Text
   ``Number/*``) and only in the forms factlint claims to parse: a Chinese numeral or
   digits with the scale 万 or 亿 (``三千万``, ``16.4亿``), or digits with an English scale
   word (``1.5 million``, ``$`` not needed). Any other bare number is dropped from the
   case (not required, not counted).
4. Forms factlint does not claim are dropped the same way: negative numbers, ``±``
   (grobid ``base ± range``), Chinese financial numerals (壹贰叁), the Chinese decimal
   点, discounts (折), fractions of ten thousand (万分之), English number words above
   ninety-nine ("one hundred percent").
5. A case with no expected quantity left is out of scope.

A case passes when every in-scope expected quantity is found by a mention that overlaps
its span (when the set gives one) with the same unit (``dollar`` and ``USD`` count as the
same) and the same value: for a single number, the midpoint of the mention's speaker
interval equals it exactly or it is a finite bound of the strict interval ("over 80%");
for a range or bound, the ends of the strict interval equal the expected ends (an open
end is ``None`` on both sides; a percent's clipped end 0 or 100 counts as open).
Recognizers-Text reads ``个百分点`` as a percent; here it
is a percentage point, as in factlint.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

from factlint.model import Mention
from factlint.parse.mentions import find_mentions
from factlint.parse.units import unit_info

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SETS = ROOT.parent / "shared" / "benchmarks" / "extraction"

# set vocabulary (lower case) -> unit name of grammar/units.txt
UNIT_MAP: dict[str, str] = {
    # quantulum3
    "metre": "metre", "kilometre": "kilometre", "mile": "mile", "inch": "inch",
    "foot": "foot", "centimetre": "centimetre", "millimetre": "millimetre",
    "square kilometre": "square_kilometre", "litre": "litre", "gallon": "gallon",
    "year": "year", "month": "month", "day": "day", "week": "week", "hour": "hour",
    "tonne": "tonne", "kilogram": "kilogram", "gram": "gram", "pound-mass": "pound_mass",
    "watt hour": "watt_hour", "megawatt hour": "megawatt_hour", "watt": "watt",
    "dollar": "dollar", "euro": "EUR", "pound sterling": "GBP", "percentage": "percent",
    # Recognizers-Text (Resolution.unit; currencies by isoCurrency first)
    "meter": "metre", "kilometer": "kilometre", "centimeter": "centimetre",
    "millimeter": "millimetre", "square kilometer": "square_kilometre",
    "ton": "ton", "metric ton": "tonne", "pound": "pound_mass", "barrel": "barrel",
    "kilowatt": "kilowatt", "mu": "mu", "jin": "jin",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "aud": "AUD",
    "cad": "CAD", "hkd": "HKD", "sgd": "SGD", "inr": "INR", "krw": "KRW", "rupee": "INR",
    # grobid-quantities (unit attribute)
    "%": "percent", "km": "kilometre", "kg": "kilogram", "g": "gram", "l": "litre",
    "m": "metre", "cm": "centimetre", "mm": "millimetre", "mw": "megawatt",
    "kw": "kilowatt", "gw": "gigawatt", "kwh": "kilowatt_hour", "t": "tonne",
}
# Recognizers-Text currency names without an ISO code
CURRENCY_NAMES: dict[str, str] = {"dollar": "dollar", "pound": "GBP", "rupee": "INR",
                                  "british pound": "GBP", "euro": "EUR"}
TRADITIONAL = "個點萬億兩與對幾這們來時為區國價歲錢顆臺"
NUMBER_SETS = ("cn2an", "recognizers-text/Number/")
_SCALED_EN = re.compile(r"\d[\d,.]*\s*(?:thousand|million|billion|trillion|bn|mn|k)\b", re.I)
_SCALED_CN = re.compile(r"[\d.〇零一二两三四五六七八九十百千]+[万亿]")
_UNCLAIMED = re.compile(
    r"[±壹贰叁肆伍陆柒捌玖拾佰仟点折]|万分之|\d/\d|\d\s*[x×]\s*10|\de[-+]?\d"
    r"|(?<![\d,.])(?<![\d,.]\s)\b(?:hundred|thousand)\b",
    re.I,
)
IN_SCOPE = __doc__.split("In scope (mechanical; the same text is printed by the script):")[1] \
    .split("A case passes")[0].strip() if __doc__ else ""


@dataclasses.dataclass(frozen=True)
class Expected:
    """One quantity a set expects: a point (``low == high``) or a range with open ends
    as ``None``, in the canonical unit of its dimension."""

    text: str
    low: Fraction | None
    high: Fraction | None
    unit: str  # canonical unit ("" = a bare number)
    point: bool
    span: tuple[int, int] | None = None


@dataclasses.dataclass
class Case:
    """One input of a set and what it expects; ``why_out`` is "" when in scope."""

    name: str
    text: str
    expected: list[Expected]
    why_out: str = ""


# ------------------------------------------------------------------ scope helpers


def _canonical(unit: str, x: Fraction | None) -> tuple[str, Fraction | None] | None:
    """(canonical unit, value in it) or None when the unit is not ours."""
    if unit == "":
        return "", x
    try:
        info = unit_info(unit)
    except KeyError:
        return None
    return info.name, None if x is None else x * info.factor


def _claimed_bare(surface: str) -> bool:
    return bool(_SCALED_EN.search(surface) or _SCALED_CN.search(surface))


def _make(name: str, text: str, items: list[tuple[str, Fraction | None, Fraction | None,
                                                   str | None, bool, tuple[int, int] | None]],
          number_set: bool) -> Case:
    """Build a case from (surface, low, high, unit name or None if unmapped, point, span)."""
    if any(ch in TRADITIONAL for ch in text):
        return Case(name, text, [], "traditional Chinese")
    out: list[Expected] = []
    why = ""
    for surface, low, high, unit, point, span in items:
        if unit is None:
            return Case(name, text, [], "unit not ours")
        if _UNCLAIMED.search(surface) or any(v is not None and v < 0 for v in (low, high)):
            why = why or "form not claimed"
            continue
        if unit == "" and not (number_set and _claimed_bare(surface)):
            why = why or "bare number"
            continue
        lo = _canonical(unit, low)
        hi = _canonical(unit, high)
        if lo is None or hi is None:
            return Case(name, text, [], "unit not ours")
        out.append(Expected(surface, lo[1], hi[1], lo[0], point, span))
    return Case(name, text, out, "" if out else (why or "nothing expected"))


def _fraction(value: object) -> Fraction | None:
    try:
        return Fraction(str(value).replace(",", ""))
    except (ValueError, ZeroDivisionError):
        return None


# ------------------------------------------------------------------ the sets


def quantulum(folder: Path, file: str) -> Iterator[Case]:
    """quantulum3: sentences with midpoint + uncertainty for ranges."""
    name = "quantulum3" + ("-ambiguity" if "ambiguity" in file else "")
    for row in json.loads((folder / "quantulum3" / file).read_text("utf-8")):
        items = []
        for res in row["res"]:
            unit = res["unit"]
            mapped = "" if unit == "dimensionless" else UNIT_MAP.get(unit.lower())
            v = _fraction(res["value"])
            u = _fraction(res.get("uncertainty") or 0) or Fraction(0)
            at = row["req"].find(res["surface"])
            span = (at, at + len(res["surface"])) if at >= 0 else None
            if v is None:
                mapped = None
                v = Fraction(0)
            items.append((res["surface"], v - u, v + u, mapped, u == 0, span))
        yield _make(name, row["req"], items, False)


_RANGE = re.compile(r"^([\[(])\s*([^,]*),\s*([^\])]*)([\])])$")


def recognizers_written_unit(res: dict[str, object]) -> tuple[str, str]:
    """A Recognizers-Text result's kind and the unit its resolution names, lower case: ""
    for a number, percent or percentage_point, else its ISO currency or its unit."""
    resolution = res.get("Resolution") or {}
    assert isinstance(resolution, dict)
    kind = str(res.get("TypeName", ""))
    if kind in ("number", "numberrange"):
        return kind, ""
    if kind == "percentage":
        return kind, "percentage_point" if "百分点" in str(res.get("Text")) else "percent"
    if kind == "currency" and resolution.get("isoCurrency"):
        return "iso", str(resolution["isoCurrency"]).lower()
    return kind, str(resolution.get("unit") or "").lower()


def _recognizers_unit(res: dict[str, object]) -> str | None:
    kind, unit = recognizers_written_unit(res)
    if kind in ("number", "numberrange", "percentage"):
        return unit
    if kind == "iso":
        return UNIT_MAP.get(unit)
    if kind == "currency":
        return CURRENCY_NAMES.get(unit)
    if kind in ("dimension", "age"):
        return UNIT_MAP.get(unit)
    return None  # ordinals, temperatures


def recognizers(folder: Path) -> Iterator[Case]:
    """Recognizers-Text specs: Number/* and NumberWithUnit/*, English and Chinese."""
    base = folder / "recognizers-text"
    for path in sorted(base.glob("*/*/*.json")):
        name = "recognizers-text/" + "/".join(path.relative_to(base).with_suffix("").parts)
        number_set = name.startswith(NUMBER_SETS)
        for row in json.loads(path.read_text("utf-8-sig")):
            items = []
            for res in row["Results"]:
                resolution = res.get("Resolution") or {}
                value = str(resolution.get("value", "")).rstrip("%")
                unit = _recognizers_unit(res)
                span = (int(res["Start"]), int(res["End"]) + 1) if "Start" in res else None
                m = _RANGE.match(value)
                if m is not None:
                    low = _fraction(m.group(2)) if m.group(2).strip() else None
                    high = _fraction(m.group(3)) if m.group(3).strip() else None
                    items.append((res["Text"], low, high, unit, False, span))
                    continue
                x = _fraction(value)
                if x is None:
                    unit = None
                items.append((res["Text"], x, x, unit, True, span))
            yield _make(name, row["Input"], items, number_set)


def cn2an(folder: Path) -> Iterator[Case]:
    """cn2an: Chinese numerals -> numbers (strict/normal/smart tables, an2cn forms)."""
    data = json.loads((folder / "cn2an" / "cn2an_test_cases.json").read_text("utf-8"))
    for table, rows in data["cn2an/cn2an_test.py"].items():
        if not isinstance(rows, dict) or table == "direct_data_dict":
            for item in rows:
                yield Case("cn2an", str(item), [], "not extraction (error or format case)")
            continue
        for text, number in rows.items():
            x = _fraction(number)
            yield _make("cn2an", text, [(text, x, x, "" if x is not None else None, True,
                                         (0, len(text)))], True)
    for number, forms in data["cn2an/an2cn_test.py"].get("input_data", {}).items():
        x = _fraction(number)
        for form in forms:
            yield _make("cn2an", form, [(form, x, x, "", True, (0, len(form)))], True)
    for file, tables in data.items():
        if file == "cn2an/transform_test.py":
            for rows in tables.values():
                for text in rows:
                    yield Case("cn2an", text, [], "not extraction (sentence rewriting)")


_TEI = "{http://www.tei-c.org/ns/1.0}"
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def _grobid_number(text: str) -> Fraction | None:
    text = text.strip().lower()
    return Fraction(_WORDS[text]) if text in _WORDS else _fraction(text)


def _measure_items(el: ET.Element, surface: str, span: tuple[int, int]) -> list[
        tuple[str, Fraction | None, Fraction | None, str | None, bool, tuple[int, int]]]:
    units = [m.get("unit") for m in el.iter(_TEI + "measure") if m is not el and m.get("unit")]
    unit: str | None = ""
    if units:
        unit = UNIT_MAP.get(str(units[-1]).lower())
    nums = list(el.iter(_TEI + "num"))
    kind = el.get("type")
    if any(n.get("type") == "range" for n in nums):
        return [(surface + "±", None, None, unit, False, span)]  # base ± range: not claimed
    if kind == "interval":
        lows = [_fraction(n.get("atLeast")) for n in nums if n.get("atLeast")]
        highs = [_fraction(n.get("atMost")) for n in nums if n.get("atMost")]
        low = lows[0] if lows else None
        high = highs[0] if highs else None
        bad = (lows and low is None) or (highs and high is None)
        return [(surface, low, high, None if bad else unit, False, span)]
    out = []
    for n in nums:
        x = _grobid_number("".join(n.itertext()))
        out.append((surface, x, x, unit if x is not None else None, True, span))
    return out


def _flatten(p: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The paragraph's text and the (value|interval|list) measures with their spans."""
    parts: list[str] = []
    found: list[tuple[ET.Element, int, int]] = []
    size = 0

    def walk(el: ET.Element) -> None:
        nonlocal size
        start = size
        parts.append(el.text or "")
        size += len(parts[-1])
        for child in el:
            walk(child)
            parts.append(child.tail or "")
            size += len(parts[-1])
        if el.tag == _TEI + "measure" and el.get("type") in ("value", "interval", "list"):
            found.append((el, start, size))

    walk(p)
    return "".join(parts), found


def grobid(folder: Path) -> Iterator[Case]:
    """grobid-quantities holdout: one case per top-level <measure> of a paragraph."""
    for path in sorted((folder / "grobid-quantities" / "quantities-evaluation").glob("*.xml")):
        root = ET.parse(path).getroot()
        for p in root.iter(_TEI + "p"):
            text, found = _flatten(p)
            for el, s, e in found:
                surface = text[s:e].strip()
                s = text.index(surface, s) if surface else s
                items = _measure_items(el, surface, (s, s + len(surface)))
                if not items:
                    yield Case("grobid-quantities", text, [], "nothing expected")
                    continue
                case = _make("grobid-quantities", text, items, False)
                yield case


# ------------------------------------------------------------------ scoring


def _matches(exp: Expected, m: Mention) -> bool:
    value = m.value
    if value is None:
        return False
    if exp.span is not None and not (m.start < exp.span[1] and exp.span[0] < m.end):
        return False
    units = {exp.unit, value.unit}
    if len(units) > 1 and units != {"dollar", "USD"}:
        return False
    sp, st = value.speaker, value.strict
    if exp.point:
        if sp.low is not None and sp.high is not None and (sp.low + sp.high) / 2 == exp.low:
            return True
        return exp.low in (st.low, st.high)
    low, high = exp.low, exp.high
    if value.unit == "percent":  # shares are clipped to [0, 100]: an open end is 0 or 100
        low = low if low is not None else st.low if st.low == 0 else None
        high = high if high is not None else st.high if st.high == 100 else None
    return (st.low, st.high) == (low, high)


def passes(case: Case, mentions: list[Mention]) -> bool:
    """Every expected quantity of an in-scope case is found."""
    return all(any(_matches(e, m) for m in mentions) for e in case.expected)


def describe(m: Mention) -> str:
    """A mention in one short line."""
    if m.value is None:
        return f"{m.text!r} {m.kind}"
    st = m.value.strict
    sp = m.value.speaker
    return (f"{m.text!r} [{_num(sp.low)}, {_num(sp.high)}] strict [{_num(st.low)}, "
            f"{_num(st.high)}] {m.value.unit or 'count'}")


def _num(x: Fraction | None) -> str:
    if x is None:
        return "inf"
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


def _expected_text(e: Expected) -> str:
    shown = _num(e.low) if e.point else f"[{_num(e.low)}, {_num(e.high)}]"
    return f"{e.text!r} = {shown} {e.unit or 'count'}"


def load_all(folder: Path) -> list[Case]:
    """Every case of every set."""
    loaders: list[Callable[[], Iterator[Case]]] = [
        lambda: quantulum(folder, "quantities.json"),
        lambda: quantulum(folder, "quantities.ambiguity.json"),
        lambda: recognizers(folder), lambda: cn2an(folder), lambda: grobid(folder),
    ]
    return [case for load in loaders for case in load()]


def main(argv: list[str] | None = None) -> int:
    """Print per set: cases, in scope, passing, and the first failures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else "")
    parser.add_argument("--sets", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--examples", type=int, default=10, help="failures shown per set")
    parser.add_argument("--quiet", action="store_true", help="no failure examples")
    args = parser.parse_args(argv)
    if not args.sets.is_dir():
        print(f"no such folder: {args.sets}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    cases = load_all(args.sets)
    print("In scope:\n" + IN_SCOPE + "\n")
    stats: dict[str, list[int]] = {}
    failures: dict[str, list[str]] = {}
    cache: dict[str, list[Mention]] = {}
    for case in cases:
        row = stats.setdefault(case.name, [0, 0, 0])
        row[0] += 1
        if case.why_out:
            continue
        row[1] += 1
        mentions = cache.get(case.text)
        if mentions is None:
            mentions = cache[case.text] = find_mentions(case.text)
        if passes(case, mentions):
            row[2] += 1
            continue
        fails = failures.setdefault(case.name, [])
        if len(fails) < args.examples:
            want = "; ".join(_expected_text(e) for e in case.expected)
            context = case.text
            spans = [e.span for e in case.expected if e.span]
            if len(context) > 160 and spans:
                lo = max(0, spans[0][0] - 60)
                context = "…" + context[lo:spans[0][1] + 60] + "…"
            near = [m for m in mentions if not spans or any(
                m.start < s[1] + 20 and s[0] - 20 < m.end for s in spans)]
            fails.append(f"  {context[:200]!r}\n    want {want}\n    got  "
                         + ("; ".join(describe(m) for m in near) or "nothing"))
    width = max(len(n) for n in stats)
    print(f"{'set':{width}}  cases  in-scope  pass")
    total = [0, 0, 0]
    for name, (n, scope, ok) in stats.items():
        total = [total[0] + n, total[1] + scope, total[2] + ok]
        print(f"{name:{width}}  {n:5}  {scope:8}  {ok:4}")
    print(f"{'total':{width}}  {total[0]:5}  {total[1]:8}  {total[2]:4}")
    if not args.quiet:
        for name, fails in failures.items():
            print(f"\n== {name}: first failures")
            print("\n".join(fails))
    print(f"\n{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
