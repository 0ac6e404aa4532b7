"""Keys of figures checked inside their own sentence only.

A statement that names no subject ("Storage grew from 120 GWh in 2023 to 900 GWh in 2030, a
CAGR of 19%"), and the arithmetic between the figures of one sentence
(:mod:`factlint.frame.arithmetic`), are framed under a measure key of that sentence alone:
``"<measure> [<digest>]"``, the digest of the file's path and the sentence's normalised
text. Such a claim is compared with the figures of its own sentence (and, for a share, with
a total its own document states) and never across sentences or documents; FC101 and FC201
skip it. The digest does not depend on line numbers, so fingerprints survive moved lines.
:class:`SentenceFigures` builds such claims for the shapes of :mod:`.arithmetic` and
:mod:`.multiples`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factlint.frame import modality
from factlint.frame import patterns as P
from factlint.model import Claim, ClaimKind, Mention, Period, Sentence
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext

#: the subject of a figure whose statement names none
NO_SUBJECT = "(no subject)"
_LOCAL = re.compile(r"^(?P<base>.*) \[[0-9a-f]{8}\]$")
_NON_LEVEL = ("percent", "percentage_point", "times")
YEAR = r"(?:19|20)\d\d"
#: the noun a bare count counts ("700 units", "300 cars sold"): up to two lower-case words
NOUN = r"(?:\s+(?!(?:in|to|from|by|during|for|of|or|and|up|down|as|the|a|an)\b)[a-z][\w-]*){0,2}"
_YEAR_AFTER = lazy_compile(globals(), "_YEAR_AFTER",
                           rf"{NOUN}\s*,?\s*(?:in|during|by|for)\s+(?:fiscal\s+)?(?P<y>{YEAR})\b")
_YEARS = lazy_compile(globals(), "_YEARS", rf"\b{YEAR}\b")
#: when a figure holds, said after it: "in 2024", "last year"
WHEN = (r"(?:\s*,?\s*(?:(?:in|during)\s+" + YEAR + r"|last\s+year|this\s+year|"
        r"a\s+year\s+earlier))?")


def local_key(label: str, path: str, text: str) -> str:
    """A measure key of one sentence of one file: ``"nickel production [1a2b3c4d]"``."""
    digest = hashlib.sha256(f"{path}\x1f{' '.join(text.split())}".encode()).hexdigest()[:8]
    return f"{label} [{digest}]"


def local_base(measure: str) -> str | None:
    """The measure a sentence's own key names (``"nickel production"``), None if not one."""
    m = _LOCAL.match(measure)
    return m.group("base") if m else None


class SentenceFigures:
    """The figures of one sentence, what the statement framing made of them (``framed``: a
    claim by mention start), and the claims of its arithmetic shapes under its own key."""

    def __init__(self, framer: Framer, sentence: Sentence, ctx: DocContext,
                 framed: dict[int, Claim]) -> None:
        self.framer, self.sentence, self.ctx, self.framed = framer, sentence, ctx, framed
        self.text = sentence.text
        self.base = sentence.start
        stated = sorted({int(y) for y in _YEARS.findall(self.text)})
        doc_year = ctx.doc.date.year if ctx.doc.date is not None else None
        #: the one year the sentence states, else the document's; None: no year to give
        self.year = stated[0] if len(stated) == 1 else (doc_year if not stated else None)
        self.today = doc_year

    @property
    def years(self) -> list[int]:
        """The years a claim of this sentence holds for: its one year, else none."""
        return [self.year] if self.year is not None else []

    def rel(self, m: Mention) -> tuple[int, int]:
        return m.start - self.base, m.end - self.base

    def year_after(self, m: Mention) -> int | None:
        found = _YEAR_AFTER.match(self.text, m.end - self.base)
        return int(found.group("y")) if found else None

    def who(self, *ms: Mention) -> tuple[str, str]:
        """The subject the statement framing gave the first of ``ms`` it framed, if any."""
        for m in ms:
            c = self.framed.get(m.start)
            if c is not None and not self.framer.lex.is_total(c.subject) and \
                    c.subject != NO_SUBJECT:
                return c.subject, c.subject_text
        return NO_SUBJECT, ""

    def label(self, *ms: Mention) -> str:
        """The measure the framing gave the figures (without scope), else ``figure``."""
        for m in ms:
            c = self.framed.get(m.start)
            if c is not None:
                return local_base(c.measure) or c.measure
        return "figure"

    def covered(self, roles: Sequence[tuple[Mention, str]], one_subject: bool = True) -> bool:
        """The statement framing framed every figure as its role's kind under one measure,
        the parts under one subject (``one_subject``) and the totals as totals: the rules
        check its claims already."""
        claims = [self.framed.get(m.start) for m, _ in roles]
        if any(c is None or c.kind != role for c, (_, role) in zip(claims, roles, strict=True)):
            return False
        real = [c for c in claims if c is not None]
        if len({c.measure for c in real}) != 1:
            return False
        parts = {c.subject for c in real if not self.framer.lex.is_total(c.subject)}
        return NO_SUBJECT not in parts and (len(parts) == 1 or not one_subject)

    def claim(self, mention: Mention, kind: ClaimKind, who: tuple[str, str], key: str,
              span: tuple[int, int], years: Sequence[int], total: str = "") -> Claim | None:
        """A claim of this sentence, unless the text does not assert the figure."""
        ms, me = self.rel(mention)
        lo, _ = P.clause_bounds(self.text, ms, me)
        reading = modality.modality(self.text, lo, ms, me)
        if reading == "none":
            return None  # disputed, a threat, a condition, a question
        projection = bool(years) and self.today is not None and max(years) > self.today
        period = Period(frozenset(years), stated=bool(years), projection=projection)
        start, end = span
        return Claim(
            mention=mention, location=self.framer.locate(self.base + start, self.base + end),
            text=" ".join(self.text[start:end].split()), subject=who[0], measure=key,
            kind=kind, period=period, doc_index=self.ctx.doc.index,
            modality="projection" if projection else
            ("estimate" if reading == "estimate" else "fact"),
            in_title=self.sentence.role == "title", subject_text=who[1],
            measure_text=local_base(key) or key, total=total, shape="arithmetic")

    def key(self, label: str) -> str:
        return local_key(label, self.ctx.doc.path, self.text)


def is_level(m: Mention) -> bool:
    return m.kind == "quantity" and m.value is not None and m.value.unit not in _NON_LEVEL


def is_percent(m: Mention) -> bool:
    return m.kind == "quantity" and m.value is not None and m.value.unit == "percent"


def same_dimension(a: Mention, b: Mention) -> bool:
    return a.value is not None and b.value is not None and a.value.dimension == b.value.dimension


def all_or_none(*claims: Claim | None) -> list[Claim]:
    """The claims, or none of them when one is missing (a shape needs every figure)."""
    return [c for c in claims if c is not None] if None not in claims else []

