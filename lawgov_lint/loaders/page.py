"""Web-page chrome: the lines a published page puts around the report (SPEC §3 "Web-page text").

A report copied from a government site, or saved as .html, carries the page's own lines around
the article: a breadcrumb (``首页 > 政务公开 > 法治政府建设``), the meta line under the title
(``发布时间：2024-03-05 10:12  来源：某区司法局  浏览次数：321``), the 政府信息公开 box (``索引号``,
``发布机构``, ``成文日期``, ``文号``), ``字体：大 中 小``, ``【打印】【关闭】``, ``分享到``, ``上一篇``/``下一篇``
and the site footer (``主办单位``, ``网站标识码``, ICP 备案). These are page metadata: never the
title, the opening sentence or report text. :func:`split_chrome` finds them and reads from them
the publication date (``发布时间``/``发布日期``, for D003, 第二十四条), the signing date a 信息公开 box
gives (``成文日期``/``发文日期``: the 成文日期, not the publication) and the ``来源``.

A line is chrome only when *everything* on it is a page item; a line of keyed items only
(``作者：``, ``文号：``, ``日期：``) counts only in a run of page lines that holds a strong one (a
publication date, 浏览次数, 打印/关闭, 分享, a breadcrumb, a footer item), so that a report's own
``时间：`` line in its body is never taken for page chrome.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..document import PageMeta
from ..i18n import msg

_SEP = r"[：:]\s*"
_DATE_VALUE = (r"(?P<y>20\d{2}|19\d{2})\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
               r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
DATE_VALUE_RE = re.compile(_DATE_VALUE)

# the key given to a bare date(-time) on a page line (``2025-03-07 10:00　来源：…``)
BARE_DATE = ""
# keys whose value is the page's publication date
PUBLICATION_KEYS = ("发布时间", "发布日期", "发表时间", "发表日期", "公开日期", "公开时间", "上网时间", "上网日期",
                    "发稿时间", "信息时间", "时间", "日期")
# keys whose value is the signing date on a 政府信息公开 page (成文日期, never the publication)
SIGNING_KEYS = ("成文日期", "成文时间", "发文日期", "发文时间", "印发日期", "生成日期", "产生日期", "签发日期")
# other dated keys (an update is not the publication)
OTHER_DATE_KEYS = ("更新时间", "更新日期", "修改时间", "有效期", "废止日期", "实施日期")
# keyed items with a short free value
VALUE_KEYS = ("来源", "信息来源", "文章来源", "稿件来源", "作者", "编辑", "责任编辑", "责编", "编审", "审核", "审校",
              "供稿", "发布机构", "发布单位", "发布者", "发文机关", "发文机构", "发文单位", "信息索取号", "索引号",
              "主题分类", "组配分类", "服务对象", "体裁分类", "主题词", "关键词", "公开方式", "公开范围",
              "公开形式", "公开类别", "公开时限", "时效", "有效性", "文号", "发文字号", "名称", "标题", "分类",
              "所属机构", "所属主题", "统一编号", "文件编号", "内容分类", "浏览量", "点击量", "阅读量", "访问量")
COUNT_KEYS = ("浏览次数", "浏览量", "阅读次数", "阅读量", "点击数", "点击量", "点击次数", "访问量", "访问次数", "阅读数")

_KEY_ALT = "|".join(sorted({*PUBLICATION_KEYS, *SIGNING_KEYS, *OTHER_DATE_KEYS, *VALUE_KEYS, *COUNT_KEYS},
                           key=len, reverse=True))
# a keyed item: key, colon, a value up to the next key or the end of the line
_KEYED = re.compile(rf"[【\[]?(?P<key>{_KEY_ALT})[】\]]?{_SEP}(?P<value>.*?)\s*(?=(?:[【\[]?(?:{_KEY_ALT})[】\]]?{_SEP})|$)")

# whole bracketed or bare page controls
_CONTROLS = re.compile(
    r"[【\[［(（]?\s*(?:打印(?:本页|此页|文章|页面)?|关闭(?:本页|窗口|页面)?|返回(?:顶部|首页|列表|上页)?|收藏(?:本页)?|"
    r"保存(?:本页)?|纠错|我要纠错|下载(?:全文|附件)?|字体|字号|视力保护色|无障碍(?:浏览|阅读)?|长者模式|繁体|简体|"
    r"大|中|小|默认|分享|分享到|扫一扫|二维码|在手机打开当前页|手机扫一扫|用手机扫描二维码|微信|微博|QQ空间|"
    r"相关链接|相关阅读|相关文章|相关文件|附件下载|政策解读|图解|网站地图|联系我们|设为首页|加入收藏)\s*[】\]］)）]?"
)
_STRONG_LINE = [
    re.compile(r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置|位置)[：:]"),
    re.compile(r"^(?:网站)?首页\s*(?:[>＞»›/|]|&gt;)"),  # breadcrumb
    re.compile(r"^[^。，；：>＞»›]{1,15}(?:\s*(?:[>＞»›]|&gt;)\s*[^。，；：>＞»›]{1,15}){2,}$"),  # 某某网 > 时政 > 本地
    re.compile(r"^(?:上一篇|下一篇|上一条|下一条)[：:]?"),
    re.compile(r"^(?:分享到|扫一扫|手机扫一扫)"),
    re.compile(r"ICP备\d|ICP证|公网安备\s*\d|网站标识码|网站识别码|^(?:版权所有|Copyright|©|主办单位[：:]|主办[：:]|"
               r"承办单位[：:]|承办[：:]|技术支持[：:]|维护单位[：:]|建议使用.{0,20}浏览器)", re.IGNORECASE),
]
_FONT_SIZES = re.compile(r"[【\[［]?\s*(?:字体|字号)[：:]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*"
                         r"[【\[]?\s*小\s*[】\]]?\s*[】\]］]?")
_BRACKETED_CONTROL = re.compile(rf"[【\[［]\s*(?:{_CONTROLS.pattern})\s*[】\]］]")
_FILLER = re.compile(r"[\s|｜/·•【】\[\]［］]+")


def _strip_controls(t: str) -> tuple[str, bool]:
    """``t`` without its font-size switch and bracketed page controls (【打印】【关闭】), and
    whether any was there; a line of bare controls only (``打印本页 关闭窗口``) strips to ''."""
    rest = _FONT_SIZES.sub(" ", t)
    rest = _BRACKETED_CONTROL.sub(" ", rest)
    removed = rest != t
    bare = _FILLER.sub("", rest)
    if bare and _FILLER.sub("", _CONTROLS.sub(" ", rest)) == "" and len(bare) >= 4:
        return "", True  # only bare controls, e.g. 打印本页 关闭窗口 (not a lone 大 or 微信)
    return (rest.strip() if _FILLER.sub("", rest) else ""), removed


@dataclass(frozen=True, slots=True)
class _LineKind:
    chrome: bool  # every item on the line is a page item
    strong: bool  # it holds an item only a page has (a publication date, counts, controls, a breadcrumb)
    items: tuple[tuple[str, str], ...] = ()  # (key, value) items


def _keyed_items(text: str) -> list[tuple[str, str]] | None:
    """The (key, value) items of a line made only of keyed page items, else None."""
    items: list[tuple[str, str]] = []
    pos = 0
    s = text
    while pos < len(s):
        while pos < len(s) and s[pos] in " \u3000\u00a0|｜/·•\t":
            pos += 1
        if pos >= len(s):
            break
        m = _KEYED.match(s, pos)
        if not m:
            d = DATE_VALUE_RE.match(s, pos)  # a bare date(-time) beside keyed items: the publication
            if d is None or pos > 0 and items and items[-1][0] == BARE_DATE:
                return None
            items.append((BARE_DATE, d.group(0).strip()))
            pos = d.end()
            continue
        key, value = m.group("key"), m.group("value").strip(" \u3000|｜/·•【】[]［］")
        if len(value) > 60 or "。" in value or "；" in value:
            return None
        items.append((key, value))
        if m.end() <= pos:
            return None
        pos = m.end()
    if len(items) == 1 and items[0][0] == BARE_DATE:
        return None  # a bare date alone is a report's own date line, not page chrome
    return items or None


# every chrome line holds one of these; a line without any is read no further
_MAYBE = re.compile(r"[：:>＞»›|｜【\[©]|\d{4}[-/.]\d")
_MAYBE_WORDS = ("打印", "关闭", "扫一扫", "ICP", "公网安备", "版权", "opyright", "字体", "字号", "返回", "收藏", "分享",
                "上一", "下一", "网站")
_MAX_CHROME_LINE = 240


def classify(text: str) -> _LineKind:
    """Whether a physical line (stripped) is page chrome, and what it says."""
    if len(text) > _MAX_CHROME_LINE or not (_MAYBE.search(text) or any(w in text for w in _MAYBE_WORDS)):
        return _LineKind(False, False)
    # a box spaces its two-character keys out: 名　　称： → 名称：; a news page brackets its editor line
    t = re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff]\s*[：:])", "", text.strip())
    t = re.sub(r"^[（(]((?:责任编辑|责编|编辑|作者|来源)[：:][^（）()]{1,30})[）)]$", r"\1", t)
    if not t:
        return _LineKind(False, False)
    for rx in _STRONG_LINE:
        if rx.search(t) and (len(t) <= 120 or rx is _STRONG_LINE[1]):
            if "。" not in t or rx is _STRONG_LINE[2]:
                return _LineKind(True, True)
    rest, removed = _strip_controls(t)
    if removed and not rest:
        return _LineKind(True, True)
    items = _keyed_items(rest) if rest else None
    if items is None:
        return _LineKind(False, False)
    strong = len(items) >= 2 and any(parse_date(v) for k, v in items
                                     if k in PUBLICATION_KEYS or k in SIGNING_KEYS or k == BARE_DATE)
    for key, value in items:
        if key in COUNT_KEYS or key in ("索引号", "信息索取号", "责任编辑", "责编"):
            strong = True
        elif key in PUBLICATION_KEYS and DATE_VALUE_RE.match(value) and key not in ("时间", "日期"):
            strong = True
    if removed:
        strong = True
    return _LineKind(True, strong, tuple(items))


def parse_date(value: str) -> dt.date | None:
    m = DATE_VALUE_RE.match(value.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def simplified(texts: list[str]) -> list[str]:
    """``texts`` in Simplified characters when they are written in Traditional ones (the 繁體
    version of a site writes 發佈時間、來源、瀏覽次數), else unchanged; same lengths."""
    from ..normalize import detect_script, simplifier

    if not detect_script(texts).traditional:
        return texts
    simplify = simplifier()
    return [simplify(t) for t in texts]


def chrome_runs(texts: list[str]) -> list[bool]:
    """For each line, whether it is page chrome (see module doc): a chrome line counts when it is
    strong or when the run of consecutive chrome lines it belongs to holds a strong one."""
    kinds = [classify(t) for t in simplified(texts)]
    out = [False] * len(texts)
    i = 0
    while i < len(kinds):
        if not kinds[i].chrome:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j].chrome:
            j += 1
        if any(k.strong for k in kinds[i:j]):
            for k in range(i, j):
                out[k] = True
        i = j
    return out


def page_meta(texts: list[str], flags: list[bool], where: list[int | None]) -> PageMeta | None:
    """The page's metadata read from its chrome lines (``flags``); ``where[i]`` is the physical line
    number of line i (None in an .html page, where lines have no number). None when no line is chrome."""
    if not any(flags):
        return None
    meta = PageMeta()
    for text, is_chrome, place in zip(simplified(texts), flags, where):
        if not is_chrome:
            continue
        meta.lines.append(text.strip())
        for key, value in classify(text).items:
            if (key in PUBLICATION_KEYS or key == BARE_DATE) and meta.published_on is None:
                d = parse_date(value)
                if d is not None:
                    meta.published_on = d
                    label = msg("D003.date-line") if key == BARE_DATE else key
                    meta.published_where = (msg("D003.where-page-line", label=label, line=place) if place
                                            else msg("D003.where-page", label=label))
            elif key in SIGNING_KEYS and meta.signing_date is None:
                meta.signing_date = parse_date(value)
            elif key in ("来源", "信息来源", "文章来源", "稿件来源") and meta.source is None and value:
                meta.source = value
            elif key in ("发布机构", "发布单位", "发文机关", "发文机构", "发文单位", "所属机构") and value:
                meta.publisher = meta.publisher or value
    return meta


_RUN_IN_TOP = re.compile(r"(?<=[。！？!?])[ \u3000]*([一二三四五六七八九十]{1,3})、")


def run_in_heading_cuts(texts: list[str]) -> dict[int, list[int]]:
    """Where top-level headings were run into the previous paragraph by a repost that lost its
    newlines (``…取得新成效。一、坚持党的领导，…``): ``{text index: [offsets of the 一、 markers]}``.

    Only a ``X、`` marker right after a sentence end counts, and only when its number continues
    the document's top-level sequence (一、 then 二、 …, counting the markers that do start a
    text) in a chain of at least two, so that an enumeration inside a sentence (``包括：一、…；
    二、…``) or a lone ``一、`` stays where it is.
    """
    from ..lexers.markers import find_marker
    from ..numerals import cn_number

    found: list[tuple[int, int, int]] = []  # (text index, offset, number); offset 0 = a text start
    for k, text in enumerate(texts):
        m = find_marker(text)
        if m is not None and m.kind == "cn_dun" and m.start == 0:
            found.append((k, 0, m.number))
        for r in _RUN_IN_TOP.finditer(text):
            try:
                found.append((k, r.start(1), cn_number(r.group(1))))
            except ValueError:
                continue
    chain: list[tuple[int, int, int]] = []  # the chain 1, 2, 3 … in document order
    for item in found:
        if item[2] == len(chain) + 1:
            chain.append(item)
    cuts: dict[int, list[int]] = {}
    if len(chain) >= 2:
        for k, off, _ in chain:
            if off > 0:
                cuts.setdefault(k, []).append(off)
    return cuts
