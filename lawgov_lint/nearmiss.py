"""One-edit near-misses of a list of terms in a text (the lexer under T001, T002 and T004).

:class:`NearMissFinder` finds a character dropped, doubled, two neighbours swapped, or one replaced
by a sound-alike (same pinyin, via pypinyin) or a look-alike. Candidates are found by exact anchors
(the term's head and tail), all of a finder's terms in one pass of an Aho-Corasick automaton
(pyahocorasick) over the text, so a clean report costs one pass per block; each candidate window
that could be a slip is then judged (edit kind, position, dictionary words and token boundaries
through jieba, evidence in the report). The jieba dictionary is the run's (the packs given to the
finder), so that one run's extra ``[dictionary] words`` never reach another's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .i18n import Msg, msg
from .segment import is_word, tokens
from .segment import pinyin_readings as readings
from .spans import is_han




def sound_alike(a: str, b: str) -> bool:
    """True when two Han characters share a toneless pinyin reading (IME slips: 建/健, 察/查)."""
    return a != b and bool(readings(a) & readings(b))


def look_alikes(pack: dict) -> dict[str, set[str]]:
    """Look-alike character → its look-alikes, from terms.toml [near_miss] look_alikes."""
    look: dict[str, set[str]] = {}
    for group in pack.get("near_miss", {}).get("look_alikes", []):
        for ch in group:
            look.setdefault(ch, set()).update(c for c in group if c != ch)
    return look


def aligned(text: str, a: int, b: int, packs: Any = None) -> bool:
    """True when jieba's token boundaries (the run's dictionary) around ``text[a:b]`` fall at ``a`` and ``b``."""
    lo = max(0, a - 12)
    hi = min(len(text), b + 12)
    cuts = set()
    for _, s, e in tokens(text[lo:hi], packs):
        cuts.add(lo + s)
        cuts.add(lo + e)
    return a in cuts and b in cuts


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A one-edit near-miss of ``term`` at ``text[start:end]``.

    ``kind`` is "dropped", "doubled", "swapped", "sound-alike" or "look-alike"; ``index`` the position
    in the term where the edit happened; ``found`` the text as written.
    """

    start: int
    end: int
    term: str
    kind: str
    index: int
    found: str

    def describe(self) -> Msg:
        """The edit as a catalogue message (``nearmiss.<kind>``, rules/messages.tpf.toml)."""
        t, i = self.term, self.index
        if self.kind == "dropped":
            return msg("nearmiss.dropped", term=t, char=t[i])
        if self.kind == "doubled":
            return msg("nearmiss.doubled", term=t)
        if self.kind == "swapped":
            return msg("nearmiss.swapped", term=t, pair=t[i:i + 2])
        return msg(f"nearmiss.{self.kind}", term=t, char=t[i], found=self.found[i])


def classify(term: str, w: str) -> tuple[str, int] | None:
    """The single edit turning ``term`` into ``w``: ``(kind, index)`` with kind "sub", "swapped",
    "dropped" or "added", or None."""
    m, n = len(term), len(w)
    if n == m:
        diffs = [i for i in range(m) if term[i] != w[i]]
        if len(diffs) == 1:
            return "sub", diffs[0]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i = diffs[0]
            if term[i] == w[i + 1] and term[i + 1] == w[i]:
                return "swapped", i
        return None
    if n == m - 1:
        i = next((k for k in range(n) if term[k] != w[k]), n)
        if term[:i] + term[i + 1:] == w:
            return "dropped", i
        return None
    if n == m + 1:
        i = next((k for k in range(m) if term[k] != w[k]), m)
        if w[:i] + w[i + 1:] == term:
            return "added", i
    return None


@dataclass(slots=True)
class NearMissFinder:
    """Finds one-edit near-misses of ``terms`` (see module doc); settings from terms.toml [near_miss].

    ``known`` are strings never reported (the terms themselves and the pack's ``valid`` words);
    ``packs`` are the run's packs, whose ``[dictionary] words`` the jieba dictionary checks use
    (None: the built-in dictionary only).
    """

    terms: list[str]
    settings: dict
    known: set[str] = field(default_factory=set)
    look: dict[str, set[str]] = field(default_factory=dict)
    packs: Any = None
    _index: Any = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_pack(cls, terms: Iterable[str], pack: dict, extra_known: Iterable[str] = (),
                  packs: Any = None) -> "NearMissFinder":
        """A finder of ``terms`` with the settings of ``pack`` (terms.toml: [near_miss], ``valid``,
        the ``terms`` groups, whose words are never reported), for a run with ``packs``."""
        settings = dict(pack.get("near_miss", {}))
        words = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
        known = set(words) | set(pack.get("valid", [])) | set(extra_known)
        for group in pack.get("terms", []):
            known.update(group.get("words", []))
        return cls(words, settings, known, look_alikes(pack), packs)

    def _s(self, key: str, default):
        return self.settings.get(key, default)

    def _substitution_ok(self, term: str, w: str, i: int, evidence: Callable[[str], bool]) -> str | None:
        """The kind of a one-character replacement worth reporting ("sound-alike", "look-alike"), or None."""
        old, new = term[i], w[i]
        if not is_han(new) or not is_han(old):
            return None
        if new in self._s("particles", ""):
            return None
        pairs = self._s("ambiguous_pairs", [])
        if any(old in p and new in p for p in pairs):
            return None
        m = len(term)
        if m < self._s("min_length_anywhere", 6) and i == 0:
            return None  # a short term with another first character is another word (航政执法)
        if m < self._s("evidence_below", 6) and not evidence(term):
            return None
        if new in self.look.get(old, ()):
            kind = "look-alike"
        elif sound_alike(old, new):  # pypinyin is loaded only when a candidate gets this far
            kind = "sound-alike"
        else:
            return None
        if m < self._s("dictionary_check_below", 8):
            # a replacement forming another dictionary word is a whole-word confusion: [[confusions]]
            for s in (i - 1, i):
                if s >= 0 and s + 2 <= len(w):
                    big = w[s:s + 2]
                    if big != term[s:s + 2] and is_word(big, self.packs):
                        return None
        return kind

    def _covered_by_known(self, text: str, a: int, b: int, w: str) -> bool:
        """True when ``text[a:b]`` lies inside an occurrence of a known (correct) longer word."""
        lo, hi = max(0, a - 24), min(len(text), b + 24)
        ctx = text[lo:hi]
        for kw in self.known:
            if len(kw) <= len(w) or w not in kw:
                continue
            pos = ctx.find(kw)
            while pos >= 0:
                if lo + pos <= a and b <= lo + pos + len(kw):
                    return True
                pos = ctx.find(kw, pos + 1)
        return False

    def _anchors(self) -> Any:
        """The scan plan, built on first use: an Aho-Corasick automaton (pyahocorasick) of the distinct
        anchors (terms sharing one, 法治 …, share it), each with ``(len(anchor) - 1, head groups, tail
        groups)``, its users grouped by where their windows fall; None when no term is long enough.

        A term of at least ``min_length`` characters is found by its head, its first k characters
        (the windows start at the hit), and its tail, its last k characters (the windows end k
        characters after the hit), k = max(2, (m - 1) // 2). A head group is ``(m, last characters,
        first m - 2 characters, users)``, a tail group ``(k, m, first characters, last m - 2
        characters, users)``; a user is ``(term index, term, ends)``, ``ends`` the term's first and
        last characters and its forms with either end replaced or swapped (see :meth:`_windows`)."""
        if self._index is None:
            min_len = self._s("min_length", 4)
            heads: dict[str, dict[int, list]] = {}
            tails: dict[str, dict[tuple[int, int], list]] = {}
            for idx, term in enumerate(self.terms):
                m = len(term)
                if m < min_len:
                    continue
                k = max(2, (m - 1) // 2)
                user = (idx, term, (term[0], term[-1], term[:-1], term[1:], term[1] + term[0] + term[2:],
                                    term[:-2] + term[-1] + term[-2]))
                heads.setdefault(term[:k], {}).setdefault(m, []).append(user)
                tails.setdefault(term[m - k:], {}).setdefault((k, m), []).append(user)
            automaton = None
            for anchor in dict.fromkeys([*heads, *tails]):
                hs = tuple((m, frozenset(u[1][-1] for u in us), frozenset(u[1][:-2] for u in us), tuple(us))
                           for m, us in heads.get(anchor, {}).items())
                ts = tuple((k, m, frozenset(u[1][0] for u in us), frozenset(u[1][2:] for u in us), tuple(us))
                           for (k, m), us in tails.get(anchor, {}).items())
                if automaton is None:
                    import ahocorasick  # pyahocorasick: one pass over a text finds every anchor

                    automaton = ahocorasick.Automaton()
                automaton.add_word(anchor, (len(anchor) - 1, hs, ts))
            if automaton is not None:
                automaton.make_automaton()
            self._index = (automaton,)  # built, even when there is nothing to find
        return self._index[0]

    def _windows(self, text: str) -> dict[int, set[tuple[int, int]]]:
        """Term index → candidate windows ``(a, b)``: of length m - 1, m or m + 1, starting at a hit of
        the term's head or ending where a hit of its tail ends, and worth judging.

        Not worth it, as :meth:`find` would reject them whatever the text around: every window of a
        hit inside an exact occurrence of the term (each starts one character before, at or after the
        occurrence: the term itself, a dropped or added last character, the exact term next door);
        a window whose first or last character is not the term's, unless it is the term with its
        first or last character replaced or its first or last two swapped (a dropped or doubled
        character that survives the checks is never at either end). A group of users whose
        windows can hold none of their last (head) or first (tail) characters, nor their forms with
        an end replaced or swapped, is passed over whole."""
        n = len(text)
        out: dict[int, set[tuple[int, int]]] = defaultdict(set)
        automaton = self._anchors()
        if automaton is None:
            return out
        for last_index, (span, heads, tails) in automaton.iter(text):
            pos = last_index - span
            for m, lasts, inits, users in heads:  # the windows start at pos, with the term's first character
                b = pos + m
                if b > n + 1 or not (text[b - 2] in lasts or (b <= n and text[b - 1] in lasts)
                                     or (b < n and text[b] in lasts) or text[pos:b - 2] in inits):
                    continue
                for idx, term, (first, last, init, rest, swap_start, swap_end) in users:
                    if text.startswith(term, pos):
                        continue
                    found = []
                    if text[b - 2] == last:
                        found.append((pos, b - 1))
                    if b <= n and (text[b - 1] == last or text.startswith(init, pos)
                                   or text.endswith(rest, pos, b) or text.startswith(swap_start, pos)
                                   or text.startswith(swap_end, pos)):
                        found.append((pos, b))
                    if b < n and text[b] == last:
                        found.append((pos, b + 1))
                    if found:
                        out[idx].update(found)
            for k, m, firsts, rests, users in tails:  # the windows end at e, with the term's last character
                e = pos + k
                a = e - m
                if a < -1 or not (text[a + 1] in firsts or (a >= 0 and text[a] in firsts)
                                  or (a >= 1 and text[a - 1] in firsts) or text[a + 2:e] in rests):
                    continue
                for idx, term, (first, last, init, rest, swap_start, swap_end) in users:
                    if a >= 0 and text.startswith(term, a):
                        continue
                    found = []
                    if text[a + 1] == first:
                        found.append((a + 1, e))
                    if a >= 0 and (text[a] == first or text.startswith(init, a) or text.endswith(rest, a, e)
                                   or text.startswith(swap_start, a) or text.startswith(swap_end, a)):
                        found.append((a, e))
                    if a >= 1 and text[a - 1] == first:
                        found.append((a - 1, e))
                    if found:
                        out[idx].update(found)
        return out

    def find(self, text: str, evidence: Callable[[str], bool] = lambda t: True,
             skip: Callable[[int, int], bool] = lambda a, b: False) -> list[NearMiss]:
        """Near-misses in ``text`` (normalised), sorted by position; the longest term wins on overlaps.

        ``evidence(term)`` says whether the correct term occurs elsewhere in the report (asked only
        for short terms); ``skip(a, b)`` vetoes a span (quotations, titles).
        """
        found: list[NearMiss] = []
        windows = self._windows(text)
        if not windows:
            return found
        min_drop = self._s("min_length_dropped", 6)
        align_below = self._s("dictionary_check_below", 8)
        known = self.known
        for idx in sorted(windows):  # the terms' order: ties below keep it
            term = self.terms[idx]
            m = len(term)
            chars = None
            for a, b in windows[idx]:
                w = text[a:b]
                if w == term or w in known:
                    continue
                # the edit must not be explained by the text around it: 法治政府建设 exact next door
                if text.startswith(term, max(0, a - 1)) or text.startswith(term, a + 1):
                    continue
                edit = classify(term, w)
                if edit is None:
                    continue
                kind, i = edit
                if chars is None:
                    chars = set(term)
                if any(not is_han(c) and c not in chars for c in w):
                    continue
                if kind == "dropped":
                    if m < min_drop or not (0 < i < m - 1):
                        continue
                    if text[b:b + 1] == term[i] or text[a - 1:a] == term[i]:
                        continue  # the character is next door: a swap, judged as such
                elif kind == "added":
                    if not (0 < i < m) or not (w[i] == w[i - 1] or w[i] == w[i + 1]):
                        continue
                    kind = "doubled"
                elif kind == "sub":
                    kind = self._substitution_ok(term, w, i, evidence)
                    if kind is None:
                        continue
                if skip(a, b):
                    continue
                if self._covered_by_known(text, a, b, w):
                    continue
                if m < align_below and not aligned(text, a, b, self.packs):
                    continue
                found.append(NearMiss(a, b, term, kind, i, w))
        # one slip, one finding: of overlapping near-misses (依法国治 in 全面依法国治; 推进法治建设第一责人
        # and 第一责人职责, one dropped 任) only the longest canonical term that explains the slip is kept
        found.sort(key=lambda x: (-len(x.term), -(x.end - x.start), x.start))
        out: list[NearMiss] = []
        for x in found:
            if any(y.start < x.end and x.start < y.end for y in out):
                continue
            out.append(x)
        return sorted(out, key=lambda x: x.start)



__all__ = ["NearMiss", "NearMissFinder", "classify", "sound_alike", "look_alikes", "aligned"]
