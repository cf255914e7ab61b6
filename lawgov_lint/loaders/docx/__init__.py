"""Read a .docx report into a :class:`~lawgov_lint.document.Document` (SPEC §3).

The body XML is walked in document order — paragraphs and tables interleaved,
content controls (``w:sdt``) and custom-XML wrappers opened — so that a table
between two paragraphs stays between them. Each non-empty paragraph becomes
one block; each table cell becomes one block with 1-based ``table``/``row``/
``col`` (``col`` is the cell's first grid column, so merged cells are counted
once). Text is taken as Word shows it after accepting tracked changes:
inserted text kept, deleted text dropped, field results kept, field codes and
hidden text dropped. Headers and footers go to ``Document.headers`` /
``Document.footers``, never into the body.

A paragraph numbered by Word's automatic list numbering (``w:numPr`` on the
paragraph or inherited from its style) has no ``一、`` in its text; the label
Word draws for it is computed from numbering.xml (:class:`_Numbering`) and
stored in ``Block.label``, the text left unchanged.

XML is parsed by python-docx (lxml with entity resolution disabled); this
module only walks the resulting trees.
"""

from __future__ import annotations

import io
import zipfile

from ...document import Document, LoadError, Segment, Suppression
from ...i18n import msg
from ...suppress import suppressions_from_comments
from .ooxml import OLE2_MAGIC, R_ID, STRICT_NS_PREFIX, W
from .styles import Numbering, StyleTable
from .walker import Walker


def load_docx(name: str, data: bytes, package: zipfile.ZipFile | None = None) -> Document:
    """Load a .docx file's body, headers and footers.

    Args:
        name: the path to record in ``Document.path``.
        data: the file's bytes.
        package: the ZIP already opened on ``data`` (by :func:`~lawgov_lint.loaders.check_zip`), whose
            member list the checks below read instead of opening it again; python-docx reads ``data``.

    Returns:
        A Document of format "docx": one block per non-empty paragraph and per
        non-empty table cell, in document order, each with a single
        ``Segment(0)`` (a table cell has one segment per paragraph it holds),
        and ``label`` set for a paragraph (a cell: its first paragraph)
        numbered by automatic list numbering. When Word recorded its last
        layout (``w:lastRenderedPageBreak``), segments carry the 1-based
        ``page`` each stretch of text was on (a block crossing a page break
        gets a second segment there); otherwise ``page`` is None.

    Raises:
        LoadError: a legacy .doc/.wps (OLE2) or password-protected file, a
            damaged file or one that is not a Word document.
    """
    docx_doc = _open(data, package)
    styles = StyleTable.from_document(docx_doc)
    walker = Walker(styles, Numbering.from_document(docx_doc, styles))
    body = docx_doc.element.body
    walker.walk_body(body)
    walker.finish()
    if not walker.rendered_breaks:  # Word recorded no layout: no page numbers rather than "page 1" everywhere
        for b in walker.blocks:
            b.segments = [Segment(seg.start) for seg in b.segments]
    doc = Document(path=name, format="docx", blocks=walker.blocks)
    doc.headers, doc.footers = _headers_footers(docx_doc)
    if walker.tracked_changes:
        doc.notes.append(msg("ui.note.tracked-changes"))
    doc.suppressions = _suppressions(docx_doc, walker, doc.notes)
    return doc


# --------------------------------------------------------------------------- comments

_COMMENTS_REL = "/relationships/comments"


def _suppressions(docx_doc, walker: Walker, notes: list[str]) -> list[Suppression]:
    """Suppression directives written as Word comments (批注), anchored where the body walk found them.

    The comments part is the one the document's relationships name. A comments part that cannot
    be read costs its directives, and says so once in ``notes``.
    """
    try:
        comments: list[tuple[str, int | None]] = []
        seen: set[str] = set()
        for rel in docx_doc.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(_COMMENTS_REL):
                continue
            part = rel.target_part
            root = getattr(part, "element", None)
            if root is None:
                from docx.oxml import parse_xml  # lxml with entity resolution off

                root = parse_xml(part.blob)
            for c in root.iter(W + "comment"):
                cid = c.get(W + "id")
                if cid is None or cid in seen:
                    continue
                seen.add(cid)
                text = "".join(t.text or "" for t in c.iter(W + "t"))
                comments.append((text, walker.comment_blocks.get(cid, (False, None))[1]))
    except Exception as e:  # noqa: BLE001 - a damaged comments part must not cost the report
        notes.append(msg("ui.note.comments-unreadable", why=_short(e)))
        return []
    return suppressions_from_comments(comments)



# --------------------------------------------------------------------------- opening

def _open(data: bytes, zf: zipfile.ZipFile | None = None):
    """The python-docx Document for ``data`` (``zf``: the ZIP opened on it, if any), or a LoadError
    saying why not."""
    if data[:4] == OLE2_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise LoadError("password-protected .docx: remove the password in Word "
                            "(File → Info → Protect Document) and save it again")
        raise LoadError("a legacy Word/WPS (.doc/.wps) file renamed to .docx: open it and save it as .docx")
    if zf is None and not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError("damaged or not a .docx file (not a ZIP package): re-save it from Word as .docx")
    try:
        if zf is None:
            with zipfile.ZipFile(io.BytesIO(data)) as opened:
                names, rels = _names_and_rels(opened)
        else:
            names, rels = _names_and_rels(zf)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise LoadError(f"damaged or not a .docx file (bad ZIP: {_short(e)}): re-save it from Word as .docx") from None
    if "word/document.xml" not in names:
        what = None
        if any(n.startswith("xl/") for n in names):
            what = "an Excel workbook"
        elif any(n.startswith("ppt/") for n in names):
            what = "a PowerPoint file"
        elif "[Content_Types].xml" not in names:
            what = "a ZIP archive without word/document.xml"
        if what:
            raise LoadError(f"damaged or not a .docx file ({what}): re-save it from Word as .docx")
    if STRICT_NS_PREFIX.encode() in rels:
        raise LoadError("a Strict Open XML document: save it as a regular Word Document (.docx)")

    import docx  # python-docx; imported late so that `--help` stays fast

    try:
        result = docx.Document(io.BytesIO(data))
    except ValueError as e:  # wrong main content type: a template or macro document
        msg = str(e)
        what = "a Word template or macro-enabled document" if "content type" in msg else _short(e)
        raise LoadError(f"damaged or not a .docx file ({what}): re-save it from Word as .docx") from None
    except KeyError:
        raise LoadError("damaged or not a .docx file (word/document.xml missing): "
                        "re-save it from Word as .docx") from None
    except Exception as e:  # BadZipFile, PackageNotFoundError, lxml XMLSyntaxError, …
        raise LoadError(f"damaged or not a .docx file ({_short(e)}): re-save it from Word as .docx") from None
    return result


def _names_and_rels(zf: zipfile.ZipFile) -> tuple[set[str], bytes]:
    names = set(zf.namelist())
    return names, zf.read("_rels/.rels") if "_rels/.rels" in names else b""


def _short(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:80]



# --------------------------------------------------------------------------- headers / footers

def _headers_footers(docx_doc) -> tuple[list[str], list[str]]:
    """Texts of all header and footer parts referenced by any section, once each."""
    headers: list[str] = []
    footers: list[str] = []
    seen: set[str] = set()
    walker = Walker(StyleTable())
    body = docx_doc.element.body
    sect_prs = body.findall(".//" + W + "sectPr")
    related = docx_doc.part.related_parts
    for sect in sect_prs:
        for ref in sect:
            if ref.tag not in (W + "headerReference", W + "footerReference"):
                continue
            rid = ref.get(R_ID)
            part = related.get(rid) if rid else None
            if part is None or str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            element = getattr(part, "element", None)
            if element is None:
                continue
            text = walker._flatten(element).strip()
            if text:
                (headers if ref.tag == W + "headerReference" else footers).append(text)
    return headers, footers
