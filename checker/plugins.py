"""The plugin manager: built-in rules, installed entry points, and a repository's rules_dir.

All three sources go through one mechanism (pluggy registration), so a third-party rule
is loaded exactly like a built-in one.
"""

from __future__ import annotations

import importlib.util
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
    from factlint import reporters, rules

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


def load_plugins(rules_dir: Path | None = None, *, entry_points: bool = True) -> Plugins:
    """Build the plugin manager and collect rules, reporters and packs."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.FactlintSpec)
    for module in _builtin_modules():
        pm.register(module, name=f"builtin:{getattr(module, '__name__', module)}")
    if entry_points:
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
