"""Transform: a parse tree of ``grammar/quantity.lark`` -> an :class:`Expr`.

One method of :class:`MentionTransformer` per ``-> alias`` of the grammar. An ``Expr`` holds
what the words say (numbers, scale, unit name, qualifier, rank, operator) before unit
conversion; :mod:`factlint.parse.mentions` turns it into a :class:`~factlint.model.Mention`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, Literal, NamedTuple

from lark import Token, Transformer, Tree

from factlint import interval as iv
from factlint.model import is_money
from factlint.parse.chinese import chinese_fraction, chinese_written
from factlint.parse.numbers import (
    FRACTION_WORDS,
    HALF_WIDTH,
    SCALES,
    english_number,
    ordinal,
    parse_digits,
    written_half_width,
)
from factlint.parse.tokens import (
    CN_SUPERLATIVES,
    COMPARATIVES,
    MULTIPLE_WORDS,
    POST_QUALIFIERS,
    QUALIFIERS,
    SUPERLATIVES,
    lexeme_key,
)
from factlint.parse.units import PER_SURFACES, surface_unit, unit_info

_FIVE_POINTS = Fraction(5)
_HALF = Fraction(1, 2)
_TWENTIETH = Fraction(1, 20)  # the half-width of 2.5: "两年半" is as precise
_AND_A_HALF = frozenset(("半", "个半", "個半"))
#: 千分之 (per mille) and 万分之 (per ten thousand): read as percent, divided by
_PER_MILLE = {"千分之": Fraction(10), "仟分之": Fraction(10), "万分之": Fraction(100),
              "萬分之": Fraction(100)}
_GROUP_SPACES = str.maketrans(dict.fromkeys(" \u00a0\u2009\u202f", ","))


class Amount(NamedTuple):
    """A number with its scale, unit and post-qualifier, before unit conversion (a named
    tuple, not a frozen dataclass: one is made per figure parsed, and a tuple is made
    several times faster)."""

    x: Fraction  # written value times the scale word
    h: Fraction  # half-width, times the scale word
    unit: str  # unit name in units.txt, "" for a bare count
    scale: Fraction  # the scale word's factor (1 when none is written)
    postq: str = ""
    year_like: bool = False  # four plain digits 1900-2100, nothing else


class Expr(NamedTuple):
    """What the transformer makes of one parse: the data of a Mention, without positions."""

    kind: Literal["quantity", "range", "rank", "comparison", "multiple"]
    amounts: tuple[Amount, ...] = ()
    qualifier: str = ""
    fraction: Fraction | None = None  # fraction words: the fraction itself (1/2)
    rank: int | None = None
    rank_order: Literal["largest", "smallest", ""] = ""
    op: str = ""  # comparison operator
    connector: str = ""  # range connector as written ("-", "to", "between")
    mixed_units: bool = False  # a range whose ends are written with different units


class Lexeme(str):
    """A token's text with its terminal: a cheap stand-in for lark's ``Token``."""

    type: str

    def __new__(cls, terminal: str, text: str) -> Lexeme:
        """The lexeme ``text`` of terminal ``terminal``."""
        obj = super().__new__(cls, text)
        obj.type = terminal
        return obj


def _tok(children: Sequence[Any], kind: str) -> Lexeme | None:
    for child in children:
        if isinstance(child, Lexeme) and child.type == kind:
            return child
    return None


def _flat(children: Sequence[Any]) -> list[Lexeme]:
    out: list[Lexeme] = []
    for child in children:
        if isinstance(child, list):
            out.extend(child)
        elif isinstance(child, Lexeme):
            out.append(child)
    return out


def _number(tok: Lexeme) -> tuple[Fraction, Fraction]:
    """(value, half-width) of a NUM, NUMWORD or CNNUM token."""
    return _number_of(tok.type, str(tok))


@functools.lru_cache(maxsize=8192)
def _number_of(kind: str, text: str) -> tuple[Fraction, Fraction]:
    """:func:`_number` by terminal and text (numbers recur: computed once each)."""
    if kind == "NUM":
        half = text.translate(HALF_WIDTH).translate(_GROUP_SPACES)  # 40 000 is 40,000
        digits = half.removeprefix("零下").lstrip("负負")  # 负10, 零下5: minus
        x = parse_digits(digits)
        return (-x if digits != half else x), written_half_width(Fraction(0), digits)
    if kind == "NUMWORD":
        word = english_number(text)
        if word is None:
            raise ValueError(f"not a number: {text!r}")
        return Fraction(word), written_half_width(Fraction(word), str(word))
    found = chinese_written(text)
    if found is None:
        raise ValueError(f"not a number: {text!r}")
    x, written = found
    return x, written_half_width(abs(x), written)


def _unit_of(tok: Lexeme) -> str:
    name = surface_unit(str(tok))
    if name is None:
        raise ValueError(f"not a unit: {tok!r}")
    return name


#: what a price may be per: "$84 a barrel", "€95/MWh", "$110/t" (not a time: "$50,000 a
#: year" is a sum of money in a period; not a share or a currency)
_PER_DIMENSIONS = frozenset({"mass", "volume", "energy", "power", "area", "length",
                             "information"})


def _per_unit(money: str, tok: Lexeme) -> str:
    """The unit of money ``money`` per the unit word ``tok`` (``dollar/barrel``), as pint
    reads it; ValueError when it is no price per a physical unit."""
    name = surface_unit(str(tok)) or PER_SURFACES.get(str(tok).lower(), "")
    if not name:
        raise ValueError(f"no price per unit: {tok!r}")
    if not money:
        return "/" + name  # "$60-70 a barrel": the range's other end names the money
    top, bottom = unit_info(money), unit_info(name)
    if not is_money(top.dimension) or \
            bottom.dimension not in _PER_DIMENSIONS:
        raise ValueError(f"no price per unit: {money}/{name}")
    return f"{money}/{name}"


def _no_pending_per(amount: Amount) -> None:
    """A "per UNIT" with no money before it ("60 a barrel") is no price."""
    if amount.unit.startswith("/"):
        raise ValueError(f"no money per {amount.unit[1:]}")


class Per(NamedTuple):
    """The ``per UNIT`` of a price, as written."""

    unit: Lexeme


_Plan = tuple[Callable[[list[Any]], Any], tuple[Any, ...]]


def _run(plan: _Plan, tokens: Sequence[Lexeme]) -> Any:
    method, items = plan
    return method([_run(i, tokens) if isinstance(i, tuple) else tokens[i] for i in items])


class MentionTransformer(Transformer[Token, Expr]):
    """Turns a parse tree of ``quantity.lark`` into an :class:`Expr` (one method per alias)."""

    def transform_template(self, tree: Tree[Token], tokens: Sequence[Lexeme]) -> Expr:
        """Transform a :meth:`_Walker.template` tree whose leaves index ``tokens``."""
        plan = self._plans.get(id(tree))
        if plan is None:
            plan = self._plans[id(tree)] = (self._compile(tree), tree)
        result: Expr = _run(plan[0], tokens)
        return result

    def _compile(self, tree: Tree[Token]) -> _Plan:
        """The tree as (method, leaves): a token index or a sub-plan, built once per tree."""
        items: list[int | _Plan] = [self._compile(c) if isinstance(c, Tree) else int(c)
                                    for c in tree.children]
        return getattr(self, str(tree.data)), tuple(items)

    @property
    def _plans(self) -> dict[int, tuple[_Plan, Tree[Token]]]:
        plans: dict[int, tuple[_Plan, Tree[Token]]] | None = self.__dict__.get("_plan_cache")
        if plans is None:
            plans = self.__dict__["_plan_cache"] = {}
        return plans

    def start(self, children: list[Expr]) -> Expr:
        return children[0]

    def scale(self, children: list[Lexeme]) -> list[Lexeme]:
        return children

    def tail(self, children: list[Lexeme]) -> list[Lexeme]:
        return children

    def per(self, children: list[Lexeme]) -> Per:
        return Per(children[-1])

    def amount(self, children: list[Any]) -> Amount:
        toks = _flat(children)
        per = next((c for c in children if isinstance(c, Per)), None)
        unit = ""
        postq = ""
        factor = Fraction(1)
        x = h = Fraction(0)
        plain = ""
        half = ""
        parts = None
        decimal = False
        for tok in toks:
            kind = tok.type
            if kind in ("NUM", "NUMWORD", "CNNUM", "CNBIG"):
                x, h = _number(tok)
                plain = str(tok) if kind == "NUM" else ""
                decimal = any(ch in ".．点點" for ch in tok)
            elif kind == "FRAC":  # "half a million": the fraction of the scale word after it
                x = FRACTION_WORDS[lexeme_key(tok)]
                h = iv.fraction_word_half_width(x)
            elif kind == "PER" and str(tok).lower() != "a":
                raise ValueError(f"no fraction of a scale: {tok!r}")  # "half per million"
            elif kind == "SCALE":
                factor *= SCALES[str(tok).lower() if str(tok).lower() in SCALES else str(tok)]
            elif kind in ("UNIT", "CUR"):
                name = _unit_of(tok)
                if not unit or unit == "dollar":
                    unit = name
            elif kind == "POSTQ":
                postq = POST_QUALIFIERS[lexeme_key(tok)]
                if str(tok) in _AND_A_HALF:
                    half = str(tok)
            elif kind == "PCTPRE":
                unit = "percent"
                parts = _PER_MILLE.get(str(tok))
            elif kind == "CHENG":  # 七成 = 70%; a price 八折 = 80%, 七五折 = 75%
                unit = "percent"
                if str(tok) == "折" and 10 <= x < 100 and x.denominator == 1:
                    continue  # 七五折, 75折: the percent itself
                x *= 10
                h = h * 10 if decimal else _FIVE_POINTS
        if parts is not None:  # 千分之五 = 0.5%
            x, h = x / parts, h / parts
        if half:  # 两年半, 一斤半, 三元半, 一个半小时: and a half of the unit (not 三万半)
            if not unit or factor != 1 or (half == "半" and toks[-2].type not in ("UNIT", "CUR")):
                raise ValueError(f"no half of: {unit!r}")
            x, h = x + _HALF, _TWENTIETH
        if toks[0].type == "CUR" and sum(1 for t in toks if t.type == "CUR") > 1:
            raise ValueError("two currency signs")  # $20,000.00 $37,305.97
        year_like = (factor == 1 and not unit and len(plain) == 4 and plain.isdigit()
                     and 1900 <= int(plain) <= 2100)
        if factor != 1:
            x, h = x * factor, h * factor
        if per is not None:
            unit = _per_unit(unit, per.unit)
        return Amount(x, h, unit, factor, postq, year_like)

    def quantity(self, children: list[Any]) -> Expr:
        qual = _tok(children, "QUAL")
        amount = children[-1]
        qualifier = QUALIFIERS[lexeme_key(qual)] if qual is not None else ""
        _no_pending_per(amount)
        if amount.postq and qualifier in ("", iv.APPROX):
            qualifier = amount.postq
        return Expr("quantity", (amount,), qualifier)

    def compared_quantity(self, children: list[Any]) -> Expr:
        cmp = _tok(children, "CMP")
        assert cmp is not None
        qualifier = COMPARATIVES[lexeme_key(cmp)][1]
        _no_pending_per(children[-1])
        return Expr("quantity", (children[-1],), qualifier)

    def range(self, children: list[Any]) -> Expr:
        qual = _tok(children, "QUAL")
        lo, hi = (c for c in children if isinstance(c, Amount))
        if lo.unit and hi.unit.startswith("/"):  # "$60-70 a barrel"
            hi = hi._replace(unit=_per_unit(lo.unit, Lexeme("UNIT", hi.unit[1:])))
        if lo.unit and hi.unit.startswith(lo.unit + "/"):
            lo = lo._replace(unit=hi.unit)  # "$60 to $70 a barrel": both ends per barrel
        _no_pending_per(lo)
        _no_pending_per(hi)
        mixed = bool(lo.unit) and lo.unit != hi.unit
        if not lo.unit and lo.scale == 1 and hi.scale != 1:
            lo = lo._replace(x=lo.x * hi.scale, h=lo.h * hi.scale, scale=hi.scale)
        if not lo.unit:
            lo = lo._replace(unit=hi.unit)
        sep = _tok(children, "TO") or _tok(children, "DASH") or _tok(children, "BETWEEN")
        qualifier = QUALIFIERS[lexeme_key(qual)] if qual is not None else ""
        return Expr("range", (lo, hi), qualifier, connector=str(sep).lower() if sep else "",
                    mixed_units=mixed)

    def fraction(self, children: list[Lexeme]) -> Expr:
        qual = _tok(children, "QUAL")
        cmp = _tok(children, "CMP")
        frac = _tok(children, "FRAC")
        assert frac is not None
        value = FRACTION_WORDS.get(lexeme_key(frac)) or chinese_fraction(str(frac))
        if value is None:
            raise ValueError(f"not a fraction: {frac!r}")
        qualifier = QUALIFIERS[lexeme_key(qual)] if qual is not None else ""
        if cmp is not None:
            qualifier = COMPARATIVES[lexeme_key(cmp)][1]
        return Expr("quantity", (), qualifier, fraction=value)

    def rank_ordinal(self, children: list[Lexeme]) -> Expr:
        sup = _tok(children, "SUP")
        da = _tok(children, "DA")
        order: Literal["largest", "smallest"] = "largest"
        if sup is not None and SUPERLATIVES[lexeme_key(sup)] == "smallest":
            order = "smallest"
        if da is not None and CN_SUPERLATIVES[str(da)] == "smallest":
            order = "smallest"
        ord_tok = _tok(children, "ORD")
        if ord_tok is not None:
            rank = ordinal(str(ord_tok))
        else:
            num = _tok(children, "NUM") or _tok(children, "CNNUM")
            assert num is not None
            rank = int(_number(num)[0])
        return Expr("rank", rank=rank, rank_order=order)

    def rank_top(self, children: list[Lexeme]) -> Expr:
        sup = _tok(children, "SUP")
        assert sup is not None
        smallest = SUPERLATIVES[lexeme_key(sup)] == "smallest"
        return Expr("rank", rank=1, rank_order="smallest" if smallest else "largest")

    def rank_number(self, children: list[Lexeme]) -> Expr:
        num = _tok(children, "NUM")
        assert num is not None
        return Expr("rank", rank=int(_number(num)[0]), rank_order="largest")

    def comparison(self, children: list[Lexeme]) -> Expr:
        return Expr("comparison", op=COMPARATIVES[lexeme_key(children[0])][0])

    def multiple(self, children: list[Lexeme]) -> Expr:
        qual = _tok(children, "QUAL")
        word = _tok(children, "MULTW")
        if word is not None:
            x = Fraction(MULTIPLE_WORDS[lexeme_key(word)])
        else:
            num = _tok(children, "NUM") or _tok(children, "NUMWORD") or _tok(children, "CNNUM")
            assert num is not None
            x = _number(num)[0]
        qualifier = QUALIFIERS[lexeme_key(qual)] if qual is not None else ""
        return Expr("multiple", (Amount(x, x / 10, "times", Fraction(1)),), qualifier)  # h = 10%


