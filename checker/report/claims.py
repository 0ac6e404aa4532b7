"""The report of ``factlint claims``: every mention, the claims framed from it, and counts.

It shows what factlint read, so a writer can see why two statements were (or were not)
compared: a mention no statement pattern framed stays *unframed* and is never compared.
Formats: ``text`` (one line per mention, then a count line), ``json`` (schema:
``factlint/schema/claims.schema.json``; docs/output-formats.md says what changed between
versions) and ``jsonl``: the claims as a table, one ``mentions[]`` item a line with what a
comparison outside factlint needs besides (each claim's id, document, place, period as data
and exact bounds in both readings; docs/scale.md runs FC101 over it as SQL).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TextIO

import orjson

from factlint.index import declared_name, initials, is_acronym, may_shorten, without_suffixes
from factlint.model import Claim, Interval, Location, Mention, Sentence, format_number
from factlint.parse.counts import counted_noun
from factlint.report.json_reporter import dump, location_dict, value_fields
from factlint.report.text_reporter import plural

if TYPE_CHECKING:
    from factlint.frame.lexicon import Lexicon

VERSION = 2
FORMATS = ("text", "json", "jsonl")
#: the fields a claim has in the table (``jsonl``) besides those of the listing
TABLE_FIELDS = ("id", "names", "document", "in_title", "location", "when", "bounds")


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


def _ratio(x: Fraction | None) -> str | None:
    """``"137/2"``: a bound exactly, as numerator/denominator (``None``: infinite)."""
    return None if x is None else f"{x.numerator}/{x.denominator}"


def _bounds(iv: Interval) -> dict[str, Any]:
    return {"low": _ratio(iv.low), "high": _ratio(iv.high), "low_open": iv.low_open,
            "high_open": iv.high_open}


def table_fields(c: Claim, mention_id: str, k: int, lexicon: Lexicon) -> dict[str, Any]:
    """What a comparison of claims outside factlint needs besides the listing's fields.

    The claim's id (its mention's place and its ordinal there), what decides whether its
    subject is another name's over the whole table (``names``: the subject without the
    packs' corporate suffixes, its initials, whether it is an acronym, whether it may be a
    longer name shortened to its first word, the full name its text writes for it; see
    :func:`factlint.index.unify_subjects`), its document (path and ordinal of the article in
    its file), whether it stands in the title, the place of its text, its period as data and
    its value's bounds in both readings as exact ratios. A rank has no value: it is its rank
    exactly, as FC101 reads it."""
    suffixes = lexicon.name_suffixes
    loc = c.location
    p = c.period
    value = c.mention.value
    if value is None:
        rank = Interval(Fraction(c.mention.rank or 0), Fraction(c.mention.rank or 0),
                        False, False)
        speaker, strict, unit, dimension = rank, rank, "", "rank"
    else:
        speaker, strict, unit, dimension = value.speaker, value.strict, value.unit, \
            value.dimension
    return {
        "id": f"{mention_id}#{k}",
        "names": {"base": without_suffixes(c.subject, suffixes),
                  "initials": sorted(initials(c.subject, suffixes)) if " " in c.subject
                  else [],
                  "acronym": is_acronym(c.subject),
                  "shortens": may_shorten(c.subject, lexicon), "full": declared_name(c)},
        "document": f"{c.path}#{c.doc_index}",
        "in_title": c.in_title,
        "location": {"line": loc.line, "column": loc.column, "end_line": loc.end_line,
                     "end_column": loc.end_column},
        "when": {"span": p.granularity, "part": p.part, "years": sorted(p.years),
                 "stated": p.stated, "projection": p.projection},
        "bounds": {"unit": unit, "dimension": dimension, "speaker": _bounds(speaker),
                   "strict": _bounds(strict)},
    }


def counted(sentence: Sentence, mention: Mention) -> str | None:
    """The noun a bare count counts ("1,200 ships", "eight changes"), as written; None for
    any other mention, or when no noun follows the count."""
    value = mention.value
    if value is None or value.dimension != "count" or mention.kind not in ("quantity",
                                                                              "range"):
        return None
    return counted_noun(sentence.text, mention.end - sentence.start,
                        value.stated == (Fraction(1),))


def _mention_dict(path: str, mention: Mention, framed: list[Claim],
                  why: str = "", table: Lexicon | None = None,
                  noun: str | None = None) -> dict[str, Any]:
    loc = mention.location or Location(path, 0, 0, 0, 0)
    mention_id = f"{path}:{loc.line}:{loc.column}-{loc.end_line}:{loc.end_column}"
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
        "counted": noun,
        "interval": mention.value.speaker.text() if mention.value is not None else "",
        "qualifier": mention.qualifier,
        "claims": [
            {"text": c.text, "subject": c.subject, "measure": c.measure, "kind": c.kind,
             "period": c.period.label(), "modality": c.modality, "rule": c.shape,
             **(table_fields(c, mention_id, k, table) if table is not None else {})}
            for k, c in enumerate(framed)
        ],
        "unframed_reason": None if framed else (why or "no-statement"),
    }


def _by_mention(sentences: Sequence[tuple[str, Sentence]], claims: Sequence[Claim],
                ) -> tuple[dict[tuple[str, int, int], list[Claim]],
                           list[tuple[tuple[str, int, int], Mention]]]:
    """The claims of each listed mention (by path and offsets), and the mentions of claims
    that stand under no listed one, each with its key (a claim's path: its mention may have
    no location of its own).

    A framer may trim its mention ("roughly half" of the listed "roughly half of"): such a
    claim is listed under the mention that holds its own, so that every claim the rules
    compare is listed once; a claim whose mention overlaps none is listed with its own."""
    listed = {(path, m.start, m.end) for path, s in sentences for m in s.mentions}
    by_path: dict[str, list[tuple[str, int, int]]] = {}
    by_mention: dict[tuple[str, int, int], list[Claim]] = {}
    strays: list[Claim] = []
    for claim in claims:
        key = (claim.path, claim.mention.start, claim.mention.end)
        if key in listed:
            by_mention.setdefault(key, []).append(claim)
        else:
            strays.append(claim)
    if strays:
        for key in listed:
            by_path.setdefault(key[0], []).append(key)
    own: dict[tuple[str, int, int], Mention] = {}
    for claim in strays:
        m = claim.mention
        holders = sorted((k for k in by_path.get(claim.path, ()) if k[1] < m.end
                          and m.start < k[2]),
                         key=lambda k: (not (k[1] <= m.start and m.end <= k[2]), k[1]))
        key = holders[0] if holders else (claim.path, m.start, m.end)
        if not holders:
            own[key] = m
        by_mention.setdefault(key, []).append(claim)
    return by_mention, list(own.items())


def claims_report(
    sentences: Sequence[tuple[str, Sentence]], claims: Sequence[Claim], *,
    table: Lexicon | None = None,
) -> dict[str, Any]:
    """Every mention with its claims (matched by path and mention offsets), and the counts.

    ``table``, the run's lexicon: each claim also carries :func:`table_fields` (the
    ``jsonl`` format)."""
    by_mention, own = _by_mention(sentences, claims)
    mentions = [
        _mention_dict(path, m, by_mention.get((path, m.start, m.end), []), why.get(m.start, ""),
                      table, counted(sentence, m))
        for path, sentence in sentences
        for why in [dict(sentence.unframed)]  # one lookup table a sentence
        for m in sentence.mentions
    ]
    mentions += [_mention_dict(path, m, [], "count", table, counted(sentence, m))
                 for path, sentence in sentences for m in sentence.counts]
    mentions += [_mention_dict(key[0], m, by_mention[key], "", table) for key, m in own]
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
    unit = f" {m['unit']}" if m["unit"] else f" {m['counted']}" if m["counted"] else ""
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


def write_jsonl(report: dict[str, Any], out: TextIO) -> None:
    """One mention a line, as compact JSON; no counts (concatenated shards stay one table)."""
    for m in report["mentions"]:
        try:
            line = orjson.dumps(m).decode("utf-8")
        except (TypeError, orjson.JSONEncodeError):  # a lone surrogate in a file name
            line = json.dumps(m, ensure_ascii=False, separators=(",", ":"))
        out.write(line + "\n")


def write(report: dict[str, Any], fmt: str, out: TextIO) -> None:
    """Write the claims report in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        dump(report, out)
    elif fmt == "jsonl":
        write_jsonl(report, out)
    else:
        write_text(report, out)
