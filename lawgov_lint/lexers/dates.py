"""Dates in Chinese official text (成文日期 and dates in running text).

Source for the written form: GB/T 9704—2012 §7.3.5.3 (成文日期 in Arabic
numerals, year in full, month and day without leading zeros).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import recache
from ..numerals import cn_digits_to_int

_YEAR = r"(\d{4}|[〇零○一二三四五六七八九]{4})"
_MD = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"

DATE_RE = recache.compile(rf"{_YEAR}年{_MD}月{_MD}日")
# A date with a blank or placeholder where a number belongs (D002).
INCOMPLETE_DATE_RE = recache.compile(
    rf"(?:{_YEAR}|[Xx×＊*○□_＿]{{2,4}}|20[Xx×＊*○□]{{2}})年\s*(?:{_MD}|[Xx×＊*○□_＿]{{1,2}})?\s*月\s*(?:{_MD}|[Xx×＊*○□_＿]{{1,2}})?\s*日"
)
YEAR_RE = recache.compile(r"(?<!\d)(\d{4})(?:年|—|-|－|～|~)")
CN_YEAR_RE = recache.compile(r"([〇零○一二三四五六七八九]{4})年")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in normalised text: value, span and how it was written.

    ``start``/``end`` are offsets in the *normalised* text. ``chinese`` is True
    when written with Chinese numerals; ``zero_padded`` when month or day has a
    leading zero (``03月``).
    """

    date: dt.date
    start: int
    end: int
    text: str
    chinese: bool
    zero_padded: bool


def find_dates(text: str) -> list[DateMention]:
    """All complete, valid dates in ``text`` (normalised)."""
    out = []
    for m in DATE_RE.finditer(text):
        try:
            y, mo, d = (cn_digits_to_int(g) for g in m.groups())
            value = dt.date(y, mo, d)
        except (ValueError, KeyError):
            continue
        chinese = not m.group(1).isdigit()
        padded = bool(re.match(r"0\d", m.group(2)) or re.match(r"0\d", m.group(3)))
        out.append(DateMention(value, m.start(), m.end(), m.group(0), chinese, padded))
    return out


# Dates written with dots, slashes or hyphens (2024.1.20): wrong for a 成文日期 (F003) but still a date.
NUMERIC_DATE_RE = recache.compile(r"(\d{4})\s*[.．/\-－]\s*(\d{1,2})\s*[.．/\-－]\s*(\d{1,2})")
# A year and month without the day (2024年1月): an incomplete 成文日期.
YEAR_MONTH_RE = recache.compile(rf"{_YEAR}年{_MD}月")


def is_date_line(text: str) -> bool:
    """True when a (normalised) block is only a date, complete or not (a 成文日期 line)."""
    t = text.strip()
    if len(t) > 20:
        return False
    return bool(DATE_RE.fullmatch(t) or INCOMPLETE_DATE_RE.fullmatch(t) or NUMERIC_DATE_RE.fullmatch(t)
                or YEAR_MONTH_RE.fullmatch(t))


def years_in(text: str) -> list[tuple[int, int, int]]:
    """4-digit years (1950–2100) written before 年 or a range dash: ``(year, start, end)``."""
    out = []
    for m in YEAR_RE.finditer(text):
        y = int(m.group(1))
        if 1950 <= y <= 2100:
            out.append((y, m.start(1), m.end(1)))
    for m in CN_YEAR_RE.finditer(text):
        try:
            y = cn_digits_to_int(m.group(1))
        except ValueError:
            continue
        if 1950 <= y <= 2100:
            out.append((y, m.start(1), m.end(1)))
    return sorted(out, key=lambda t: t[1])
