"""The baseline: fingerprints of known findings, so old findings do not block new work.

``factlint baseline FILE`` writes the fingerprints of the current findings; ``--baseline
FILE`` (or ``baseline:`` in the config) then reports only findings whose fingerprint is not
in it. A fingerprint identifies a conflict, not its position (see DESIGN.md, "Contracts"):
it survives moved lines and unrelated edits, and a new contradiction against an old claim
gets a new one. The file is JSON, sorted, one entry per fingerprint::

    {"version": 1, "tool": "factlint", "tool_version": "0.1.0",
     "findings": [{"fingerprint": "0123...", "rule": "FC101", "message": "China's ..."}]}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from factlint import __version__
from factlint.errors import UsageError
from factlint.model import Finding, fingerprint_of

VERSION = 1
MESSAGE_CHARS = 160  # the message kept for humans reading the file


def _short(message: str) -> str:
    one_line = " ".join(message.split())
    if len(one_line) <= MESSAGE_CHARS:
        return one_line
    return one_line[: MESSAGE_CHARS - 1] + "\u2026"


def baseline_dict(findings: Iterable[Finding]) -> dict[str, object]:
    """The baseline of ``findings`` as plain data (FC999 is never baselined)."""
    entries: dict[str, dict[str, str]] = {}
    for f in sorted(findings, key=Finding.sort_key):
        if f.rule == "FC999":
            continue
        fp = fingerprint_of(f)
        entries.setdefault(fp, {"fingerprint": fp, "rule": f.rule, "message": _short(f.message)})
    return {
        "version": VERSION,
        "tool": "factlint",
        "tool_version": __version__,
        "findings": [entries[fp] for fp in sorted(entries)],
    }


def write_baseline(findings: Iterable[Finding], path: Path) -> int:
    """Write the baseline of ``findings`` to ``path`` atomically; return the number of entries."""
    data = baseline_dict(findings)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".factlint-baseline-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    entries = data["findings"]
    assert isinstance(entries, list)
    return len(entries)


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints in the baseline file ``path``; a UsageError (exit 2) if it is not one."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"baseline {path} not found; create it with "
                         f"`factlint baseline {path}`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read baseline {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}: baseline is not JSON ({exc.msg})") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(
        entries, list
    ):
        raise UsageError(f"{path}: not a factlint baseline (expected version {VERSION} "
                         "and a list of findings)")
    out = set()
    for i, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise UsageError(f"{path}: findings[{i}]: expected an object with a fingerprint")
        out.add(fp)
    return frozenset(out)


def new_findings(findings: Iterable[Finding], known: frozenset[str]) -> list[Finding]:
    """The findings whose fingerprint is not in ``known`` (FC999 always stays)."""
    return [f for f in findings if f.rule == "FC999" or fingerprint_of(f) not in known]
