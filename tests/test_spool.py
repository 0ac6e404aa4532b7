"""The report spool: what is written comes out unchanged, in memory or past its limit in a
temporary file, to standard output or to a file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from factlint.model import Settings
from factlint.report import json_reporter, sarif_reporter, text_reporter
from factlint.run.engine import run
from factlint.run.plugins import load_plugins
from factlint.run.spool import Spool, deliver

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ODD = ["plain ascii\n", "caf\u00e9 \u2013 \u65e5\u672c\n", "crlf\r\n", "lone\r", "\ud800x",
       "", "\U0001f600 end"]


@pytest.mark.parametrize("limit", [0, 5, 10_000])
def test_what_is_written_comes_out_unchanged(limit: int) -> None:
    spool = Spool(limit)
    for part in ODD * 50:
        assert spool.write(part) == len(part)
    out = io.StringIO()
    spool.copy_to(out)
    assert out.getvalue() == "".join(ODD * 50) == spool.getvalue()
    spool.write("more")
    assert spool.getvalue() == "".join(ODD * 50) + "more"
    spool.close()


def test_only_text_is_accepted() -> None:
    with pytest.raises(TypeError):
        Spool().write(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [0, 10_000_000])
def test_delivered_file_has_the_bytes_write_text_writes(tmp_path: Path, limit: int) -> None:
    text = "".join(p for p in ODD if "\ud800" not in p) * 100
    spool = Spool(limit)
    spool.write(text)
    deliver(spool, tmp_path / "spooled.txt", io.StringIO())
    (tmp_path / "direct.txt").write_text(text, encoding="utf-8")
    assert (tmp_path / "spooled.txt").read_bytes() == (tmp_path / "direct.txt").read_bytes()


def test_a_report_past_the_limit_is_the_report_kept_in_memory() -> None:
    result = run([SEEDS], Settings(), SEEDS.parent, load_plugins(entry_points=False),
                 with_sentences=False)
    assert result.findings
    for reporter in (json_reporter, sarif_reporter, text_reporter):
        expected = io.StringIO()
        reporter.write(list(result.findings), result.stats, expected)
        spool = Spool(1000)  # far smaller than the report: it goes to a temporary file
        reporter.write(list(result.findings), result.stats, spool)
        shown = io.StringIO()
        deliver(spool, None, shown)
        assert shown.getvalue() == expected.getvalue()
