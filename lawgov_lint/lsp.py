"""The language server (``lawgov-lint --lsp``): findings as diagnostics while a report is written.

Speaks the Language Server Protocol 3.17 over standard input/output, on pygls (≥ 2) and its
lsprotocol types (SPEC §7 Language server):

* .txt/.md documents are linted as they are edited (incremental sync; a lint runs
  :data:`DEBOUNCE` seconds after the last change), .docx/.pdf files when opened and saved (read
  from disk: an editor holds no text for them);
* positions: our findings count Unicode code points (SPEC §7 LOCATION); the client's columns are in
  the position encoding negotiated at ``initialize`` — UTF-16 code units unless the client offers
  UTF-8 or UTF-32 — and are converted both ways (:func:`to_client_column`);
* a finding's exact edit (``fix``) is a quick fix (code action), a safe one preferred; ``source.fixAll``
  applies every safe fix of the document;
* hover over a finding shows its rule's explanation (``--explain``);
* messages, suggestions, hover and code-action titles are in the document's language: the
  configuration's ``lang``, else the server's locale (:func:`lawgov_lint.i18n.detect_lang`);
* configuration comes from the nearest ``lawgov-lint.toml`` / ``pyproject.toml`` of each document
  (as on the command line); rule packs and dictionaries are loaded once per set of packs and kept
  between edits.
"""

from __future__ import annotations

import asyncio
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__
from .engine import FileResult, Options, lint_document, lint_path
from .findings import Finding
from .loaders import format_of
from .loaders.text import load_text
from .packs import Packs, load_packs
from .catalogue import ui

DEBOUNCE = 0.15  # seconds of quiet after a change before the document is linted again
SOURCE = "lawgov-lint"
FILE_FORMATS = ("docx", "pdf")  # read from disk; every other document is linted as the editor's text


def is_text(name: str) -> bool:
    """Whether a document (URI or path) is linted from the editor's text: .txt, .md, and any buffer
    that is not a .docx/.pdf (an unsaved ``untitled:`` draft, a .text file), read as plain text."""
    return format_of(name) not in FILE_FORMATS
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_EOL = re.compile(r"\r\n|\r|\n")


def uri_to_path(uri: str) -> str:
    """The file-system path of a ``file:`` URI (other schemes: the URI's path part)."""
    p = urlparse(uri)
    path = unquote(p.path)
    if re.match(r"^/[A-Za-z]:", path):  # file:///C:/… on Windows
        path = path[1:]
    return path


def to_client_column(line: str, column: int, encoding: str) -> int:
    """A 0-based code-point column of ``line`` in the client's units (``utf-8``/``utf-16``/``utf-32``)."""
    head = line[:column]
    if encoding == types.PositionEncodingKind.Utf8:
        return len(head.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(head)
    return len(head.encode("utf-16-le")) // 2


@dataclass(slots=True)
class Linted:
    """The last lint of one document: its findings and the physical lines they point into."""

    version: int | None
    lines: list[str]
    result: FileResult
    encoding: str

    def range_of(self, f: Finding, text: bool) -> types.Range:
        loc = f.location
        if not text:  # .docx/.pdf: line is the block (paragraph) number, columns code points within it
            return types.Range(types.Position(loc.line - 1, loc.column - 1),
                               types.Position(loc.end_line - 1, loc.end_column - 1))

        def pos(line: int, col: int) -> types.Position:
            s = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            return types.Position(line - 1, to_client_column(s, col - 1, self.encoding))

        return types.Range(pos(loc.line, loc.column), pos(loc.end_line, loc.end_column))


@dataclass(slots=True)
class State:
    """What the server keeps between requests: packs by rule-pack list, the last lint per URI,
    pending debounced lints."""

    packs: dict[tuple[str, ...], Packs] = field(default_factory=dict)
    linted: dict[str, Linted] = field(default_factory=dict)
    pending: dict[str, asyncio.Task] = field(default_factory=dict)
    configs: dict[tuple[str, float], Any] = field(default_factory=dict)
    isolated: bool = False
    config_file: str | None = None
    shown: str | None = None  # the last configuration or pack error shown to the user


def options_for(path: str, state: State) -> Options:
    """Options for a document: its configuration file (as the command line finds it) over the defaults.

    Raises:
        ConfigError: the configuration file is invalid.
    """
    from .checks import builtin_registry
    from .config import find_config_file, load_config, options_from, rule_keys

    known, is_code, code_of = rule_keys(builtin_registry().iter_rules())
    where = Path(path).absolute()
    found = Path(state.config_file) if state.config_file else None if state.isolated else find_config_file(where.parent)
    cfg = None
    if found is not None:
        key = (str(found), found.stat().st_mtime if found.exists() else 0.0)  # an edited file is read again
        if key not in state.configs:
            state.configs[key] = load_config(found, known=known, is_code=is_code, explicit=bool(state.config_file))
        cfg = state.configs[key]
    return options_from(cfg, where, code_of)


def lint_source(path: str, source: str | None, state: State) -> FileResult:
    """Lint a document: ``source`` is the editor's text of a .txt/.md file, None to read the file."""
    options = options_for(path, state)
    key = tuple(options.rule_packs)
    if key not in state.packs:
        state.packs[key] = load_packs(options.rule_packs)
    packs = state.packs[key]
    fmt = format_of(path)
    if source is None or fmt in FILE_FORMATS:
        return lint_path(path, options, packs)
    from .document import LoadError

    try:
        doc = load_text(path, source.encode("utf-8"), "md" if fmt == "md" else "txt")
    except LoadError as e:
        return FileResult(path, fmt, error=str(e), options=options)
    return lint_document(doc, options, packs)


def diagnostics(linted: Linted, text: bool) -> list[types.Diagnostic]:
    """One LSP diagnostic per finding (an unreadable file: one diagnostic on line 1 saying why)."""
    r = linted.result
    if r.error:
        return [types.Diagnostic(types.Range(types.Position(0, 0), types.Position(0, 0)), r.error,
                                 severity=types.DiagnosticSeverity.Error, source=SOURCE)]
    out = []
    t = ui(r.options.lang if r.options else "en")
    for f in r.findings:
        msg = f.message + ("\n" + t("ui.suggestion.label") + f.suggestion if f.suggestion else "")
        out.append(types.Diagnostic(
            range=linted.range_of(f, text), message=msg, severity=_SEVERITY[f.severity], code=f.code,
            code_description=types.CodeDescription(href=f.url), source=SOURCE,
            data={"fix": f.fix.as_dict() if f.fix else None}))
    return out


def build_server(isolated: bool = False, config_file: str | None = None) -> LanguageServer:
    """The pygls server with every feature registered (not started)."""
    server = LanguageServer("lawgov-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
    state = State(isolated=isolated, config_file=config_file)

    def encoding() -> str:
        return server.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def publish(uri: str, version: int | None = None) -> None:
        path = uri_to_path(uri)
        text = is_text(path)
        source = server.workspace.get_text_document(uri).source if text else None
        try:
            result = lint_source(path, source, state)
        except Exception as e:  # noqa: BLE001 - a bad configuration or pack is one message, the server goes on
            message = f"lawgov-lint: {e}"
            if state.shown != message:  # once, not on every keystroke
                state.shown = message
                server.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))
            return
        state.shown = None
        linted = Linted(version, _EOL.split(source) if source is not None else [], result, encoding())
        state.linted[uri] = linted
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics(linted, text), version=version))

    async def later(uri: str, version: int | None) -> None:
        await asyncio.sleep(DEBOUNCE)
        state.pending.pop(uri, None)
        publish(uri, version)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri, params.text_document.version)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if not is_text(uri):
            return
        task = state.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        state.pending[uri] = asyncio.ensure_future(later(uri, params.text_document.version))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        if not is_text(params.text_document.uri):
            publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = state.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        state.linted.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def edit(uri: str, linted: Linted, fs: list[Finding]) -> types.WorkspaceEdit:
        """The fixes of ``fs`` as text edits: one per physical line a fix touches (see fixes.line_edits)."""
        from .fixes import line_edits

        edits = []
        for ed in line_edits(linted.result.report.doc, fs):
            line = linted.lines[ed.line - 1] if ed.line <= len(linted.lines) else ""
            a = to_client_column(line, ed.column - 1, linted.encoding)
            b = to_client_column(line, ed.column - 1 + ed.length, linted.encoding)
            edits.append(types.TextEdit(types.Range(types.Position(ed.line - 1, a), types.Position(ed.line - 1, b)),
                                        ed.replacement))
        return types.WorkspaceEdit(changes={uri: edits})

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = state.linted.get(uri)
        if linted is None or not is_text(uri) or linted.result.error:
            return []
        want = params.context.only
        actions: list[types.CodeAction] = []
        fixable = [f for f in linted.result.findings if f.fix]
        t = ui(linted.result.options.lang if linted.result.options else "en")
        if want is None or types.CodeActionKind.QuickFix in want:
            for f in fixable:
                rng = linted.range_of(f, True)
                change = edit(uri, linted, [f])
                if not _overlaps(rng, params.range) or not change.changes[uri]:
                    continue
                diag = [d for d in params.context.diagnostics if d.code == f.code and d.range == rng]
                actions.append(types.CodeAction(
                    title=t("ui.lsp.replace", code=f.code, excerpt=f.excerpt, replacement=f.fix.replacement)
                          + ("" if f.fix.applicability == "safe" else t("ui.lsp.unsafe")),
                    kind=types.CodeActionKind.QuickFix, diagnostics=diag or None,
                    is_preferred=f.fix.applicability == "safe", edit=change))
        safe = _disjoint([f for f in fixable if f.fix.applicability == "safe"])
        if safe and (want is None or any(k.startswith(types.CodeActionKind.SourceFixAll) for k in want)):
            actions.append(types.CodeAction(title=t("ui.lsp.fix_all", n=len(safe)),
                                            kind=types.CodeActionKind.SourceFixAll, edit=edit(uri, linted, safe)))
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        from .docs import explain_rule

        linted = state.linted.get(params.text_document.uri)
        if linted is None:
            return None
        text = is_text(params.text_document.uri)
        here = types.Range(params.position, params.position)
        codes: list[str] = []
        for f in linted.result.findings:
            if _overlaps(linted.range_of(f, text), here, inclusive=True) and f.code not in codes:
                codes.append(f.code)
        if not codes:
            return None
        lang = linted.result.options.lang if linted.result.options else "en"
        body = "\n\n---\n\n".join(f"```text\n{explain_rule(c, lang) or c}\n```" for c in codes)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, body))

    return server


def _key(p: types.Position) -> tuple[int, int]:
    return p.line, p.character


def _overlaps(a: types.Range, b: types.Range, inclusive: bool = False) -> bool:
    if inclusive:
        return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)
    if _key(b.start) == _key(b.end):  # a cursor: touching counts
        return _key(a.start) <= _key(b.start) <= _key(a.end)
    return _key(a.start) < _key(b.end) and _key(b.start) < _key(a.end)


def _disjoint(fs: list[Finding]) -> list[Finding]:
    """Findings whose ranges do not overlap (the first of overlapping ones kept), for one edit."""
    out: list[Finding] = []
    last: tuple[int, int] = (0, 0)
    for f in sorted(fs, key=lambda f: (f.location.line, f.location.column)):
        if (f.location.line, f.location.column) < last:
            continue
        out.append(f)
        last = (f.location.end_line, f.location.end_column)
    return out


def serve(isolated: bool = False, config_file: str | None = None) -> int:
    """Run the server on stdin/stdout until the client says ``exit``. Returns the exit status."""
    from .checks import builtin_registry

    builtin_registry()  # import the check modules before the first request
    build_server(isolated, config_file).start_io()
    return 0


__all__ = ["build_server", "serve", "to_client_column", "uri_to_path", "DEBOUNCE"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve())
