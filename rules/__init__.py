"""The built-in rules of factlint, each in its own module, and the built-in packs (YAML).

This package is itself a plugin: its ``factlint_rules`` hook returns the rule of every
module below, and ``factlint_packs`` the built-in lexicon packs.
"""

from __future__ import annotations

from pathlib import Path

from factlint.hookspecs import Rule, hookimpl

_HERE = Path(__file__).parent

# the gazetteer and the general pack always load; domain packs load too (they only add
# synonyms within their own vocabulary)
PACKS = ("gazetteer.yaml", "general.yaml", "rare-earths.yaml")


@hookimpl
def factlint_rules() -> list[Rule]:
    from factlint.rules import (
        fc101_value_conflict,
        fc201_rank_conflict,
        fc202_share_sum,
        fc203_derived_share,
        fc301_growth_arithmetic,
        fc302_comparison,
        fc401_reference,
    )

    return [fc101_value_conflict.RULE, fc201_rank_conflict.RULE, fc202_share_sum.RULE,
            fc203_derived_share.RULE, fc301_growth_arithmetic.RULE, fc302_comparison.RULE,
            fc401_reference.RULE]


@hookimpl
def factlint_packs() -> list[str]:
    return [str(_HERE / name) for name in PACKS if (_HERE / name).exists()]
