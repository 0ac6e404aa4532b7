"""Units: written forms, canonical units, dimensions and exact factors from units.txt."""

from __future__ import annotations

from fractions import Fraction

import pytest

from factlint import units
from factlint.units import UnitInfo, surface_unit, unit_info


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
        ("年", "year"),
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
