"""Units: written forms, canonical units, dimensions and exact factors from units.txt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from factlint.parse import units
from factlint.parse.units import UnitInfo, surface_unit, unit_info


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("kilograms", "kilogram"), ("kg", "kilogram"), ("tons", "ton"), ("tonnes", "tonne"),
        ("Tonnes", "tonne"), ("t", "tonne"), ("Mt", "megatonne"), ("kt", "kilotonne"),
        ("吨", "tonne"), ("公斤", "kilogram"), ("千克", "kilogram"), ("GWh", "gigawatt_hour"),
        ("TWh", "terawatt_hour"), ("MW", "megawatt"), ("%", "percent"),
        ("per cent", "percent"), ("percentage points", "percentage_point"),
        ("pp", "percentage_point"), ("$", "dollar"), ("US$", "USD"), ("USD", "USD"),
        ("美元", "USD"), ("美债", "USD"), ("€", "EUR"), ("euros", "EUR"), ("£", "GBP"),
        ("pounds", "GBP"), ("¥", "JPY"), ("yen", "JPY"), ("元", "CNY"), ("RMB", "CNY"),
        ("yuan", "CNY"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("S$", "SGD"),
        ("barrels", "barrel"), ("litres", "litre"), ("km", "kilometre"), ("years", "year"),
        ("年", "year"), ("ounces", "troy_ounce"), ("oz", "troy_ounce"),
        ("Moz", "million_troy_ounces"), ("koz", "thousand_troy_ounces"),
    ],
)
def test_surface_forms(written: str, name: str) -> None:
    assert surface_unit(written) == name


@pytest.mark.parametrize("written", ["mt", "MT", "kt.", "knots", "T", "万吨", "China", ""])
def test_not_units(written: str) -> None:
    assert surface_unit(written) is None


def test_ton_is_metric_unless_configured() -> None:
    assert unit_info("ton") == UnitInfo("tonne", "mass", Fraction(1))
    assert unit_info("ton", "short") == UnitInfo("tonne", "mass", Fraction("0.90718474"))
    assert unit_info("tonne", "short").factor == 1  # only "ton" changes


@pytest.mark.parametrize(
    ("unit", "canonical", "dimension", "factor"),
    [
        ("kilogram", "tonne", "mass", Fraction(1, 1000)),
        ("megatonne", "tonne", "mass", Fraction(10**6)),
        ("kilotonne", "tonne", "mass", Fraction(1000)),
        ("gigawatt_hour", "kilowatt_hour", "energy", Fraction(10**6)),
        ("watt_hour", "kilowatt_hour", "energy", Fraction(1, 1000)),
        ("percent", "percent", "share", Fraction(1)),
        ("percentage_point", "percentage_point", "points", Fraction(1)),
        ("basis_point", "percentage_point", "points", Fraction(1, 100)),
        ("month", "year", "time", Fraction(1, 12)),
        ("USD", "USD", "USD", Fraction(1)),
        ("dollar", "dollar", "dollar", Fraction(1)),
        ("EUR", "EUR", "EUR", Fraction(1)),
        ("times", "times", "ratio", Fraction(1)),
        ("", "", "count", Fraction(1)),
    ],
)
def test_unit_info(unit: str, canonical: str, dimension: str, factor: Fraction) -> None:
    info = unit_info(unit)
    assert info == UnitInfo(canonical, dimension, factor)
    assert isinstance(info.factor, Fraction)


def test_currencies_never_share_a_dimension() -> None:
    codes = ["dollar", "USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "HKD", "SGD"]
    assert len({unit_info(c).dimension for c in codes}) == len(codes)


def test_percent_is_not_a_number() -> None:
    # pint's default registry makes 40% equal to 0.4; here percent is its own dimension
    assert unit_info("percent").dimension not in ("", "count", "dimensionless")


def test_unknown_unit_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        unit_info("furlong")


def test_registry_is_built_from_the_project_file_only() -> None:
    reg = units.registry()
    assert reg is units.registry()  # built once
    assert "knot" not in reg and "parsec" not in reg and "kilotonne" in reg


# ------------------------------------------------------- the cached conversion table


def test_cached_table_holds_what_pint_computes(tmp_path: Path) -> None:
    fresh = units.load_table(use_cache=False)
    assert fresh["ton"] == UnitInfo("tonne", "mass", Fraction(1))
    assert fresh["short_ton"].factor == Fraction("0.90718474")
    written = units.load_table(tmp_path)  # built, then written
    path = units.table_path(tmp_path)
    assert path.is_file() and list(tmp_path.iterdir()) == [path]  # no temp file left
    read = units.load_table(tmp_path)  # read back from the file
    assert written == read == fresh
    assert json.loads(path.read_text("utf-8"))["format"] >= 1  # JSON, never a pickle


def test_unit_info_is_the_same_with_and_without_the_table(
        monkeypatch: pytest.MonkeyPatch) -> None:
    forms = [*units._surfaces()[0], "short_ton", "tonne"]
    with_table = {(f, t): unit_info.__wrapped__(f, t) for f in forms
                  for t in ("metric", "short")}
    monkeypatch.setattr(units, "_table", dict)  # an empty table: every unit through pint
    without = {(f, t): unit_info.__wrapped__(f, t) for f in forms for t in ("metric", "short")}
    assert with_table == without


@pytest.mark.parametrize("content", ['{"format": 1, "units": {"ton": [1, 2', "[]",
                                     '{"format": 1, "units": {"ton": ["tonne", "mass", "1/0"]}}',
                                     '{"format": 1, "units": {"ton": ["tonne", "mass"]}}'])
def test_corrupt_table_is_rebuilt(tmp_path: Path, content: str) -> None:
    path = units.table_path(tmp_path)
    path.write_text(content, "utf-8")
    assert units.load_table(tmp_path) == units.load_table(use_cache=False)
    assert units.load_table(tmp_path) == units.load_table(use_cache=False)  # rewritten
    assert json.loads(path.read_text("utf-8"))["units"]["ton"] == ["tonne", "mass", "1"]


def test_table_key_follows_the_definitions() -> None:
    assert units.table_path(Path("x")) == units.table_path(Path("x"), units.definitions_text())
    assert units.table_path(Path("x")) != units.table_path(Path("x"), "tonne = [mass]\n")


def test_unwritable_cache_dir_builds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    assert units.load_table(blocker / "sub") == units.load_table(use_cache=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the cache's folder is XDG_CACHE_HOME")
def test_pint_is_not_imported_once_the_table_is_cached(tmp_path: Path) -> None:
    code = ("import sys; from factlint.parse.units import unit_info; "
            "print(unit_info('tons', 'short').factor, unit_info('%').dimension, "
            "'pint' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.split() for _ in range(2)]
    assert runs[0] == ["45359237/50000000", "share", "True"]  # built with pint
    assert runs[1] == ["45359237/50000000", "share", "False"]  # read from the table
