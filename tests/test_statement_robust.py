"""The statement grammar never fails on what the chunker can give it: any sequence of chunk
kinds is read (or left alone) without an error. LALR merges lookaheads, so a state may
offer the end of input and then fail to reduce; the walker must not call such a prefix a
statement (a file once ended in FC999 on "Israel and Jordan together 9%, ...")."""

from __future__ import annotations

import random

from factlint.frame.statements import statements
from factlint.frame.vocabulary import Chunk

KINDS = ("NAME", "PRON", "POSS", "MEAS", "VERB", "BE", "CHG", "AGENT", "RANK", "NUM", "PCT",
         "FOLLOW", "OF", "IN", "WITH", "TO", "FROM", "FOR", "AT", "AS", "BY", "AND", "COMMA",
         "LPAR", "RPAR", "COLON", "EACH", "BREAK", "OTHER")


def _chunks(kinds: list[str]) -> list[Chunk]:
    out = []
    for i, kind in enumerate(kinds):
        value = kind in ("NUM", "PCT", "RANK")
        out.append(Chunk(kind, i * 4, i * 4 + 3, kind.lower(), "Acme" if kind == "NAME" else
                         ("up" if kind == "CHG" else ""), mention=i if value else -1))
    return out


def test_random_chunk_rows_never_raise() -> None:
    rng = random.Random(7)
    framed = 0
    for _ in range(3000):
        row = [rng.choice(KINDS) for _ in range(rng.randint(1, 14))]
        framed += len(statements(_chunks(row), entity="Acme"))
    assert framed > 0  # some rows are statements: the walk was exercised


def test_the_row_that_once_failed_is_read() -> None:
    row = ["OF", "NUM", "OF", "MEAS", "COMMA", "NAME", "VERB", "PCT", "COMMA", "NAME", "PCT",
           "COMMA", "NAME", "AND", "NAME", "PCT", "COMMA", "NAME", "PCT", "AND", "NAME", "PCT"]
    found = statements(_chunks(row))
    assert {f.subject for f in found} == {"Acme"}
