"""Inline suppressions: ``factlint: ignore FC101`` in a file silences findings on a line.

Forms (DESIGN.md, "Suppression")::

    China holds 60% of mining.  <!-- factlint: ignore FC101 -->    (Markdown, this line)
    China holds 60% of mining.  factlint: ignore FC101             (plain text, this line)
    <!-- factlint: ignore FC101 -->                                (own line: the next
    China holds 60% of mining.                                      non-blank line)
    factlint: ignore FC101 "approximately 60%"                     (only that claim)

Several codes may be listed (``FC101, FC201``); a code is also a prefix (``FC2``). With no
code, every rule is silenced on that line. Text after the codes that is not a quoted value
is a free-form reason. A suppression that silences nothing is reported as FC902 (warning)
at the comment, unless none of its rules ran (``--select``).

Suppressions are applied after the rules and before reporting. The file texts are read
again from disk, only for files that have findings or whose bytes contain ``factlint:``.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from factlint.model import Finding, Location, Settings
from factlint.util.positions import line_spans

CODE = "FC902"
NAME = "unused-suppression"
_NEEDLE = b"factlint:"
_MARKER = re.compile(r"(?P<open><!--\s*)?factlint:\s*ignore\b(?P<args>.*?)(?P<close>\s*-->|$)")
_CODE = re.compile(r"[A-Za-z]{1,10}[0-9]{1,4}")
_QUOTED = re.compile(r"[\"\u201c](?P<value>[^\"\u201d]+)[\"\u201d]")
_DECOR = " \t#/;*>-"  # what may surround a comment standing on its own line


@dataclass(frozen=True)
class Suppression:
    """One ``factlint: ignore`` marker: where it stands and what it silences."""

    location: Location  # the marker itself
    target: int  # the line it silences
    codes: tuple[str, ...]  # empty: every rule
    value_text: str  # "" : every claim on the line
    text: str  # the marker as written

    def covers(self, finding: Finding) -> bool:
        """True when this marker silences ``finding``."""
        loc = finding.location
        if loc.path != self.location.path or not loc.line <= self.target <= loc.end_line:
            return False
        if self.codes and not any(finding.rule.startswith(c) for c in self.codes):
            return False
        if self.value_text:
            claim = finding.claim
            return claim is not None and _norm(claim.mention.text) == _norm(self.value_text)
        return True


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _parse_args(args: str) -> tuple[tuple[str, ...], str]:
    codes: list[str] = []
    rest = args.strip()
    while rest:
        m = _CODE.match(rest)
        if m is None:
            break
        codes.append(m.group().upper())
        rest = rest[m.end():].lstrip(" ,\t")
    quoted = _QUOTED.match(rest)
    return tuple(codes), quoted.group("value").strip() if quoted else ""


def parse_suppressions(path: str, text: str) -> list[Suppression]:
    """Every suppression marker in ``text`` (the file ``path``, as reports show it)."""
    spans = list(line_spans(text))
    lines = [text[a:b] for a, b in spans]
    out: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if "factlint:" not in line:
            continue
        for m in _MARKER.finditer(line):
            if m.group("open") is None and m.group("close").strip():
                continue  # "factlint: ignore ... -->" without its opening: not ours
            codes, value = _parse_args(m.group("args"))
            before, after = line[: m.start()], line[m.end():]
            own_line = not before.strip(_DECOR) and not after.strip(_DECOR)
            target = _next_text_line(lines, number) if own_line else number
            loc = Location(path, number, m.start() + 1, number, m.end() + 1)
            out.append(Suppression(loc, target, codes, value, m.group().strip()))
    return out


def _next_text_line(lines: list[str], number: int) -> int:
    for later in range(number, len(lines)):  # lines[later] is line later + 1
        if lines[later].strip():
            return later + 1
    return number


def read_suppressions(
    root: Path, path: str, max_bytes: int = 10 * 1024 * 1024
) -> list[Suppression]:
    """The markers of the file ``path`` (relative to ``root``); [] if unreadable.

    Only regular files within the size limit are read (a named pipe would block), decoded
    as the loader decodes them; a file whose text holds no ``factlint:`` gives nothing.
    """
    full = root / path
    try:
        info = full.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return []
        data = full.read_bytes()
    except OSError:
        return []
    if _NEEDLE not in data and b"\x00" not in data:  # UTF-16 hides the ASCII needle
        return []
    from factlint.load.source import decode  # markdown-it and all: only for a file with a marker

    text, _ = decode(data, path)
    return [] if text is None else parse_suppressions(path, text)


def _selected(code: str, settings: Settings) -> bool:
    if settings.select and not any(code.startswith(s) for s in settings.select):
        return False
    return not any(code.startswith(s) for s in settings.ignore)


def _ran(s: Suppression, settings: Settings) -> bool:
    """Whether any rule the marker names was selected (else "unused" says nothing)."""
    if not s.codes:
        return True
    return any(_selected(code, settings) or any(sel.startswith(code) for sel in settings.select)
               for code in s.codes)


def apply_suppressions(
    findings: Iterable[Finding], root: Path, settings: Settings, scan: Iterable[str] = (),
    texts: Mapping[str, str] | None = None, unmarked: Collection[str] = (),
) -> list[Finding]:
    """Drop the findings a marker silences and add FC902 for markers that silenced nothing.

    ``scan`` names more files (relative to ``root``) to look for unused markers in, besides
    those that have findings. ``texts`` gives the text of files not to be read from disk
    (standard input linted as a file). FC999 is never silenced. The result is sorted like
    the engine's. ``unmarked`` names files whose text is known to hold no ``factlint:``
    (the engine read them): they are not read again.
    """
    findings = list(findings)
    given = texts or {}
    paths = ({f.location.path for f in findings if f.location.path} | set(scan)).difference(
        unmarked) | set(given)
    markers: dict[str, list[Suppression]] = {}
    for path in sorted(paths):
        if path in given:
            found = parse_suppressions(path, given[path]) if "factlint:" in given[path] else []
        else:
            found = read_suppressions(root, path, settings.max_bytes)
        if found:
            markers[path] = found
    used: set[Suppression] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = None
        if f.rule != "FC999":
            hit = next((s for s in markers.get(f.location.path, ()) if s.covers(f)), None)
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    if _selected(CODE, settings):
        for found in markers.values():
            kept.extend(_unused(s) for s in found if s not in used and _ran(s, settings))
    kept.sort(key=Finding.sort_key)
    return kept


def _unused(s: Suppression) -> Finding:
    what = f"{', '.join(s.codes) or 'every rule'}"
    if s.value_text:
        what += f' for "{s.value_text}"'
    message = (f"unused suppression: '{s.text}' silences {what} on line {s.target}, "
               "but no finding is there; remove it")
    return Finding(CODE, NAME, "warning", message, s.location)
