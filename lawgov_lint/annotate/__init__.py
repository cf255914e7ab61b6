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
    argument keeps its folders below it (two ``报告.docx`` in two sub-folders
    never collide); with several PATH arguments the folder argument's own name
    comes first (``DIR/街镇/…``, ``DIR/部门/…``). A file named directly goes
    straight into ``folder``. :func:`annotation_targets` also settles the
    collisions left (two arguments with the same name).
    """
    p = Path(path).absolute()
    rel = Path(p.name)
    real = [g for g in given if g != "-"]
    for g in real:
        root = Path(g).absolute()
        if root.is_dir():
            try:
                rel = p.relative_to(root)
            except ValueError:
                continue
            if len(real) > 1:
                rel = Path(root.name or "root") / rel
            break
    return Path(folder) / rel.parent / (rel.stem + SUFFIX)


def annotation_targets(paths: list[str], given, folder) -> dict[str, Path]:
    """The target of each .docx in ``paths`` (in order); a name already taken gets ``-2``, ``-3`` … before the suffix."""
    out: dict[str, Path] = {}
    taken: set[str] = set()
    for path in paths:
        target = annotation_target(path, given, folder)
        n = 1
        candidate = target
        while str(candidate).lower() in taken:
            n += 1
            candidate = target.with_name(f"{target.name[:-len(SUFFIX)]}-{n}{SUFFIX}")
        taken.add(str(candidate).lower())
        out[path] = candidate
    return out


def annotate_results(results, given, folder, fix: bool = False, unsafe: bool = False) -> int:
    """Write the annotated copy of every readable .docx result; return how many other inputs were left out.

    With ``fix`` (``--annotate DIR --fix``) each safe fix (and, with ``unsafe``, each unsafe
    one) becomes a tracked change (修订, :mod:`lawgov_lint.docx_revisions`) the drafter
    accepts or rejects in Word/WPS, and the finding gets no comment; every other finding —
    and a fix that cannot be made as a tracked change — is a comment (批注).

    Raises:
        lawgov_lint.outputs.OutputError: a copy cannot be written.
    """
    from .docx import annotate_docx, comment_text

    docx_results = []
    others = 0
    for r in results:
        if r.report is None:
            continue
        if r.format != "docx" or not Path(r.path).is_file():
            others += 1
            continue
        docx_results.append(r)
    targets = annotation_targets([r.path for r in docx_results], given, folder)
    from ..outputs import OutputError

    for r in docx_results:
        try:
            when = r.options.as_of if r.options else None
            lang = r.options.lang if r.options else "en"
            text_of = lambda f, lang=lang: comment_text(f, lang)  # noqa: E731
            if fix:
                findings, edit = _tracked_fixes(r, unsafe, when)
                annotate_docx(r.path, targets[r.path], findings, date=when, edit=edit, text_of=text_of)
            else:
                annotate_docx(r.path, targets[r.path], r.findings, date=when, text_of=text_of)
        except OutputError:
            raise
        except Exception as e:  # noqa: BLE001 - one line naming the file, never a traceback
            why = " ".join(str(e).split())[:160]
            raise OutputError(f"--annotate: {r.path}: the annotated copy could not be made "
                              f"({type(e).__name__}{': ' + why if why else ''}); please report it") from None
    return others


def _tracked_fixes(result, unsafe: bool, when):
    """The findings to comment on and the ``edit`` hook making the others tracked changes.

    Which fixes can be made is learnt on a throwaway copy first (a fix over a field, a tab or an
    existing revision is skipped), so that a skipped fix keeps its comment.
    """
    import datetime as dt
    import io
    from pathlib import Path

    import docx

    from ..docx_revisions import edits_from_findings, track_changes

    blocks = [b.text for b in result.report.doc.blocks]
    edits = edits_from_findings(result.findings, unsafe)
    if not edits:
        return result.findings, None
    stamp = dt.datetime.combine(when or dt.date.today(), dt.time(), tzinfo=dt.timezone.utc)
    data = Path(result.path).read_bytes()
    made = {(e.block, e.offset, e.length) for e in track_changes(docx.Document(io.BytesIO(data)), blocks, edits, stamp)}
    keep = [f for f in result.findings
            if (f.location.block - 1, f.location.offset, f.location.length) not in made or f.fix is None]
    chosen = [e for e in edits if (e.block, e.offset, e.length) in made]

    def edit(document) -> None:
        track_changes(document, blocks, chosen, stamp)

    return keep, edit
