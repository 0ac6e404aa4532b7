"""Chinese numerals: their value, where one ends in a sentence, and when one alone is a count.

- :func:`chinese_number` reads a numeral in any of its written forms: ``一百二十三``,
  ``两千``, ``三万五`` (= 35000), ``二〇二五``, the financial and traditional characters
  (``壹佰贰拾``, ``萬``, ``億``, ``兩``), decimals with 点 (``三点五``) and negatives
  with 负 or 零下 (``负三十二``, ``零下五``).
- :func:`numeral_at` is the tokenizer's part for numerals: the lexeme at a position
  (numeral, numeral with its scale, fraction ``三分之一`` / ``千分之五``, or a date or a
  clock time, which is no quantity).
- :func:`bare_numeral_is_count` decides whether a numeral read with no unit is a count:
  ``一百二十三`` and ``三名`` are, ``一个`` (the article "a"), ``十分`` ("very") and
  ``第十二`` (a rank) are not.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from factlint.util.lazyre import lazy_compile

# financial, traditional and colloquial characters -> the plain simplified ones
_SAME = str.maketrans({
    "壹": "一", "贰": "二", "貳": "二", "弍": "二", "兩": "两", "倆": "两", "俩": "两",
    "叁": "三", "參": "三", "肆": "四", "伍": "五", "陆": "六", "陸": "六", "柒": "七",
    "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千", "萬": "万", "億": "亿",
    "○": "〇", "點": "点", "負": "负",
})
#: minus signs: 负, and 零下 ("below zero") of temperatures
MINUS_SIGNS = ("负", "負", "零下")
_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_DIGIT_CHARS = "零〇○一壹二贰貳弍两兩倆俩三叁參四肆五伍六陆陸七柒八捌九玖"
_UNIT_CHARS = "十拾百佰千仟"
_BIG_CHARS = "万萬亿億"
#: every character a numeral's integer part may hold
CN_NUMERAL_CHARS = _DIGIT_CHARS + _UNIT_CHARS + _BIG_CHARS
#: the characters a numeral may start with: a numeral character or the minus sign 负
CN_START_CHARS = CN_NUMERAL_CHARS + "负負"
_POINT = "点點"
#: the digits that stand alone as numbers (not 陆, 拾, 伍: as words they mean other things)
_PLAIN_DIGITS = frozenset("二两兩三四五六七八九十")
_MINUS = "负負"

_RUN = lazy_compile(
    globals(), "_RUN",
    f"(?P<neg>[{_MINUS}]|零下)?(?P<int>[{CN_NUMERAL_CHARS}]+)"
    f"(?:[{_POINT}](?P<dec>[{_DIGIT_CHARS.replace('两兩倆俩', '')}]+))?")
#: after a decimal, a clock time: 三点五十分, 十点一刻, 八点半 is never a decimal
_CLOCK_AFTER = frozenset("十拾分刻半钟鐘")
#: a fraction: the denominator's numeral, 分之, the numerator's (三分之一, 一千分之五)
_FRACTION_TAIL = lazy_compile(
    globals(), "_FRACTION_TAIL", f"分之(?:[{CN_NUMERAL_CHARS}]+|[0-9０-９]+(?:\\.[0-9]+)?)")
#: measure words (classifiers): a numeral before one counts things (三家, 两千台, 五名)
CLASSIFIERS = frozenset(
    "个個只隻台双雙对對名位家辆輛架艘座件条條项項次人匹头頭棵张張本部所间間套枚颗顆批种種款"
    "例起场場届屆轮輪户戶份篇首")
#: written right after a numeral, a qualifier (多, 余, 左右, 以上): the numeral is a quantity
_AFTER_NUMBER = frozenset("多余餘几幾来來左上")


def _plain(text: str) -> int | None:
    """The integer numeral ``text`` (simplified characters), or None if malformed."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS and ch not in _BIG
                       for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return _DIGITS[text]
        if "两" in text:
            return None
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = section = number = 0
    pending = False  # a digit not yet placed
    last_unit = 0  # the last unit placed in this section (for 三万五, 一百千)
    zero = False  # a 零 since the last unit
    big = 0  # the last big unit (万 / 亿) placed
    for ch in text:
        if ch in _DIGITS:
            if pending and ch not in "零〇":
                return None  # two digits in a row inside a compound numeral
            if ch in "零〇":
                zero = True
            else:
                number = _DIGITS[ch]
                pending = True
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if last_unit and unit >= last_unit:
                return None  # 一百千: a unit out of order
            section += (number if pending else 1) * unit
            number, pending, last_unit, zero = 0, False, unit, False
        else:  # 万 or 亿
            unit = _BIG[ch]
            if not pending and section == 0 and big and unit == 10**4 and not zero:
                total *= unit  # 四万万
                continue
            section += number
            if ch == "亿":
                total = (total + section) * unit
            else:
                total += section * unit
            section = number = 0
            pending, last_unit, zero, big = False, 0, False, unit
    if pending and not zero:
        lower = (last_unit or big) // 10
        if lower >= 10 and (last_unit or big) != 10:
            number *= lower  # 三万五, 一百二
    return total + section + number


def chinese_number(text: str) -> Fraction | None:
    """``"三千万"`` -> 30000000, ``"十五"`` -> 15, ``"二〇二五"`` -> 2025, ``"三点五"`` -> 7/2,
    ``"负三十二"`` -> -32, ``"壹佰贰拾"`` -> 120; None if malformed.

    A digit right after a unit, with no 零 between, counts in the next lower unit
    (``三万五`` = 35000, ``两千六`` = 2600, ``一百二`` = 120); ``四万万`` = 4 * 10**8;
    a unit that does not fall inside its section (``一百千``, ``千千万万``) is malformed.
    The digits after 点 are read one by one (``十点二三`` = 10.23).
    """
    found = chinese_written(text)
    return None if found is None else found[0]


def chinese_written(text: str) -> tuple[Fraction, str] | None:
    """(value, the value in digits as written: ``三点五`` -> ``3.5``, ``三千万`` ->
    ``30000000``) of a numeral, or None; the digits give the half-width the writing implies."""
    plain = text.translate(_SAME)
    negative = plain.startswith(MINUS_SIGNS)
    if negative:
        plain = plain[2:] if plain.startswith("零下") else plain[1:]
    whole, point, decimals = plain.partition("点")
    value = _mixed(whole) if _ASCII_DIGIT.search(whole) else _plain(whole)
    if value is None or (point and not decimals):
        return None
    written = str(value)
    x = Fraction(value)
    if decimals:
        if any(ch not in _DIGITS or ch == "两" for ch in decimals):
            return None
        digits = "".join(str(_DIGITS[ch]) for ch in decimals)
        x += Fraction(int(digits), 10 ** len(digits))
        written += "." + digits
    return (-x if negative else x), written


#: the characters that may follow the digits of a numeral that mixes digits and characters
MIXED_NEXT = frozenset(_UNIT_CHARS + _BIG_CHARS)
_MIXED = lazy_compile(globals(), "_MIXED", f"(?:[0-9]+|[{CN_NUMERAL_CHARS}])+")
_MIXED_PART = lazy_compile(globals(), "_MIXED_PART", f"[0-9]+|[{CN_NUMERAL_CHARS}]")
_ASCII_DIGIT = lazy_compile(globals(), "_ASCII_DIGIT", "[0-9]")


def mixed_numeral_at(text: str, pos: int) -> int | None:
    """The end of a numeral that mixes digits and characters at ``pos`` (3万4000, 5万4千6百,
    1千零1, 100万三千), or None: digits, a unit character, then more digits or numeral
    characters. ``3万``, ``5千万`` (a number and its scale) are none."""
    m = _MIXED.match(text, pos)
    if m is None:
        return None
    run = m.group()
    first_unit = next((i for i, ch in enumerate(run) if ch in MIXED_NEXT), len(run))
    if not any(ch.isdigit() or ch in _DIGITS for ch in run[first_unit:]):
        return None
    end = m.end()
    while end > pos and _mixed(text[pos:end]) is None:
        end -= 1
    return end if end - pos > first_unit + 1 else None


def _mixed(text: str) -> int | None:
    """The value of a numeral that mixes digits and characters, or None. A lone digit
    last, right after a unit, counts in the next lower unit (1万5 = 15000, as 一万五)."""
    total = section = 0
    number: int | None = None
    last = 0  # the last unit placed, small or big
    zero = False  # a 零 (or a written leading 0: 1百01) since the last unit
    for part in _MIXED_PART.findall(text.translate(_SAME)):
        if part.isdigit() or part in _DIGITS:
            if number is not None:
                return None  # two numbers in a row
            if part in ("零", "〇"):
                zero = True
                continue
            zero = zero or (part.isdigit() and len(part) > 1 and part.startswith("0"))
            number = int(part) if part.isdigit() else _DIGITS[part]
        elif part in _UNITS:
            unit = _UNITS[part]
            if last and last < 10**4 and unit >= last:
                return None  # 1百千: a unit out of order
            section += (1 if number is None else number) * unit
            number, last, zero = None, unit, False
        else:
            big = _BIG[part]
            section += number or 0
            total = (total + section) * big if big == 10**8 else total + section * big
            section, number, last, zero = 0, None, big, False
    if number is not None and number < 10 and not zero and last >= 100:
        number *= last // 10  # 1万5, 2千3
    return total + section + (number or 0)


def chinese_fraction(text: str) -> Fraction | None:
    """``"三分之一"`` -> 1/3, ``"一千分之五"`` -> 1/200, ``"100分之3"`` -> 3/100; None otherwise."""
    plain = text.translate(_SAME)
    bottom, sep, top = plain.partition("分之")
    if not sep:
        return None
    den = _digits_or_numeral(bottom)
    num = _digits_or_numeral(top)
    if den is None or num is None or den == 0:
        return None
    return num / den


def _digits_or_numeral(text: str) -> Fraction | None:
    if text and text.isdigit():
        return Fraction(int(text))
    return chinese_number(text)


def numeral_at(text: str, pos: int,
               unit_at: Callable[[str, int], bool]) -> tuple[str, int] | None:
    """(terminal, end) of the numeral lexeme at ``pos``, or None when none starts there.

    The terminal is ``CNNUM`` (a numeral), ``CNBIG`` (one that carries its scale: 四千万),
    ``FRAC`` (三分之一), or ``OTHER`` for a year (二〇二五年), a month or a day
    (十二月, 二十日) or a clock time (三点五十分, 十二点). ``unit_at(text, i)`` says whether a
    unit word starts at ``i`` (一百千瓦 is 一百 千瓦).
    """
    m = _RUN.match(text, pos)
    if m is None:
        return None
    end = m.end()
    whole_end = m.end("int")
    if m.group("dec") is None and whole_end - m.start("int") > 1 and \
            text[whole_end - 1] in _UNIT_CHARS and chinese_number(text[pos:whole_end]) is None \
            and chinese_number(text[pos:whole_end - 1]) is not None:
        end = whole_end = whole_end - 1  # 百分之七十百分位: 七十, then 百分位
    if m.group("dec") is None:
        if whole_end - m.start("int") > 1 and text[whole_end - 1] in "千百万" and \
                unit_at(text, whole_end - 1):
            end = whole_end = whole_end - 1  # 一百千瓦 = 一百 千瓦
        after = text[end:end + 1]
        if after == "分" and (frac := _FRACTION_TAIL.match(text, end)) is not None and \
                m.group("neg") is None and chinese_fraction(text[pos:frac.end()]) is not None:
            return "FRAC", frac.end()
        if _is_date_or_clock(text, m.start("int"), end):
            return "OTHER", end
    elif text[end:end + 1] in _CLOCK_AFTER:
        return "OTHER", end  # 三点五十分: a time
    numeral = text[m.start("int"):whole_end]
    if numeral[0] not in _BIG_CHARS and any(ch in _BIG_CHARS for ch in numeral) and \
            m.group("dec") is None:
        return "CNBIG", end  # a numeral that carries its scale: 四千万, 十万亿
    return "CNNUM", end


def _is_date_or_clock(text: str, start: int, end: int) -> bool:
    """A numeral that names a year (二〇二五年), a month, a day, an hour (十二点) or a
    century (二十一世纪)."""
    after = text[end:end + 1]
    if not after or after not in "年月日号號点點世":
        return False
    if after == "世":
        return text[end + 1:end + 2] == "纪"  # 二十一世纪: the 21st century
    numeral = text[start:end].translate(_SAME)
    if after == "年":
        return len(numeral) == 4 and all(ch in _DIGITS for ch in numeral)
    return not (after == "日" and text[end + 1:end + 2] == "元")  # 十日元: ten yen


def bare_numeral_is_count(text: str, start: int, end: int) -> bool:
    """Whether the Chinese numeral ``text[start:end]``, read with no unit or scale, is a
    count: a compound numeral (一百二十三, 十五, 三点五), or any numeral but 一 before a
    measure word (三家, 两台) or a qualifier (十多, 五十余). Not: a lone digit (一 in 统一,
    十 in 十分), a run of digits (一一, 五一), a numeral that begins with a unit (万一, 千万),
    a rank (第十二)."""
    before = text[start - 1:start] if start > 0 else ""
    if before == "第":
        return False
    written = text[start:end].translate(_SAME)
    if written.startswith(MINUS_SIGNS):
        return True
    if (written[:1] in _UNITS and written[:1] != "十") or written[:1] in _BIG:
        return False
    run = 0
    while run < len(written) and (written[run] in _DIGITS or written[run] in _UNITS
                                  or written[run] in _BIG or written[run] == "点"):
        run += 1
    numeral = written[:run]
    compound = len(numeral) > 1 and any(ch in _UNITS or ch in _BIG or ch == "点"
                                        for ch in numeral)
    if compound:
        return True
    if text[start] not in _PLAIN_DIGITS:
        return False  # 陆 (land), 拾 (pick up), 伍: a financial character alone is a word
    after = text[start + run:start + run + 1]
    if after in _AFTER_NUMBER:
        return True
    if text[start + run + 1:start + run + 2] == "半":
        return False  # 三个半月: three and a half months, not three of anything
    return after in CLASSIFIERS and numeral not in ("一", "")
