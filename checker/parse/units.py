"""Units: written unit words -> unit names -> (canonical unit, dimension, exact factor).

One pint registry, built once and lazily, from ``grammar/units.txt`` only (never pint's
default registry: its ``ton`` is a short ton and its ``kt`` a knot). Conversion factors are
computed once per unit name and kept as exact ``Fraction``s, so the hot path of the parser
never calls pint. The base unit of each dimension in the definitions file is the canonical
unit values are stored in.

The conversions of every unit the definitions file names are cached as a JSON table in the
user's cache directory (next to the parser of :mod:`factlint.parse.lalr`), keyed by a hash of the
definitions and of the installed pint; pint is imported only to build a missing, stale or
corrupt table, or for a unit name the table does not hold.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from factlint.util.atomic import write_text_atomic

if TYPE_CHECKING:
    import pint

Ton = Literal["metric", "short"]

# Written forms that cannot be pint names: symbols, codes, multiword forms.
_EXTRA_SURFACES: dict[str, str] = {
    "%": "percent",
    "％": "percent",
    "percent": "percent",
    "per cent": "percent",
    "per-cent": "percent",
    "percentage": "percent",  # "80 percentage" (but "percentage points" are points)
    "percentage point": "percentage_point",
    "percentage points": "percentage_point",
    "percentage-point": "percentage_point",
    "pps": "percentage_point",
    "basis point": "basis_point",
    "basis points": "basis_point",
    "个百分点": "percentage_point",
    "個百分點": "percentage_point",
    "百分點": "percentage_point",
    "百分点": "percentage_point",
    "tons": "ton",
    "metric ton": "tonne",
    "metric tons": "tonne",
    "metric tonne": "tonne",
    "metric tonnes": "tonne",
    "short ton": "short_ton",
    "short tons": "short_ton",
    "troy ounce": "troy_ounce",
    "troy ounces": "troy_ounce",
    "barrels per day": "barrel_per_day",
    "barrels a day": "barrel_per_day",
    "b/d": "barrel_per_day",
    "square kilometres": "square_kilometre",
    "square kilometers": "square_kilometre",
    "$": "dollar",
    "dollar": "dollar",
    "dollars": "dollar",
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "US dollars": "USD",
    "U.S. dollars": "USD",
    "US dollar": "USD",
    "U.S. dollar": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "¥": "JPY",
    "￥": "CNY",  # the full-width sign of Chinese text: renminbi
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "HK$": "HKD",
    "HKD": "HKD",
    "S$": "SGD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "R$": "BRL",
    "MX$": "MXN",
    "₹": "INR",
    "₩": "KRW",
    "₦": "NGN",
    "₽": "RUB",
    "₺": "TRY",
    "₫": "VND",
    "New Zealand dollars": "NZD",
    "New Zealand dollar": "NZD",
    "SGD": "SGD",
    "INR": "INR",
    "rupees": "INR",
    "KRW": "KRW",
    "rmb": "CNY",
    "Australian dollars": "AUD",
    "Australian dollar": "AUD",
    "Canadian dollars": "CAD",
    "Canadian dollar": "CAD",
    "Hong Kong dollars": "HKD",
    "Hong Kong dollar": "HKD",
    "Singapore dollars": "SGD",
    "Singapore dollar": "SGD",
    "Chinese yuan": "CNY",
    "Swiss francs": "CHF",
    "Turkish lira": "TRY",
    "Japanese yen": "JPY",
    "feet": "foot",
    "inches": "inch",
    "kilometres per hour": "kilometre_per_hour",
    "kilometers per hour": "kilometre_per_hour",
    "km per hour": "kilometre_per_hour",
    "miles per hour": "mile_per_hour",
    "miles an hour": "mile_per_hour",
    "tonnes per hour": "tonne_per_hour",
    "revolutions per minute": "revolution_per_minute",
    "square miles": "square_mile",
    "times": "times",
    "yrs": "year",
    # temperatures: a scale's symbol, its name after "degrees", or alone; C and F only
    # glued to the number (30C: the tokenizer checks), "°" alone is a degree
    "°C": "degree_Celsius", "° C": "degree_Celsius", "℃": "degree_Celsius",
    "C": "degree_Celsius", "°F": "degree_Fahrenheit", "° F": "degree_Fahrenheit",
    "℉": "degree_Fahrenheit", "F": "degree_Fahrenheit", "°": "degree",
    "degrees Celsius": "degree_Celsius", "degree Celsius": "degree_Celsius",
    "degrees centigrade": "degree_Celsius", "degrees C": "degree_Celsius",
    "degree C": "degree_Celsius", "deg C": "degree_Celsius",
    "degrees Fahrenheit": "degree_Fahrenheit", "degree Fahrenheit": "degree_Fahrenheit",
    "degrees F": "degree_Fahrenheit", "degree F": "degree_Fahrenheit",
    # micro- written with the Greek mu or the micro sign
    "μm": "micrometre", "µm": "micrometre", "μg": "microgram", "µg": "microgram",
    "μl": "microlitre", "µl": "microlitre", "μL": "microlitre", "µL": "microlitre",
    "deg F": "degree_Fahrenheit", "deg Celsius": "degree_Celsius",
    "deg Fahrenheit": "degree_Fahrenheit", "degrees kelvin": "kelvin",
}

# Forms that are never matched case-insensitively (Mt is megatonnes, mt is not).
_MIN_CASELESS = 3

# Forms that are units only after "per", "a" or "/" in a price ("185 cents per pound"):
# alone, "a 20 pound note" is money.
PER_SURFACES: dict[str, str] = {"pound": "pound_mass", "lb": "pound_mass", "ton": "ton"}

# a bag of a stated size, as one unit word: "60-kg bags" -> bag_60kg (when units.txt has it)
_BAG = re.compile(r"(\d+)\s*-?\s*(?:kg|kilogram|kilo)s?\s+bags?", re.IGNORECASE)


@dataclass(frozen=True)
class UnitInfo:
    """A unit's canonical unit, its dimension, and the exact factor into the canonical unit."""

    name: str  # canonical unit of the dimension ("tonne", "percent", "USD", "kilowatt_hour")
    dimension: str  # "mass", "share", "points", "USD", "EUR", "dollar", "energy", "count", ...
    factor: Fraction  # value in canonical unit = written value * factor (exact)


COUNT = UnitInfo("", "count", Fraction(1))


def definitions_text() -> str:
    """The text of ``grammar/units.txt`` (package data)."""
    return resources.files("factlint.grammar").joinpath("units.txt").read_text("utf-8")


@functools.lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Fraction]:
    """The one pint registry of the process, built from ``units.txt`` only."""
    import pint

    reg: pint.UnitRegistry[Fraction] = pint.UnitRegistry(None, non_int_type=Fraction)
    reg.load_definitions(definitions_text().splitlines())
    return reg


def _definition_lines() -> list[list[str]]:
    rows = []
    for line in definitions_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            rows.append([part.strip() for part in line.split("=")])
    return rows


@functools.lru_cache(maxsize=1)
def _surfaces() -> tuple[dict[str, str], dict[str, str]]:
    """(exact surface -> unit name, lowercase surface -> unit name)."""
    exact: dict[str, str] = {}
    for row in _definition_lines():
        name, aliases = row[0], [a for a in row[2:] if a != "_"]
        for form in [name, *aliases]:
            exact.setdefault(form, name)
            exact.setdefault(form.replace("_", " "), name)
            exact.setdefault(form.replace("_", "-"), name)  # "gigawatt-hour" is one word
            if re.fullmatch(r"[a-z_]{3,}", form) and not form.endswith("s"):
                exact.setdefault(form + "s", name)
                exact.setdefault(form.replace("_", " ") + "s", name)
                exact.setdefault(form.replace("_", "-") + "s", name)
    for form, name in _EXTRA_SURFACES.items():
        exact[form] = name
    caseless = {
        form.lower(): name
        for form, name in exact.items()
        if len(form) >= _MIN_CASELESS and form.isascii() and (form == form.lower() or " " in form)
    }
    return exact, caseless


@functools.lru_cache(maxsize=8192)
def surface_unit(word: str) -> str | None:
    """The unit name of a written form (``kilograms`` -> ``kilogram``, ``Mt`` -> ``megatonne``)."""
    exact, caseless = _surfaces()
    word = " ".join(word.split()).replace("^", "")  # km^2 is km2
    found = exact.get(word)
    if found is None:
        found = caseless.get(word.lower())
    if found is None and word[:1].isdigit():
        m = _BAG.fullmatch(word)
        name = f"bag_{m.group(1)}kg" if m is not None else ""
        found = name if name in exact else None
    return found


def multiword_surfaces() -> list[str]:
    """The written forms of several words, lower case ("cubic metres", "sq km", "per cent"):
    the tokenizer reads each as one unit word."""
    return sorted({form for form in _surfaces()[1] if " " in form})


@functools.cache
def unit_info(unit: str, ton: Ton = "metric") -> UnitInfo:
    """Canonical unit, dimension and exact factor of a unit name of ``units.txt``.

    ``unit`` may also be a written form (``tons``); ``""`` is a bare count. ``ton`` says
    whether ``ton`` is a metric tonne or a short ton. Raises ``KeyError`` for an unknown unit.
    """
    if unit == "":
        return COUNT
    name = surface_unit(unit) or unit
    if name == "ton" and ton == "short":
        name = "short_ton"
    found = _table().get(name)
    return found if found is not None else _convert(unit, name)


def _convert(unit: str, name: str) -> UnitInfo:
    """What pint says of ``name`` (``KeyError(unit)`` when it knows no such unit)."""
    reg = registry()
    try:
        quantity = reg.Quantity(Fraction(1), name).to_base_units()
    except Exception as exc:  # pint raises its own UndefinedUnitError
        raise KeyError(unit) from exc
    dims = dict(quantity.dimensionality)
    return UnitInfo(_compound(dict(quantity.unit_items())), _compound(dims),
                    Fraction(quantity.magnitude))


def _compound(powers: dict[str, Any]) -> str:
    """``{"[dollar]": 1, "[volume]": -1}`` -> ``dollar/volume``; ``{"[mass]": 1}`` -> ``mass``
    (pint's own formatting cannot print the Fraction exponents of this registry)."""
    def term(name: str, power: Any) -> str:
        name = name.strip("[]")
        return name if abs(power) == 1 else f"{name}**{abs(power)}"

    top = "*".join(term(n, p) for n, p in sorted(powers.items()) if p > 0) or "1"
    bottom = [term(n, p) for n, p in sorted(powers.items()) if p < 0]
    return top + "".join("/" + b for b in bottom)


# ------------------------------------------------------------ the cached conversion table

_TABLE_FORMAT = 1  # bump when the table's encoding changes


def table_path(directory: Path | None = None, text: str | None = None) -> Path:
    """Where the conversion table of ``text`` (default: the packaged ``units.txt``) is cached:
    the file name holds a hash of the definitions, of pint's stamp and of the format."""
    from factlint.util.usercache import module_stamp, user_cache_dir

    source = definitions_text() if text is None else text
    key = hashlib.sha256(f"{_TABLE_FORMAT}\n{module_stamp('pint')}\n{source}".encode()).hexdigest()
    folder = user_cache_dir() if directory is None else directory
    return folder / f"units-{key[:24]}.json"


def build_table() -> dict[str, UnitInfo]:
    """The conversion of every unit name ``units.txt`` defines, computed by pint."""
    table: dict[str, UnitInfo] = {}
    for row in _definition_lines():
        try:
            table[row[0]] = _convert(row[0], row[0])
        except KeyError:
            continue
    return table


def _decode_table(raw: Any) -> dict[str, UnitInfo] | None:
    if not isinstance(raw, dict) or raw.get("format") != _TABLE_FORMAT:
        return None
    units = raw.get("units")
    if not isinstance(units, dict):
        return None
    table: dict[str, UnitInfo] = {}
    for name, row in units.items():
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) for x in row)):
            return None
        table[name] = UnitInfo(row[0], row[1], Fraction(row[2]))
    return table


def load_table(directory: Path | None = None, *, use_cache: bool = True) -> dict[str, UnitInfo]:
    """The conversion table, read from the cache or built (and then cached).

    ``directory`` overrides the user cache directory (tests); ``use_cache=False`` builds in
    memory and touches no file. A corrupt or unreadable file is rebuilt; an unwritable
    directory means building in memory.
    """
    if not use_cache:
        return build_table()
    path = table_path(directory)
    try:
        table = _decode_table(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, ZeroDivisionError):
        table = None
    if table is not None:
        return table
    table = build_table()
    payload = json.dumps(
        {"format": _TABLE_FORMAT,
         "units": {name: [i.name, i.dimension, str(i.factor)] for name, i in table.items()}},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    write_text_atomic(path, payload, ".units-")  # unwritable: the table lives in memory only
    return table


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, UnitInfo]:
    return load_table()
