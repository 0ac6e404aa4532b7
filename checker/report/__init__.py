"""Stage 7, report: findings in, text out.

The built-in output formats — text, json, sarif, github, junit, html — each a module (html a
subpackage) registered as a plugin through ``factlint_reporters`` (a third-party format
registers the same way), plus the listing of ``factlint claims`` (:mod:`.claims`). A reporter
receives the findings and the run's stats (and, since plugin API 0.4, the claims of the keys
that have findings) and writes to the stream it is given; nothing else in factlint prints.
"""

from __future__ import annotations

from factlint.hookspecs import Reporter, hookimpl


@hookimpl
def factlint_reporters() -> list[Reporter]:
    from factlint.report import (
        github_reporter,
        html,
        json_reporter,
        junit_reporter,
        sarif_reporter,
        text_reporter,
    )

    return [text_reporter.REPORTER, json_reporter.REPORTER, sarif_reporter.REPORTER,
            github_reporter.REPORTER, junit_reporter.REPORTER, html.REPORTER]
