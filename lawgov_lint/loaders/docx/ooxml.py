"""WordprocessingML names shared by the .docx reader's modules (namespaces, tags) and the small
attribute readers they all use."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
M_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
STRICT_NS_PREFIX = "http://purl.oclc.org/ooxml/"  # ISO 29500 Strict namespaces
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


def _children(el, tag: str):
    """Children of ``el`` with ``tag``, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _children(child, tag)


def first(el, tag: str):
    """The first child of ``el`` with ``tag``, or None: ``el.find(tag)`` without lxml's path parser."""
    for child in el.iterchildren(tag):
        return child
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _on(el) -> bool:
    """A w:ST_OnOff toggle element is present and not switched off."""
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


def field_char(child, fields: list[bool]) -> bool:
    """Track Word's complex fields (``w:fldChar`` begin → separate → end) in ``fields``, a stack of
    "past the separator" flags: text is a field's shown result only where every flag is True (its
    instruction, before the separator, is not text). Returns whether ``child`` was a ``w:fldChar``."""
    if child.tag != W + "fldChar":
        return False
    kind = child.get(W + "fldCharType")
    if kind == "begin":
        fields.append(False)
    elif kind == "separate" and fields:
        fields[-1] = True
    elif kind == "end" and fields:
        fields.pop()
    return True
