"""Hand-made findings and claims for reporter tests (no engine needed)."""

from __future__ import annotations

from fractions import Fraction

from factlint.model import (
    Claim,
    Finding,
    Interval,
    Location,
    Mention,
    Period,
    Related,
    Sentence,
    Stats,
    Value,
)


def mention(text: str, low: Fraction | None, high: Fraction | None, start: int,
            path: str, line: int, qualifier: str = "") -> Mention:
    value = Value(Interval(low, high), Interval(low, None), "percent", "percent")
    loc = Location(path, line, start + 1, line, start + 1 + len(text))
    return Mention(start, start + len(text), text, "quantity", value, qualifier, location=loc)


def claim(m: Mention, text: str, subject: str = "China") -> Claim:
    assert m.location is not None
    return Claim(m, m.location, text, subject, "rare earth mining", "share",
                 Period(frozenset({2024, 2025})))


M60 = mention("approximately 60%", Fraction(57), Fraction(63), 10, "b/003.txt", 10, "approx")
M69 = mention("69%", Fraction(137, 2), Fraction(139, 2), 4, "a/000.txt", 8)
M_OVER = mention("over 90%", Fraction(90), None, 0, "a/000.txt", 9, "over")
C60 = claim(M60, "approximately 60% of global rare earth mining")
C69 = claim(M69, "controlling 69% of production")
COVER = claim(M_OVER, "稀土 over 90% of refining", subject="中国")

ERROR = Finding("FC101", "value-conflict", "error", "60% here, but 69% in a/000.txt:8",
                C60.location, C60, (Related(C69.location, "conflicts", C69),), "cid", "fp1")
MIRROR = Finding("FC101", "value-conflict", "error", "69% here, but 60% in b/003.txt:10",
                 C69.location, C69, (Related(C60.location, "conflicts", C60),), "cid", "fp1")
WARNING = Finding("FC101", "value-conflict", "warning", "中国 over 90% here", COVER.location,
                  COVER, (), "cid2", "fp2")
INTERNAL = Finding("FC999", "internal-error", "error", "rule FC777 raised ValueError",
                   Location("", 1, 1, 1, 1))
STATS = Stats(files=2, documents=3, mentions=4, claims=3, unframed=1, seconds=0.25)

SENTENCES = (
    ("a/000.txt", Sentence(0, "China, 69% and over 90%", "text", (M69, M_OVER))),
    ("b/003.txt", Sentence(0, "approximately 60%, 25 years", "text", (M60,),
                           skipped_digits=True)),
    ("b/003.txt", Sentence(40, "In 2024 it was 7", "text", (), skipped_digits=True)),
)
CLAIMS = (C69, C60)
