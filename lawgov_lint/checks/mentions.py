"""M — mandatory mentions: 述法, 第一责任人, 习近平法治思想, 复议与诉讼.

Sources: 《党政主要负责人履行推进法治建设第一责任人职责规定》(中办发〔2016〕71号); the 2021
opinion of 中央全面依法治国委员会 on 述法 by 党政主要负责人; 《法治政府建设与责任落实督察工作规定》
第二十五条（三）.
"""

from __future__ import annotations

from typing import Iterator

from ..facts.mentions import shufa_mentions, term_mentions
from . import Hit, check, rule, title_hit

rule("M001", "shufa-missing", "error",
     "述法 by the 党政主要负责人 is not mentioned (reports for 2021 onward); mentioned only as planned or not done → warning.",
     "《党政主要负责人履行推进法治建设第一责任人职责规定》; 中央全面依法治国委员会 2021 年关于述法的意见",
     fail="镇长在年终述职测评中……（述职 alone is not 述法）",
     passes="镇党委书记、镇长在区委全面依法治区委员会会议上专题述法。", severities=("error", "warning", "info"))
rule("M002", "first-responsible-person-missing", "error",
     "第一责任人 is never mentioned in the report.",
     "《法治政府建设与责任落实督察工作规定》第二十五条（三）",
     fail="主要领导高度重视法治建设……", passes="党政主要负责人切实履行推进法治建设第一责任人职责……")
rule("M003", "xi-rule-of-law-thought-missing", "warning",
     "习近平法治思想 is not mentioned (reports for 2020 onward).",
     "中央全面依法治国工作会议 (2020年11月) 明确习近平法治思想",
     fail="深入学习贯彻党的二十大精神……", passes="深入学习贯彻习近平法治思想……",
     severities=("warning", "info"))
rule("M004", "review-litigation-missing", "info",
     "No mention of 行政复议 or 行政诉讼/应诉.",
     "《法治政府建设实施纲要（2021—2025年）》第八部分 (行政复议、行政应诉)",
     fail="a report silent on 复议 and 应诉", passes="全年办理行政复议案件12件，行政机关负责人出庭应诉率100%。")


@check("M001")
def shufa(ctx) -> Iterator[Hit]:
    rep = ctx.report
    since = ctx.packs["mentions"]["shufa"].get("since_year", 2021)
    if rep.reporting_year is not None and rep.reporting_year < since:
        return
    if not shufa_mentions(rep, ctx.packs):
        sugg = "state how the principal leaders reported on performing their rule-of-law duties, e.g. 专题述法 or 述法报告"
        other = shufa_mentions(rep, ctx.packs, done_only=False)
        if other:
            b, ns, ne = other[0]
            yield ctx.hit("M001", b, ns, ne,
                          f"述法 is mentioned only as planned or not done in {rep.reporting_year or 'the reporting year'}",
                          sugg, severity="warning")
        elif rep.reporting_year is None:
            # 述法 is required from 2021 on: with the year unknown this cannot be an error (SPEC §2)
            yield title_hit(ctx, "M001", "the report never mentions 述法 by the 党政主要负责人 (required for "
                            f"reports on {since} onward; the reporting year is unknown)", sugg, severity="info")
        else:
            yield title_hit(ctx, "M001", "the report never mentions 述法 by the 党政主要负责人 (述职 alone is not 述法)", sugg)


def _absent_term_check(code: str, key: str, message: str, suggestion: str) -> None:
    """Register the check for ``code``: none of the pack's ``[key] terms`` occurs in the report
    proper (and the reporting year is not before the pack's ``since_year``, when given)."""

    def absent(ctx) -> Iterator[Hit]:
        rep = ctx.report
        conf = ctx.packs["mentions"][key]
        since = conf.get("since_year")
        if since is not None and rep.reporting_year is not None and rep.reporting_year < since:
            return
        if not term_mentions(rep, conf["terms"]):
            if since is not None and rep.reporting_year is None:
                # a year limit with the year unknown: info, never an error (SPEC §2)
                yield title_hit(ctx, code, f"{message} (required for reports on {since} onward; the reporting "
                                "year is unknown)", suggestion, severity="info")
            else:
                yield title_hit(ctx, code, message, suggestion)

    absent.__name__ = absent.__qualname__ = f"{key}_absent"
    check(code)(absent)


_absent_term_check("M002", "first_responsible_person", "the report never mentions 第一责任人",
                   "report how the 党政主要负责人 performed their duties as 推进法治建设第一责任人")
_absent_term_check("M003", "xi_thought", "the report never mentions 习近平法治思想",
                   "state how 习近平法治思想 was studied and applied")
_absent_term_check("M004", "review_litigation", "no mention of 行政复议 or 行政诉讼/应诉",
                   "report the year's 行政复议 and 行政应诉 work and figures")
