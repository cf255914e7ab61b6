"""The 汇总表 (``--summary FILE.csv|FILE.xlsx``, SPEC §7): one row per file.

CSV is UTF-8 with a BOM (Excel on Windows then reads the Chinese right) and
``\\r\\n`` line ends (RFC 4180, Python's csv module). The .xlsx is written by
openpyxl: a bold header row, frozen panes below it and right of the file
column, column widths that fit their longest cell (CJK characters count
double), ✓/✗/— cells centred and coloured, unreadable files with their error.
Headers and the kind and deadline cells are in ``Options.lang`` (``ui.column.*``,
``ui.kind.*``, ``ui.deadline.*`` catalogue entries); in English the deadline cell
keeps its status code (``ok``, ``due-day``, ``late``, ``unknown``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..engine import FileResult, Options
from ..loaders.text import display_width
from ..outputs import OutputError, atomic_write
from ..summary import ABSENT, NO, ROW_COLUMNS, YES, FileRecord, summary_row
from ..catalogue import ui
from .text import kind_text

SUFFIXES = (".csv", ".xlsx")


def rows(results: list[FileResult] | list[FileRecord], options: Options) -> list[list]:
    """Header row, then one row per result (or its summary record), in
    :data:`~lawgov_lint.summary.ROW_COLUMNS` order, in ``options.lang``."""
    lang = options.lang
    t = ui(lang)
    out: list[list] = [[t(f"ui.column.{k}") for k in ROW_COLUMNS]]
    for r in results:
        row = dict(r.row) if isinstance(r, FileRecord) else summary_row(r, options)
        row["kind"] = kind_text(row["kind"], lang)
        if lang != "en" and row["deadline"]:
            row["deadline"] = t(f"ui.deadline.{row['deadline']}")
        out.append([row[k] for k in ROW_COLUMNS])
    return out


def write_summary(path: str | Path, results: list[FileResult] | list[FileRecord], options: Options) -> None:
    """Write the 汇总表 to ``path`` (.csv or .xlsx, chosen by the suffix), atomically.

    Raises:
        OutputError: another suffix, or the file cannot be written.
    """
    suffix = Path(path).suffix.lower()
    table = rows(results, options)
    if suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(table)
        with atomic_write(path, binary=True) as fh:
            fh.write(buf.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        data = _xlsx(table, options.as_of, ui(options.lang)("ui.workbook.sheet"))
        with atomic_write(path, binary=True) as fh:
            fh.write(data)
    else:
        raise OutputError(f"--summary: {path}: the file name must end in .csv or .xlsx")


def _xlsx(table: list[list], when, sheet: str = "汇总表") -> bytes:
    """The workbook's bytes; dated ``when`` (document properties and ZIP members) so that it is deterministic."""
    import datetime as dt

    from ..outputs import stable_zip

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in table:
        ws.append(row)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    colour = {YES: "1A7F37", NO: "CF222E", ABSENT: "6E7781"}
    err_col = ROW_COLUMNS.index("error") + 1
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value in colour:
                cell.font = Font(color=colour[cell.value], bold=True)
                cell.alignment = Alignment(horizontal="center")
        if row[err_col - 1].value:
            row[err_col - 1].font = Font(color="CF222E")
    ws.freeze_panes = "B2"
    for i, _ in enumerate(ROW_COLUMNS, start=1):
        width = max(display_width(str(r[i - 1])) for r in table)
        ws.column_dimensions[get_column_letter(i)].width = min(120, max(4, width) + 2)
    ws.auto_filter.ref = ws.dimensions
    stamp = dt.datetime(when.year, when.month, when.day)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "lawgov-lint"
    buf = io.BytesIO()
    wb.save(buf)
    return stable_zip(buf.getvalue(), when)
