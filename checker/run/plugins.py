"""The plugin manager: built-in rules, installed entry points, and a repository's rules_dir.

All three sources go through one mechanism (pluggy registration), so a third-party rule
is loaded exactly like a built-in one.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pluggy

from factlint import hookspecs
from factlint.errors import UsageError
from factlint.hookspecs import Reporter, Rule


@dataclass(frozen=True)
class Plugins:
    """What the plugins provide, with the origin of each rule."""

    rules: tuple[Rule, ...]
    origins: dict[str, str]  # rule code -> "builtin" | distribution name | rules_dir path
    reporters: dict[str, Reporter]
    packs: tuple[str, ...]


def _builtin_modules() -> list[object]:
    from factlint import report as reporters
    from factlint import rules

    return [rules, reporters]


def _load_rules_dir(pm: pluggy.PluginManager, rules_dir: Path) -> list[str]:
    if not rules_dir.is_dir():
        raise UsageError(f"rules_dir {rules_dir} is not a directory")
    names = []
    for path in sorted(rules_dir.glob("*.py")):
        name = f"factlint_local_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        pm.register(module, name=f"rules_dir:{path.name}")
        names.append(f"rules_dir:{path.name}")
    return names


def _may_declare(group: str) -> bool:
    """Whether an installed distribution may declare entry points of ``group``.

    False only when every place :mod:`importlib.metadata` looks (the folders on
    ``sys.path``, through the standard path finder) holds no distribution whose
    ``entry_points.txt`` has a ``[group]`` section: then loading them would find none, and
    importing ``importlib.metadata`` and parsing every distribution's entry points (about
    30 ms, most of plugin loading) is skipped. Anything unusual (a zip or an egg on the
    path, another finder of distributions, an unreadable file) answers True.
    """
    for finder in sys.meta_path:
        if finder is not importlib.machinery.PathFinder \
                and getattr(finder, "find_distributions", None) is not None:
            return True
    needle = group.encode()  # a quick test before the lines are read
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, PermissionError):
            continue  # importlib.metadata finds nothing there either
        except OSError:  # a file on the path: a zip
            return True
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as handle:
                    data = handle.read()
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                return True
            if needle in data and _has_section(data, group):
                return True
    return False


def _has_section(data: bytes, group: str) -> bool:
    """Whether the entry_points.txt ``data`` has a ``[group]`` section, as
    :mod:`importlib.metadata` reads one (a stripped line in brackets)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    for line in text.splitlines():
        value = line.strip()
        if value.startswith("[") and value.endswith("]") and value.strip("[]") == group:
            return True
    return False


def load_plugins(rules_dir: Path | None = None, *, entry_points: bool = True) -> Plugins:
    """Build the plugin manager and collect rules, reporters and packs."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.FactlintSpec)
    for module in _builtin_modules():
        pm.register(module, name=f"builtin:{getattr(module, '__name__', module)}")
    if entry_points and _may_declare(hookspecs.PROJECT):
        pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    if rules_dir is not None:
        _load_rules_dir(pm, rules_dir)
    pm.check_pending()
    dist_of = {id(plugin): dist.project_name for plugin, dist in pm.list_plugin_distinfo()}

    rules: list[Rule] = []
    origins: dict[str, str] = {}
    for impl in pm.hook.factlint_rules.get_hookimpls():
        plugin_name = impl.plugin_name
        if plugin_name.startswith("builtin:"):
            origin = "builtin"
        elif plugin_name.startswith("rules_dir:"):
            origin = f"rules_dir ({plugin_name.split(':', 1)[1]})"
        else:
            origin = dist_of.get(id(impl.plugin), plugin_name)
        provided = cast(list[Rule], impl.function())
        for rule in provided:
            if rule.code in origins:
                raise UsageError(
                    f"rule code {rule.code} is defined twice ({origins[rule.code]} and {origin})"
                )
            origins[rule.code] = origin
            rules.append(rule)
    reporters: dict[str, Reporter] = {}
    for batch in pm.hook.factlint_reporters():
        for reporter in batch:
            reporters[reporter.name] = reporter
    packs = tuple(p for batch in pm.hook.factlint_packs() for p in batch)
    rules.sort(key=lambda r: r.code)
    return Plugins(tuple(rules), origins, reporters, packs)
