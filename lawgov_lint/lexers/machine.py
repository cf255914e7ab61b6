"""Machine text in a paragraph: URLs, e-mail addresses and file paths, which nothing in F or P judges
(www.example.gov.cn/2021-2025/plan.html is not a year range, xx.gov.cn not template residue)."""

from __future__ import annotations

import re

from .. import recache

URL = recache.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%\-]+"
                 r"|[\w.+\-]+@[\w\-]+\.[\w.\-]+", re.ASCII)
_DOMAIN = recache.compile(r"(?<![\w.@/\-])(?:[A-Za-z0-9\-]+\.)+(?:cn|com|net|org|gov|edu|info|int)(?![A-Za-z0-9\-])"
                     r"(?:[/:][A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%\-]*)?", re.ASCII)
_STOP = r"\s\u3000，。；：、！？“”‘’（）《》【】"
_PATH = recache.compile(
    rf"(?<![\w])[A-Za-z]:[\\/][^{_STOP}]+"                                   # D:\资料\2021-2025年\报告.docx
    rf"|\\\\[^{_STOP}]+"                                             # \\server\share\…
    r"|(?<![\w.\-/])(?:~|\.{1,2})?/(?:[\w.\-]+/)+[\w.\-]*"          # /srv/docs/…, ./a/b/
    r"|(?<![\w.\-/])[\w\-]+(?:/[\w.\-]+)+\.[A-Za-z][A-Za-z0-9]{1,4}(?![\w])",  # docs/2021-2025/plan.pdf
    re.ASCII)
_EXT_END = recache.compile(r"\.[A-Za-z][A-Za-z0-9]{1,4}(?=[^\x00-\x7f])")


def machine_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and file paths in ``text``, sorted."""
    # each pattern is run only when the text holds what every match of it holds (most paragraphs
    # hold none of . / \ @)
    dot, slash = "." in text, "/" in text or "\\" in text
    if not (dot or slash or "@" in text):
        return []
    spans = [m.span() for m in URL.finditer(text)] if "www." in text or "://" in text or "@" in text else []
    if dot:
        spans += [m.span() for m in _DOMAIN.finditer(text)]
    if not slash:
        return sorted(spans)
    for m in _PATH.finditer(text):
        s, e = m.span()
        ext = _EXT_END.search(text, s, e)  # D:\报告.docx欢迎查阅: the path ends at its extension
        spans.append((s, ext.end() if ext else e))
    return sorted(spans)


def in_spans(spans: list[tuple[int, int]], s: int, e: int | None = None) -> bool:
    """``[s, e)`` (or position ``s``) overlaps one of ``spans``."""
    e = s + 1 if e is None else e
    return any(a < e and s < b for a, b in spans)


__all__ = ["URL", "machine_spans", "in_spans"]
