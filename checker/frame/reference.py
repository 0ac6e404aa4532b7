"""Reference facts: published figures a user keeps in YAML, read as prose would read them.

A facts file (named under ``facts:`` in the config) may hold a ``reference:`` list beside its
lexicon sections::

    reference:
      - subject: China
        measure: rare earth reserves     # keyed through the lexicon, like a measure in prose
        kind: level                      # level (default) or share
        period: 2024                     # a year, or a list of years
        value: 44 million tonnes         # as written: the parser and the precision rules apply
        source: https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf
      - {subject: World, measure: rare earth mine production, period: 2024,
         low: 380,000 tonnes, high: 400,000 tonnes, source: ...}   # or a closed range

Values go through :func:`factlint.parse.mentions.find_mentions`, so "44 million tonnes" means what
it means in an article ([43.5, 44.5) million tonnes). A subject's level beside a total's
(World) level of the same measure and period also gives a derived share reference,
part / total computed exactly. Files are read with safe loading only; a bad entry is a
usage error naming the file, the line and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from factlint.errors import UsageError
from factlint.frame.lexicon import Lexicon
from factlint.frame.packs import read_pack
from factlint.model import Interval, Period, Value, format_number
from factlint.parse.mentions import find_mentions

_SafeLoader = yaml.SafeLoader  # not the C loader: a file nested deeply enough crashes it
_KEYS = frozenset({"subject", "measure", "kind", "period", "value", "low", "high", "unit",
                   "source", "note"})
_HUNDRED = Fraction(100)


@dataclass(frozen=True)
class ReferenceFact:
    """One reference figure, keyed like a claim: subject, measure key, kind, period, value."""

    subject: str  # canonical place or the name as written
    measure: str  # measure key (lexicon.measure_key)
    kind: str  # "level" or "share"
    period: Period
    value: Value
    text: str  # the value as written in the file (or "low to high", or the derivation)
    source: str  # URL or citation
    path: str  # the facts file
    line: int  # 1-based line of the entry
    derived: str = ""  # "270,000 tonnes / 390,000 tonnes" for a derived share

    def where(self) -> str:
        """``reference.yaml:12`` - where the fact is written."""
        return f"{Path(self.path).name}:{self.line}"


def _fail(path: str, line: int, message: str) -> UsageError:
    return UsageError(f"{path}:{line}: {message}")


def _quantity(text: object, path: str, line: int, ton: str) -> tuple[Value, str]:
    written = str(text).strip()
    mentions = [m for m in find_mentions(written, 0, ton)  # type: ignore[arg-type]
                if m.value is not None]
    if len(mentions) != 1 or mentions[0].text.strip() != written:
        raise _fail(path, line, f"expected one quantity such as '44 million tonnes', got "
                                f"{written!r}")
    return mentions[0].value, written  # type: ignore[return-value]


def _exact(value: Value) -> Fraction:
    iv = value.speaker
    assert iv.low is not None and iv.high is not None
    return (iv.low + iv.high) / 2


def _period(raw: object, path: str, line: int) -> Period:
    years = raw if isinstance(raw, list) else [raw]
    try:
        found = frozenset(int(str(y)) for y in years)
    except ValueError:
        raise _fail(path, line, f"period: expected a year or a list of years, got {raw!r}"
                    ) from None
    if not found or any(y < 1900 or y > 2100 for y in found):
        raise _fail(path, line, f"period: expected years between 1900 and 2100, got {raw!r}")
    return Period(found, "year", "", True)


def _entry(raw: Any, path: str, line: int, lexicon: Lexicon, ton: str) -> ReferenceFact:
    if not isinstance(raw, dict):
        raise _fail(path, line, "expected a mapping with subject, measure, period, value, source")
    unknown = sorted(set(map(str, raw)) - _KEYS)
    if unknown:
        raise _fail(path, line, f"unknown key {unknown[0]!r}; expected one of "
                                f"{', '.join(sorted(_KEYS))}")
    for key in ("subject", "measure", "period", "source"):
        if not raw.get(key):
            raise _fail(path, line, f"missing {key!r}")
    kind = str(raw.get("kind", "level"))
    if kind not in ("level", "share"):
        raise _fail(path, line, f"kind: expected level or share, got {kind!r}")
    measure = lexicon.measure_key(str(raw["measure"]))
    if measure is None:
        raise _fail(path, line, f"measure {raw['measure']!r} does not say what is counted")
    if "value" in raw:
        value, text = _quantity(raw["value"], path, line, ton)
    elif "low" in raw and "high" in raw:
        low, low_text = _quantity(raw["low"], path, line, ton)
        high, high_text = _quantity(raw["high"], path, line, ton)
        if low.unit != high.unit:
            raise _fail(path, line, f"low and high in different units ({low.unit}, {high.unit})")
        lo, hi = sorted((_exact(low), _exact(high)))
        iv = Interval(lo, hi, False, False)
        value, text = Value(iv, iv, low.unit, low.dimension), f"{low_text} to {high_text}"
    else:
        raise _fail(path, line, "expected value, or low and high")
    subject = str(raw["subject"]).strip()
    return ReferenceFact(lexicon.place(subject) or subject, measure, kind,
                         _period(raw["period"], path, line), value, text,
                         str(raw["source"]), path, line)


def _lines(text: str) -> list[int]:
    """1-based line of each entry of the ``reference`` list."""
    node = yaml.compose(text, Loader=_SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if getattr(key, "value", None) == "reference" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def read_facts(path: str | Path, lexicon: Lexicon, ton: str = "metric") -> list[ReferenceFact]:
    """The reference facts of one file (none when it has no ``reference:`` section).

    The file is read as every facts file is (:func:`factlint.frame.packs.read_pack`: safe YAML,
    errors with their file and line); its text again only for the entries' lines.
    """
    shown = str(path)
    entries = read_pack(path).get("reference")
    if not entries:
        return []
    assert isinstance(entries, list)  # read_pack checks that list sections are lists
    lines = _lines(Path(path).read_text(encoding="utf-8"))
    return [_entry(raw, shown, lines[i] if i < len(lines) else 1, lexicon, ton)
            for i, raw in enumerate(entries)]


def derived_shares(facts: Sequence[ReferenceFact], lexicon: Lexicon) -> list[ReferenceFact]:
    """Share references computed from a part's and a total's levels (same measure, period)."""
    share_dim = _quantity("1%", "", 0, "metric")[0]
    totals = [f for f in facts if f.kind == "level" and lexicon.is_total(f.subject)]
    out: list[ReferenceFact] = []
    for part in facts:
        if part.kind != "level" or lexicon.is_total(part.subject):
            continue
        for total in totals:
            if (total.measure, total.period, total.value.dimension) != (
                    part.measure, part.period, part.value.dimension):
                continue
            p, t = part.value.speaker, total.value.speaker
            if p.low is None or p.high is None or t.low is None or t.high is None or t.low <= 0:
                continue
            lo, hi = p.low / t.high * _HUNDRED, p.high / t.low * _HUNDRED
            iv = Interval(lo, min(hi, _HUNDRED), False, False)
            text = f"{format_number(round(lo, 2))}% to {format_number(round(hi, 2))}%"
            out.append(ReferenceFact(
                part.subject, part.measure, "share", part.period,
                Value(iv, iv, share_dim.unit, share_dim.dimension), text,
                part.source, part.path, part.line,
                derived=(f"{part.subject} {part.text} ({part.where()}) / {total.subject} "
                         f"{total.text} ({total.where()})")))
    return out


def load_reference(paths: Iterable[str | Path], lexicon: Lexicon,
                   ton: str = "metric") -> list[ReferenceFact]:
    """Every reference fact of the facts files, with the shares derived from them."""
    facts = [f for p in paths for f in read_facts(p, lexicon, ton)]
    return facts + derived_shares(facts, lexicon)
