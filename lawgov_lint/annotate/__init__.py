"""Annotators: findings written back into a copy of the input (SPEC §7 ``--annotate DIR``).

:func:`annotation_target` says where the copy of one input goes;
:func:`annotate_results` writes the copies of a run's .docx inputs (see
:mod:`lawgov_lint.annotate.docx` for the Word comments themselves).
"""

from __future__ import annotations

from pathlib import Path

SUFFIX = ".lawgov.docx"


def annotation_target(path: str | Path, given: tuple[str, ...] | list[str], folder: str | Path) -> Path:
    """``DIR/<path relative to the folder given>/<stem>.lawgov.docx`` for one input.

    ``given`` are the PATH arguments of the run: a file found in a folder
    argument keeps its folders below it (two ``报告.docx`` never collide); a
    file named directly goes straight into ``folder``.
    """
    p = Path(path).absolute()
    rel = Path(p.name)
    for g in given:
        if g == "-":
            continue
        root = Path(g).absolute()
        if root.is_dir():
            try:
                rel = p.relative_to(root)
                break
            except ValueError:
                continue
    return Path(folder) / rel.parent / (rel.stem + SUFFIX)


def annotate_results(results, given, folder) -> int:
    """Write the annotated copy of every readable .docx result; return how many other inputs were left out.

    Raises:
        lawgov_lint.outputs.OutputError: a copy cannot be written.
    """
    from .docx import annotate_docx

    others = 0
    for r in results:
        if r.report is None:
            continue
        if r.format != "docx" or not Path(r.path).is_file():
            others += 1
            continue
        annotate_docx(r.path, annotation_target(r.path, given, folder), r.findings)
    return others
