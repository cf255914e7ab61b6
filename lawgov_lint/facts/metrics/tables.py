"""Figures of docx/PDF table cells: a cell's number with the unit of its column header (受理（件）),
labelled ``row label／column header``, located by table, row and column.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ... import recache
from ...structure import Report
from .model import _Raw, INF, Metric
from .packs import _Conf
from .labels import clean_label, is_rate_label
from .scan import _interval, _scan


def _extract_tables(rep: Report, conf: _Conf, out: list[Metric]) -> None:
    grid: dict[int, dict[tuple[int, int], int]] = {}
    for i in rep.body_range():
        b = rep.doc.blocks[i]
        if b.table is None or b.row is None or b.col is None:
            continue
        grid.setdefault(b.table, {})[(b.row, b.col)] = i
    skip_cols = conf.tables.get("skip_columns", [])
    for t, cells in grid.items():
        def txt(r: int, c: int) -> str:
            i = cells.get((r, c))
            return rep.norm[i].text.strip() if i is not None else ""

        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        header_row = rows[0]
        for r in rows[1:]:
            row_label = ""
            for c in cols:
                v = txt(r, c)
                if v and not _numeric_cell(v, conf) and not any(txt(header_row, c).startswith(w) for w in skip_cols):
                    row_label = v
                    break
            for c in cols:
                i = cells.get((r, c))
                if i is None:
                    continue
                head = txt(header_row, c)
                if any(head.startswith(w) for w in skip_cols):
                    continue
                v = rep.norm[i].text
                raw = _numeric_cell(v, conf)
                if raw is None:
                    continue
                unit, kind, factor = raw.unit, raw.kind, raw.factor
                if not unit:
                    hm = re.search(r"[（(]([^）)]{1,4})[）)]", head)
                    hu = hm.group(1) if hm else ""
                    hit = next(((u, k, f) for u, k, f in conf.units if u == hu), None)
                    if hit:
                        unit, kind, factor = hit
                    else:
                        kind = "count" if raw.exact else "bare"
                ostart, oend = rep.norm[i].span(raw.start, raw.end)
                label = clean_label(f"{row_label}／{re.sub(r'[（(][^）)]{1,6}[）)]', '', head)}") if head else row_label
                met = Metric(
                    block=i, start=raw.start, end=raw.end, ostart=ostart, oend=oend,
                    text=rep.doc.blocks[i].text[ostart:oend], number=raw.number, value=float(raw.value),
                    unit=unit, kind=kind, lo=raw.lo if raw.approx is None else -INF,
                    hi=raw.hi if raw.approx is None else INF, exact_text=raw.exact, label=label,
                    label_start=raw.start, approx=raw.approx, factor=factor, table=(t, r, c),
                    sentence=-1, clause=-1,
                )
                met.index = len(out)
                if kind == "percent" and is_rate_label(clean_label(head), conf):
                    met.rate = clean_label(head)
                out.append(met)


_BARE_CELL = recache.compile(r"^\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*$")


def _numeric_cell(text: str, conf: _Conf) -> _Raw | None:
    """The single figure a table cell consists of (``12``, ``12件``, ``98.5%``), else None."""
    t = text.strip()
    if not t:
        return None
    m = _BARE_CELL.match(t)
    if m:
        ar = m.group(1).replace(",", "")
        value = Decimal(ar)
        decimals = len(ar.split(".", 1)[1]) if "." in ar else 0
        lo, hi = _interval(value, decimals, 1, decimals == 0)
        s = text.find(m.group(1))
        return _Raw(s, s, s + len(m.group(1)), s + len(m.group(1)), m.group(1), value, "", "bare", 1.0, lo, hi,
                    decimals == 0, None)
    raws = _scan(t + "。", conf, [], [])
    if len(raws) == 1 and raws[0].start == 0 and raws[0].end == len(t) and raws[0].kind != "bare":
        off = text.find(t)
        r = raws[0]
        r.start += off
        r.end += off
        r.num_start += off
        r.num_end += off
        return r
    return None
