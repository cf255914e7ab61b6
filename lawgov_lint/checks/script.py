"""F007 — a report written in Traditional characters.

Source: 《中华人民共和国国家通用语言文字法》第二条、第九条 (国家机关以规范汉字为公务用字) and the
《通用规范汉字表》(2013), whose 规范汉字 are the Simplified forms; GB/T 9704—2012 §3.3 (公文用字).

The analysis itself already runs on the Simplified text (:func:`lawgov_lint.normalize.normalize_document`
converts a Traditional document with OpenCC, offsets mapped back one to one), so every other rule
judges the report as if it were written in Simplified characters; this check only says, once per
report, that the script itself is a defect, with the share of characters converted.
"""

from __future__ import annotations

from typing import Iterator

from ..i18n import msg
from ..normalize import TRADITIONAL_SHARE, is_han
from . import Hit, check, rule, title_hit

rule("F007", "traditional-script", "warning",
     f"The report is written in Traditional characters (at least {TRADITIONAL_SHARE:.0%} of its Han characters "
     "convert to Simplified); one finding per report.",
     "《国家通用语言文字法》第二条、第九条; 《通用规范汉字表》(2013); GB/T 9704—2012 §3.3",
     fail="某縣2024年法治政府建設情況報告（a mirror in Traditional characters）",
     passes="某县2024年法治政府建设情况报告, quoting one Traditional name such as 「臺灣」")


@check("F007")
def traditional_script(ctx) -> Iterator[Hit]:
    """One F007 on the title (or the report's first block) when the document was converted."""
    rep = ctx.report
    converted = sum(n.converted for n in rep.norm)
    if not converted:
        return
    han = sum(1 for b in ctx.doc.blocks for ch in b.text if is_han(ch))
    share = converted / max(1, han)
    yield title_hit(ctx, "F007", msg("F007.traditional", converted=converted, han=han, share=share),
                    msg("F007.traditional.hint"))
