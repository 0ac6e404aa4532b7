"""Stages 2 and 3, segment and parse: a document's segments in, mentions out.

:mod:`.segment` splits a segment into sentences. :mod:`.anchors` finds where a quantity can
start, :mod:`.tokens` tokenizes from there, :mod:`.lalr` runs the quantity grammar
(``grammar/quantity.lark``) and :mod:`.transform` turns its trees into values: numbers
(:mod:`.numbers`), units (:mod:`.units`, one pint registry), ranges, ranks, comparisons and
multiples. :mod:`.mentions` drives it for a sentence; :mod:`.context` reads what the words
around a figure change in it (a minus sign, points that move a percent). What leaves: the
sentence's :class:`factlint.model.Mention` s, each a value interval with its unit and
position — not yet a claim — and, apart from them, its counts in words (:mod:`.counts`:
"eight changes"), which are listed but never framed.
"""
