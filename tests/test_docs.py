"""The documentation: docs/rules.md is what docs/gen_rules.py writes from the rules'
docstrings, every relative link in README.md and docs/*.md leads to a file (and heading)
that exists, and the README stays a page a user reads: at most 300 lines, a Quick start of
two commands."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
README = REPO / "README.md"

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def _gen_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_rules", DOCS / "gen_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_rules", module)
    spec.loader.exec_module(module)
    return module


def test_rules_md_is_generated_from_the_current_docstrings() -> None:
    gen = _gen_rules()
    expected = gen.render(gen.builtin_rules())
    assert (DOCS / "rules.md").read_text("utf-8") == expected, (
        "docs/rules.md is stale: run `python docs/gen_rules.py` and commit it")


def test_rules_md_documents_every_builtin_rule() -> None:
    from factlint.rules import factlint_rules

    text = (DOCS / "rules.md").read_text("utf-8")
    for rule in factlint_rules():
        assert f"## {rule.code} {rule.name}\n" in text
        for line in rule.doc.strip().splitlines()[1:]:  # the body, line by line
            for label in ("Anti-pattern:", "Best practice:"):
                line = line.removeprefix(label)
            assert line.strip() in text, f"{rule.code}: {line!r} is not in docs/rules.md"


def test_gen_rules_check_fails_on_a_stale_file(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    gen = _gen_rules()
    target = tmp_path / "rules.md"
    target.write_text("# Rules\n\nout of date\n", "utf-8")
    assert gen.main(["--check"], target=target) == 1
    assert "stale" in capsys.readouterr().err
    assert gen.main([], target=target) == 0
    assert gen.main(["--check"], target=target) == 0


def _markdown_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def _prose(text: str) -> str:
    """``text`` without its fenced code blocks (a link there is an example, not a link)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            out.append(line)
    return "\n".join(out)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in _prose(path.read_text("utf-8")).splitlines()
            if re.match(r"#{1,6} ", line)}


def _relative_links(path: Path) -> list[str]:
    return [target for target in LINK.findall(_prose(path.read_text("utf-8")))
            if not re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE)]


def _leads_somewhere(path: Path, target: str) -> bool:
    """Whether the relative link ``target`` in ``path`` names an existing file (and, for a
    Markdown file, an existing heading when it has a ``#`` anchor)."""
    file_part, _, anchor = target.partition("#")
    dest = (path.parent / file_part).resolve() if file_part else path
    if not dest.exists():
        return False
    return not anchor or dest.suffix != ".md" or anchor in _anchors(dest)


def test_the_docs_exist_and_the_readme_links_them() -> None:
    links = set(_relative_links(README))
    for name in ("rules.md", "output-formats.md", "configuration.md", "writing-a-rule.md",
                 "security.md", "performance.md"):
        assert (DOCS / name).is_file(), name
        assert f"docs/{name}" in links, f"README.md does not link docs/{name}"


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_relative_link_points_to_an_existing_file(path: Path) -> None:
    broken = [target for target in _relative_links(path) if not _leads_somewhere(path, target)]
    assert not broken, f"{path.name}: broken links {broken}"


def test_readme_is_at_most_300_lines() -> None:
    lines = README.read_text("utf-8").splitlines()
    assert len(lines) <= 300, f"README.md has {len(lines)} lines"


def test_readme_quick_start_is_two_commands_in_one_block() -> None:
    text = README.read_text("utf-8")
    section = text.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```[a-z]*\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1
    commands = [line for line in blocks[0].splitlines() if line.strip()]
    assert len(commands) == 2, commands
    lint, test = commands
    assert lint.startswith("pip install ") and lint.endswith("factlint seeds/")
    assert test.startswith("pip install ") and "[test]" in test and "pytest" in test
