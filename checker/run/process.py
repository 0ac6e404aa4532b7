"""One file through the stages: load -> segment -> parse -> frame, and the stage table.

:func:`process_file` frames a loaded file into a :class:`~factlint.run.cache.FileResult`;
:func:`load_and_process` reads it first and turns a loader's or framer's exception into an
FC999 problem for that file. The engine, the worker processes and the whole-run memo all
build on this module, which imports none of them.
"""

from __future__ import annotations

import dataclasses
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.model import (
    Claim,
    Document,
    Finding,
    Location,
    Problem,
    Sentence,
    Settings,
    Severity,
    SourceFile,
    Stats,
)
from factlint.run.cache import FileResult

_PROBLEM_NAMES = {
    "FC901": "not-text",
    "FC902": "unused-suppression",
    "FC903": "too-large",
    "FC904": "bad-front-matter",
    "FC905": "unreadable",
}
#: The stages timed in a run, in order (``--verbose`` prints their seconds).
STAGES = ("discover", "load", "parse", "frame", "cache", "index", "rules")


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    stats: Stats
    sentences: tuple[tuple[str, Sentence], ...]  # empty unless run(with_sentences=True)
    claims: tuple[Claim, ...]
    files: tuple[str, ...] = ()  # project-relative paths of the files linted, in order
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage (CPU of all workers)
    cached: int = 0  # files whose results came from the claim cache
    #: files read whose text holds no suppression marker (``factlint:``): not read again
    unmarked: frozenset[str] = frozenset()


def problem_finding(p: Problem) -> Finding:
    loc = Location(p.path, p.line, p.column, p.line, p.column)
    severity: Severity = "error" if p.code == "FC999" else "warning"
    return Finding(p.code, _PROBLEM_NAMES.get(p.code, "problem"), severity, p.message, loc)


_POSSESSED = re.compile(r"\b(?:its|their|his|her)\s+([\w-]+)(?:\s+(\w+))?", re.IGNORECASE)


#: a word right before an article or a possessive is a verb, never a material ("ships the")
_BEFORE_ARTICLE = re.compile(r"\b[a-z]+s(?=\s+(?:the|a|an|its|their|our)\b)")


#: a lower-case word right before a number (not a year) is a verb ("ship 212 million")
_BEFORE_NUMBER = re.compile(r"\b[a-z]+(?=\s+\d(?!\d{3}\b))")
#: a title's words
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def _named_topic(title: str, lexicon: Lexicon) -> str:
    """The one thing a title measures when no pack lists it: the noun right before a measure
    noun or a maker ("World ethylene capacity", "Electrolyser shipments hit 5.6 GW",
    "Fridge makers ship ..."); "" when none or several."""
    words = [w.lower() for w in _WORD.findall(title)]
    found = {words[k] for k in range(len(words) - 1)
             if (words[k + 1] in lexicon.measure_nouns or words[k + 1] in lexicon.agent_nouns
                 or words[k + 1] in _TRADE_WORDS)
             and words[k] not in lexicon.measure_nouns and words[k] not in lexicon.scope_words
             and words[k] not in lexicon.agent_nouns and words[k] not in _NOT_TOPICS
             and lexicon.place(words[k].title()) is None and not _VERB_FORM.fullmatch(words[k])
             and words[k] not in lexicon.demonyms and len(words[k]) > 2}
    return next(iter(found)) if len(found) == 1 else ""


#: words a title puts before a measure noun that name no thing measured
_NOT_TOPICS = frozenset({"the", "and", "for", "record", "total", "annual", "new", "net", "top",
                         "big", "largest", "biggest", "strong", "weak", "higher", "lower",
                         "rising", "falling", "flat", "full-year", "half-year", "quarterly",
                         "online", "retail", "domestic", "its", "their", "our", "market",
                         "are", "was", "were", "made", "make", "makes", "has", "have", "had",
                         "from", "with", "into", "over", "after", "about", "this", "that"})
#: measure heads that count goods made or traded ("World furniture trade"), not a ratio or
#: a share of something else ("the music subscriber")
_TRADE_WORDS = frozenset({"trade", "sales"})
#: a verb's form, no thing measured ("tyres are made — production ...")
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)")


def _topic(doc: Document, lexicon: Lexicon) -> str:
    """The document's one material: named in its title or topic tag; only a document with
    neither takes it from its first sentences (an article titled "The vanadium market"
    that mentions "power costs" is not about electricity)."""
    title = _POSSESSED.sub(
        lambda m: m.group() if normalise_phrase(m.group(2) or "") in lexicon.measure_nouns
        else " ",
        doc.title)  # "widens its lead": a possessed noun is no material, unless measured
    title = _BEFORE_ARTICLE.sub(" ", title)  # "Who ships the world's bicycles": a verb
    title = _BEFORE_NUMBER.sub(" ", title)  # "Fridge makers ship 212 million units": a verb
    found = lexicon.materials_in(f"{title} {doc.topic}")
    if len(found) == 1:
        return next(iter(found))
    if not found:
        named = _named_topic(title, lexicon)  # "World ethylene capacity passes 228 Mt":
        if named and re.search(rf"\b{re.escape(named)}", " ".join(  # ethylene, a material
                seg.text for seg in doc.segments[:40])):  # no pack lists, and a common noun:
            return named  # the body writes it in lower case (not "Apple revenue rises")
    if not found and not (doc.title.strip() or doc.topic.strip()):
        body = lexicon.materials_in(" ".join(s.text for s in doc.segments[:3]))
        if len(body) == 1:
            return next(iter(body))
    return ""


def _sentences(doc: Document, locate: Callable[[int, int], Location],
               ton: str) -> list[Sentence]:
    """The sentences of ``doc`` that hold a mention or a digit no mention explains, in order:
    nothing downstream reads the others (framing needs a mention; ``factlint claims`` lists
    mentions and counts unexplained digits), so a segment with no candidate figure is not
    even split into sentences."""
    from factlint.parse import segment
    from factlint.parse.counts import find_counts
    from factlint.parse.mentions import find_mentions, has_unexplained_digit, may_hold_mention

    out: list[Sentence] = []
    for seg in doc.segments:
        if not may_hold_mention(seg.text):
            continue
        for offset, text in segment.sentences(seg):
            mentions = find_mentions(text, offset, ton, locate)  # type: ignore[arg-type]
            skipped = has_unexplained_digit(text, mentions)
            counts = tuple(find_counts(text, offset, mentions, locate)) if seg.table is None \
                else ()
            if mentions or skipped or counts:
                out.append(Sentence(offset, text, seg.role, tuple(mentions), seg.table,
                                    skipped, counts=counts))
    return out


def _frame_file(
    source: SourceFile, lexicon: Lexicon, ton: str, clock: dict[str, float]
) -> tuple[list[Sentence], list[Claim]]:
    from functools import partial

    from factlint.frame import table as frame_table
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext
    from factlint.frame.measure_keys import net_as_gross
    from factlint.frame.restate import restatements
    from factlint.util.positions import LineIndex

    lines = LineIndex(source.text)
    locate = partial(lines.location, source.path)  # called per mention: no frame of ours
    framer = Framer(lexicon, locate)
    sentences: list[Sentence] = []
    claims: list[Claim] = []
    for doc in source.documents:
        t0 = time.perf_counter()
        ctx = DocContext(doc, _topic(doc, lexicon))
        doc_sentences = _sentences(doc, locate, ton)
        t1 = time.perf_counter()
        found_at: dict[int, list[Claim]] = {}
        for k, sent in enumerate(doc_sentences):  # the prose first: a table may borrow
            if not sent.mentions and not sent.skipped_digits:  # its measure from it
                continue  # only counts in words: listed, never framed
            if sent.table is None:
                found_at[k], doc_sentences[k] = framer.frame(sent, ctx)
        prose = [c for found in found_at.values() for c in found]
        names = framer.names(doc)
        for cells in _tables(doc_sentences):
            borrowed = frame_table.measure_from_prose([doc_sentences[j] for j in cells],
                                                      prose, ton)
            rows = {c.table.row_subject.strip("* ") for j in cells
                    if (c := doc_sentences[j]).table is not None}
            # (the document's short forms, but never one that is another row of the table:
            # "| Kestrel Group | 39.6 |" above "| Kestrel | 34.2 |" are two)
            aliases = {full: short for full, short in names.aliases.items() if short not in rows}
            only_rows = frame_table.partial_total(rows, doc_sentences[cells[0]])
            region = frame_table.region_of(rows, doc_sentences[cells[0]], doc.title, lexicon)
            for k in cells:
                sent = doc_sentences[k]
                if not sent.mentions and not sent.skipped_digits:
                    continue
                found_at[k] = frame_table.frame_cell(sent, ctx, lexicon, locate, ton,
                                                     names.entity, borrowed, aliases,
                                                     only_rows, region)
                if not found_at[k]:
                    doc_sentences[k] = dataclasses.replace(
                        sent, unframed=tuple((m.start, "table-cell") for m in sent.mentions))
        added, updated = restatements(doc_sentences, found_at)  # a headline's 348 is
        for k, sent in updated.items():  # the body's 348 jets delivered
            doc_sentences[k] = sent
        doc_claims = [c for k in range(len(doc_sentences))
                      for c in (*found_at.get(k, ()), *added.get(k, ()))]
        claims.extend(net_as_gross(doc_claims, lexicon))
        clock["parse"] += t1 - t0
        clock["frame"] += time.perf_counter() - t1
        sentences.extend(doc_sentences)
    return sentences, claims


def _tables(sentences: list[Sentence]) -> list[list[int]]:
    """The indices of each table's cells: runs of cells under the same headers."""
    out: list[list[int]] = []
    last: tuple[str, ...] | None = None
    for k, sent in enumerate(sentences):
        if sent.table is None:
            last = None
            continue
        key = (*sent.table.headers, sent.table.caption)
        if key != last or not out:
            out.append([])
        out[-1].append(k)
        last = key
    return out


def process_file(source: SourceFile, lexicon: Lexicon, ton: str,
                 clock: dict[str, float]) -> FileResult:
    """Frame one loaded file: its sentences with their mentions, and its claims."""
    sentences, claims = _frame_file(source, lexicon, ton, clock)
    mentions = sum(len(s.mentions) + len(s.counts) for s in sentences)
    framed = len({c.mention.start for c in claims})
    return FileResult(source.path, source.sha256, len(source.documents), source.problems,
                      tuple(claims), tuple(sentences), mentions, mentions - framed,
                      sum(1 for s in sentences if s.skipped_digits),
                      marked=not source.text or "factlint:" in source.text)


def load_and_process(path: Path, rel: str, settings: Settings, lexicon: Lexicon,
                      clock: dict[str, float], raw: bytes | None = None) -> FileResult:
    from factlint.load.source import MARKDOWN_SUFFIXES, load_bytes, read_source

    t0 = time.perf_counter()
    try:
        if raw is None:
            source = read_source(path, rel, settings)
        else:
            source = load_bytes(raw, rel, is_markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)
        clock["load"] += time.perf_counter() - t0
        return process_file(source, lexicon, settings.ton, clock)
    except Exception as exc:  # a loader or framing bug: name it, skip the file, go on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = (f"internal error while reading this file: {type(exc).__name__}: {exc} "
                   f"at {Path(where.filename).name}:{where.lineno}; the file was skipped, "
                   "the rest ran")
        return FileResult(rel, "", 0, (Problem("FC999", message, rel),), (), (), 0, 0, 0)


def warm(ton: str) -> None:
    """Build the parser and the unit registry, and import the loaders, in this process
    (before workers fork)."""
    from factlint.load import digest, markdown  # noqa: F401
    from factlint.parse.mentions import find_mentions

    find_mentions("about 417 kg, 69% and $1.4 billion", 0, ton)  # type: ignore[arg-type]
