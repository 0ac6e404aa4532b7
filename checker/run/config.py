"""Reading the tool settings: ``.factlint.yaml`` or ``[tool.factlint]`` in ``pyproject.toml``.

The config file is found by searching upward from the working directory, stopping at the git
root. It holds settings only; facts (aliases, measure synonyms, reference figures) live in
the facts files it points to. YAML is read with safe loading only. Every bad key, bad value
or malformed file raises :class:`~factlint.errors.ConfigError` naming the file, the line and
what was expected.

Keys (see docs/configuration.md)::

    corpus: [articles]            # default paths to lint
    exclude: ["drafts/**"]        # globs, relative to each linted folder
    rules: {select: [FC1], ignore: [FC102]}
    severity: {FC101: warning}
    overrides: [{files: ["archive/**"], ignore: [FC101], severity: {FC2: warning}}]
    fail_on: error                # error | warning
    bounds: speaker               # speaker | strict
    units: {ton: metric}          # metric | short
    max_bytes: 10485760
    extensions: [.md, .txt]
    facts: [facts/aliases.yaml]
    rules_dir: factlint_rules
    baseline: .factlint-baseline.json
    ignore: [{fingerprint: 0123abcd, reason: "both figures are quoted on purpose"}]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from factlint.errors import ConfigError, UsageError
from factlint.model import Settings
from factlint.util.root import find_git_root

# yaml and tomllib are imported where a config file is read: most runs have none
if TYPE_CHECKING:
    import yaml

CONFIG_NAMES = (".factlint.yaml", ".factlint.yml")
PYPROJECT = "pyproject.toml"

KEYS = (
    "corpus", "exclude", "rules", "severity", "overrides", "fail_on", "bounds", "units",
    "max_bytes", "extensions", "facts", "rules_dir", "baseline", "ignore",
)
SEVERITIES = ("error", "warning")
CODE_RE = re.compile(r"^[A-Z]{1,10}[0-9]{0,4}$")

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Override:
    """Per-path settings: for findings whose path matches one of ``files``."""

    files: tuple[str, ...]
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)


def split_codes(text: str) -> frozenset[str]:
    """``"fc101, FC2"`` -> ``{"FC101", "FC2"}``; ValueError naming what is not a code."""
    codes = {c.strip().upper() for c in text.split(",") if c.strip()}
    bad = sorted(c for c in codes if not CODE_RE.match(c))
    if bad or not codes:
        raise ValueError(f"expected rule codes or prefixes like FC101 or FC1, got {text!r}")
    return frozenset(codes)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``, not above the git root."""
    here = start.resolve()
    stop = find_git_root(here)
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _mentions_factlint(pyproject):
            return pyproject
        if folder == stop:
            break
    return None


def _mentions_factlint(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\.factlint\s*[\].]", text, re.MULTILINE) is not None


def load_settings(
    start: Path, explicit: Path | None
) -> tuple[Settings, Path | None, dict[str, object]]:
    """Read the config (``explicit``, else the one found above ``start``).

    Returns the settings, the config file (None when there is none) and the values that are
    not :class:`~factlint.model.Settings` fields: ``corpus`` (list of Path), ``exclude``
    (list of str), ``rules_dir`` and ``baseline`` (Path or None), ``severity`` (code ->
    severity) and ``overrides`` (list of :class:`Override`). Paths are resolved against the
    config file's folder.
    """
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"config file not found: {explicit}")
        path: Path | None = explicit
    else:
        path = find_config(start)
    if path is None:
        return Settings(), None, _empty_extras()
    data, line_of = _read(path)
    settings, extras = _interpret(data, _Reader(path, line_of))
    return settings, path, extras


def _empty_extras() -> dict[str, object]:
    return {"corpus": [], "exclude": [], "rules_dir": None, "baseline": None,
            "severity": {}, "overrides": []}


# ----------------------------------------------------------------------------- reading


def _read(path: Path) -> tuple[object, Callable[[Where], int]]:
    shown = _shown(path)
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, 1, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(shown, 1, f"cannot read: {exc.strerror}") from None
    if path.name == PYPROJECT or path.suffix == ".toml":
        return _read_toml(text, shown)
    return _read_yaml(text, shown)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _read_yaml(text: str, shown: str) -> tuple[object, Callable[[Where], int]]:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise ConfigError(shown, line, f"malformed YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:  # a ReaderError (a NUL, a control character) has no mark
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise ConfigError(shown, line, f"malformed YAML: {reason}") from None
    except RecursionError:  # thousands of nested brackets
        raise ConfigError(shown, 1, "malformed YAML: nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # date: 2024-13-45
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(shown, 1, f"malformed YAML: {reason}") from None

    def line_of(where: Where) -> int:
        return _yaml_line(node, where)

    return ({} if data is None else data), line_of


def _yaml_line(node: yaml.Node | None, where: Where) -> int:
    """1-based line of the key (or list item) at ``where``; the nearest parent if missing."""
    if node is None:
        return 1
    import yaml

    line = node.start_mark.line + 1
    for step in where:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                    line = key_node.start_mark.line + 1
                    child = value_node
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and (
            0 <= step < len(node.value)
        ):
            child = node.value[step]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


_TOML_LINE = re.compile(r"at line (\d+)")


def _read_toml(text: str, shown: str) -> tuple[object, Callable[[Where], int]]:
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else 1
        raise ConfigError(shown, line, f"malformed TOML: {exc}") from None
    except RecursionError:  # thousands of nested arrays
        raise ConfigError(shown, 1, "malformed TOML: nested too deeply") from None
    tool = document.get("tool", {})
    data = tool.get("factlint", {}) if isinstance(tool, dict) else {}
    lines = text.splitlines()

    def line_of(where: Where) -> int:
        return _toml_line(lines, where)

    return data, line_of


def _toml_line(lines: list[str], where: Where) -> int:
    """The line of ``key = `` (or ``[tool.factlint.key]``) inside the factlint tables."""
    header = 1
    inside = False
    names = [str(step) for step in where if isinstance(step, str)]
    target = names[-1] if names else ""
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if stripped.startswith("["):
            table = stripped.strip("[]").strip()
            inside = table == "tool.factlint" or table.startswith("tool.factlint.")
            if table == "tool.factlint":
                header = number
            if inside and target and table.endswith("." + target):
                return number
            continue
        if inside and target and re.match(rf'^["\']?{re.escape(target)}["\']?\s*=', stripped):
            return number
    return header


# ------------------------------------------------------------------------ interpreting


class _Reader:
    """Typed access to config values; every failure names the file and line."""

    def __init__(self, path: Path, line_of: Callable[[Where], int]) -> None:
        self.path = path
        self.shown = _shown(path)
        self.line_of = line_of

    def fail(self, where: Where, message: str) -> NoReturn:
        raise ConfigError(self.shown, self.line_of(where), message)

    def mapping(self, value: object, where: Where) -> dict[str, object]:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            self.fail(where, f"{_name(where)}: expected a mapping of names to values")
        return value

    def string(self, value: object, where: Where) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"{_name(where)}: expected a non-empty string")
        return value.strip()

    def strings(self, value: object, where: Where) -> list[str]:
        """A list of strings; one string is accepted as a list of one."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(where, f"{_name(where)}: expected a list of strings")
        return [self.string(item, (*where, i)) for i, item in enumerate(value)]

    def choice(self, value: object, where: Where, choices: tuple[str, ...]) -> str:
        if value not in choices:
            wanted = " or ".join(repr(c) for c in choices)
            self.fail(where, f"{_name(where)}: expected {wanted}, got {value!r}")
        return str(value)

    def codes(self, value: object, where: Where) -> frozenset[str]:
        out: set[str] = set()
        for i, item in enumerate(self.strings(value, where)):
            try:
                out |= split_codes(item)
            except ValueError as exc:
                self.fail((*where, i), f"{_name(where)}: {exc}")
        return frozenset(out)

    def severities(self, value: object, where: Where) -> dict[str, str]:
        out = {}
        for code, level in self.mapping(value, where).items():
            if not CODE_RE.match(code.upper()):
                self.fail((*where, code), f"{_name(where)}: expected rule codes as keys, "
                                          f"got {code!r}")
            out[code.upper()] = self.choice(level, (*where, code), SEVERITIES)
        return out

    def path_value(self, value: object, where: Where, must_exist: bool = False) -> Path:
        path = self.path.resolve().parent / self.string(value, where)
        if must_exist and not path.exists():
            self.fail(where, f"{_name(where)}: {value} not found (relative to {self.shown})")
        return path


def _name(where: Where) -> str:
    return ".".join(str(w) for w in where) or "config"


def _interpret(data: object, r: _Reader) -> tuple[Settings, dict[str, object]]:
    top = r.mapping(data, ())
    for key in top:
        if key not in KEYS:
            r.fail((key,), f"unknown key {key!r}; expected one of: {', '.join(KEYS)}")
    extras = _empty_extras()
    fields: dict[str, object] = {}
    if "corpus" in top:
        extras["corpus"] = [r.path_value(p, ("corpus",)) for p in r.strings(top["corpus"],
                                                                           ("corpus",))]
    if "exclude" in top:
        extras["exclude"] = r.strings(top["exclude"], ("exclude",))
    if "rules" in top:
        rules = r.mapping(top["rules"], ("rules",))
        for key, value in rules.items():
            if key not in ("select", "ignore"):
                r.fail(("rules", key), f"unknown key rules.{key}; expected select or ignore")
            fields[key] = r.codes(value, ("rules", key))
    if "severity" in top:
        extras["severity"] = r.severities(top["severity"], ("severity",))
    if "overrides" in top:
        extras["overrides"] = _overrides(top["overrides"], r)
    if "fail_on" in top:
        fields["fail_on"] = r.choice(top["fail_on"], ("fail_on",), SEVERITIES)
    if "bounds" in top:
        fields["bounds"] = r.choice(top["bounds"], ("bounds",), ("speaker", "strict"))
    if "units" in top:
        for key, value in r.mapping(top["units"], ("units",)).items():
            if key != "ton":
                r.fail(("units", key), f"unknown unit setting units.{key}; expected ton")
            fields["ton"] = r.choice(value, ("units", "ton"), ("metric", "short"))
    if "max_bytes" in top:
        value = top["max_bytes"]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            r.fail(("max_bytes",), f"max_bytes: expected a positive number of bytes, "
                                   f"got {value!r}")
        fields["max_bytes"] = value
    if "extensions" in top:
        exts = r.strings(top["extensions"], ("extensions",))
        fields["extensions"] = tuple("." + e.lower().lstrip(".") for e in exts)
    if "facts" in top:
        facts = r.strings(top["facts"], ("facts",))
        fields["facts_files"] = tuple(
            str(r.path_value(f, ("facts", i), must_exist=True)) for i, f in enumerate(facts)
        )
    if "rules_dir" in top:
        extras["rules_dir"] = r.path_value(top["rules_dir"], ("rules_dir",), must_exist=True)
    if "baseline" in top:
        extras["baseline"] = r.path_value(top["baseline"], ("baseline",))
    if "ignore" in top:
        fields["ignored_fingerprints"] = _ignored(top["ignore"], r)
    return Settings(**fields), extras  # type: ignore[arg-type]


def _overrides(value: object, r: _Reader) -> list[Override]:
    if not isinstance(value, list):
        r.fail(("overrides",), "overrides: expected a list of {files, ignore, severity}")
    out = []
    for i, item in enumerate(value):
        where: Where = ("overrides", i)
        entry = r.mapping(item, where)
        for key in entry:
            if key not in ("files", "ignore", "severity"):
                r.fail((*where, key), f"unknown key overrides.{key}; "
                                      "expected files, ignore or severity")
        if "files" not in entry:
            r.fail(where, "overrides: each entry needs files: [globs]")
        out.append(Override(
            files=tuple(r.strings(entry["files"], (*where, "files"))),
            ignore=r.codes(entry.get("ignore", []), (*where, "ignore")),
            severity=r.severities(entry.get("severity", {}), (*where, "severity")),
        ))
    return out


def _ignored(value: object, r: _Reader) -> frozenset[str]:
    hint = ("ignore: expected a list of {fingerprint, reason}; "
            "to turn rules off use rules: {ignore: [...]}")
    if not isinstance(value, list):
        r.fail(("ignore",), hint)
    out = set()
    for i, item in enumerate(value):
        where: Where = ("ignore", i)
        if not isinstance(item, dict):
            r.fail(where, hint)
        entry = r.mapping(item, where)
        for key in entry:
            if key not in ("fingerprint", "reason"):
                r.fail((*where, key), f"unknown key ignore.{key}; expected fingerprint, reason")
        if "fingerprint" not in entry or "reason" not in entry:
            r.fail(where, "ignore: each entry needs a fingerprint and a reason")
        out.add(r.string(entry["fingerprint"], (*where, "fingerprint")))
        r.string(entry["reason"], (*where, "reason"))
    return frozenset(out)
