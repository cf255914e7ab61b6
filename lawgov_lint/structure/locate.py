"""Locating the report proper inside whatever wraps it (a cover 请示 or 通知, a 起草说明, 附件 lists, a 版记): its title lines and where it ends."""

from __future__ import annotations

import re

from .. import recache
from ..lexers.dates import is_date_line
from ..lexers.markers import find_marker
from ..packs import Packs
from .report import ATTACHMENT_LIST_RE, ATTACHMENT_RE, DOC_NUMBER_RE, IMPRINT_RE, Report
from .elements import _org_like

_SENTENCE_PUNCT_RE = recache.compile(r"[。：:；]")
_LEAD_IN_RE = recache.compile(r"^现[将就把]|.*如下[：:]?$")
_NUMBERED_RE = recache.compile(r"^\d{1,2}\s*[.．、]")
_DRAFT_NOTE_RE = recache.compile(r"[（(](?:[^）)]{1,8}稿|\d{4}年度?)[）)]")


# ---------------------------------------------------------------- locating

def _inside_brackets(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
    return depth > 0


def _title_candidate(text: str, packs: Packs) -> bool:
    conf = packs["report"]["title"]
    t = text.strip()
    if not t or len(t) > 60 or "。" in t or find_marker(t) is not None:
        return False  # a numbered line is a section heading, never the report's title
    if t.endswith(("：", ":")) or _LEAD_IN_RE.match(t):
        return False  # 现将我区2023年法治政府建设情况报告如下： is the opening, not a title
    pos = t.find(conf["subject"])
    if pos < 0 or _inside_brackets(t, pos):
        return False
    # a covering document's title: 关于提请/关于印发/关于报送…, possibly after the issuer's name
    head = t[t.find("关于"):] if 0 < t.find("关于") <= 20 and t.find("关于") < pos else t
    if any(t.startswith(p) or head.startswith(p) for p in conf["cover_prefixes"]):
        return False
    if ATTACHMENT_LIST_RE.match(t) or _NUMBERED_RE.match(t):
        return False
    core = re.sub(r"[（(][^）)]{1,8}[）)]$", "", t)  # （送审稿） （征求意见稿）
    if any(core.endswith(d) for d in conf["cover_doc_types"]):
        return False
    words = conf["doc_types"] + conf["doc_types_weak"]
    return any(w in core[pos:] for w in words)


_TITLE_LINE_MAX = 30


def _title_piece(rep: Report, j: int) -> bool:
    """Block j can be one line of a title set over several lines: short, not in a table, no
    heading marker, no sentence end, no date."""
    if j >= len(rep.doc.blocks) or rep.doc.blocks[j].in_table:
        return False
    t = rep.norm[j].text.strip()
    return (0 < len(t) <= _TITLE_LINE_MAX and not _SENTENCE_PUNCT_RE.search(t) and find_marker(t) is None
            and not is_date_line(t) and not t.endswith("文件") and not DOC_NUMBER_RE.search(t)
            and not ATTACHMENT_RE.match(t))


def _title_lines(rep: Report, i: int) -> int:
    """2 or 3 when blocks ``i…`` are a title set over that many lines
    (``某县水利局2024年度法治政府建设`` / ``情况报告``), else 0.

    The joined lines must make a title candidate while no shorter run starting at ``i``
    does, and the last line alone must not be one (it would be the title itself).
    """
    if not _title_piece(rep, i):
        return 0
    joined = rep.norm[i].text.strip()
    for n in (2, 3):
        j = i + n - 1
        if not _title_piece(rep, j):
            return 0
        before = joined
        joined += rep.norm[j].text.strip()
        if _title_candidate(joined, rep.packs):
            if not _title_candidate(rep.norm[j].text, rep.packs):
                return n
            # the last line is a title by itself: join only a line that visibly runs on
            # (…2024年度 / 法治政府建设工作总结), never an issuer or a cover's last line
            return n if re.search(r"(?:\d{4}年度?|关于|的|和|及|与)$", before) else 0
    return 0


def _is_attachment_heading(text: str) -> bool:
    return bool(ATTACHMENT_RE.match(text.strip()))


def _report_end(rep: Report, start: int) -> int:
    n = len(rep.doc.blocks)
    for i in range(start, n):
        t = rep.norm[i].text.strip()
        if _is_attachment_heading(t) or (("印" in t or "抄" in t) and IMPRINT_RE.search(t)):  # (抄送/印发)
            return i
    return n


def _count_top_headings(rep: Report, start: int, end: int) -> int:
    count = 0
    for i in range(start, min(end, start + 400)):
        b = rep.doc.blocks[i]
        if b.in_table:
            continue
        m = find_marker(rep.norm[i].text)
        if m and m.kind in ("cn_dun", "part") and len(rep.norm[i].text) < 80:
            count += 1
        elif b.heading_level == 1:
            count += 1
    return count


def locate(rep: Report) -> None:
    """Set ``rep.start/end/title*`` to the report proper (SPEC §3).

    Among title candidates the one followed by the most top-level section
    headings wins (first on ties); no candidate → the whole file.
    """
    blocks = rep.doc.blocks
    best: tuple[int, int] | None = None  # (score, index)
    candidates: list[tuple[int, int]] = []  # (first block, number of lines)
    for i, b in enumerate(blocks):
        if b.in_table:
            continue
        t = rep.norm[i].text
        if _title_candidate(t, rep.packs):
            candidates.append((i, 1))
        else:
            n = _title_lines(rep, i)
            if n:
                candidates.append((i, n))
    for k, (i, n) in enumerate(candidates):
        first_body = i + n
        end = _report_end(rep, first_body)
        later = [c for c, _ in candidates[k + 1:] if c >= first_body]
        if later:
            end = min(end, later[0])
        score = _count_top_headings(rep, first_body, end)
        if best is None or score > best[0]:
            best = (score, i)
            rep.title_blocks = list(range(i, i + n))
    if best is None:
        rep.start, rep.end, rep.located = 0, len(blocks), False
        return
    i = best[1]
    rep.located = True
    # the issuer on its own line above a title that starts with 关于 is the title's first line
    # (GB/T 9704 §7.3.1: 发文机关 + 事由 + 文种, set over as many lines as it needs)
    if i > 0 and rep.norm[i].text.strip().startswith("关于") and not blocks[i - 1].in_table:
        above = rep.norm[i - 1].text.strip()
        if _org_like(above, rep.packs) and not above.endswith("文件"):
            rep.title_blocks.insert(0, i - 1)
            i -= 1
    title = "".join(rep.norm[j].text.strip() for j in rep.title_blocks)
    nxt = rep.title_blocks[-1] + 1
    # a draft marker or the year on its own line: （送审稿）, （2024年度）
    while nxt < len(blocks) and _DRAFT_NOTE_RE.fullmatch(rep.norm[nxt].text.strip()):
        rep.title_blocks.append(nxt)
        title += rep.norm[nxt].text.strip()
        nxt += 1
    rep.title = title
    # The report starts at its own preamble (文号 above the title) when there is one.
    start = i
    for j in range(i - 1, max(-1, i - 3), -1):
        t = rep.norm[j].text.strip()
        if DOC_NUMBER_RE.fullmatch(t) or (DOC_NUMBER_RE.search(t) and len(t) <= 30):
            start = j
        else:
            break
    rep.start = start
    rep.end = _report_end(rep, rep.title_blocks[-1] + 1)
    rep.cover_blocks = [j for j in range(0, start)]
