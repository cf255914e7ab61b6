"""The language server over stdio, driven by pygls' own client: initialize, didOpen → diagnostics,
didChange → a re-lint, codeAction → a quick fix, hover, shutdown."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

from lawgov_lint.lsp import to_client_column, uri_to_path

from helpers import ROOT, report

TEXT = report("全镇新建调解室12个，，覆盖所有村居。\n今年共受理申请9件，全部办结𠀋。")


class Client(LanguageClient):
    def __init__(self):
        super().__init__("test-client", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.event = asyncio.Event()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(ls, params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append(params)
            self.event.set()

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(ls, params):  # a configuration error would land here
            self.published.setdefault("messages", []).append(params)

    async def wait_for(self, uri: str, count: int, timeout: float = 30.0) -> types.PublishDiagnosticsParams:
        async def loop():
            while len(self.published.get(uri, [])) < count:
                self.event.clear()
                await self.event.wait()

        await asyncio.wait_for(loop(), timeout)
        return self.published[uri][count - 1]


async def _session(tmp_path: Path, encodings: list[str] | None):
    client = Client()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    await client.start_io(sys.executable, "-m", "lawgov_lint.cli", "--lsp", env=env, cwd=str(tmp_path))
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None)
    init = await client.initialize_async(types.InitializeParams(
        capabilities=caps, root_uri=tmp_path.as_uri(), process_id=os.getpid()))
    client.initialized(types.InitializedParams())
    return client, init


async def _scenario(tmp_path: Path, encodings: list[str] | None):
    # a workspace configuration that makes P001 a warning: read from the document's folder
    (tmp_path / "lawgov-lint.toml").write_text('[severity]\nP001 = "warning"\n', encoding="utf-8")
    path = tmp_path / "报告.txt"
    path.write_text(TEXT, encoding="utf-8")
    uri = path.as_uri()
    client, init = await _session(tmp_path, encodings)
    try:
        enc = init.capabilities.position_encoding or types.PositionEncodingKind.Utf16
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))
        first = await client.wait_for(uri, 1)
        p001 = [d for d in first.diagnostics if d.code == "P001"]
        assert len(p001) == 1 and p001[0].severity == types.DiagnosticSeverity.Warning  # the config was read
        lines = TEXT.split("\n")
        col = to_client_column(lines[1], lines[1].index("，，"), enc)
        two = to_client_column("，，", 2, enc)
        assert p001[0].range == types.Range(types.Position(1, col), types.Position(1, col + two))
        assert p001[0].source == "lawgov-lint" and p001[0].code_description.href.endswith("p001-doubled-punctuation")

        # an incremental edit after a character outside the BMP (2 UTF-16 units, 4 UTF-8 units)
        end = lines[2].index("。")
        at = to_client_column(lines[2], end, enc)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(2, at), types.Position(2, at + to_client_column("。", 1, enc))),
                text="。。")]))
        second = await client.wait_for(uri, 2)
        assert second.version == 2
        doubled = sorted((d.range.start.line, d.range.start.character) for d in second.diagnostics
                         if d.code == "P001")
        assert doubled == [(1, col), (2, at)]  # the new “。。” found, in the client's units

        # quick fix for the doubled comma
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=p001[0].range,
            context=types.CodeActionContext(diagnostics=p001, only=[types.CodeActionKind.QuickFix])))
        (action,) = [a for a in actions if a.title.startswith("P001")]
        assert action.is_preferred and action.kind == types.CodeActionKind.QuickFix
        (edit,) = action.edit.changes[uri]
        assert edit.new_text == "，" and edit.range == p001[0].range
        fixall = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri), range=p001[0].range,
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert len(fixall) == 1 and len(fixall[0].edit.changes[uri]) == 2

        hover = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(1, col + two // 2)))
        assert "P001" in hover.contents.value and "doubled-punctuation" in hover.contents.value
        nothing = await client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(1, 0)))
        assert nothing is None
        return enc
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await asyncio.wait_for(client.stop(), 10)


@pytest.mark.parametrize("offered,expected", [
    (None, types.PositionEncodingKind.Utf16),
    ([types.PositionEncodingKind.Utf8], types.PositionEncodingKind.Utf8),
])
def test_lsp_session(tmp_path, offered, expected):
    assert asyncio.run(_scenario(tmp_path, offered)) == expected


def test_word_file_diagnostics_on_open(tmp_path):
    async def go():
        client, _ = await _session(tmp_path, None)
        try:
            uri = (ROOT / "fixtures" / "anting-2023.docx").as_uri()
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="docx", version=1, text="")))
            got = await client.wait_for(uri, 1)
            return {d.code for d in got.diagnostics}
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await asyncio.wait_for(client.stop(), 10)

    codes = asyncio.run(go())
    assert "F006" in codes  # read from the file, not from the (empty) editor text


def test_an_unsaved_draft_is_linted_as_text(tmp_path):
    async def go():
        client, _ = await _session(tmp_path, None)
        try:
            uri = "untitled:Untitled-1"
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))
            got = await client.wait_for(uri, 1)
            return [d.code for d in got.diagnostics]
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await asyncio.wait_for(client.stop(), 10)

    assert "P001" in asyncio.run(go())


@pytest.mark.parametrize("line,col,enc,units", [
    ("法治𠀋a", 2, types.PositionEncodingKind.Utf16, 2),
    ("法治𠀋a", 3, types.PositionEncodingKind.Utf16, 4),
    ("法治𠀋a", 3, types.PositionEncodingKind.Utf8, 10),
    ("法治𠀋a", 3, types.PositionEncodingKind.Utf32, 3),
])
def test_code_points_to_client_units(line, col, enc, units):
    assert to_client_column(line, col, enc) == units


def test_uri_to_path():
    assert uri_to_path("file:///tmp/%E6%8A%A5%E5%91%8A.txt") == "/tmp/报告.txt"
    assert uri_to_path("file:///C:/r/a.txt") == "C:/r/a.txt"


def test_a_bad_configuration_is_one_message_and_the_server_goes_on(tmp_path):
    (tmp_path / "lawgov-lint.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")

    async def go():
        client, _ = await _session(tmp_path, None)
        try:
            uri = path.as_uri()
            client.text_document_did_open(types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=TEXT)))
            for _ in range(100):
                if client.published.get("messages"):
                    break
                await asyncio.sleep(0.1)
            (tmp_path / "lawgov-lint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                [types.TextDocumentContentChangeWholeDocument(text=TEXT + "补充。\n")]))
            got = await client.wait_for(uri, 1)
            return client.published["messages"], got
        finally:
            await client.shutdown_async(None)
            client.exit(None)
            await asyncio.wait_for(client.stop(), 10)

    messages, got = asyncio.run(go())
    assert len(messages) == 1 and "fail-on" in messages[0].message and "lawgov-lint.toml" in messages[0].message
    assert got.version == 2 and any(d.code == "P001" for d in got.diagnostics)  # the mended file is read again


def test_the_server_reads_a_document_configuration_as_the_command_line_does(tmp_path):
    from lawgov_lint.lsp import State, options_for

    (tmp_path / "lawgov-lint.toml").write_text('year = 2024\nlang = "zh"\nignore = ["S005"]\n'
                                             'deadline-profile = "province"\n', encoding="utf-8")
    doc = tmp_path / "report.txt"
    doc.write_text(report("正文。"), encoding="utf-8")
    o = options_for(str(doc), State())
    assert (o.year, o.lang, o.deadline_profile) == (2024, "zh", "province")
    assert o.base_selection is not None and o.base_selection.ignore == ["S005"]
