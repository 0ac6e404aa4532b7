"""Stage 4, frame: mentions in, claims out.

A claim says who (subject), what (measure and kind), when (period) and how much.
:mod:`.claims` frames a sentence: growth statements with :mod:`.growth`, then the statement
grammar - :mod:`.chunks` turns the sentence into typed chunks, :mod:`.statements` parses them
with ``grammar/statement.lark`` - then the regular-expression frames of
:mod:`.pattern_frames` (built on :mod:`.patterns`) for what the grammar left; table cells are
framed by :mod:`.table`. :mod:`.modality` says whether a statement asserts a fact, a
projection or an estimate; the lexicon (:mod:`.lexicon`, read from the YAML packs by
:mod:`.packs`) names places, materials, measure synonyms and the statement vocabulary;
:mod:`.reference` reads a user's reference facts the same way. What leaves:
:class:`factlint.model.Claim` s, and the mentions that stay unframed with the reason.
"""
