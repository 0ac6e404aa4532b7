"""Built-in reporters, registered as a plugin through ``factlint_reporters``."""

from __future__ import annotations

from factlint.hookspecs import Reporter, hookimpl


@hookimpl
def factlint_reporters() -> list[Reporter]:
    from factlint.reporters import (
        github_reporter,
        json_reporter,
        junit_reporter,
        sarif_reporter,
        text_reporter,
    )

    return [text_reporter.REPORTER, json_reporter.REPORTER, sarif_reporter.REPORTER,
            github_reporter.REPORTER, junit_reporter.REPORTER]
