"""Physical lines from a page's pieces, and running headers, footers and page numbers taken out of the body."""

from __future__ import annotations

import re
from collections import Counter

from .model import _median, MARGIN_BAND, REPEAT_SHARE, _Line, _PAGE_NUMBER, _PAGE_OF, _Piece


# --------------------------------------------------------------------------- lines

def _group_lines(page: int, groups: list[list[_Piece]], width: float, height: float) -> list[_Line]:
    """Physical lines from the pieces of each line (:func:`_rows`), top to bottom."""
    lines: list[_Line] = []
    for number, group in enumerate(groups, start=1):
        if len(group) == 1:  # most lines: one piece
            p = group[0]
            lines.append(_Line(page, number, p.text, p.x0, p.x1, p.bottom, p.top, p.size, width, height))
            continue
        group.sort(key=lambda p: p.x0)
        text = group[0].text
        for prev, piece in zip(group, group[1:]):
            gap = piece.x0 - prev.x1
            text += (" " if gap > 0.8 * max(prev.size, piece.size) else "") + piece.text
        size = max(group, key=lambda p: len(p.text)).size
        lines.append(_Line(page, number, text, group[0].x0, max(p.x1 for p in group),
                           min(p.bottom for p in group), max(p.top for p in group), size, width, height))
    return lines


def _is_page_number(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 24 and bool(_PAGE_NUMBER.match(t) or _PAGE_OF.match(t))


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running(pages: list[list[_Line]]) -> tuple[list[str], list[str]]:
    """Remove running headers/footers and page numbers from ``pages`` (in place).

    Only the first/last two lines of a page that lie in the margin band are
    candidates. A decorated page number (``— 9 —``, ``第 3 页``) is always
    dropped; a bare number (``4``, ``3/25``) and a line recurring on most pages
    (digits ignored) only when they stand apart from the body, farther from
    their neighbour line than 1.3 × the usual line pitch.

    Returns the dropped texts (headers, footers); recurring texts listed once.
    """
    bands: list[tuple[list[_Line], list[_Line]]] = []  # per page: top and bottom candidates, outermost first
    for lines in pages:
        if not lines:
            bands.append(([], []))
            continue
        height = lines[0].page_height
        band = MARGIN_BAND * height
        tops = [ln for ln in lines[:2] if ln.mid >= height - band]
        bottoms = [ln for ln in lines[-2:][::-1] if ln.mid <= band and all(ln is not t for t in tops)]
        bands.append((tops, bottoms))
    pages_with_text = sum(1 for lines in pages if lines)
    recurring = Counter()
    for tops, bottoms in bands:
        recurring.update({(_running_key(ln.text), True) for ln in tops}
                         | {(_running_key(ln.text), False) for ln in bottoms})
    need = max(2, REPEAT_SHARE * pages_with_text)
    steps = []
    for lines in pages:
        mids = [(ln.bottom + ln.top) / 2 for ln in lines]
        steps.extend(step for step in map(float.__sub__, mids, mids[1:]) if step > 0)
    pitch = _median(steps) if steps else 0.0

    headers: list[str] = []
    footers: list[str] = []
    for pi, (tops, bottoms) in enumerate(bands):
        lines = pages[pi]
        dropped: set[int] = set()
        for candidates, top in ((tops, True), (bottoms, False)):
            for line in reversed(candidates):  # innermost first: its neighbour is a body line
                i = _index(lines, line, top)
                rest = lines[i + 1:] if top else lines[:i][::-1]
                neighbour = next((ln for ln in rest if id(ln) not in dropped), None)
                apart = neighbour is None or abs(line.mid - neighbour.mid) > 1.3 * pitch
                text = line.text.strip()
                number = _is_page_number(text)
                decorated = number and re.search(r"[-—–－―─~～第页]", text) is not None
                repeated = pages_with_text >= 2 and recurring[(_running_key(text), top)] >= need
                if decorated or apart and (number or repeated):
                    dropped.add(id(line))
                    target = headers if top else footers
                    if number or line.text not in target:
                        target.append(line.text)
        if dropped:
            pages[pi] = [ln for ln in lines if id(ln) not in dropped]
    return headers, footers


def _index(lines: list[_Line], line: _Line, top: bool) -> int:
    """Where ``line`` (one of the first two, ``top``, or the last two) is in ``lines``, found by
    identity (``list.index`` compares the lines before it field by field)."""
    order = range(len(lines)) if top else range(len(lines) - 1, -1, -1)
    return next(i for i in order if lines[i] is line)
