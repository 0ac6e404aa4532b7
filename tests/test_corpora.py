"""Corpora in other domains, end to end through the CLI: planted conflicts found, traps silent.

Each folder of ``tests/corpora/`` with an ``expected.yaml`` is a small zero-config corpus
(format: ``tests/corpora/README.md``). The corpus is copied to a temporary project (with an
empty ``.git`` so the root is found there and no configuration of this repository leaks
in), ``factlint --format json .`` runs in-process, and its findings are checked against
the expectations. A second test asks ``factlint claims`` whether every planted value was
at least recognised as a mention, so that a miss in extraction is told apart from a miss
in framing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPORA = Path(__file__).resolve().parent / "corpora"
CASES = sorted(p.name for p in CORPORA.iterdir() if (p / "expected.yaml").is_file())

TOP_KEYS = {"description", "findings", "optional", "traps", "not_mentions", "only_listed",
            "known_misses"}
FINDING_KEYS = {"rule", "severity", "path", "value_text", "line", "conflicts_with"}
REF_KEYS = {"path", "value_text", "line", "mention"}


# ------------------------------------------------------------------ expectations


@dataclass(frozen=True)
class Ref:
    """One claim of a corpus: the file it is in and its value as written."""

    path: str
    value_text: str
    line: int | None = None
    mention: bool = True  # must ``factlint claims`` list it as a mention?

    def show(self) -> str:
        at = f":{self.line}" if self.line else ""
        return f"{self.path}{at} {self.value_text!r}"


@dataclass(frozen=True)
class Expected:
    """One expected finding; with ``other`` it stands for both sides of the conflict."""

    rule: str
    severity: str
    at: Ref
    other: Ref | None

    def sides(self) -> list[tuple[Ref, Ref | None]]:
        if self.other is None:
            return [(self.at, None)]
        return [(self.at, self.other), (self.other, self.at)]

    def show(self) -> str:
        tail = f" <-> {self.other.show()}" if self.other else ""
        return f"{self.rule} {self.severity} {self.at.show()}{tail}"


@dataclass(frozen=True)
class Spec:
    """A parsed ``expected.yaml``."""

    findings: tuple[Expected, ...]
    optional: tuple[Expected, ...]
    known_misses: tuple[Expected, ...]  # real conflicts factlint does not find yet
    traps: tuple[tuple[Ref, Ref], ...]
    not_mentions: tuple[Ref, ...]
    only_listed: bool


def _ref(raw: dict[str, Any]) -> Ref:
    unknown = set(raw) - REF_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)} in {raw}"
    return Ref(str(raw["path"]), str(raw["value_text"]), raw.get("line"),
               bool(raw.get("mention", True)))


def _expected(raw: dict[str, Any]) -> Expected:
    unknown = set(raw) - FINDING_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)} in {raw}"
    assert raw["severity"] in ("error", "warning"), raw
    at = Ref(str(raw["path"]), str(raw["value_text"]), raw.get("line"))
    other = _ref(raw["conflicts_with"]) if raw.get("conflicts_with") else None
    return Expected(str(raw["rule"]), str(raw["severity"]), at, other)


def load_spec(corpus: Path) -> Spec:
    """Read and check the shape of ``corpus/expected.yaml``."""
    raw = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    unknown = set(raw) - TOP_KEYS
    assert not unknown, f"{corpus.name}/expected.yaml: unknown keys {sorted(unknown)}"
    traps = []
    for pair in raw.get("traps") or []:
        assert len(pair) == 2, f"a trap is a pair of claims: {pair}"
        traps.append((_ref(pair[0]), _ref(pair[1])))
    return Spec(
        findings=tuple(_expected(f) for f in raw.get("findings") or []),
        optional=tuple(_expected(f) for f in raw.get("optional") or []),
        known_misses=tuple(_expected({k: v for k, v in f.items() if k != "why"})
                           for f in raw.get("known_misses") or []),
        traps=tuple(traps),
        not_mentions=tuple(_ref(r) for r in raw.get("not_mentions") or []),
        only_listed=bool(raw.get("only_listed", False)),
    )


def _all_refs(spec: Spec) -> Iterator[Ref]:
    for e in spec.findings + spec.optional + spec.known_misses:
        yield e.at
        if e.other is not None:
            yield e.other
    for a, b in spec.traps:
        yield a
        yield b


# ------------------------------------------------------------------------ matching


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _strict(ref: Ref, path: str, line: int | None, value_text: str | None) -> bool:
    """The claim is exactly the one named: same file (and line, if given), same value text."""
    if value_text is None or path != ref.path:
        return False
    if ref.line is not None and line is not None and line != ref.line:
        return False
    return _norm(value_text) == _norm(ref.value_text)


def _loose(ref: Ref, path: str, line: int | None, value_text: str | None) -> bool:
    """Like :func:`_strict`, but a qualifier more or less does not matter.

    The words of one text must be a run of the words of the other ("70%" matches "about
    70%" and "a third" matches "a third of"), so a trap still catches a link when the tool
    reads "below 60%" as "60%", and the mention check finds a number whose qualifier was
    parsed apart.
    """
    if value_text is None or path != ref.path:
        return False
    if ref.line is not None and line is not None and line != ref.line:
        return False
    a, b = _norm(value_text).split(), _norm(ref.value_text).split()
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def _own(finding: dict[str, Any]) -> tuple[str, int | None, str | None]:
    loc = finding.get("location") or {}
    claim = loc.get("claim") or {}
    return str(loc.get("path", "")), loc.get("line"), claim.get("value_text")


def _rel(related: dict[str, Any]) -> tuple[str, int | None, str | None]:
    claim = related.get("claim") or {}
    return str(related.get("path", "")), related.get("line"), claim.get("value_text")


def _partners(finding: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in finding.get("related") or [] if r.get("role") == "conflicts"]


def _matches(finding: dict[str, Any], rule: str, severity: str, at: Ref,
             other: Ref | None) -> bool:
    if finding.get("rule") != rule or finding.get("severity") != severity:
        return False
    if not _strict(at, *_own(finding)):
        return False
    if other is None:
        return True
    return any(_strict(other, *_rel(r)) for r in _partners(finding))


def _listed(finding: dict[str, Any], allowed: tuple[Expected, ...]) -> bool:
    """Every conflict this finding reports is one of the expected (or optional) ones."""
    sides = [side for e in allowed for side in e.sides()
             if e.rule == finding.get("rule") and e.severity == finding.get("severity")]
    partners = _partners(finding)
    if not partners:
        return any(_strict(at, *_own(finding)) for at, _ in sides)
    return all(
        any(_strict(at, *_own(finding)) and other is not None and _strict(other, *_rel(r))
            for at, other in sides)
        for r in partners
    )


def _links(finding: dict[str, Any], a: Ref, b: Ref) -> bool:
    own = _own(finding)
    for r in finding.get("related") or []:
        rel = _rel(r)
        if (_loose(a, *own) and _loose(b, *rel)) or (_loose(b, *own) and _loose(a, *rel)):
            return True
    return False


def _show(finding: dict[str, Any]) -> str:
    path, line, value = _own(finding)
    col = (finding.get("location") or {}).get("column")
    rel = ", ".join(f"{r.get('role')} {_rel(r)[0]}:{_rel(r)[1]} {_rel(r)[2]!r}"
                    for r in finding.get("related") or [])
    return (f"  {path}:{line}:{col} {finding.get('rule')} {finding.get('severity')} "
            f"{value!r} -> [{rel}]\n      {finding.get('message')}")


def _dump(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return "\nfactlint reported no findings."
    return f"\nall {len(findings)} findings:\n" + "\n".join(_show(f) for f in findings)


# ------------------------------------------------------------------------- running


def _project(name: str, tmp_path: Path) -> Path:
    """Copy a corpus into a fresh project root, without its expectations."""
    root = tmp_path / name
    shutil.copytree(CORPORA / name, root, ignore=shutil.ignore_patterns("expected.yaml"))
    (root / ".git").mkdir()
    return root


def _cli(argv: list[str], root: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    from factlint.run.cli import main

    monkeypatch.chdir(root)
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 1), f"factlint {' '.join(argv)} exited {code}\nstderr:\n{err}"
    try:
        data = json.loads(out)
    except json.JSONDecodeError as exc:
        raise AssertionError(f"not JSON ({exc}):\n{out[:2000]}\nstderr:\n{err}") from exc
    return code, data


def _mention_texts(node: Any, path: str, out: set[tuple[str, str]]) -> None:
    """Every (path, text) a ``claims`` listing holds, whatever its nesting."""
    if isinstance(node, dict):
        loc = node.get("location")
        if isinstance(node.get("path"), str):
            path = node["path"]
        elif isinstance(loc, dict) and isinstance(loc.get("path"), str):
            path = loc["path"]
        for key in ("value_text", "text"):
            if isinstance(node.get(key), str) and path:
                out.add((path, node[key]))
        for v in node.values():
            _mention_texts(v, path, out)
    elif isinstance(node, list):
        for v in node:
            _mention_texts(v, path, out)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("name", CASES)
def test_expected_file_names_real_text(name: str) -> None:
    """Every value named in expected.yaml is written in the document it names."""
    spec = load_spec(CORPORA / name)
    assert spec.findings or spec.traps, f"{name}: nothing to check"
    for ref in list(_all_refs(spec)) + list(spec.not_mentions):
        doc = CORPORA / name / ref.path
        assert doc.is_file(), f"{name}: no file {ref.path}"
        text = " ".join(doc.read_text(encoding="utf-8").split())  # a value may wrap
        value = " ".join(ref.value_text.split())
        assert value in text, f"{name}: {ref.value_text!r} is not in {ref.path}"
    assert not (CORPORA / name / ".factlint.yaml").exists(), "corpora are zero-config"


@pytest.mark.parametrize("name", CASES)
def test_corpus_findings(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    """Planted conflicts are reported at both sides; traps are silent; nothing else."""
    spec = load_spec(CORPORA / name)
    root = _project(name, tmp_path)
    code, data = _cli(["--format", "json", "."], root, monkeypatch, capsys)
    assert data.get("version") == 1, data
    findings: list[dict[str, Any]] = data["findings"]
    dump = _dump(findings)
    problems: list[str] = []

    for e in spec.findings:
        for at, other in e.sides():
            if not any(_matches(f, e.rule, e.severity, at, other) for f in findings):
                want = f" conflicting with {other.show()}" if other else ""
                problems.append(f"missing {e.rule} {e.severity} at {at.show()}{want}")

    for a, b in spec.traps:
        for f in findings:
            if _links(f, a, b):
                problems.append(f"trap linked: {a.show()} and {b.show()} by {f.get('rule')} "
                                f"at {_own(f)[0]}:{_own(f)[1]}")

    if spec.only_listed:
        allowed = spec.findings + spec.optional + spec.known_misses
        for f in findings:
            if not _listed(f, allowed):
                problems.append(f"unexpected finding:\n{_show(f)}")
        severities = {f.get("severity") for f in findings}
        assert code == (1 if "error" in severities else 0), f"exit code {code}{dump}"

    assert not problems, "\n".join(problems) + dump


KNOWN = [name for name in CASES if load_spec(CORPORA / name).known_misses]


@pytest.mark.parametrize("name", KNOWN)
@pytest.mark.xfail(strict=True, reason="known misses: listed with their cause in expected.yaml")
def test_corpus_known_misses(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    """Real conflicts factlint does not find yet. When one is found, this XPASSes and fails:
    move the entry from ``known_misses`` to ``findings``."""
    spec = load_spec(CORPORA / name)
    root = _project(name, tmp_path)
    _, data = _cli(["--format", "json", "."], root, monkeypatch, capsys)
    findings: list[dict[str, Any]] = data["findings"]
    for e in spec.known_misses:
        for at, other in e.sides():
            assert any(_matches(f, e.rule, e.severity, at, other) for f in findings)


@pytest.mark.parametrize("name", CASES)
def test_corpus_mentions(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    """``factlint claims`` lists every planted value, and none of the non-quantities."""
    spec = load_spec(CORPORA / name)
    root = _project(name, tmp_path)
    _, data = _cli(["claims", "--format", "json", "."], root, monkeypatch, capsys)
    texts: set[tuple[str, str]] = set()
    listed = data.get("mentions") if isinstance(data, dict) else None
    _mention_texts(listed if isinstance(listed, list) else data, "", texts)

    missing = sorted({r.show() for r in _all_refs(spec) if r.mention
                      and not any(_loose(r, path, None, t) for path, t in texts)})
    spurious = sorted(r.show() for r in spec.not_mentions
                      if any(p == r.path and _norm(t) == _norm(r.value_text) for p, t in texts))
    listing = "\n".join(f"  {p} {t!r}" for p, t in sorted(texts))
    assert not missing, "not recognised as mentions:\n  " + "\n  ".join(missing) + \
        f"\nfactlint claims listed:\n{listing}"
    assert not spurious, "read as quantities but are not:\n  " + "\n  ".join(spurious) + \
        f"\nfactlint claims listed:\n{listing}"


def test_the_runner_tells_a_listed_conflict_from_a_linked_trap() -> None:
    """The matching itself: a vacuous runner would let every corpus pass."""
    def finding(path: str, value: str, other_path: str, other: str,
                severity: str = "error") -> dict[str, Any]:
        return {"rule": "FC101", "severity": severity,
                "location": {"path": path, "line": 3, "claim": {"value_text": value}},
                "related": [{"path": other_path, "line": 9, "role": "conflicts",
                             "claim": {"value_text": other}}]}

    a, b = Ref("a.md", "about 70%"), Ref("b.md", "roughly half")
    planted = Expected("FC101", "error", a, b)
    mirror = finding("b.md", "roughly half", "a.md", "about 70%")
    assert _matches(mirror, "FC101", "error", b, a)
    assert not _matches(finding("b.md", "roughly half", "a.md", "about 70%", "warning"),
                        "FC101", "error", b, a)
    assert _listed(mirror, (planted,))
    assert not _listed(finding("a.md", "about 70%", "c.md", "73%"), (planted,))
    trap = (Ref("c.md", "below 60%"), Ref("a.md", "75%"))
    assert _links(finding("a.md", "75%", "c.md", "60%"), *trap)
    assert not _links(finding("a.md", "75%", "c.md", "6%"), *trap)
