"""Files changed since a git revision: what ``--changed-since REV`` lints (the CI gate).

``git diff --name-status -z --find-renames REV`` compares the revision with the working
tree; untracked files that git does not ignore count as added. A renamed file is its new
path (changed) and its old path (gone); a deleted file is gone. Gone paths leave the claim
cache; the index never sees them because they are not on disk.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from factlint.errors import UsageError


@dataclass(frozen=True)
class Changes:
    """Paths relative to the git root, with ``/``."""

    changed: tuple[str, ...]  # added, modified, copied, renamed (new path), untracked
    gone: tuple[str, ...]  # deleted, renamed (old path)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"--changed-since needs git: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"--changed-since: git {' '.join(args[:2])} failed: "
                         f"{message[-1] if message else 'exit ' + str(done.returncode)}")
    return done.stdout.decode("utf-8", "surrogateescape")


def git_root(cwd: Path) -> Path:
    """The top folder of the git work tree holding ``cwd`` (UsageError outside one)."""
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())


def changed_since(rev: str, cwd: Path) -> tuple[Path, Changes]:
    """The git root and the files changed since ``rev`` in the work tree holding ``cwd``."""
    if rev.startswith("-"):
        raise UsageError(f"--changed-since: {rev!r} is not a revision")
    top = git_root(cwd)
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    fields = _git(["diff", "--name-status", "-z", "--find-renames", "--no-ext-diff",
                   rev, "--"], top).split("\0")
    changed: list[str] = []
    gone: list[str] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status[0] in "RC":  # two paths follow: old, new
            old, new = fields[i + 1], fields[i + 2]
            if status[0] == "R":
                gone.append(old)
            changed.append(new)
            i += 3
            continue
        path = fields[i + 1]
        (gone if status[0] == "D" else changed).append(path)
        i += 2
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    changed.extend(p for p in untracked if p)
    return top, Changes(tuple(sorted(set(changed))), tuple(sorted(set(gone))))
