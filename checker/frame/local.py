"""Keys of figures checked inside their own sentence only.

A statement that names no subject ("Storage grew from 120 GWh in 2023 to 900 GWh in 2030, a
CAGR of 19%"), and the arithmetic between the figures of one sentence
(:mod:`factlint.frame.arithmetic`), are framed under a measure key of that sentence alone:
``"<measure> [<digest>]"``, the digest of the file's path and the sentence's normalised
text. Such a claim is compared with the figures of its own sentence (and, for a share, with
a total its own document states) and never across sentences or documents; FC101 and FC201
skip it. The digest does not depend on line numbers, so fingerprints survive moved lines.
"""

from __future__ import annotations

import hashlib
import re

#: the subject of a figure whose statement names none
NO_SUBJECT = "(no subject)"
_LOCAL = re.compile(r"^(?P<base>.*) \[[0-9a-f]{8}\]$")


def local_key(label: str, path: str, text: str) -> str:
    """A measure key of one sentence of one file: ``"nickel production [1a2b3c4d]"``."""
    digest = hashlib.sha256(f"{path}\x1f{' '.join(text.split())}".encode()).hexdigest()[:8]
    return f"{label} [{digest}]"


def local_base(measure: str) -> str | None:
    """The measure a sentence's own key names (``"nickel production"``), None if not one."""
    m = _LOCAL.match(measure)
    return m.group("base") if m else None
