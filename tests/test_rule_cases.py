"""Rule tests as data: every tests/rules/<CODE>.yaml case is a tiny corpus and its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.model import Finding, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins

HERE = Path(__file__).parent / "rules"


def _cases() -> list[Any]:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            # `pending: reason` marks a case that waits for a framing pattern (xfail, not strict:
            # it passes as soon as the framer produces the claims; then drop the key)
            marks = [pytest.mark.xfail(reason=case["pending"], strict=False)] \
                if case.get("pending") else []
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}",
                                    marks=marks))
    return out


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.location.path}:{f.location.line}: {f.rule} {f.severity} {f.message}"
                     for f in findings) or "(no findings)"


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_case(rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    for name, text in case["files"].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    # `facts:` names files of the case that the config would point to (reference facts)
    facts = tuple(str(tmp_path / name) for name in case.get("facts", []))
    result = run([tmp_path], Settings(facts_files=facts), tmp_path,
                 load_plugins(entry_points=False))
    findings = [f for f in result.findings if f.rule == rule]
    got = set()
    for f in findings:
        assert f.claim is not None
        if not f.related:  # a finding against something outside the corpus (FC401)
            got.add((f.location.path, f.claim.mention.text, f.severity, ""))
        for r in f.related:
            other = r.claim.mention.text if r.claim is not None else ""
            got.add((f.location.path, f.claim.mention.text, f.severity, other))
    want = {(e["path"], e["value"], e["severity"], e["other"]) for e in case["expect"]}
    assert want <= got, f"missing {sorted(want - got)}; got:\n{_describe(findings)}"
    if case.get("only"):
        assert got <= want, f"unexpected {sorted(got - want)}; got:\n{_describe(findings)}"
    if "findings" in case:  # how many findings, where a side has many claims
        assert len(findings) == case["findings"], _describe(findings)


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_case_in_focus_mode_equals_the_full_run_filtered(
        rule: str, case: dict[str, Any], tmp_path: Path) -> None:
    """Pre-commit mode (one reported file, claims read from a warm cache by measure) finds
    exactly the full run's findings located in that file, for every rule."""
    from factlint.run.cache import environment_key, open_cache

    corpus = tmp_path / "corpus"
    for name, text in case["files"].items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    facts = tuple(str(corpus / name) for name in case.get("facts", []))
    settings = Settings(facts_files=facts)
    plugins = load_plugins(entry_points=False)
    full = run([corpus], settings, corpus, plugins, with_sentences=False)
    env = environment_key(settings, plugins.packs, None)
    warm = open_cache(corpus, env)
    assert warm is not None
    try:
        run([corpus], settings, corpus, plugins, cache=warm, with_sentences=False)
    finally:
        warm.close()
    for rel in full.files:
        cache = open_cache(corpus, env)
        assert cache is not None
        try:
            focused = run([corpus], settings, corpus, plugins, frozenset({rel}), cache=cache,
                          with_sentences=False)
        finally:
            cache.close()
        assert focused.cached == len(full.files)
        expected = [f for f in full.findings if f.location.path == rel]
        assert list(focused.findings) == expected, f"{rel}:\n{_describe(list(focused.findings))}"
