"""The heading tree of the report proper: which lines are headings (by their 一、/（一）/1. markers) and at which level."""

from __future__ import annotations

import re

from ..lexers.markers import STANDARD_LEVEL, Marker, find_marker
from .report import Heading, Report


# ---------------------------------------------------------------- headings

def _heading_text(text: str, marker: Marker) -> tuple[str, int, bool] | None:
    """(heading text, its end offset, run-in?) for a marked paragraph, or None."""
    t = text.rstrip()
    body = t[marker.end:]
    if not body.strip():
        return None
    stop = body.find("。")
    if stop < 0 or stop == len(body.rstrip()) - 1:
        if len(t) <= 60:
            return t.rstrip("。"), len(t), False
        # a long paragraph without a sentence end: take the first clause if short
        cut = re.search(r"[，；：]", body)
        if cut and cut.start() <= 40:
            return t[: marker.end + cut.start()], marker.end + cut.start(), True
        return None
    if stop <= 60:
        return t[: marker.end + stop], marker.end + stop, True
    return None


def parse_headings(rep: Report) -> None:
    """Fill ``rep.headings`` with levels from marker nesting (GB/T 9704 ranks).

    A heading's level is the depth of the stack of open headings after
    closing those whose standard rank is not above its own; so ``1、`` used as
    the first top-level marker is level 1, and ``2、`` after ``1.`` is a sibling.
    """
    stack: list[tuple[int, int]] = []  # (rank, heading index)
    forced: dict[str, int] = {}
    start = rep.title_blocks[-1] + 1 if rep.title_blocks else rep.start
    for i in range(start, rep.end):
        b = rep.doc.blocks[i]
        if b.in_table:
            continue
        text = rep.norm[i].text
        marker = find_marker(text)
        label = ""
        if marker is None and b.label:
            # Word's automatic numbering: the label is drawn, not typed; headings are read with it
            lm = find_marker(b.label.strip() + "\u3000x")
            if lm is not None:
                label = b.label.strip()
                marker = Marker(lm.kind, lm.number, 0, 0, label)
        if marker is None:
            if b.heading_level and b.heading_level >= 1 and len(text) <= 60 and "。" not in text[:-1]:
                rank = b.heading_level
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                h = Heading(i, len(stack) + 1, None, text.strip(), len(text), parent=stack[-1][1] if stack else None)
                rep.headings.append(h)
                stack.append((rank, len(rep.headings) - 1))
            continue
        if label:
            ht = _heading_text(label + text, find_marker(label + text) or marker)
            if ht is not None:
                ht = (ht[0], max(0, ht[1] - len(label)), ht[2])
        else:
            ht = _heading_text(text, marker)
        if ht is None:
            continue
        rank = forced.get(marker.kind, STANDARD_LEVEL[marker.kind])
        if b.heading_level and b.heading_level >= 1 and marker.kind in ("num_dun", "num_dot"):
            rank = min(rank, b.heading_level)
        if not stack and rep.headings == [] and rank > 1:
            # the first heading of a report is top-level whatever its marker, and so are
            # later headings with the same marker (1、 … 2、 used as the top level)
            rank = 1
            forced[marker.kind] = 1
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        h = Heading(i, len(stack) + 1, marker, ht[0].strip(), ht[1], run_in=ht[2], parent=parent)
        rep.headings.append(h)
        stack.append((rank, len(rep.headings) - 1))
