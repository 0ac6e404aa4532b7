"""`factlint rules` lists every rule; `factlint --explain CODE` prints a rule's documentation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import CLEAN, run_cli

Corpus = Callable[[Mapping[str, str]], Path]
BUILTIN = {"FC101": "value-conflict", "FC201": "rank-conflict", "FC202": "share-sum",
           "FC203": "derived-share", "FC301": "growth-arithmetic", "FC302": "comparison",
           "FC401": "reference"}


def test_rules_lists_code_name_severity_and_origin(corpus: Corpus) -> None:
    code, out, _err = run_cli(["rules"], corpus(CLEAN))
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:] if line.strip()}
    for rule, name in BUILTIN.items():
        assert rows[rule] == [name, "error", "builtin"], rows.get(rule)


@pytest.mark.parametrize("rule", sorted(BUILTIN))
def test_explain_prints_the_rules_docstring(rule: str, corpus: Corpus) -> None:
    code, out, _err = run_cli(["--explain", rule.lower()], corpus(CLEAN))
    assert code == 0
    head, _, body = out.partition("\n\n")
    assert head.startswith(f"{rule} {BUILTIN[rule]} (default severity: error; from builtin)")
    assert "Anti-pattern:" in body and "Best practice:" in body
    assert len(body.split()) > 60  # a paragraph, not a title


def test_explain_fc203_says_what_it_computes(corpus: Corpus) -> None:
    _code, out, _err = run_cli(["--explain", "FC203"], corpus(CLEAN))
    assert "part / total" in out and "sum of its stated parts" in out


def test_explain_an_unknown_code_is_a_usage_error(corpus: Corpus) -> None:
    code, _out, err = run_cli(["--explain", "FC000"], corpus(CLEAN))
    assert code == 2 and "factlint rules" in err
