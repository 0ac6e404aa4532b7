"""Build the quantity grammar's LALR parser once per process, cached without pickle.

The built parser is cached in the user's cache directory (``$XDG_CACHE_HOME/factlint``,
``~/.cache/factlint``, ``~/Library/Caches/factlint`` on macOS, ``%LOCALAPPDATA%\\factlint``
on Windows) as JSON made from lark's ``memo_serialize`` and read back with
``Lark._load_from_dict`` - what lark's standalone tool does - never as a pickle. The file
name holds a hash of the grammar text and lark's version; a corrupt file is rebuilt; an
unwritable directory means building in memory.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from factlint.util.atomic import write_text_atomic
from factlint.util.usercache import user_cache_dir as user_cache_dir


def _import_lark_without_regex() -> None:
    """Import lark with the optional ``regex`` module hidden, unless it is loaded already.

    lark imports ``regex`` when it is installed (about 10 ms), yet uses it only for
    ``Lark(regex=True)`` and for grammars with Unicode categories (``\\p{...}``), neither of
    which ours is; ``regex`` stays importable for everyone else afterwards.
    """
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # type: ignore[assignment]  # import regex: ImportError
    try:
        import lark  # noqa: F401
    finally:
        if sys.modules.get("regex", 0) is None:
            del sys.modules["regex"]


_import_lark_without_regex()

import lark  # noqa: E402  (after the function above)
from lark import Lark as Lark  # noqa: E402  (the parser module imports lark's names from here)
from lark import Token as Token  # noqa: E402
from lark import Tree as Tree  # noqa: E402
from lark.exceptions import UnexpectedInput as UnexpectedInput  # noqa: E402
from lark.grammar import Rule  # noqa: E402
from lark.lexer import TerminalDef  # noqa: E402

GRAMMAR_FILE = "quantity.lark"
STATEMENT_FILE = "statement.lark"
_FORMAT = 1  # bump when the cache encoding changes
_INT_KEYS = "\u0000int-keys"


def grammar_text() -> str:
    """The text of ``grammar/quantity.lark`` (package data)."""
    return resources.files("factlint.grammar").joinpath(GRAMMAR_FILE).read_text("utf-8")


def cache_key(text: str) -> str:
    """Hash of the grammar text, lark's version and the cache format."""
    h = hashlib.sha256(f"{_FORMAT}\n{lark.__version__}\n{text}".encode())
    return h.hexdigest()[:24]


def cache_path(directory: Path | None = None, text: str | None = None) -> Path:
    """Where the built parser of ``text`` (default: the packaged grammar) is cached."""
    folder = user_cache_dir() if directory is None else directory
    return folder / f"quantity-{cache_key(grammar_text() if text is None else text)}.json"


def _encode(obj: Any) -> Any:
    """JSON-able form of memo_serialize data: dicts with non-string keys are tagged."""
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {_INT_KEYS: [[k, _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, list | tuple):
        return [_encode(v) for v in obj]
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    raise TypeError(f"cannot cache a {type(obj).__name__}")


def _decode_object(obj: dict[str, Any]) -> dict[Any, Any]:
    """``json.loads``' object hook: a tagged dict (see :func:`_encode`) back to its keys
    (called for each JSON object, innermost first, while the text is parsed)."""
    tagged = obj.get(_INT_KEYS)
    return obj if tagged is None else dict(tagged)


def _build(text: str) -> Lark:
    return Lark(text, parser="lalr", lexer="basic", start="start")


def _read(path: Path) -> Lark | None:
    try:
        raw = json.loads(path.read_text("utf-8"), object_hook=_decode_object)
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
            return None
        data, memo = raw["data"], raw["memo"]
        parser: Lark = Lark._load_from_dict(data, memo)  # type: ignore[no-untyped-call]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return parser


def _write(path: Path, parser: Lark) -> bool:
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    payload = json.dumps(
        {"format": _FORMAT, "lark": lark.__version__, "data": _encode(data),
         "memo": _encode(memo)},
        ensure_ascii=False, separators=(",", ":"),
    )
    return write_text_atomic(path, payload, ".quantity-")


def load_parser(directory: Path | None = None, *, use_cache: bool = True,
                text: str | None = None) -> Lark:
    """Build (or read from the cache) the LALR parser of the quantity grammar.

    ``directory`` overrides the user cache directory (tests); ``use_cache=False`` builds in
    memory and touches no file.
    """
    source = grammar_text() if text is None else text
    if not use_cache:
        return _build(source)
    path = cache_path(directory, source)
    cached = _read(path) if path.is_file() else None
    if cached is not None:
        return cached
    parser = _build(source)
    _write(path, parser)
    return parser


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    """The process's parser, built (or read from the cache) on first use."""
    return load_parser()


@functools.lru_cache(maxsize=1)
def statement_parser() -> Lark:
    """The parser of ``grammar/statement.lark`` (statements over chunks), built once."""
    text = resources.files("factlint.grammar").joinpath(STATEMENT_FILE).read_text("utf-8")
    return load_parser(text=text)


@functools.lru_cache(maxsize=1)
def start_terminals() -> frozenset[str]:
    """Terminals that can start an expression: the shifts of the parser's start state."""
    choices = parser().parse_interactive().choices()  # type: ignore[no-untyped-call]
    return frozenset(name for name in choices if name.isupper())


class Walker:
    """Walks the LALR tables over token types, remembering every prefix it has seen.

    Whether a sequence of terminals can be fed, and whether it then accepts, depends on the
    types only; so each prefix is fed to lark once per process and looked up afterwards.
    The quantity grammar has no recursion, so its viable prefixes are few; the statement
    grammar's lists are bounded by the clause windows fed to it.
    """

    DEAD, VIABLE, ACCEPTS = 0, 1, 2

    def __init__(self, parser: Lark) -> None:
        self.parser = parser
        self._snapshots: list[Any] = [parser.parse_interactive()]  # index: a state id
        self.edges: dict[tuple[int, str], tuple[int, int]] = {}  # (state, terminal) -> step
        self._templates: dict[tuple[str, ...], Tree[Token]] = {}

    def __len__(self) -> int:
        """How many prefixes the walker remembers (its memory)."""
        return len(self._snapshots)

    def step(self, state: int, terminal: str) -> tuple[int, int]:
        """(DEAD, VIABLE or ACCEPTS; the next state) for ``terminal`` fed in ``state``
        (state 0 is the start; a state stands for the prefix of terminals fed so far)."""
        found = self.edges.get((state, terminal))
        if found is not None:
            return found
        result, nxt = self.DEAD, -1
        base = self._snapshots[state]
        if terminal in base.choices():
            ip = base.copy()
            try:
                ip.feed_token(Token(terminal, ""))
            except UnexpectedInput:
                pass
            else:
                result = self.ACCEPTS if "$END" in ip.choices() and self._ends(ip) \
                    else self.VIABLE
                self._snapshots.append(ip)
                nxt = len(self._snapshots) - 1
        self.edges[(state, terminal)] = (result, nxt)
        return result, nxt

    @staticmethod
    def _ends(ip: Any) -> bool:
        """Whether the input fed so far is a whole sentence: LALR's merged lookaheads may
        offer the end in a state whose reductions then fail, so the end is fed to a copy."""
        try:
            ip.copy().feed_eof()
        except UnexpectedInput:
            return False
        return True

    def template(self, terminals: tuple[str, ...]) -> Tree[Token]:
        """The parse tree of an accepting sequence of terminals, with each token's value its
        index in the sequence. The shape depends on the terminals only: built once each."""
        found = self._templates.get(terminals)
        if found is None:
            ip = self.parser.parse_interactive()
            for i, terminal in enumerate(terminals):
                ip.feed_token(Token(terminal, str(i)))
            found = ip.feed_eof()  # type: ignore[no-untyped-call]
            self._templates[terminals] = found
        return found
