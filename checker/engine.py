"""The pipeline, end to end: files -> documents -> sentences -> mentions -> claims -> findings.

Each stage lives in its own module; this one only wires them together, times them, and
isolates rules (a rule that raises becomes an FC999 finding; the others still run).
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factlint import frame_table, segment
from factlint.discover import discover
from factlint.errors import UsageError
from factlint.frame import DocContext, Framer
from factlint.index import build_index
from factlint.lexicon import Lexicon, load_lexicon
from factlint.load import read_source
from factlint.model import (
    Claim,
    Document,
    Finding,
    Location,
    Problem,
    Sentence,
    Settings,
    SourceFile,
    Stats,
)
from factlint.parse import find_mentions, has_unexplained_digit
from factlint.plugins import Plugins
from factlint.positions import LineIndex
from factlint.root import display_path

_PROBLEM_NAMES = {
    "FC901": "not-text",
    "FC902": "unused-suppression",
    "FC903": "too-large",
    "FC904": "bad-front-matter",
    "FC905": "unreadable",
}


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    stats: Stats
    sentences: tuple[tuple[str, Sentence], ...]
    claims: tuple[Claim, ...]


def _problem_finding(p: Problem) -> Finding:
    loc = Location(p.path, p.line, p.column, p.line, p.column)
    return Finding(p.code, _PROBLEM_NAMES.get(p.code, "problem"), "warning", p.message, loc)


def _topic(doc: Document, lexicon: Lexicon) -> str:
    found = lexicon.materials_in(f"{doc.title} {doc.topic}")
    if len(found) == 1:
        return next(iter(found))
    if not found:
        body = lexicon.materials_in(" ".join(s.text for s in doc.segments[:3]))
        if len(body) == 1:
            return next(iter(body))
    return ""


def _sentences(doc: Document, lines: LineIndex, ton: str) -> list[Sentence]:
    out: list[Sentence] = []
    for seg in doc.segments:
        for offset, text in segment.sentences(seg):
            mentions = find_mentions(text, offset, ton)  # type: ignore[arg-type]
            located = tuple(
                dataclasses.replace(m, location=lines.location(doc.path, m.start, m.end))
                for m in mentions
            )
            out.append(Sentence(offset, text, seg.role, located, seg.table,
                                has_unexplained_digit(text, mentions)))
    return out


def _frame_file(
    source: SourceFile, lexicon: Lexicon, ton: str
) -> tuple[list[tuple[str, Sentence]], list[Claim]]:
    lines = LineIndex(source.text)

    def locate(start: int, end: int) -> Location:
        return lines.location(source.path, start, end)

    framer = Framer(lexicon, locate)
    sentences: list[tuple[str, Sentence]] = []
    claims: list[Claim] = []
    for doc in source.documents:
        ctx = DocContext(doc, _topic(doc, lexicon))
        doc_sentences = _sentences(doc, lines, ton)
        for sent in doc_sentences:
            sentences.append((source.path, sent))
            if sent.table is not None:
                claims.extend(frame_table.frame_cell(sent, ctx, lexicon, locate, ton))
            else:
                claims.extend(framer.frame_sentence(sent, ctx))
    return sentences, claims


def run(
    paths: Sequence[Path], settings: Settings, root: Path, plugins: Plugins,
    report_only: frozenset[str] | None = None, excludes: Sequence[str] = (),
) -> RunResult:
    """Lint the files under ``paths``; paths in the result are relative to ``root``."""
    started = time.perf_counter()
    files = discover(paths, settings.extensions, excludes)
    lexicon = load_lexicon([*plugins.packs, *settings.facts_files])
    findings: list[Finding] = []
    sentences: list[tuple[str, Sentence]] = []
    claims: list[Claim] = []
    documents = 0
    for path in files:
        source = read_source(path, display_path(path, root), settings)
        findings.extend(_problem_finding(p) for p in source.problems)
        documents += len(source.documents)
        file_sentences, file_claims = _frame_file(source, lexicon, settings.ton)
        sentences.extend(file_sentences)
        claims.extend(file_claims)
    if documents == 0 and not findings:
        raise UsageError("no documents found in " + ", ".join(str(p) for p in paths))

    index = build_index(claims, lexicon, settings, report_only)
    for rule in plugins.rules:
        try:
            findings.extend(rule.check(index, settings))
        except Exception as exc:  # isolate and name a broken rule
            origin = plugins.origins.get(rule.code, "?")
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = (f"rule {rule.code} ({rule.name}, from {origin}) raised "
                       f"{type(exc).__name__}: {exc} at "
                       f"{Path(where.filename).name}:{where.lineno}; the other rules ran")
            findings.append(Finding("FC999", "internal-error", "error", message,
                                    Location("", 1, 1, 1, 1)))
    findings = [f for f in findings if _selected(f.rule, settings)]
    if report_only is not None:
        findings = [f for f in findings if f.location.path in report_only]
    findings.sort(key=Finding.sort_key)
    mentions = sum(len(s.mentions) for _, s in sentences)
    stats = Stats(
        files=len(files), documents=documents, mentions=mentions, claims=len(claims),
        unframed=mentions - len({(c.path, c.mention.start) for c in claims}),
        skipped_sentences=sum(1 for _, s in sentences if s.skipped_digits),
        seconds=round(time.perf_counter() - started, 3),
    )
    return RunResult(tuple(findings), stats, tuple(sentences), tuple(claims))


def _selected(code: str, settings: Settings) -> bool:
    if code == "FC999":
        return True
    if settings.select and not any(code.startswith(s) for s in settings.select):
        return False
    return not any(code.startswith(s) for s in settings.ignore)

