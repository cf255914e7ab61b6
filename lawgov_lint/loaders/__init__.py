"""Loaders: turn a file into a :class:`~lawgov_lint.document.Document`.

``load(path)`` recognises the file by its content first (ZIP/OLE2/PDF/image
signatures) and by its suffix second (SPEC §3, issue "hostile input"), checks
the size limits *before* any parsing (file size, the inflated size and count of
ZIP members, the compression ratio), then hands the bytes to the docx, pdf or
text loader. Every failure is a :class:`~lawgov_lint.document.LoadError` with a
one-line message saying what is wrong and what to do; nothing here prints.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..document import Document, LoadError
from ..i18n import msg

SUPPORTED = (".docx", ".pdf", ".txt", ".md", ".html", ".htm")


def format_of(name: str) -> str | None:
    """The format a file name's suffix names ("docx", "pdf", "txt", "md", "html"), or None."""
    suffix = Path(name).suffix.lower()
    if suffix == ".htm":
        return "html"
    return suffix[1:] if suffix in SUPPORTED else None

# Formats we recognise by suffix but cannot read, with the conversion to make.
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

_IMAGE_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
]
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Input limits, checked before parsing. Sizes in bytes.

    ``max_file_size``: the file itself; ``max_unzipped_size``: the sum of the
    inflated sizes of a .docx's ZIP members; ``max_zip_members``: their count;
    ``max_compression_ratio``: inflated ÷ compressed size of one member (members
    under 1 MB inflated are exempt); ``max_pages``: PDF pages;
    ``max_text_chars``: characters of text after decoding/extraction.
    """

    max_file_size: int = 100 * MB
    max_unzipped_size: int = 300 * MB
    max_zip_members: int = 5000
    max_compression_ratio: int = 200
    max_pages: int = 1000
    max_text_chars: int = 10_000_000

    @staticmethod
    def key(field: str) -> str:
        """The configuration key of a limit (``max-file-size`` …)."""
        return field.replace("_", "-")


def _fmt_size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n} bytes"


def sniff(data: bytes) -> str:
    """The content kind of ``data``: "zip", "pdf", "ole2", "rtf", "image:<what>" or "text"."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    for magic, what in _IMAGE_MAGIC:
        if data.startswith(magic):
            if magic == b"BM" and len(data) > 14 and int.from_bytes(data[2:6], "little") != len(data):
                continue  # "BM" at the start of a text file
            return "image:" + what
    return "text"


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a ZIP package and check its members against ``limits`` before any parsing.

    Raises:
        LoadError: damaged ZIP, encrypted members, or a limit exceeded (zip bomb).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as e:
        raise LoadError(f"damaged file: the ZIP package cannot be read ({str(e)[:80]}); re-save it from Word as .docx") from None
    if len(infos) > limits.max_zip_members:
        raise LoadError(f"refused before parsing: {len(infos)} ZIP members, over the limit of "
                        f"{limits.max_zip_members} ({Limits.key('max_zip_members')})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise LoadError("password-protected (encrypted ZIP members): remove the password and save it again")
        total += info.file_size
        if total > limits.max_unzipped_size:
            raise LoadError(f"refused before parsing: the package inflates to more than "
                            f"{_fmt_size(limits.max_unzipped_size)} ({Limits.key('max_unzipped_size')}); "
                            "it may be a zip bomb")
        if info.file_size > MB and info.file_size > limits.max_compression_ratio * max(1, info.compress_size):
            raise LoadError(f"refused before parsing: member {info.filename} is compressed "
                            f"{info.file_size // max(1, info.compress_size)}:1, over the limit of "
                            f"{limits.max_compression_ratio}:1 ({Limits.key('max_compression_ratio')}); "
                            "it may be a zip bomb")
    return zf


def _zip_kind(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        return "docx"
    if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.lower().endswith("ofd.xml") for n in names):
        raise LoadError("an OFD file: export it to PDF (with a text layer) or .docx")
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100].decode("ascii", "replace")
        except Exception:  # noqa: BLE001 - a damaged member is reported as not a document
            mime = ""
        if "opendocument.text" in mime:
            raise LoadError("an OpenDocument (.odt) file: save it as .docx")
    if any(n.startswith("xl/") for n in names):
        raise LoadError("a spreadsheet (.xlsx): the report must be a .docx, .pdf or .txt")
    if any(n.startswith("ppt/") for n in names):
        raise LoadError("a presentation (.pptx): the report must be a .docx, .pdf or .txt")
    raise LoadError("a ZIP archive, not a Word document: unpack it and lint the report inside")


def load(path: str | Path, data: bytes | None = None, display_name: str | None = None,
         limits: Limits | None = None) -> Document:
    """Load a report.

    Args:
        path: the file to read (its suffix is a hint; the content decides).
        data: the file's bytes when already read (stdin); read from ``path`` otherwise.
        display_name: the name to record in ``Document.path`` (defaults to ``str(path)``).
        limits: input limits (defaults: :class:`Limits`).

    Returns:
        The Document with body blocks in reading order. ``Document.format`` is the
        format of the content (a .docx renamed to .txt is read as docx, with a note).

    Raises:
        LoadError: unsupported or unrecognised format, unreadable or damaged
            file, a limit exceeded, no text.
    """
    limits = limits or Limits()
    p = Path(path)
    name = display_name or str(path)
    suffix = p.suffix.lower()
    if data is None:
        try:
            size = p.stat().st_size
            if size > limits.max_file_size:
                raise LoadError(f"refused before reading: the file is {_fmt_size(size)}, over the limit of "
                                f"{_fmt_size(limits.max_file_size)} ({Limits.key('max_file_size')})")
            data = p.read_bytes()
        except IsADirectoryError:
            raise LoadError("is a directory") from None
        except FileNotFoundError:
            raise LoadError("no such file") from None
        except PermissionError:
            raise LoadError("permission denied") from None
        except OSError as e:
            raise LoadError(f"cannot read the file ({e.strerror or e})") from None
    elif len(data) > limits.max_file_size:
        raise LoadError(f"refused before parsing: the input is {_fmt_size(len(data))}, over the limit of "
                        f"{_fmt_size(limits.max_file_size)} ({Limits.key('max_file_size')})")
    if not data:
        raise LoadError("the file is empty: no text found")
    kind = sniff(data)
    notes: list[str] = []
    if kind == "ole2":
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20]:
            raise LoadError("password-protected Word file: remove the password and save it again as .docx")
        if suffix in (".xls", ".et"):
            raise LoadError("a legacy spreadsheet: the report must be a .docx, .pdf or .txt")
        what = "a legacy Word/WPS (.doc/.wps) file" + (f" named {suffix}" if suffix not in (".doc", ".wps") else "")
        raise LoadError(f"{what}: open it in Word or WPS and save it as .docx")
    if kind.startswith("image:"):
        raise LoadError(f"{kind[6:]}{' named ' + suffix if suffix not in UNSUPPORTED else ''}: "
                        "OCR it first, or lint the original .docx/.pdf")
    if kind == "rtf":
        raise LoadError("an RTF file: save it as .docx")
    if kind == "text" and suffix in UNSUPPORTED:
        raise LoadError(f"unsupported format {suffix}: {UNSUPPORTED[suffix]}")
    package = None
    if kind == "zip":
        try:
            package = check_zip(data, limits)
            fmt = _zip_kind(package)
        except LoadError:
            if suffix in UNSUPPORTED:
                raise LoadError(f"unsupported format {suffix}: {UNSUPPORTED[suffix]}") from None
            raise
    elif kind == "pdf":
        fmt = "pdf"
    elif suffix in (".docx", ".pdf"):
        raise LoadError(f"damaged or not a {suffix} file (its content is not a "
                        f"{'ZIP package' if suffix == '.docx' else 'PDF'}): re-save or re-export it")
    elif suffix in (".txt", ".md"):
        fmt = suffix[1:]
    elif suffix in (".html", ".htm"):
        fmt = "html"
    elif suffix in UNSUPPORTED:
        raise LoadError(f"unsupported format {suffix}: {UNSUPPORTED[suffix]}")
    else:
        raise LoadError(f"unsupported format {suffix or '(no suffix)'}: lawgov-lint reads .docx, .pdf, .txt, .md and .html")
    expected = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}.get(suffix)
    if expected is not None and expected != fmt and not (fmt in ("txt", "md") and expected in ("txt", "md")):
        notes.append(msg("ui.note.content-format", fmt=fmt, suffix=suffix))
    if fmt == "docx":
        from .docx import load_docx

        doc = load_docx(name, data, package)
    elif fmt == "pdf":
        from .pdf import load_pdf

        doc = load_pdf(name, data, max_pages=limits.max_pages)
    elif fmt == "html":
        from .html import load_html

        doc = load_html(name, data)
    else:
        from .text import load_text

        doc = load_text(name, data, fmt)
    doc.notes[:0] = notes
    chars = sum(len(b.text) for b in doc.blocks)
    if chars > limits.max_text_chars:
        raise LoadError(f"refused: {chars} characters of text, over the limit of {limits.max_text_chars} "
                        f"({Limits.key('max_text_chars')})")
    if not any(b.text.strip() for b in doc.blocks):
        raise LoadError("no text found in the document")
    return doc
