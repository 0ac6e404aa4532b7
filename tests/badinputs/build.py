"""Build the corpus of bad inputs in a fresh folder.

The files of this folder that git can keep as they are (broken front matter, an impossible
date, empty files, a name with spaces and non-ASCII characters) are copied; the rest are
written here because a repository cannot hold them as-is: binary content, invalid UTF-8,
UTF-16, a UTF-8 byte-order mark, CRLF line endings (git may normalise them), symlink loops,
deep nesting and a file over the size limit.

``CASES`` says, for every file, what a user sees: the code and the start of the message of
the finding it gives (``None``: it lints without a finding of its own).
"""

from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The size limit the corpus's config sets, so the over-size case stays small.
MAX_BYTES = 50_000

#: The conflicting pair every decodable case repeats: a value of 52% against "about 70%".
BODY = "The DRC accounts for 52% of global cobalt mining.\n"
OTHER = "The DRC accounts for about 70% of global cobalt mining.\n"
FRONT = "---\ntitle: Cobalt\ndate: 2024-05-01\n---\n\n"
#: The text before the one bad byte of ``mostly_text_bad_byte.txt`` (all ASCII).
BAD_BYTE_PREFIX = "Cobalt\n\n" + BODY
BAD_BYTE_AT = len(BAD_BYTE_PREFIX)

#: file name -> (code, message start) of the finding it gives, or None.
CASES: dict[str, tuple[str, str] | None] = {
    "broken_front_matter.md": ("FC904", "front matter does not parse: expected ',' or ']'"),
    "impossible_date.md": ("FC904", "front matter does not parse: month must be in 1..12"),
    "empty.md": None,
    "empty.txt": None,
    "name with spaces é 稀土.md": None,
    "binary.md": ("FC901", "not a text document (NUL byte at offset 4); skipped"),
    "mostly_text_bad_byte.txt": ("FC901", f"invalid UTF-8 at byte offset {BAD_BYTE_AT}; "
                                          "decoded with replacement"),
    "garbage_bytes.txt": ("FC901", "invalid UTF-8 at byte offset 0; skipped"),
    "bom_utf8.md": None,
    "utf16_le.txt": None,
    "utf16_be.txt": None,
    "crlf.md": None,
    "deep_list.md": None,
    "deep_quote.md": None,
    "deep_brackets.md": None,
    "too_large.txt": ("FC903", f"file is {MAX_BYTES + 1} bytes, over the limit of "
                               f"{MAX_BYTES}; skipped"),
    "loop_a.md": ("FC905", "cannot read file: Too many levels of symbolic links"),
    "loop_b.md": ("FC905", "cannot read file: Too many levels of symbolic links"),
}

#: Cases whose claim must still be read (and conflict with the others): their body is BODY.
LINTED = ("broken_front_matter.md", "impossible_date.md", "mostly_text_bad_byte.txt",
          "bom_utf8.md", "utf16_le.txt", "utf16_be.txt", "crlf.md")

COMMITTED = ("broken_front_matter.md", "impossible_date.md", "empty.md", "empty.txt",
             "name with spaces é 稀土.md")


def build_bad_corpus(dest: Path) -> Path:
    """Write the bad-input corpus into ``dest`` (a git root with a config) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / ".git").mkdir(exist_ok=True)
    (dest / ".factlint.yaml").write_text(f"max_bytes: {MAX_BYTES}\n", encoding="utf-8")
    for name in COMMITTED:
        shutil.copyfile(HERE / name, dest / name)
    files: dict[str, bytes] = {
        "binary.md": b"PK\x03\x04\x00\x00\x08\x00" + BODY.encode() + bytes(range(256)),
        "mostly_text_bad_byte.txt": BAD_BYTE_PREFIX.encode() + b"\xff" + b" More words." * 20,
        "garbage_bytes.txt": bytes(range(128, 256)) * 4,
        "bom_utf8.md": codecs.BOM_UTF8 + (FRONT + BODY).encode(),
        "utf16_le.txt": codecs.BOM_UTF16_LE + ("Cobalt\n\n" + BODY).encode("utf-16-le"),
        "utf16_be.txt": codecs.BOM_UTF16_BE + ("Cobalt\n\n" + BODY).encode("utf-16-be"),
        "crlf.md": (FRONT + BODY).replace("\n", "\r\n").encode(),
        "deep_list.md": ("- " * 3000 + "item 5%\n").encode(),
        "deep_quote.md": ("> " * 3000 + "item 5%\n").encode(),
        "deep_brackets.md": ("[" * 3000 + "item 5%" + "]" * 3000 + "\n").encode(),
        "too_large.txt": b"a" * (MAX_BYTES + 1),
    }
    for name, data in files.items():
        (dest / name).write_bytes(data)
    (dest / "other.md").write_text(FRONT + OTHER, encoding="utf-8")
    os.symlink("loop_b.md", dest / "loop_a.md")
    os.symlink("loop_a.md", dest / "loop_b.md")
    return dest
