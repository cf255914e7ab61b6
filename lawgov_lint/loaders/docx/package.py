"""A well-formed .docx package read with zipfile and lxml alone: the fast path of the .docx reader.

python-docx's import is ~35 ms of a cold run, and the reader only walks the XML trees it parses. For a
package that python-docx would open without complaint, :func:`open_package` gives the reader the same
trees — parsed from the same bytes with python-docx's parser settings (``remove_blank_text``, entities
not resolved) — and the same view of the package: the main document part found through the package
relationships, each part's relationships in file order, content types from ``[Content_Types].xml``,
paragraph-style names as python-docx gives them (``heading 1`` → ``Heading 1``).

It follows python-docx's reading of the package (``docx.opc.pkgreader``: every part reachable through
the relationships is read, and parsed when python-docx would parse it) and raises :class:`Unusual` for
anything python-docx would refuse or read differently — a missing part or content type, XML that does
not parse, another main content type, a style python-docx cannot type, no styles part (python-docx then
supplies default styles) — so that the reader opens such a file with python-docx, whose behaviour,
errors included, stays the reference.
"""

from __future__ import annotations

import posixpath
import zipfile

from .ooxml import W

_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_STYLES = _RT + "styles"
RT_NUMBERING = _RT + "numbering"
RT_IMAGE = _RT + "image"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT_MAIN = _WML + "document.main+xml"
CT_STYLES = _WML + "styles+xml"
# The parts python-docx parses when it opens a package (docx/__init__.py: PartFactory.part_type_for; a test
# checks the installed python-docx registers exactly these). Others (stylesWithEffects.xml: 400 KB) are not read.
_XML_PARTS = frozenset([
    "application/vnd.openxmlformats-package.core-properties+xml", _WML + "comments+xml", CT_DOCUMENT_MAIN,
    _WML + "footer+xml", _WML + "header+xml", _WML + "numbering+xml", _WML + "settings+xml", CT_STYLES,
])
# docx.styles.BabelFish: the style names python-docx shows in their UI spelling.
_UI_NAMES = {"caption": "Caption", "footer": "Footer", "header": "Header",
             **{f"heading {n}": f"Heading {n}" for n in range(1, 10)}}
_STYLE_TYPES = ("paragraph", "character", "table", "numbering")


class Unusual(Exception):
    """The package is one for python-docx to open (see the module docstring)."""


def parse_xml(blob: bytes):
    """``blob`` parsed as python-docx parses a part (``docx.oxml.parse_xml``), without its element classes."""
    from lxml import etree

    return etree.fromstring(blob, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


class Rel:
    """One relationship of a part (``docx.opc.rel._Relationship``'s attributes the reader uses)."""

    __slots__ = ("reltype", "is_external", "_target")

    def __init__(self, reltype: str, is_external: bool, target) -> None:
        self.reltype, self.is_external, self._target = reltype, is_external, target

    @property
    def target_part(self) -> "Part":
        if self.is_external:
            raise ValueError("target_part property on _Relationship is undefined when target mode is External")
        return self._target


class Part:
    """A package part: ``partname`` (``/word/document.xml``), ``blob``, ``rels`` (rId → Rel, in file
    order) and, for the parts python-docx parses, ``element``."""

    def __init__(self, partname: str, content_type: str, blob: bytes, parsed: bool) -> None:
        self.partname, self.content_type, self.blob = partname, content_type, blob
        self.rels: dict[str, Rel] = {}
        if parsed:
            self.element = parse_xml(blob)

    @property
    def related_parts(self) -> dict[str, "Part"]:
        return {rid: rel.target_part for rid, rel in self.rels.items() if not rel.is_external}

    def part_related_by(self, reltype: str) -> "Part":
        """The one part related by ``reltype`` (KeyError: none; ValueError: several, or external)."""
        matching = [rel for rel in self.rels.values() if rel.reltype == reltype]
        if not matching:
            raise KeyError(f"no relationship of type '{reltype}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        return matching[0].target_part


class Style:
    __slots__ = ("element", "name")

    def __init__(self, element, name: str | None) -> None:
        self.element, self.name = element, name


class Package:
    """What the reader reads of an opened .docx: ``element`` (the w:document root), ``part`` (the main
    document part) and ``styles`` (the w:style elements with their names)."""

    def __init__(self, part: Part, styles: list[Style]) -> None:
        self.part, self.element, self.styles = part, part.element, styles

    @property
    def body(self):
        return self.element.find(W + "body")


def open_package(zf: zipfile.ZipFile) -> Package:
    """The package in ``zf`` read as python-docx reads it.

    Raises:
        Unusual: anything python-docx would refuse or read differently (then open it with python-docx).
    """
    try:
        return _open(zf)
    except Unusual:
        raise
    except Exception as e:  # noqa: BLE001 - python-docx decides what this is
        raise Unusual(str(e)) from None


def _open(zf: zipfile.ZipFile) -> Package:
    types = parse_xml(zf.read("[Content_Types].xml"))
    overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.findall(_CT + "Override")}
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.findall(_CT + "Default")}

    def content_type(partname: str) -> str:
        if partname.lower() in overrides:
            return overrides[partname.lower()]
        ext = posixpath.splitext(partname)[1]
        ext = ext[1:] if ext.startswith(".") else ext
        if ext.lower() in defaults:
            return defaults[ext.lower()]
        raise Unusual(f"no content type for partname '{partname}'")

    def rels_of(partname: str) -> list[tuple[str, str, bool, str]]:
        """(rId, type, external, target partname or reference) of ``partname``'s relationships."""
        base, name = posixpath.split(partname)
        try:
            blob = zf.read(posixpath.join(base, "_rels", f"{name}.rels")[1:])
        except KeyError:
            return []
        out = []
        for rel in parse_xml(blob).findall(_RELS):
            external = rel.get("TargetMode") == "External"
            ref = rel.get("Target")
            out.append((rel.get("Id"), rel.get("Type"), external,
                        ref if external else posixpath.abspath(posixpath.join(base, ref))))
        return out

    parts: dict[str, Part] = {}
    pending: list[tuple[str, list]] = []

    def walk(rels: list) -> None:  # docx.opc.pkgreader.PackageReader._walk_phys_parts, depth first
        for _, reltype, external, target in rels:
            if external or target in parts:
                continue
            ct = content_type(target)
            parts[target] = Part(target, ct, zf.read(target[1:]), ct in _XML_PARTS and reltype != RT_IMAGE)
            own = rels_of(target)
            pending.append((target, own))
            walk(own)

    package_rels = rels_of("/")
    walk(package_rels)
    for source, rels in pending:
        for rid, reltype, external, target in rels:
            if rid is None or reltype is None or rid in parts[source].rels:
                raise Unusual("a relationship without an Id or Type, or an Id used twice")
            parts[source].rels[rid] = Rel(reltype, external, target if external else parts[target])
    main = [target for _, reltype, external, target in package_rels if reltype == RT_OFFICE_DOCUMENT]
    if len(main) != 1 or main[0] not in parts or parts[main[0]].content_type != CT_DOCUMENT_MAIN:
        raise Unusual("no single main document part of the Word content type")
    document = parts[main[0]]
    try:
        styles_part = document.part_related_by(RT_STYLES)
    except (KeyError, ValueError):
        raise Unusual("no single styles part") from None
    if styles_part.content_type != CT_STYLES or not hasattr(styles_part, "element"):
        raise Unusual("the styles part is not a styles part")
    return Package(document, _styles(styles_part.element))


def _styles(root) -> list[Style]:
    """The w:style elements of a styles part with their names (``docx.styles.styles.Styles``)."""
    out = []
    for el in root.findall(W + "style"):
        if el.get(W + "type") not in _STYLE_TYPES:
            raise Unusual("a style of no type python-docx knows")
        name_el = el.find(W + "name")
        name = None
        if name_el is not None:
            name = name_el.get(W + "val")
            if name is None:
                raise Unusual("a w:name without w:val")
            name = _UI_NAMES.get(name, name)
        out.append(Style(el, name))
    return out


__all__ = ["Unusual", "Package", "Part", "Rel", "open_package", "parse_xml", "RT_NUMBERING"]
