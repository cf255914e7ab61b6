"""Publication dates for a batch (``--published-on FILE.csv``, SPEC §7).

A batch has one publication date per report, so ``--published-on`` also takes
a CSV file with a header ``file,published_on`` and one row per report: ``file``
is matched against each linted file's *name* (its folders are ignored, so a
row may give a path or just the name) and ``published_on`` is an ISO date
``YYYY-MM-DD``. A matched date wins over the page's own 发布时间 (D003).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path, PureWindowsPath


class PublishedError(Exception):
    """The CSV file is unreadable or malformed (one line naming the file and row)."""


def read_published_csv(path: str | Path) -> dict[str, dt.date]:
    """Read ``file,published_on`` rows into ``{file name: date}``.

    Encodings: UTF-8 with or without BOM (Excel's "CSV UTF-8"), else GB18030
    (Excel's "CSV" on a Chinese Windows).

    Raises:
        PublishedError: unreadable file, missing columns, a bad date, or one
            file name given two different dates.
    """
    raw = _read(path)
    reader = csv.DictReader(raw.splitlines())
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    if "file" not in fields or "published_on" not in fields:
        raise PublishedError(f"{path}: the CSV needs a header row with the columns file,published_on")
    reader.fieldnames = fields
    out: dict[str, dt.date] = {}
    for n, row in enumerate(reader, start=2):
        name = (row.get("file") or "").strip()
        value = (row.get("published_on") or "").strip()
        if not name and not value:
            continue
        if not name:
            raise PublishedError(f"{path}: row {n}: the file column is empty")
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            raise PublishedError(f"{path}: row {n}: {value!r} is not a date in ISO form YYYY-MM-DD") from None
        key = PureWindowsPath(name).name if "\\" in name else Path(name).name
        if key in out and out[key] != date:
            raise PublishedError(f"{path}: row {n}: {key} already has the date {out[key].isoformat()}")
        out[key] = date
    return out


def _read(path: str | Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise PublishedError(f"{path}: cannot read the file ({e.strerror or e})") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise PublishedError(f"{path}: not a UTF-8 or GB18030 text file")
