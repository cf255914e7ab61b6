"""Writing output files safely (SPEC §7: outputs never destroy inputs).

Every file the CLI writes (``--output-file``, ``--summary``, ``--html``,
``--annotate``) goes through :func:`refuse_inputs`, which stops the run when
the target *is* one of the files being linted, and :func:`atomic_write`, which
writes a temporary file in the target's folder and renames it over the target
(``os.replace``), so a reader never sees half a file and a failed run leaves
the old file as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Iterator


class OutputError(Exception):
    """An output cannot be written (one line: which option, which file, why)."""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(option: str, target: str | Path, inputs: list[str]) -> None:
    """Raise OutputError when ``target`` is one of ``inputs`` (same file, however spelled).

    ``inputs`` are the linted paths (``-`` for standard input is ignored).
    """
    t = Path(target)
    for p in inputs:
        if p == "-":
            continue
        q = Path(p)
        if _same(t, q) or t.absolute() == q.absolute():
            raise OutputError(f"{option}: {target} is one of the inputs; refusing to overwrite it "
                              "(choose another file name)")


@contextlib.contextmanager
def atomic_write(path: str | Path, binary: bool = False, make_dirs: bool = False) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    Text mode writes UTF-8 with ``\\n`` line ends. On an exception the
    temporary file is removed and ``path`` is untouched. The folder must exist
    unless ``make_dirs`` (then it is created).

    Raises:
        OutputError: the folder cannot be written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        if make_dirs:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"cannot write {target} ({e.strerror or e})") from None
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            yield fh
        mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: str | Path, data: bytes, make_dirs: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (creating its folder when ``make_dirs``)."""
    with atomic_write(path, binary=True, make_dirs=make_dirs) as fh:
        fh.write(data)


def stable_zip(data: bytes, when: dt.date) -> bytes:
    """The ZIP package ``data`` (.docx, .xlsx) with every member dated ``when``, so that the same
    input and options give the same bytes (SPEC §8: deterministic output). Members keep their order
    and compression; the package's own ``dcterms:modified`` (docProps/core.xml) is set to ``when`` too."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + f"{when.isoformat()}T00:00:00Z".encode() + rb"\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()
