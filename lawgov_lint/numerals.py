"""Chinese numerals: the one home for reading and writing them (GB/T 15835—2011 数字用法).

Reports write small numbers in Chinese in headings (``（三）``), ordinals (``三是``), dates
(``二〇二四年``, ``十二月``) and figures (``十五件``, ``百分之八十``). Values come from
``cn2an`` (a well-kept converter); the numbers 1…999 that headings and dates use are read
from a table cn2an writes once into the user cache directory, so that the common path
never imports cn2an (0.1–0.2 s of a cold run).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

CN_DIGITS = "一二三四五六七八九十"
_DIGIT_BY_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


SMALL_NUMBERS = 999  # the range of the cached numeral table


@lru_cache(maxsize=1)
def small_numeral_table() -> dict[str, int]:
    """Chinese numeral text → value for 1…999, as cn2an writes them (一, 十一, 一百零五 …).

    cn2an's import costs ~0.1 s (it compiles its patterns at import), which is most
    of a cold run, while reports only ever use small numbers in headings and dates.
    The table is produced by cn2an itself (``an2cn``, checked back with ``cn2an``)
    once, and kept in the user cache directory; later runs read it.
    """
    from .installed import dist_version, read_cache, write_cache

    name = f"cn2an-{dist_version('cn2an')}-{SMALL_NUMBERS}.marshal"
    table = read_cache(name)
    if isinstance(table, dict) and len(table) >= SMALL_NUMBERS:
        return table
    import cn2an

    table = {}
    for n in range(1, SMALL_NUMBERS + 1):
        text = cn2an.an2cn(n, "low")
        if int(cn2an.cn2an(text, "strict")) == n:
            table[text] = n
    write_cache(name, table)
    return table


def cn_number(s: str) -> int:
    """Value of a Chinese numeral: the cached table for 1…999, cn2an for anything else.

    Raises:
        ValueError: if ``s`` is not a Chinese numeral (cn2an's verdict).
    """
    value = small_numeral_table().get(s)
    if value is not None:
        return value
    import cn2an

    return int(cn2an.cn2an(s, "strict"))


def cn_ordinal(s: str) -> int:
    """Value of a small Chinese ordinal (一 … 九十九).

    Raises:
        ValueError: if ``s`` is not such a numeral.
    """
    return cn_number(s)


def cn_value(s: str) -> Decimal | None:
    """Value of a Chinese numeral of any size, with 万/亿 and 点 (cn2an); a bare 十/百/千/万 reads
    as 一十/一百…; None when ``s`` is not a numeral."""
    small = _small_value(s)
    if small is not None:
        return Decimal(small)
    import cn2an

    if s and s[0] in "十百千万亿":
        s = "一" + s
    try:
        v = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def _small_value(s: str) -> int | None:
    """Value of ``s`` from the cached 1…999 table, also for the forms cn2an's "normal" mode reads the
    same way: a leading 两 for 二 (两, 两百 → 2, 200) and a bare leading 十/百 (百 → 一百). None
    when the table does not hold it (cn2an then decides)."""
    table = small_numeral_table()
    value = table.get(s)
    if value is None and s:
        if s[0] == "两":
            value = table.get("二" + s[1:])
        elif s[0] in "十百千万亿":
            value = table.get("一" + s)
    return value


def cn_digits_to_int(s: str) -> int:
    """Value of a year written digit by digit (二〇二四), an Arabic number, or a small numeral (二十一).

    Raises:
        ValueError: not a numeral.
    """
    if s.isdigit() and s.isascii():
        return int(s)
    if len(s) == 4 and all(c in _DIGIT_BY_DIGIT for c in s):
        return int("".join(str(_DIGIT_BY_DIGIT[c]) for c in s))
    return cn_number(s)


def to_cn(n: int) -> str:
    """The Chinese numeral of ``n`` as headings write it (3 → 三, 12 → 十二, 105 → 一百零五)."""
    for text, value in small_numeral_table().items():
        if value == n:
            return text
    import cn2an

    return cn2an.an2cn(n, "low")


__all__ = ["CN_DIGITS", "small_numeral_table", "cn_number", "cn_ordinal", "cn_value", "cn_digits_to_int", "to_cn"]
