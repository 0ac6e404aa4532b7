"""Numbers as written: digits, English words, Chinese numerals, and the half-width they imply."""

from __future__ import annotations

from fractions import Fraction

import pytest

from factlint.parse.chinese import chinese_fraction, chinese_number
from factlint.parse.numbers import (
    english_number,
    ordinal,
    parse_digits,
    written_half_width,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("69", 69), ("2,000", 2000), ("11.3", Fraction(113, 10)), ("1,234.5", Fraction(2469, 2)),
     ("0.1", Fraction(1, 10)), ("390,000", 390000)],
)
def test_digits(text: str, value: Fraction) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize("text", ["1,23", "12,3456", "1.2.3", "", "abc", "1."])
def test_not_digits(text: str) -> None:
    with pytest.raises(ValueError):
        parse_digits(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("one", 1), ("seven", 7), ("twelve", 12), ("twenty", 20), ("twenty-five", 25),
     ("Ninety nine", 99), ("dozen", None), ("twenty-twenty", None), ("five-ten", None)],
)
def test_english(text: str, value: int | None) -> None:
    assert english_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("两", 2), ("十", 10), ("十五", 15), ("二十五", 25), ("一百零五", 105),
     ("两千", 2000), ("三万", 30000), ("三千万", 30_000_000), ("一亿三千万", 130_000_000),
     ("三万亿", 3 * 10**12), ("二〇二五", 2025), ("三三", 33), ("三十五五", None), ("吨", None),
     ("", None)],
)
def test_chinese(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("3万4000", 34000), ("5万4千6百", 54600), ("1千零1", 1001), ("1万5", 15000),
     ("1百01", 101), ("200亿零四千230", 20000004230), ("三点五", Fraction(7, 2)),
     ("零点零五", Fraction(1, 20)), ("一千六点五", Fraction(3201, 2)),
     ("负三十二", -32), ("負十點五", Fraction(-21, 2)), ("壹佰贰拾叁", 123), ("两萬", 20000),
     ("肆億", 4 * 10**8), ("三点", None), ("三点两", None), ("负", None)],
)
def test_chinese_decimals_negatives_and_financial_characters(
        text: str, value: Fraction | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("三分之一", Fraction(1, 3)), ("一千分之五", Fraction(1, 200)), ("100分之3", Fraction(3, 100)),
     ("零分之一", None), ("三分", None)],
)
def test_chinese_fractions(text: str, value: Fraction | None) -> None:
    assert chinese_fraction(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("１２３", 123), ("１，２３４．５", Fraction(2469, 2))])
def test_full_width_digits(text: str, value: Fraction) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "rank"), [("second", 2), ("Third", 3), ("2nd", 2), ("21st", 21), ("tenth", 10),
                       ("largest", None)])
def test_ordinals(text: str, rank: int | None) -> None:
    assert ordinal(text) == rank


@pytest.mark.parametrize(
    ("value", "written", "h"),
    [(Fraction(69), "69", Fraction(1, 2)), (Fraction(70), "70", Fraction(7, 2)),
     (Fraction(2000), "2,000", Fraction(100)), (Fraction(113, 10), "11.3", Fraction(1, 20)),
     (Fraction(44), "44", Fraction(1, 2)), (Fraction(25), "25", Fraction(1, 2)),
     (Fraction(100), "100", Fraction(5)), (Fraction(1, 2), "half", Fraction(1, 40)),
     (Fraction(20), "twenty", Fraction(1))],
)
def test_half_width_as_written(value: Fraction, written: str, h: Fraction) -> None:
    assert written_half_width(value, written) == h
