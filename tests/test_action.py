"""The composite GitHub Action: its shell steps run here for real, ``uses:`` steps skipped.

``action.yml`` is read with ``yaml.safe_load``; each ``run:`` step runs in bash (as the
runner does: ``bash --noprofile --norc -eo pipefail``) with its ``${{ }}`` expressions
substituted, in a temporary copy of a tiny corpus. The install step really runs ``pip
install`` of a copy of this checkout, into a throwaway virtualenv that sees the test
environment's packages (so only factlint itself is built and installed, and nothing comes
from the base interpreter, not even pip).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CONFLICT, venv_over_this_environment, write_corpus

REPO = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")
LOCAL_RULE = 'from pathlib import Path\nPath("local-rule-ran").write_text("yes")\n'

pytestmark = pytest.mark.slow


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    return data


def _substitute(text: str, context: Mapping[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        assert m.group(1) in context, f"action.yml uses an expression the test lacks: {m[0]}"
        return context[m.group(1)]

    return EXPRESSION.sub(one, text)


class Runner:
    """Runs the action's ``run:`` steps the way a GitHub runner would."""

    def __init__(self, tmp: Path, action_path: Path, python_bin: Path) -> None:
        self.workspace = tmp / "workspace"
        self.outputs_file = tmp / "github_output"
        self.action_path = action_path
        self.python_bin = python_bin
        self.step_outputs: dict[str, dict[str, str]] = {}

    def context(self, inputs: Mapping[str, str], event: Mapping[str, str]) -> dict[str, str]:
        defaults = {k: str(v.get("default", "")) for k, v in _action()["inputs"].items()}
        values = {**defaults, **inputs}
        ctx = {f"inputs.{k}": v for k, v in values.items()}
        ctx["github.repository"] = "owner/articles"
        ctx["github.event.pull_request.head.repo.full_name"] = event.get("head_repo", "")
        for step, outputs in self.step_outputs.items():
            ctx.update({f"steps.{step}.outputs.{k}": v for k, v in outputs.items()})
        return ctx

    def run(self, step: dict[str, Any], inputs: Mapping[str, str],
            event: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        ctx = self.context(inputs, event)
        self.outputs_file.write_text("", encoding="utf-8")
        env = {**os.environ,
               "PATH": f"{self.python_bin}{os.pathsep}{os.environ['PATH']}",
               "GITHUB_ACTION_PATH": str(self.action_path),
               "GITHUB_WORKSPACE": str(self.workspace),
               "GITHUB_OUTPUT": str(self.outputs_file)}
        env.pop("GITHUB_STEP_SUMMARY", None)
        env.update({k: _substitute(str(v), ctx) for k, v in step.get("env", {}).items()})
        assert step["shell"] == "bash"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
             _substitute(step["run"], ctx)],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=300,
        )
        if "id" in step:
            lines = self.outputs_file.read_text("utf-8").splitlines()
            self.step_outputs[step["id"]] = dict(x.split("=", 1) for x in lines if "=" in x)
        return done


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    tmp = tmp_path_factory.mktemp("action")
    action_path = tmp / "action"  # the checkout of the action; pip builds in it
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".*", "tests")
    shutil.copytree(REPO, action_path, ignore=skip)
    # its own pip; factlint's dependencies come from the environment running the tests
    bin_dir = venv_over_this_environment(tmp / "venv").parent
    runner = Runner(tmp, action_path, bin_dir)
    write_corpus(runner.workspace, {
        **CONFLICT,
        ".factlint.yaml": "rules_dir: local_rules\n",
        "local_rules/extra.py": LOCAL_RULE,
    })
    (runner.workspace / ".git").mkdir()
    install = next(s for s in _steps() if "run" in s and "pip install" in s["run"])
    done = runner.run(install, {}, {})
    assert done.returncode == 0, done.stderr
    return runner


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _action()["runs"]["steps"]
    return steps


def test_action_is_a_composite_action_that_uploads_sarif() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"paths", "args", "sarif-file"} <= set(action["inputs"])
    uses = [s["uses"] for s in _steps() if "uses" in s]
    assert uses == ["github/codeql-action/upload-sarif@v3"]
    # inputs reach the scripts through env:, never pasted into the script text
    assert all("inputs." not in s.get("run", "") for s in _steps())


def test_shell_steps_run_and_fail_on_findings(runner: Runner) -> None:
    push: dict[str, str] = {}
    lint, verdict = [runner.run(s, {}, push) for s in _steps()
                     if "run" in s and "pip install" not in s["run"]]
    assert lint.returncode == 0, lint.stderr  # the run step never fails: upload comes next
    assert runner.step_outputs["run"] == {"sarif-file": "factlint.sarif", "exit-code": "1"}
    log = json.loads((runner.workspace / "factlint.sarif").read_text("utf-8"))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in log["runs"][0]["results"])
    assert uris == ["a.md", "b.md"]
    assert verdict.returncode == 1  # fail-on-findings defaults to true
    # the factlint that ran is the one the action installed, not the test's own
    factlint = shutil.which("factlint", path=str(runner.python_bin))
    assert factlint is not None and Path(factlint).parent == runner.python_bin
    assert (runner.workspace / "local-rule-ran").read_text() == "yes"  # same-repo push


def test_fork_pull_request_runs_no_local_rules(runner: Runner) -> None:
    (runner.workspace / "local-rule-ran").unlink(missing_ok=True)
    fork = {"head_repo": "stranger/articles"}
    inputs = {"paths": "a.md\nb.md\n", "sarif-file": "out dir.sarif",
              "fail-on-findings": "false"}
    lint_step, verdict_step = [s for s in _steps() if "run" in s][1:]
    lint = runner.run(lint_step, inputs, fork)
    assert lint.returncode == 0, lint.stderr
    assert not (runner.workspace / "local-rule-ran").exists()
    assert (runner.workspace / "out dir.sarif").is_file()
    assert runner.step_outputs["run"]["exit-code"] == "1"
    assert runner.run(verdict_step, inputs, fork).returncode == 0  # findings, but told not to fail
