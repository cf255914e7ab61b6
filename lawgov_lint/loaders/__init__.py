"""Loaders: turn a file into a :class:`~lawgov_lint.document.Document`.

``load(path)`` picks the loader from the file's suffix (SPEC §3). Every
failure is a :class:`~lawgov_lint.document.LoadError` with a one-line message;
nothing here prints.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document, LoadError

SUPPORTED = (".docx", ".pdf", ".txt", ".md")

# Formats we recognise but cannot read, with the conversion to make.
UNSUPPORTED = {
    ".doc": "a legacy Word file: open it in Word or WPS and save it as .docx",
    ".wps": "a WPS file: open it in WPS and save it as .docx",
    ".wpt": "a WPS template: open it in WPS and save it as .docx",
    ".dot": "a legacy Word template: save it as .docx",
    ".rtf": "an RTF file: save it as .docx",
    ".odt": "an OpenDocument file: save it as .docx",
    ".ofd": "an OFD file: export it to PDF (with a text layer) or .docx",
    ".xls": "a spreadsheet: the report must be a .docx, .pdf or .txt",
    ".xlsx": "a spreadsheet: the report must be a .docx, .pdf or .txt",
    ".png": "an image: OCR it first, or lint the original .docx/.pdf",
    ".jpg": "an image: OCR it first, or lint the original .docx/.pdf",
    ".jpeg": "an image: OCR it first, or lint the original .docx/.pdf",
    ".tif": "an image: OCR it first, or lint the original .docx/.pdf",
    ".tiff": "an image: OCR it first, or lint the original .docx/.pdf",
    ".bmp": "an image: OCR it first, or lint the original .docx/.pdf",
    ".gif": "an image: OCR it first, or lint the original .docx/.pdf",
}


def load(path: str | Path, data: bytes | None = None, display_name: str | None = None) -> Document:
    """Load a report.

    Args:
        path: the file to read (its suffix chooses the loader).
        data: the file's bytes when already read (stdin); read from ``path`` otherwise.
        display_name: the name to record in ``Document.path`` (defaults to ``str(path)``).

    Returns:
        The Document with body blocks in reading order.

    Raises:
        LoadError: unsupported format, unreadable or damaged file, no text.
    """
    p = Path(path)
    name = display_name or str(path)
    suffix = p.suffix.lower()
    if suffix in UNSUPPORTED:
        raise LoadError(f"unsupported format {suffix}: {UNSUPPORTED[suffix]}")
    if suffix not in SUPPORTED:
        raise LoadError(f"unsupported format {suffix or '(no suffix)'}: lawgov-lint reads .docx, .pdf, .txt and .md")
    if data is None:
        try:
            data = p.read_bytes()
        except IsADirectoryError:
            raise LoadError("is a directory") from None
        except FileNotFoundError:
            raise LoadError("no such file") from None
        except PermissionError:
            raise LoadError("permission denied") from None
        except OSError as e:
            raise LoadError(f"cannot read the file ({e.strerror or e})") from None
    if not data:
        raise LoadError("the file is empty: no text found")
    if suffix == ".docx":
        from .docx import load_docx

        doc = load_docx(name, data)
    elif suffix == ".pdf":
        from .pdf import load_pdf

        doc = load_pdf(name, data)
    else:
        from .text import load_text

        doc = load_text(name, data, "md" if suffix == ".md" else "txt")
    if not any(b.text.strip() for b in doc.blocks):
        raise LoadError("no text found in the document")
    return doc
