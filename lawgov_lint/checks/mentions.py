"""M — mandatory mentions: 述法, 第一责任人, 习近平法治思想, 复议与诉讼.

Sources: 《党政主要负责人履行推进法治建设第一责任人职责规定》(中办发〔2016〕71号); the 2021
opinion of 中央全面依法治国委员会 on 述法 by 党政主要负责人; 《法治政府建设与责任落实督察工作规定》
第二十五条（三）.
"""

from __future__ import annotations

from typing import Iterator

from ..facts.mentions import shufa_mentions, term_mentions
from ..i18n import msg
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
        sugg = msg("M001.missing.hint")
        other = shufa_mentions(rep, ctx.packs, done_only=False)
        if other:
            b, ns, ne = other[0]
            yield ctx.hit("M001", b, ns, ne,
                          msg("M001.planned-only", year=rep.reporting_year) if rep.reporting_year
                          else msg("M001.planned-only-year-unknown"), sugg, severity="warning")
        elif rep.reporting_year is None:
            # 述法 is required from 2021 on: with the year unknown this cannot be an error (SPEC §2)
            yield title_hit(ctx, "M001", msg("M001.missing-year-unknown", since=since), sugg, severity="info")
        else:
            yield title_hit(ctx, "M001", msg("M001.missing"), sugg)


def _absent_term_check(code: str, key: str) -> None:
    """Register the check for ``code``: none of the pack's ``[key] terms`` occurs in the report
    proper (and the reporting year is not before the pack's ``since_year``, when given). Messages:
    ``<code>.missing`` (``<code>.missing-year-unknown`` with ``{since}``), suggestion ``<code>.missing.hint``."""

    def absent(ctx) -> Iterator[Hit]:
        rep = ctx.report
        conf = ctx.packs["mentions"][key]
        since = conf.get("since_year")
        if since is not None and rep.reporting_year is not None and rep.reporting_year < since:
            return
        if not term_mentions(rep, conf["terms"]):
            if since is not None and rep.reporting_year is None:
                # a year limit with the year unknown: info, never an error (SPEC §2)
                yield title_hit(ctx, code, msg(f"{code}.missing-year-unknown", since=since),
                                msg(f"{code}.missing.hint"), severity="info")
            else:
                yield title_hit(ctx, code, msg(f"{code}.missing"), msg(f"{code}.missing.hint"))

    absent.__name__ = absent.__qualname__ = f"{key}_absent"
    check(code)(absent)


_absent_term_check("M002", "first_responsible_person")
_absent_term_check("M003", "xi_thought")
_absent_term_check("M004", "review_litigation")
