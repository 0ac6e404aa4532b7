"""Stage 4, frame: mentions in, claims out.

A claim says who (subject), what (measure and kind), when (period) and how much.
:mod:`.claims` frames a sentence's mentions with the statement patterns of :mod:`.patterns`,
growth statements with :mod:`.growth` and table cells with :mod:`.table`; :mod:`.modality`
says whether a statement asserts a fact, a projection or an estimate; the lexicon
(:mod:`.lexicon`, read from the YAML packs by :mod:`.packs`) names places, materials and
measure synonyms; :mod:`.reference` reads a user's reference facts the same way. What
leaves: :class:`factlint.model.Claim` s, and the mentions that stay unframed.
"""
