"""The regular-expression frames: the statement patterns framing tried before the grammar.

They frame what the statement grammar (:mod:`factlint.frame.statements`) leaves: a verb
in a character window before the value, coordination, apposition, possessives, reliance
("relies on Y for N% of its M"), "whose" clauses, changes, plans, and Chinese titles through
the lexicon. :class:`PatternFrames` is mixed into :class:`factlint.frame.claims.Framer`, which
makes the claims.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from factlint.frame import multiples, names
from factlint.frame import patterns as P
from factlint.frame.context import DocContext, Frame, LazyPeriods
from factlint.frame.lexicon import Lexicon
from factlint.model import Claim, ClaimKind, Location, Mention, Sentence


class PatternFrames:
    """The pattern frames of one framer (see the module)."""

    lex: Lexicon
    locate: Callable[[int, int], Location]

    def _claim(
        self, mention: Mention, kind: ClaimKind, frame: Frame, text: str, start: int,
        end: int, stated: LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> Claim | None:
        raise NotImplementedError  # the framer makes claims

    def _subject_before(
        self, text: str, end: int, demonym: bool = False
    ) -> tuple[str, str] | None:
        """The subject whose name ends exactly at ``end``: (key, as written).

        With ``demonym``, "German" names Germany (as in "German GDP shrank").
        """
        for start, stop, name in reversed(self.lex.find_places(text[max(0, end - 80):end])):
            if stop + max(0, end - 80) == end:
                if self.lex.is_total(name):
                    return None  # "global" is whose total, never who
                return name, text[start + max(0, end - 80):end]
            break
        m = P.NAME.search(text[max(0, end - 60):end])
        if m is None:
            return None
        name = m.group().strip()
        words = name.split()
        owned = P.OWNER_BEFORE.search(text, max(0, end - 80),
                                      max(0, end - 60) + m.start()) is not None
        while words and words[0] in P.NOT_NAMES:
            owned = owned or words[0].lower() in names.OWNERS
            words.pop(0)
        if not words or words[-1] in ("and", "of", "de") or owned:
            return None  # ("its GLP-1 sales": what it sells, not who)
        name = " ".join(words)
        if demonym and name.lower() in self.lex.demonyms:
            return self.lex.demonyms[name.lower()], name
        if self.lex.demonyms.get(name.lower()) or self.lex.materials.get(name.lower()):
            return None
        place = self.lex.place(name)
        return (place or name), name

    def verb_measure_for(self, verb_measure: str, text: str, lo: int, hi: int, phrase: str,
                         topic: str) -> str:
        """``verb_measure``, or "" where the verb between ``lo`` and ``hi`` only links a share
        ("accounted for 45% of card transactions": of the transactions, as "held 38%" is) and
        the figure's own ``phrase`` names a measure without it ("70% of global cobalt" stays
        cobalt production)."""
        if verb_measure and phrase and P.SHARE_VERB.search(text, lo, hi) and \
                self.lex.measure_key(phrase, "", topic) is not None:
            return ""
        return verb_measure

    def _verb_frame(self, text: str, ms: int) -> tuple[str, str, str, int] | None:
        lo = max(0, ms - P.GAP_WINDOW)
        verbs = [w.start() for w in P.WORD.finditer(text, lo, ms)
                 if w.group().lower() in P.VERB_WORDS]
        if not verbs:
            return None  # cheap test before the regex: no verb of a frame near the value
        # the verb is the last verb word before the value (only "some", "a", "the"... may
        # follow it): match the tail there, then the short head before it
        v = verbs[-1]
        tail = P.VERB_TAIL.match(text, v, ms)
        if tail is None:
            return None
        head = P.GAP_HEAD.search(text, max(lo, v - 40), v)
        gap_start = head.start() if head is not None else v
        gap = text[gap_start:ms]
        subject = self._subject_before(text, gap_start)
        if subject is None and gap.lstrip().startswith(","):
            apposition = P.APPOSITION.search(text, max(0, gap_start - 80), gap_start)
            if apposition is not None:
                subject = self._subject_before(text, apposition.start())
        verb = P.SPACES.sub(" ", tail.group("verb").lower())
        if subject is None and verb.split()[0].endswith("ing") and gap.lstrip().startswith(","):
            subject = self._clause_subject(text, gap_start)
        if subject is None or (self._after_preposition(text, gap_start - len(subject[1]))
                               and not P.RELATIVE_GAP.match(gap)):
            return None  # ("shipments from New Mexico and Utah, accounted for 39%")
        measure = self.lex.verb_measures.get(verb, self.lex.verb_measures.get(verb.split()[0], ""))
        return subject[0], subject[1], measure, v

    # --------------------------------------------------------------- claims
    def _frame_mention(
        self, text: str, ms: int, me: int, mention: Mention, prev: Frame | None,
        stated: LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> tuple[Claim | None, Frame | None]:
        if mention.kind == "multiple":
            as_many = P.AS_MANY.match(text, me)
            if as_many is not None:  # "SwiftDrop delivers twice as many parcels as ParcelLine"
                return self._as_many(mention, as_many, text, ms, stated, ctx, sentence), None
            mention = P.multiple_as_comparison(mention, text, me) or mention
        if mention.kind == "comparison":
            share = P.share_of_possessive(mention, text, me)
            if share is None:
                return self._comparison(mention, text, ms, me, stated, ctx, sentence), None
            mention = dataclasses.replace(share, location=self.locate(share.start, share.end))
            me = share.end - (mention.start - ms)
        value = mention.value
        if mention.kind in ("comparison", "multiple"):
            return None, None
        if mention.kind != "rank" and (value is None or value.dimension in P.LEVEL_DIMS_SKIP):
            return None, None
        kind: ClaimKind
        if mention.kind == "rank":
            kind = "rank"
        elif value is not None and value.dimension in P.SHARE_DIMS:
            kind = "share"
        else:
            kind = "level"

        subject: tuple[str, str] | None = None
        verb_measure = ""
        measure_np: tuple[str, int] | None = None
        gap_prev = text[prev.end:ms] if prev is not None and prev.end <= ms else None

        if kind == "rank":
            m = P.RANK_GAP.search(text, max(0, ms - P.WINDOW), ms)
            if m is not None:
                before = text[:m.start("gap")]
                if not before.endswith(("'s", "’s")):
                    subject = self._subject_before(text, m.start("gap"))
                if subject is None and P.BEING_AS.match(m.group("gap")):
                    subject = self._clause_subject(text, m.start("gap"))
                at = text.rfind(subject[1], 0, m.start("gap") + 1) if subject else -1
                if at > 0 and P.PASSING.search(text, max(0, at - 24), at):
                    return None, None  # "overtaking Vietnam as the third-largest": passed
            np_match = P.RANK_NP.match(text[me:])
            if subject is None or np_match is None:
                return None, None
            words = []
            for w in np_match.group("np").split():
                if w in P.NP_STOP or w in ("globally", "worldwide"):
                    break
                words.append(w)
            end = me + len(text[me:]) - len(text[me:].lstrip())
            for w in words:
                end = text.index(w, end) + len(w)
            if not words:
                if P.WITH_END.match(text[me:me + 8] + " ") or P.WITH_NEXT.match(text[me:]):
                    return None, Frame(subject[0], subject[1], "", "", "", me, mention)
                return None, None
            last = words[-1]
            agent = self.lex.agent_nouns.get(last)
            phrase = " ".join(words[:-1]) if agent else " ".join(words)
            key = self.lex.measure_key(phrase, agent or "", ctx.topic)
            if key is None:
                return None, None
            frame = Frame(subject[0], subject[1], agent or "", key, " ".join(words), end)
            return self._claim(mention, kind, frame, text, ms, end, stated, ctx, sentence), frame

        if kind == "share" and not stated.ascii and P.CJK.search(text[max(0, ms - 20):ms]):
            zh = self._zh_frame(text, ms, ctx)
            if zh is None:
                return None, None
            return self._claim(mention, kind, zh, text, zh.end, me, stated, ctx, sentence), zh

        # subject: verb pattern, reliance, coordination, apposition, possessive
        claim_start = ms  # the claim's text starts at its verb when it has one
        reliance = P.RELIANCE.search(text, max(0, ms - P.WINDOW), ms) if kind == "share" else None
        verb = self._verb_frame(text, ms)
        if reliance is not None:
            src = self.lex.place(reliance.group("src")) or reliance.group("src").strip()
            subject = self._subject_before_verb(text, reliance.start())
            np = P.measure_np(text, me)
            if subject is None or np is None:
                return None, None
            phrase = P.ITS_THEIR_START.sub("", np[0])
            key = self.lex.measure_key(phrase, "", ctx.topic)
            if key is None:
                return None, None
            frame = Frame(subject[0], subject[1], "", f"{key} from {src}", np[0], np[1])
            return self._claim(mention, kind, frame, text, ms, np[1], stated, ctx,
                               sentence), frame
        if verb is not None:
            subject = (verb[0], verb[1])
            verb_measure = verb[2]
            claim_start = verb[3]
        elif prev is not None and prev.pending_rank is not None and gap_prev is not None:
            if P.WITH_GAP.match(gap_prev):
                subject = (prev.subject, prev.subject_text)
        elif prev is not None and gap_prev is not None:
            coord = P.COORD_GAP.match(gap_prev)
            if coord is not None and kind == "share":
                subject = (prev.subject, prev.subject_text)
                v = coord.group("verb")
                if v:
                    claim_start = prev.end + coord.start("verb")
                verb_measure = (self.lex.verb_measures.get(v.split()[0].lower(), "")
                                if v else prev.verb_measure)
            elif P.AT_GAP.match(gap_prev) and kind == "level":
                frame = Frame(prev.subject, prev.subject_text, prev.verb_measure,
                               prev.measure, prev.measure_text, me)
                return self._claim(mention, kind, frame, text, ms, me, stated, ctx,
                                   sentence), frame
        if subject is None and value is not None:
            change = self._change_frame(text, ms, me, mention, ctx)
            if change is not None:
                frame, changed, start = change
                return self._claim(changed, "change", frame, text, start, me, stated, ctx,
                                   sentence), frame
        if subject is None:
            whose = self._whose_frame(text, ms, me, ctx)
            if whose is not None:
                return self._claim(mention, kind, whose, text, ms, me, stated, ctx,
                                   sentence), whose
        if subject is None and kind == "level":
            action = self._action_frame(text, ms, me, ctx)
            if action is not None:
                return self._claim(mention, kind, action, text, ms, action.end, stated, ctx,
                                   sentence), action
        if subject is None:
            poss = P.POSSESSIVE.search(text, max(0, ms - P.WINDOW), ms)
            if poss is not None:
                subj = self._subject_before(text, poss.start())
                if subj is not None and self._after_preposition(text,
                                                                poss.start() - len(subj[1])):
                    subj = None
                np_text = P.SHARE_OF_START.sub("", poss.group("np"))
                key = self.lex.measure_key(np_text, "", ctx.topic)
                if subj is not None and key is not None:
                    frame = Frame(subj[0], subj[1], "", key, poss.group("np"), me)
                    return self._claim(mention, kind, frame, text, poss.start() - len(subj[1]),
                                       me, stated, ctx, sentence), frame
        if subject is None:
            return None, None
        measure_np = P.measure_np(text, me)
        if measure_np is None and kind == "level" and verb_measure:
            # "Shanghai handled 51.5 million TEU in 2024": the verb names the measure
            key = self.lex.measure_key("", verb_measure, ctx.topic)
            if key is None:
                return None, None
            frame = Frame(subject[0], subject[1], verb_measure, key, verb_measure, me)
            return self._claim(mention, kind, frame, text, claim_start, me, stated, ctx,
                               sentence), frame
        if measure_np is None:
            return None, None
        phrase = measure_np[0]
        if P.ITS_THEIR.match(phrase):
            if " from " not in phrase:
                return None, None  # a share of the subject's own total: not comparable here
            phrase = phrase.split(None, 1)[1]  # "52% of its electricity from renewables"
        verb_measure = self.verb_measure_for(verb_measure, text, max(0, claim_start - 2), ms,
                                             phrase, ctx.topic)
        key = self.lex.measure_key(phrase, verb_measure, ctx.topic)
        if key is None:
            return None, None
        key += self._scope(text, ms, subject[0], stated)
        frame = Frame(subject[0], subject[1], verb_measure, key, phrase, measure_np[1])
        if prev is not None and prev.pending_rank is not None and prev.subject == subject[0]:
            frame.pending_rank = prev.pending_rank  # frame_sentence adds the rank claim
        return self._claim(mention, kind, frame, text, claim_start, measure_np[1], stated, ctx,
                           sentence), frame

    def _comparison(
        self, mention: Mention, text: str, ms: int, me: int, stated: LazyPeriods,
        ctx: DocContext, sentence: Sentence,
    ) -> Claim | None:
        """``India's refining capacity is less than one-tenth of China's``: a comparison claim.

        Its subject and measure are those of the compared figure; the other side is in
        ``mention.comparison.target_text``. FC302 checks it against the stated values.
        """
        comp = mention.comparison
        if comp is None or not comp.target_text:
            return None
        m = P.COMPARED.search(text, max(0, ms - P.WINDOW), ms)
        if m is None:
            return None
        subject = self._subject_before(text, m.start())
        if subject is None or self._after_preposition(text, m.start() - len(subject[1])):
            return None
        key = self.lex.measure_key(m.group("np"), "", ctx.topic)
        if key is None:
            return None
        target = P.TARGET.match(text, me)
        end = target.end() if target is not None else me
        frame = Frame(subject[0], subject[1], "", key, m.group("np"), end)
        return self._claim(mention, "rate", frame, text, m.start() - len(subject[1]), end,
                           stated, ctx, sentence)  # a ratio of two subjects' figures

    def _as_many(
        self, mention: Mention, as_many: re.Match[str], text: str, ms: int,
        stated: LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> Claim | None:
        """``SwiftDrop delivers twice as many parcels as ParcelLine``: a comparison claim (a
        rate) of the subject before the verb, the measure the counted noun and the verb make
        ("parcel delivery"), against the named other side; FC302 weighs both sides' figures.
        """
        verb = P.VERB_BEFORE.search(text, max(0, ms - 30), ms)
        if verb is None or mention.value is None:
            return None
        end = len(text[:verb.start()].rstrip())
        subject = self._subject_before(text, end)
        if subject is None or self._after_preposition(text, end - len(subject[1])):
            return None
        word = verb.group("verb").lower()
        verb_measure = self.lex.verb_measures.get(word, "")
        key = self.lex.measure_key(as_many.group("np"), verb_measure, ctx.topic)
        target = as_many.group("target").rstrip(".")
        target = self.lex.place(target) or names.clean_name(target, self.lex)
        if key is None or not target or target.casefold() == subject[0].casefold():
            return None
        mention = dataclasses.replace(mention, kind="comparison",
                                      comparison=multiples.comparison_with(mention, target))
        frame = Frame(subject[0], subject[1], word, key, as_many.group("np"), as_many.end(),
                      shape="comparison_as_many")
        return self._claim(mention, "rate", frame, text, end - len(subject[1]),
                           as_many.end(), stated, ctx, sentence)

    def _owner_scope(self, text: str, ms: int, subject: str) -> str:
        """`` in <place>`` when a place owns the figure at ``ms`` ("Africa's largest")."""
        owner = P.PLACE_OWNS.search(text, max(0, ms - 40), ms)
        place = self.lex.place(owner.group("place")) if owner is not None else None
        if place is not None and place != subject and not self.lex.is_total(place):
            return f" in {place}"
        return ""

    def _scope(self, text: str, ms: int, subject: str, stated: LazyPeriods) -> str:
        """`` in <place>`` when the clause says whose total it is ("In Europe, X holds 30%")."""
        lo, _ = stated.bounds(ms, ms)
        for m in P.SCOPE.finditer(text, max(lo, ms - P.WINDOW), ms):
            place = self.lex.place(m.group("place"))
            if place is not None and place != subject and not self.lex.is_total(place):
                return f" in {place}"
        return ""

    @staticmethod
    def _after_preposition(text: str, start: int) -> bool:
        """A name right after "of", "to", "from"... is not the subject of the clause."""
        return P.PREPOSITION_BEFORE.search(text, max(0, start - 20), start) is not None

    def _whose_frame(self, text: str, ms: int, me: int, ctx: DocContext) -> Frame | None:
        """``Italy, whose M was N`` / ``In France, where the M was N`` / ``X cut its M to N``."""
        lo = max(0, ms - P.WINDOW)
        m = P.WHOSE.search(text, lo, ms)
        if m is not None:
            before = text[max(0, m.start() - 80):m.start()]
            where = P.IN_PLACE_END.search(before)
            subject = (self._subject_before(text, m.start()) if where is None else
                       (self.lex.place(where.group("place")) and
                        (self.lex.place(where.group("place")) or "", where.group("place"))))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject and key is not None:
                return Frame(subject[0], subject[1], "", key, m.group("np"), me)
        m = P.SET_TO.search(text, max(0, ms - P.GAP_WINDOW), ms)
        if m is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject is not None and key is not None:
                return Frame(subject[0], subject[1], "", key, m.group("np"), me)
        return None

    def _change_frame(
        self, text: str, ms: int, me: int, mention: Mention, ctx: DocContext
    ) -> tuple[Frame, Mention, int] | None:
        """``<S>'s <M> rose 7%`` / ``<S> <M> fell by 2 million tons``: a change, signed."""
        lo = max(0, ms - P.GAP_WINDOW)
        if P.VERB_CHANGE_WORDS.isdisjoint(text[lo:ms].lower().split()):
            return None
        m = P.CHANGE.search(text, lo, ms)
        if m is None:
            return None
        subject = self._subject_before(text, m.start("gap"), demonym=m.group("poss") is None)
        if subject is None or self._after_preposition(text, m.start("gap") - len(subject[1])):
            return None  # "the US share of China's imports fell": China is not the subject
        if m.group("np").split()[0].lower() in P.NP_STOP | {"of"}:
            return None  # "Exports of cobalt from Zambia rose": "Exports" is not a name
        key = self.lex.measure_key(m.group("np"), "", ctx.topic)
        if key is None:
            return None
        return (Frame(subject[0], subject[1], "", key, m.group("np"), me),
                P.signed(mention, P.FALL_RE.match(m.group("verb")) is not None),
                m.start("gap") - len(subject[1]))

    def _action_frame(self, text: str, ms: int, me: int, ctx: DocContext) -> Frame | None:
        """``<S> plans capital spending of <value>`` / ``<S> will spend <value> on <M>``."""
        lo = max(0, ms - P.WINDOW)
        m = P.ACTION.search(text, lo, ms)
        if m is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject is not None and key is not None:
                return Frame(subject[0], subject[1], "", key, m.group("np"), me)
        m = P.SPEND.search(text, lo, ms)
        on = P.measure_np(text, me, P.ON_NP)
        if m is not None and on is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(on[0], "", ctx.topic)
            if subject is not None and key is not None:
                return Frame(subject[0], subject[1], "", key, on[0], on[1])
        return None

    def _zh_frame(self, text: str, ms: int, ctx: DocContext) -> Frame | None:
        """``<地名><材料><量词>占全球<value>``: subject and measure only through the lexicon."""
        m = P.ZH_SHARE.search(text, max(0, ms - 40), ms)
        if m is None:
            return None
        head = m.group("head")
        for zh in sorted(self.lex.place_zh, key=len, reverse=True):
            idx = head.rfind(zh)
            if idx < 0:
                continue
            rest = head[idx + len(zh):]
            material = next((mat for mz, mat in self.lex.material_zh.items()
                             if rest.startswith(mz)), "")
            rest_measure = rest[len(next((mz for mz in self.lex.material_zh
                                          if rest.startswith(mz)), "")):]
            measure = self.lex.zh_measures.get(rest_measure)
            if measure is None:
                return None
            key = self.lex.measure_key(measure, "", material or ctx.topic)
            if key is None:
                return None
            start = m.start("head") + idx
            return Frame(self.lex.place_zh[zh], zh, "", key, rest, start, shape="zh_title")
        return None

    def _subject_before_verb(self, text: str, pos: int) -> tuple[str, str] | None:
        """The subject of a reliance phrase: the last place or name before it in the clause."""
        left = text[max(0, pos - P.WINDOW):pos]
        places = [p for p in self.lex.find_places(left) if not self.lex.is_total(p[2])]
        if places:
            return places[-1][2], left[places[-1][0]:places[-1][1]]
        return None

    def _clause_subject(self, text: str, pos: int) -> tuple[str, str] | None:
        """The subject of the finite verb a participle (", controlling ...") attaches to.

        The last ``<Subject> <verb>`` before ``pos`` in the sentence, where the verb is a
        finite verb (``dominates``, ``holds``, ``plays``); None if there is none.
        """
        best: tuple[str, str] | None = None
        for m in P.FINITE.finditer(text, max(0, pos - P.WINDOW), pos):
            subject = self._subject_before(text, m.start())
            if subject is not None:
                best = subject
        return best
