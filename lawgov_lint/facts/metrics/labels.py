"""Labels: the noun phrase naming what a figure counts (``受理行政处罚案件``), read before the number
or after it, cleaned of scope words, fillers and copulas; rate labels (整改率, 满意率) and label matching.
"""

from __future__ import annotations


from ... import recache
from .model import _Raw, Metric, PRE_BOUNDARY, TOTAL_RE
from .packs import _Conf


_LEAD_RE = recache.compile(r"\d{4}年度?|[一二三四五六七八九十]是|首先|其次|再次|最后")
_YEAR_LEAD_RE = recache.compile(r"\d{4}年度?|全年|今年|年内")
_QUOTE_SPACE_RE = recache.compile(r"[“”‘’\"\s]")
_PAREN_ASIDE_RE = recache.compile(r"[（(][^（()）]*[）)]")
_SHARE_RE = recache.compile(r"(?:所)?占(?P<x>[^，。；]*?)(?:的)?(?:比例|比重)?$")
_SUBJECT_CUT_RE = recache.compile(r"[》）)]")
_POST_CUT_RE = recache.compile(r"以及|并且")
_POST_COPULA_RE = recache.compile(r"^(?:为|是|属于|系)")


def _strip_start(label: str, words: list[str], index: dict[str, list[str]] | None = None) -> str:
    """``label`` without leading enumerators (2023年, 一是, 首先) and ``words`` (longest first);
    ``index`` is ``words`` grouped by first character (:func:`.packs._by_char`), to try only those."""
    changed = True
    while changed and label:
        changed = False
        m = _LEAD_RE.match(label)
        if m:
            label = label[m.end():]
            changed = True
            continue
        for w in (words if index is None else index.get(label[0], ())):
            if label.startswith(w):
                if w == "共" and len(label) > 1 and label[1] in "同享建治商青产识性通赢担融进存筑生":
                    continue
                label = label[len(w):]
                changed = True
                break
    return label


def _strip_end(label: str, words: list[str], index: dict[str, list[str]] | None = None) -> str:
    """``label`` without trailing ``words``; ``index`` is ``words`` grouped by last character."""
    changed = True
    while changed and label:
        changed = False
        for w in (words if index is None else index.get(label[-1], ())):
            if label.endswith(w):
                label = label[: -len(w)]
                changed = True
                break
    return label


def clean_label(label: str) -> str:
    """A label without quotes, spaces and trailing 的/数量 filler (for display and matching)."""
    label = _QUOTE_SPACE_RE.sub("", label)
    label = _PAREN_ASIDE_RE.sub("", label)
    return label.strip("，,、：:的（）()")


def is_rate_label(label: str, conf: _Conf) -> bool:
    """True when ``label`` names a rate or share (…率, …比例, 占比) and not 频率/效率/表率…"""
    if not label:
        return False
    if label.endswith(conf.not_rates_t):
        return False
    return label.endswith(conf.rate_suffixes_t)


def suffix_match(label: str, phrase: str, minimum: int = 2) -> int:
    """Length of the longest suffix of ``label`` (≥ ``minimum``) that occurs in ``phrase``; 0 if none."""
    best = 0
    for k in range(minimum, len(label) + 1):
        if label[-k:] in phrase:
            best = k
    return best


# ---------------------------------------------------------------- labels

def _label(text: str, raw: _Raw, pre_start: int, conf: _Conf) -> tuple[str, int, str | None, str | None]:
    """(label, label start, subject, share_of) for a figure whose pre-text starts at ``pre_start``."""
    pre = text[pre_start:raw.start]
    # strip copulas (为, 达到, 共计 …) between label and number
    pre = _strip_end(pre, conf.copulas, conf.copulas_end)
    share_of = None
    if raw.kind in ("percent", "bare"):
        core = pre
        sm = _SHARE_RE.search(core)
        if core.endswith("占比") or core.endswith("所占比例") or core.endswith("所占比重"):
            share_of = ""
            pre = core[: core.rfind("占")] if "占" in core else core
        elif sm:
            x = sm.group("x").strip("的")
            share_of = x
            pre = core[: sm.start()]
    # subject before 共/累计
    subject = None
    pre = _strip_lead(pre, conf)
    lab = _strip_start(pre, conf.fillers, conf.fillers_at)
    tm = None
    for tm_ in TOTAL_RE.finditer(lab):
        tm = tm_
    if tm is not None and tm.start() > 0:
        subject = lab[: tm.start()]
        lab = lab[tm.end():]
    lab = _strip_start(_strip_lead(lab, conf), conf.fillers, conf.fillers_at)
    lab = _strip_end(lab, conf.copulas, conf.copulas_end) if lab not in conf.copulas else ""
    if lab.startswith(("对", "为", "向")) and len(lab) <= 2:
        lab = ""
    lstart = raw.start - len(pre) + (len(pre) - len(lab)) if lab else raw.start
    idx = text.rfind(lab, pre_start, raw.start) if lab else -1
    if idx >= 0:
        lstart = idx
    if subject is not None:
        subject = _SUBJECT_CUT_RE.split(subject)[-1]
        subject = _strip_end(_strip_start(clean_label(subject), conf.fillers, conf.fillers_at), conf.fillers,
                             conf.fillers_end)
        for w in conf.scopes:
            if subject.startswith(w):
                subject = subject[len(w):]
        subject = clean_label(subject) or None
    return clean_label(lab), lstart, subject, share_of


def _strip_lead(label: str, conf: _Conf) -> str:
    """Drop leading partial periods, years and scope words (截止10月底, 2023年, 全区) from a label."""
    changed = True
    while changed and label:
        changed = False
        if conf.partial_needs is None or conf.partial_needs.search(label):
            for p, need in zip(conf.partial, conf.partial_each):
                if need is not None and not all(w in label for w in need):
                    continue  # it lacks a string every match has
                m = p.match(label)
                if m and m.end() > 0:
                    label = label[m.end():]
                    changed = True
        m = _YEAR_LEAD_RE.match(label)
        if m:
            label = label[m.end():]
            changed = True
        if not label:
            break
        for w in conf.scopes_at.get(label[0], ()):
            if label.startswith(w) and len(label) > len(w):
                label = label[len(w):]
                changed = True
                break
    return label


def _agent_of(m: Metric, conf: _Conf) -> str | None:
    """Who the figure is about: the subject before 共/全年, else an organisation before the verb."""
    if m.subject and any(a in m.subject for a in conf.agents):
        return m.subject
    label = m.label
    if conf.stage_any is not None and conf.stage_any.search(label, 1) is None:
        return None  # no stage verb after the first character: nothing to cut at
    cut = min((k for k in map(label.find, conf.stage_verbs) if k > 0), default=-1)
    if cut > 0:
        prefix = label[:cut]
        if any(a in prefix for a in conf.agents):
            return prefix
    return None


def _post_noun(text: str, pos: int, conf: _Conf | None = None) -> tuple[str, int]:
    """A noun phrase right after a measure word (走访83家企业 → 企业), and where it ends.

    When the phrase runs on into the next figure (1368个人民调解组织共受理调解纠纷18752件) it ends
    before a total word (共, 累计) or after an organisation followed by a stage verb (组织|受理): what
    follows is the next figure's label.
    """
    if pos >= len(text) or not ("\u4e00" <= text[pos] <= "\u9fff" or text[pos] in "“"):
        return "", pos
    j = pos
    while j < len(text) and j - pos < 12:
        ch = text[j]
        if ch in PRE_BOUNDARY or ch.isdigit() or ch in "。；;":
            break
        j += 1
    phrase = text[pos:j]
    runs_on = j < len(text) and (text[j].isdigit() or (j - pos >= 12 and text[j] not in PRE_BOUNDARY + "。；;"))
    if runs_on and conf is not None:
        cuts = [m.start() for m in TOTAL_RE.finditer(phrase) if m.start() > 0]
        for a in conf.agents:
            k = phrase.find(a)
            e = k + len(a)
            if k >= 0 and e < len(phrase) and any(phrase.startswith(v, e) for v in conf.stage_verbs):
                cuts.append(e)
        if cuts:
            phrase = phrase[: min(cuts)]
    cut = _POST_CUT_RE.search(phrase)
    if cut and cut.start() > 0:
        phrase = phrase[: cut.start()]
    end = pos + len(phrase)
    phrase = _POST_COPULA_RE.sub("", phrase)
    return phrase, end
