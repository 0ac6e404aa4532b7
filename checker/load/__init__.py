"""Stage 1, load: paths in, documents out.

Which files to lint (:mod:`.discover`, :mod:`.changed`), then each file read once
(:mod:`.source`: size limit, decoding, dispatch) by the loader of its format — Markdown
(:mod:`.markdown`, front matter read by ``yaml.safe_load``), the digest format (:mod:`.digest`)
or plain text. What leaves: a :class:`factlint.model.SourceFile` holding its
:class:`factlint.model.Document` s (text segments with their metadata and offsets back into
the file) and any problems found reading it (FC901-FC905).
"""
