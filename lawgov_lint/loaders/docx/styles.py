"""Word styles and automatic list numbering for the .docx reader: which style a paragraph has
(name, heading level, alignment, inherited along ``w:basedOn``) and the label Word draws for a
numbered paragraph (``一、``, ``（一）``, ``1.``), computed from numbering.xml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ooxml import W, _int, _on, first

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题"}
_STYLE, _TYPE, _STYLE_ID, _DEFAULT = W + "style", W + "type", W + "styleId", W + "default"
_PPR, _NAME, _BASED_ON, _VAL = W + "pPr", W + "name", W + "basedOn", W + "val"
_KNOWN_TYPES = ("paragraph", "character", "table", "numbering")  # python-docx's WD_STYLE_TYPE


def _python_docx_style(el):
    """python-docx's style object for ``el`` (what it raises for a style it cannot read)."""
    from docx.styles.style import StyleFactory

    return StyleFactory(el)


# --------------------------------------------------------------------------- styles

@dataclass(slots=True)
class _StyleInfo:
    name: str | None
    based_on: str | None
    outline: int | None  # w:outlineLvl (0-based; 9 = body text)
    jc: str | None
    num_id: str | None = None  # w:numPr/w:numId: the style numbers its paragraphs
    ilvl: int | None = None  # w:numPr/w:ilvl


@dataclass(slots=True)
class StyleTable:
    """Paragraph styles by id, with inherited heading level and alignment.

    A document defines some fifty paragraph styles and its paragraphs use a few: ``styles`` holds those
    read so far, ``unread`` the ``w:style`` element (and the name, read up front) of the others, read the
    first time a paragraph's style or its ``w:basedOn`` chain needs them.
    """

    styles: dict[str, _StyleInfo] = field(default_factory=dict)
    default_id: str | None = None
    numbering_styles: dict[str, str] = field(default_factory=dict)  # numbering style id → its w:numId
    unread: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)  # id → (w:style, name)
    # what resolve() and numbering() gave for each style id asked (a document's paragraphs share few styles)
    _resolved: dict = field(default_factory=dict, repr=False, compare=False)
    _numbered: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_document(cls, docx_doc) -> "StyleTable":
        """The styles part python-docx found for ``docx_doc`` (its default styles when the package has
        none), read from the parsed ``w:styles`` element; names as python-docx gives them (its
        :class:`~docx.styles.BabelFish` UI names: ``Heading 1`` for ``heading 1``)."""
        table = cls()
        try:
            root = docx_doc.styles.element
        except Exception:  # no or damaged styles part: styles are only hints
            return table
        from docx.styles import BabelFish

        ui_name = BabelFish.ui_style_names.get
        unread = table.unread
        for el in root.iterchildren(_STYLE):
            get = el.get
            kind = get(_TYPE)
            if kind != "paragraph":
                if kind not in _KNOWN_TYPES:
                    _python_docx_style(el)  # python-docx refuses a style of no or an unknown type: so does the read
                if kind == "numbering" and (sid := get(_STYLE_ID)) is not None:
                    num_id = ppr_props(first(el, _PPR))[1]
                    if num_id is not None:
                        table.numbering_styles[sid] = num_id
                continue
            sid = get(_STYLE_ID)
            if sid is None:
                continue
            name_el = first(el, _NAME)
            if name_el is None:
                name = None
            else:
                name = name_el.get(_VAL)
                if name is None:
                    name = _python_docx_style(el).name  # raises as python-docx does for a w:name without w:val
                name = ui_name(name, name)
            unread[sid] = (el, name)
            if get(_DEFAULT) in ("1", "true", "on"):
                table.default_id = sid
        return table

    def _info(self, sid: str | None) -> _StyleInfo | None:
        """Paragraph style ``sid``, read from its element the first time; None when there is none."""
        info = self.styles.get(sid)
        if info is None and sid in self.unread:
            el, name = self.unread.pop(sid)
            based = first(el, _BASED_ON)
            _, num_id, ilvl, outline, jc = ppr_props(first(el, _PPR))
            info = self.styles[sid] = _StyleInfo(
                name=name,
                based_on=based.get(_VAL) if based is not None else None,
                outline=outline,
                jc=jc,
                num_id=num_id,
                ilvl=ilvl,
            )
        return info

    def _chain(self, sid: str | None):
        seen: set[str] = set()
        while sid is not None and sid not in seen:
            info = self._info(sid)
            if info is None:
                break
            seen.add(sid)
            yield info
            sid = info.based_on

    def resolve(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(style name, heading level, alignment) of paragraph style ``sid``."""
        try:
            return self._resolved[sid]
        except KeyError:
            found = self._resolved[sid] = self._resolve(sid)
            return found

    def _resolve(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        if sid not in self.styles and sid not in self.unread:
            sid = self.default_id
        if sid is None:
            return None, None, None
        name = self._info(sid).name
        level: int | None = None
        level_known = False
        jc: str | None = None
        jc_known = False
        for info in self._chain(sid):
            if not level_known:
                lname = (info.name or "").strip()
                m = _HEADING_NAME.match(lname)
                if m:
                    level, level_known = int(m.group(1)), True
                elif lname.lower() in _TITLE_NAMES:
                    level, level_known = 0, True
                elif info.outline is not None:
                    level, level_known = (info.outline + 1 if info.outline < 9 else None), True
            if not jc_known and info.jc is not None:
                jc, jc_known = info.jc, True
        return name, level, jc

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style giving the numId) inherited by paragraph style ``sid``."""
        try:
            return self._numbered[sid]
        except KeyError:
            found = self._numbered[sid] = self._numbering(sid)
            return found

    def _numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        if sid not in self.styles and sid not in self.unread:
            sid = self.default_id
        num_id: str | None = None
        owner: str | None = None
        ilvl: int | None = None
        current = sid
        for info in self._chain(sid):
            if num_id is None and info.num_id is not None:
                num_id, owner = info.num_id, current
            if ilvl is None and info.ilvl is not None:
                ilvl = info.ilvl
            current = info.based_on
        return num_id, ilvl, owner


_P_STYLE, _NUM_PR, _OUTLINE, _JC = W + "pStyle", W + "numPr", W + "outlineLvl", W + "jc"
_NUM_ID, _ILVL = W + "numId", W + "ilvl"
_NO_PPR = (None, None, None, None, None)


def ppr_props(ppr) -> tuple[str | None, str | None, int | None, int | None, str | None]:
    """What a ``w:pPr`` says, read in one pass over its children (the first of each kind counts):
    (style id ``w:pStyle/@w:val``, ``w:numPr`` numId and ilvl, ``w:outlineLvl`` 0-based, ``w:jc``),
    each None when absent."""
    if ppr is None:
        return _NO_PPR
    sid = num_id = ilvl = outline = jc = None
    seen = 0  # bits: 1 pStyle, 2 numPr, 4 outlineLvl, 8 jc
    for child in ppr:
        tag = child.tag
        if tag == _P_STYLE:
            if not seen & 1:
                seen |= 1
                sid = child.get(_VAL)
        elif tag == _NUM_PR:
            if not seen & 2:
                seen |= 2
                el = first(child, _NUM_ID)
                num_id = el.get(_VAL) if el is not None else None
                el = first(child, _ILVL)
                ilvl = _int(el.get(_VAL), 0) if el is not None else None
        elif tag == _OUTLINE:
            if not seen & 4:
                seen |= 4
                try:
                    outline = int(child.get(_VAL))
                except (TypeError, ValueError):
                    outline = None
        elif tag == _JC:
            if not seen & 8:
                seen |= 8
                jc = child.get(_VAL)
    return sid, num_id, ilvl, outline, jc


def _num_pr(ppr) -> tuple[str | None, int | None]:
    """(w:numId, w:ilvl) of a w:pPr's w:numPr, each None when absent."""
    return ppr_props(ppr)[1:3]


def _style_id(ppr) -> str | None:
    """The paragraph style id a ``w:pPr`` names (``w:pStyle/@w:val``), if any."""
    return ppr_props(ppr)[0]


def _outline(ppr) -> int | None:
    return ppr_props(ppr)[3]


def _jc(ppr) -> str | None:
    return ppr_props(ppr)[4]


def _align(jc: str | None) -> str | None:
    if jc == "center":
        return "center"
    if jc in ("right", "end"):
        return "right"
    return None


# --------------------------------------------------------------------------- list numbering

@dataclass(slots=True)
class _Level:
    """One level (w:lvl) of a list definition."""

    start: int = 1  # w:start
    fmt: str = "decimal"  # w:numFmt
    text: str = ""  # w:lvlText, with %1 … %9 standing for the counters of levels 1 … 9
    restart: int | None = None  # w:lvlRestart: restarts after level 1 … n only (0 = never); None = after any higher level
    legal: bool = False  # w:isLgl: all numbers in the label as decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _level(lvl, base: _Level | None = None) -> _Level:
    level = _Level() if base is None else _Level(base.start, base.fmt, base.text, base.restart, base.legal, base.style)
    for child in lvl:
        tag = child.tag
        if not isinstance(tag, str):  # an XML comment or processing instruction
            continue
        val = child.get(W + "val")
        if tag == W + "start":
            level.start = _int(val, 1)
        elif tag == W + "numFmt":
            level.fmt = val or "decimal"
        elif tag == W + "lvlText":
            level.text = val or ""
        elif tag == W + "lvlRestart":
            level.restart = _int(val, 0)
        elif tag == W + "isLgl":
            level.legal = _on(child)
        elif tag == W + "pStyle":
            level.style = val
    return level


@dataclass(slots=True)
class _List:
    """What a w:num gives: its abstract definition's levels (overrides applied) and its counters' key."""

    levels: dict[int, _Level]
    key: str  # numbering is counted per abstract definition; a w:num restarting a level counts on its own


class Numbering:
    """Word's automatic list numbering: numbering.xml definitions and running counters.

    Counters are kept per abstract list definition (``w:abstractNum``) and
    level, in document order; a ``w:num`` with a ``w:startOverride`` starts a
    list of its own. A level restarts when a higher level advances, unless its
    ``w:lvlRestart`` says otherwise. :meth:`label` advances the counters, so it
    is called once for every numbered paragraph, in document order, including
    empty ones (Word numbers them too).
    """

    def __init__(self, lists: dict[str, _List], styles: StyleTable) -> None:
        self.lists = lists
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}

    @classmethod
    def from_document(cls, docx_doc, styles: StyleTable) -> "Numbering":
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            root = docx_doc.part.part_related_by(RT.NUMBERING).element
        except Exception:  # no (or an unreadable) numbering part: nothing is auto-numbered
            return cls({}, styles)
        abstracts = {}
        for el in root.iterchildren(W + "abstractNum"):
            levels = {}
            for lvl in el.iterchildren(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
            link = first(el, W + "numStyleLink")
            abstracts[el.get(W + "abstractNumId")] = (levels, link.get(W + "val") if link is not None else None)
        nums = {el.get(W + "numId"): el for el in root.iterchildren(W + "num")}
        lists: dict[str, _List] = {}
        for num_id, el in nums.items():
            abstract_id = _abstract_of(el)
            seen = set()
            # a list style (w:numStyleLink) points at the w:num of the definition it shares
            while abstract_id in abstracts and abstracts[abstract_id][1] is not None and abstract_id not in seen:
                seen.add(abstract_id)
                linked = nums.get(styles.numbering_styles.get(abstracts[abstract_id][1], ""))
                if linked is None:
                    break
                abstract_id = _abstract_of(linked)
            if abstract_id not in abstracts:
                continue
            levels = dict(abstracts[abstract_id][0])
            key = "a" + abstract_id
            for override in el.iterchildren(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                lvl = first(override, W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
                start = first(override, W + "startOverride")
                if start is not None:
                    base = levels.get(ilvl, _Level())
                    levels[ilvl] = _Level(_int(start.get(W + "val"), 1), base.fmt, base.text, base.restart,
                                          base.legal, base.style)
                    key = "n" + num_id
            lists[num_id] = _List(levels, key)
        return cls(lists, styles)

    def label(self, ppr, style_id: str | None) -> str | None:
        """The label Word draws before a paragraph with properties ``ppr``, or None."""
        num_id, ilvl = _num_pr(ppr)
        return self.label_of(num_id, ilvl, style_id)

    def label_of(self, num_id: str | None, ilvl: int | None, style_id: str | None) -> str | None:
        """:meth:`label` for a paragraph whose ``w:numPr`` gives ``num_id`` and ``ilvl`` (None: absent)."""
        owner = None
        style_num, style_ilvl, style_owner = self.styles.numbering(style_id)
        if num_id is None:
            num_id, owner = style_num, style_owner
        if num_id is None or num_id not in self.lists:  # numId 0: numbering switched off
            return None
        lst = self.lists[num_id]
        if ilvl is None and owner is not None:
            # numbered through its style: the level that names the style, else the style's w:ilvl
            ilvl = next((i for i, lv in lst.levels.items() if lv.style == owner), style_ilvl)
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else 0
        ilvl = min(max(ilvl, 0), 8)
        level = lst.levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(lst.key, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            restart = lst.levels[deeper].restart if deeper in lst.levels else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return None

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            ref = lst.levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else ref.start
            return _format_number(value, "decimal" if level.legal and ref.fmt != "none" else ref.fmt)

        text = _COUNTER.sub(number, level.text)
        return text if text.strip() else None


_COUNTER = re.compile(r"%([1-9])")


def _abstract_of(num) -> str | None:
    el = first(num, W + "abstractNumId")
    return el.get(W + "val") if el is not None else None


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """``n`` (1 … 9999) in Chinese counting with units: 十一, 二十, 一百零一, 一千二百."""
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    parts = []
    pending_zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append(zero)
            pending_zero = False
        parts.append(digits[d] + unit)
    text = "".join(parts)
    if digits is _CN_DIGITS and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    """Counter value ``n`` as w:numFmt ``fmt`` shows it (decimal for formats not listed)."""
    if fmt == "none":
        return ""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        if fmt in ("chineseCounting", "taiwaneseCounting") and n >= 100:
            return "".join(_CN_DIGITS[int(d)] for d in str(n))  # 一〇一
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)
