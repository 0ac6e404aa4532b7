"""Periods: what a sentence states, the document date, and the one symmetric rule."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.model import Period
from factlint.periods import as_of, comparable, period_for, stated_periods

DATE = dt.date(2025, 10, 20)


@pytest.mark.parametrize(
    ("sentence", "label", "projection"),
    [
        ("China produced 69% of output in 2023.", "2023", False),
        ("Output rose 7% in Q4 2023.", "Q4 2023", False),
        ("Output rose 7% in the fourth quarter of 2023.", "Q4 2023", False),
        ("Exports fell 5% from January to August.", "Jan\u2013Aug 2025", False),
        ("Capacity will reach 60% by 2030.", "2030", True),
        ("Imports rose 3% last year.", "2024", False),
        # a quarter as an adjective, and a quarter with no year: the last one before the date
        ("Fourth-quarter 2023 sales of tractors fell.", "Q4 2023", False),
        # an analyst's mark after the year: f(orecast) always, e(stimate) of a year to come
        ("| Price ($/t) | Q4 2025f |", "Q4 2025", True),
        ("Exports 2026E", "2026", True),
        ("Exports 2024e", "2024", False),
        # a range of months written short, as table headers write it
        ("| Jan-Sep 2025 |", "Jan\u2013Sep 2025", False),
        ("Tractor sales fell in the third quarter.", "Q3 2025", False),
        ("Tractor sales fell 4% in the fourth quarter.", "Q4 2024", False),
        ("Its Q2 deliveries rose.", "Q2 2025", False),
        # "end-2024" as a table header or an adjective writes "at the end of 2024"
        ("Screens, end-2024", "2024", False),
        ("The end-2023 fleet was older.", "2023", False),
        # a half-year is its six months, never the year's figure
        ("Turnover was €3,050 million for the first half of 2024.", "Jan\u2013Jun 2024", False),
        ("H1 2024 revenue rose 4%.", "Jan\u2013Jun 2024", False),
        ("Second-half 2023 volumes fell.", "Jul\u2013Dec 2023", False),
        ("Box volumes rose 3% in the first half.", "Jan\u2013Jun 2025", False),
        ("Roamly booked 102 million nights in the first nine months of 2024.",
         "Jan\u2013Sep 2024", False),
        ("Net sales were £5.02bn for the six months to 31 December 2024.",
         "Jul\u2013Dec 2024", False),
        ("Revenue was £628m for the six months to 30 June.", "Jan\u2013Jun 2025", False),
    ],
)
def test_stated_period(sentence: str, label: str, projection: bool) -> None:
    found = stated_periods(sentence, DATE)
    assert len(found) == 1
    assert found[0][2].label() == label
    assert found[0][2].projection is projection


def test_a_quarter_without_year_takes_the_year_its_sentence_states() -> None:
    found = stated_periods("In the fourth quarter, sales rose 5% in 2022.", DATE)
    assert [p.label() for _, _, p in found] == ["Q4 2022", "2022"]


def test_a_year_that_names_a_reference_level_is_no_period() -> None:
    found = stated_periods("Demand ended above its 2019 level and back to 2019 levels in 2024.",
                           DATE)
    assert [p.label() for _, _, p in found] == ["2024"]


def test_a_decade_is_no_year() -> None:
    # "many of them built in the 1980s": the fleet of today, not of 1980
    found = stated_periods("Tolland runs 980 carriages, many of them built in the 1980s.",
                           DATE)
    assert found == []


def test_dates_and_model_names_are_not_periods() -> None:
    assert stated_periods("Sou Hu Cai Jing· 2025-10-20 04:32 post-2025 F-35", DATE) == []


def test_no_stated_period_means_the_document_year_and_the_year_before() -> None:
    assert as_of(DATE).years == {2024, 2025}
    assert period_for([], 0, 3, 0, 10, DATE) == as_of(DATE)


def test_comparability_is_symmetric() -> None:
    periods = [as_of(DATE), as_of(dt.date(2019, 1, 1)), Period(frozenset({2023}), stated=True),
               Period(frozenset({2023}), "quarter", "Q4", True),
               Period(frozenset({2030}), stated=True, projection=True), Period(frozenset())]
    for a in periods:
        for b in periods:
            assert comparable(a, b) == comparable(b, a)


def test_rules_of_comparability() -> None:
    year_2024 = Period(frozenset({2024}), stated=True)
    assert comparable(as_of(DATE), year_2024)
    assert not comparable(as_of(dt.date(2019, 5, 1)), year_2024)
    assert not comparable(Period(frozenset({2024}), "quarter", "Q4", True), year_2024)
    assert not comparable(Period(frozenset({2030}), projection=True), as_of(DATE))
    assert comparable(Period(frozenset()), year_2024)


def test_a_quarter_of_no_known_year_is_never_a_year() -> None:
    """An undated document's "Fourth-quarter revenue was $2.8 billion" is a quarter's figure,
    never compared with a year's."""
    (found,) = stated_periods("Fourth-quarter revenue was $2.8 billion.", None)
    assert found[2].granularity == "quarter" and found[2].part == "Q4"
    assert not found[2].years
    assert not comparable(found[2], Period(frozenset({2024})))


@pytest.mark.parametrize("text", ["Revenue for the first half came to $2.43 billion.",
                                  "In the six months to 30 June revenue was $3 billion."])
def test_half_a_year_of_no_known_year_is_never_a_year(text: str) -> None:
    """In an undated document "the first half" is January to June of some year: never
    compared with a year's figure."""
    (found,) = stated_periods(text, None)
    assert found[2].granularity == "months" and found[2].part == "Jan–Jun"
    assert not found[2].years
    assert not comparable(found[2], Period(frozenset({2024})))


@pytest.mark.parametrize("text", ["Northlight+ ended June with 80.2 million subscribers.",
                                  "The fund closed June at $3bn."])
def test_ended_a_month_is_that_month_end(text: str) -> None:
    """"ended June with 80.2 million": the count at the end of June, never the year's."""
    (found,) = stated_periods(text, dt.date(2024, 7, 31))
    assert found[2].granularity == "months" and found[2].part == "end-Jun"
    assert found[2].years == {2024}


def test_a_month_of_a_year_is_that_month() -> None:
    """"exported $3.78 billion in August 2024": August's figure, never the year's."""
    (found,) = stated_periods("Exports were $3.78 billion in August 2024.", None)
    assert (found[2].granularity, found[2].part, found[2].years) == ("months", "Aug", {2024})
    assert not comparable(found[2], Period(frozenset({2024})))


def test_three_months_that_end_a_quarter_are_that_quarter() -> None:
    """"the three months to June" is the second quarter, compared with "Q2" figures."""
    (found,) = stated_periods("In the three months to June 2025 revenue was $127m.", None)
    assert found[2] == stated_periods("Revenue was $1.27bn in Q2 2025.", None)[0][2]


def test_a_month_before_a_year_is_no_name_and_a_year_before_a_comma_is_a_year() -> None:
    """"in the year to May 2025, to £1,336": May is the month, not a name like "Summaries
    2025"; a comma after a year ends it (a digit after it would be a number's)."""
    text = "Average UK private rents rose 7.0% in the year to May 2025, to £1,336 a month"
    found = [p for _, _, p in stated_periods(text, dt.date(2025, 7, 1))]
    assert [sorted(p.years) for p in found] == [[2025]]
    named = "Readers of the survey called Mineral Commodity Summaries 2025 say so"
    assert stated_periods(named, dt.date(2025, 7, 1)) == []


def test_a_day_of_a_month_after_at_or_on_is_an_instant() -> None:
    """"We had 371 branches at 30 June": the end of June of the document's year, never the
    year's figure; "at 31 December 2024" is the year's end; "on 15 March" a day of its own."""
    date = dt.date(2025, 7, 31)

    def one(text: str) -> Period:
        (found,) = [p for _, _, p in stated_periods(text, date)]
        return found

    assert one("We had 371 branches at 30 June, after closing 17") == Period(
        frozenset({2025}), "months", "end-Jun", True)
    assert one("at the end of June") == one("as at 30 June 2025")
    assert one("Deposits stood at £301.5bn at 31 December 2024") == Period(
        frozenset({2024}), "year", "", True)
    assert one("on 15 March the bank cut its rate").part == "15-Mar"


def test_by_a_year_before_a_noun_is_no_deadline() -> None:
    """"the second-largest vaccine maker by 2024 sales": a ranking by that year's sales, no
    plan; "by 2030 under the plan" is a deadline."""
    date = dt.date(2025, 3, 1)
    (sales,) = [p for _, _, p in stated_periods("the largest maker by 2024 sales", date)]
    assert sales.years == frozenset({2024}) and not sales.projection
    (plan,) = [p for _, _, p in stated_periods("exports of 2 Mt by 2030 under the plan", date)]
    assert plan.projection


def _period_of(sentence: str, value: str) -> str:
    stated = stated_periods(sentence, DATE)
    start = sentence.index(value)
    values = [(sentence.index(v), sentence.index(v) + len(v))
              for v in ("20.8%", "21%", "5%", "12 Mt") if v in sentence and v != value]
    found = period_for(stated, start, start + len(value), 0, len(sentence), DATE, (), values)
    return found.label() if found is not None else ""


def test_a_period_right_before_a_figure_wins_over_one_after_another_figure() -> None:
    sentence = ("Samsung led the first quarter of 2024 with 20.8% and held 21% of the market "
                "in the third quarter of 2024.")
    assert _period_of(sentence, "20.8%") == "Q1 2024"
    assert _period_of(sentence, "21%") == "Q3 2024"
    # a period after the figure's statement, with only its own figure between: the statement's
    assert _period_of("Output rose 5% to 12 Mt in 2024.", "5%") == "2024"
