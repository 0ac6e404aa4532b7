"""A loader or framing bug in one file is named (FC999) and the rest of the run completes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

DATED = "---\ndate: 2024-05-01\n---\n\n"


def _boom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file boom.md whose framing raises (a simulated framing bug)."""
    from factlint.frame import claims as frame

    (tmp_path / "boom.md").write_text(DATED + "Boom holds 10% of global cobalt refining.\n")
    original = frame.Framer.frame_sentence

    def explode(self: frame.Framer, sentence: object, ctx: frame.DocContext) -> object:
        if ctx.doc.path == "boom.md":
            raise ValueError("simulated framing bug")
        return original(self, sentence, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(frame.Framer, "frame_sentence", explode)


def test_a_file_whose_framing_raises_is_fc999_and_the_others_are_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.md").write_text(DATED + "China accounts for 69% of global cobalt refining.\n")
    (tmp_path / "b.md").write_text(DATED + "China accounts for 40% of global cobalt refining.\n")
    _boom(tmp_path, monkeypatch)
    code, out, err = run_cli([".", "--no-cache"], tmp_path)
    assert code == 3, (out, err)
    assert "boom.md:1:1: FC999 internal error while reading this file: ValueError: " \
           "simulated framing bug" in out
    assert "a.md:5:" in out and "b.md:5:" in out and "FC101" in out  # the rest ran
    assert "Traceback" not in err


def test_claims_names_a_file_whose_framing_raises_and_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``factlint claims`` lists the other files' claims, names the broken file on stderr
    and exits 3: a framing bug (or a grammar that no longer builds) is never a silent
    "0 mentions"."""
    (tmp_path / "a.md").write_text(DATED + "China accounts for 69% of global cobalt refining.\n")
    _boom(tmp_path, monkeypatch)
    code, out, err = run_cli(["claims", ".", "--no-cache"], tmp_path)
    assert code == 3, (out, err)
    assert "boom.md:1:1: FC999 internal error while reading this file: ValueError: " \
           "simulated framing bug" in err
    assert "a.md:5:" in out and "China" in out  # the rest was listed
    assert "Traceback" not in err


def test_claims_of_a_sound_corpus_exit_0_with_nothing_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DATED + "China accounts for 69% of global cobalt refining.\n")
    code, out, err = run_cli(["claims", ".", "--no-cache"], tmp_path)
    assert code == 0 and "China" in out and not err.strip(), (out, err)
