"""The report of ``factlint claims``: every mention, the claims framed from it, and counts.

It shows what factlint read, so a writer can see why two statements were (or were not)
compared: a mention no statement pattern framed stays *unframed* and is never compared.
Formats: ``text`` (one line per mention, then a count line) and ``json`` (schema:
``factlint/schema/claims.schema.json``; docs/output-formats.md says what changed between
versions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from factlint.model import Claim, Location, Mention, Sentence, format_number
from factlint.report.json_reporter import dump, location_dict, value_fields
from factlint.report.text_reporter import plural

VERSION = 2
FORMATS = ("text", "json")


def stated_fields(mention: Mention) -> tuple[str | None, str | None, str | None, str | None]:
    """``(value, stated_low, stated_high, stated_unit)``: the number as written with its
    scale words applied, in the unit as written; a range gives its two ends instead of a
    value. A bare rank is its rank (unit ``rank``, as ``unit`` says of it); a bare count
    and a mention without a number have no unit (``None``)."""
    value = mention.value
    if value is None:
        rank = None if mention.rank is None else str(mention.rank)
        return rank, None, None, "rank" if rank is not None else None
    unit = value.stated_unit or None
    if len(value.stated) == 1:
        return format_number(value.stated[0]), None, None, unit
    if len(value.stated) == 2:
        return None, format_number(value.stated[0]), format_number(value.stated[1]), unit
    return None, None, None, unit


def _mention_dict(path: str, mention: Mention, framed: list[Claim],
                  why: str = "") -> dict[str, Any]:
    loc = mention.location or Location(path, 0, 0, 0, 0)
    low, high, unit = value_fields(mention)
    written, stated_low, stated_high, stated_unit = stated_fields(mention)
    return {
        **location_dict(loc),
        "text": mention.text,
        "kind": mention.kind,
        "value": written,
        "stated_low": stated_low,
        "stated_high": stated_high,
        "stated_unit": stated_unit,
        "low": low,
        "high": high,
        "unit": unit,
        "interval": mention.value.speaker.text() if mention.value is not None else "",
        "qualifier": mention.qualifier,
        "claims": [
            {"text": c.text, "subject": c.subject, "measure": c.measure, "kind": c.kind,
             "period": c.period.label(), "modality": c.modality, "rule": c.shape}
            for c in framed
        ],
        "unframed_reason": None if framed else (why or "no-statement"),
    }


def claims_report(
    sentences: Sequence[tuple[str, Sentence]], claims: Sequence[Claim]
) -> dict[str, Any]:
    """Every mention with its claims (matched by path and mention offsets), and the counts."""
    by_mention: dict[tuple[str, int, int], list[Claim]] = {}
    for claim in claims:
        key = (claim.path, claim.mention.start, claim.mention.end)
        by_mention.setdefault(key, []).append(claim)
    mentions = [
        _mention_dict(path, m, by_mention.get((path, m.start, m.end), []), why.get(m.start, ""))
        for path, sentence in sentences
        for why in [dict(sentence.unframed)]  # one lookup table a sentence
        for m in sentence.mentions
    ]
    mentions.sort(key=lambda d: (d["path"], d["line"], d["column"], d["end_column"]))
    framed = sum(1 for m in mentions if m["claims"])
    return {
        "version": VERSION,
        "mentions": mentions,
        "counts": {
            "mentions": len(mentions),
            "claims": len(claims),
            "framed_mentions": framed,
            "unframed_mentions": len(mentions) - framed,
            "skipped_sentences": sum(1 for _, s in sentences if s.skipped_digits),
        },
    }


def _value_text(m: dict[str, Any]) -> str:
    """`` [low, high) unit``, after ``= 35 mile`` (the figure as written) when the base
    unit is another one."""
    if not m["interval"]:
        return f" rank {m['low']}" if m["unit"] == "rank" else ""
    unit = f" {m['unit']}" if m["unit"] else ""
    stated = ""
    if m["stated_unit"] and m["stated_unit"] != m["unit"]:
        number = m["value"] or f"{m['stated_low']}\u2013{m['stated_high']}"
        stated = f" = {number} {m['stated_unit']}"
    return f"{stated} {m['interval']}{unit}"


def write_text(report: dict[str, Any], out: TextIO) -> None:
    """One line per mention (``path:line:col: text value -> subject | measure | ...``)."""
    for m in report["mentions"]:
        qualifier = f" ({m['qualifier']})" if m["qualifier"] else ""
        text = " ".join(m["text"].split())  # a mention may span a wrapped line
        head = f"{m['path']}:{m['line']}:{m['column']}: {text}{_value_text(m)}{qualifier}"
        if not m["claims"]:
            out.write(f"{head} -> unframed {m['kind']} ({m['unframed_reason']})\n")
        for c in m["claims"]:
            modality = "" if c["modality"] == "fact" else f" | {c['modality']}"
            out.write(f"{head} -> {c['subject']} | {c['measure']} | {c['kind']} | "
                      f"{c['period']}{modality}{f' [{s}]' if (s := c['rule']) else ''}\n")
    n = report["counts"]
    out.write(f"{plural(n['mentions'], 'mention')}: {n['framed_mentions']} framed into "
              f"{plural(n['claims'], 'claim')}, {n['unframed_mentions']} unframed; "
              f"{plural(n['skipped_sentences'], 'sentence')} with a digit but no mention\n")


def write(report: dict[str, Any], fmt: str, out: TextIO) -> None:
    """Write the claims report in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        dump(report, out)
    else:
        write_text(report, out)
