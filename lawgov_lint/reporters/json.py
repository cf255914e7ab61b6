"""JSON output, key for key as SPEC §7 (deterministic: same input, same bytes)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # json's own string escaping (ensure_ascii=False)
from typing import IO, Any

from .. import __version__
from ..engine import FileResult, Options


def file_object(result: FileResult) -> dict[str, Any]:
    """SPEC §7 FILE for one result."""
    rep = result.report
    report = None
    facts: dict[str, Any] = {"sections": [], "shufa": [], "metrics": result.metrics}
    if rep is not None:
        date = rep.signing_date
        number = rep.document_number or (rep.cover_document_numbers[0] if rep.cover_document_numbers else None)
        report = {
            "title": rep.title,
            "issuer": rep.issuer,
            "reporting_year": rep.reporting_year,
            "reporting_year_source": rep.reporting_year_source,
            "signing_date": date.isoformat() if date else None,
            "document_number": number.text if number else None,
        }
        fx = result.facts
        report["published_on"] = fx.published_on.isoformat() if fx.published_on else None
        report["published_on_source"] = fx.published_on_source
        facts["sections"] = [{"content": sec.content, "heading": sec.heading, "location": sec.location.as_dict()}
                             for sec in fx.sections]
        facts["shufa"] = [loc.as_dict() for loc in fx.shufa]
    return {
        "path": result.path,
        "format": result.format,
        "error": result.error,
        "report": report,
        "facts": facts if rep is not None else None,
        "findings": [f.as_dict() for f in result.findings],
    }


def build(results: list[FileResult], summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": {"name": "lawgov-lint", "version": __version__},
        "files": [file_object(r) for r in results],
        "summary": summary,
    }


class JsonStream:
    """The JSON document written a file at a time: the head at the first :meth:`file` (or at
    :meth:`end` for a run without files), each FILE object as it comes, the summary at :meth:`end`
    — the bytes of ``json.dump(build(...), ensure_ascii=False, indent=2)``, without holding the run's results."""

    def __init__(self, options: Options, stream: IO[str], color: bool = False) -> None:
        self.stream = stream
        self.n = 0

    @staticmethod
    def _nested(obj: Any, depth: int) -> str:
        """``obj`` as indent-2 JSON whose lines after the first are indented ``depth`` levels deeper."""
        return dumps_indented(obj, depth)

    def file(self, r: FileResult) -> None:
        head = self._head() + '"files": [\n    ' if self.n == 0 else ",\n    "
        self.stream.write(head + self._nested(file_object(r), 2))
        self.n += 1

    def _head(self) -> str:
        top = {"version": 1, "tool": {"name": "lawgov-lint", "version": __version__}}
        return "{\n  " + ",\n  ".join(f"{json.dumps(k)}: {self._nested(v, 1)}" for k, v in top.items()) + ",\n  "

    def end(self, records: Any, summary: dict[str, Any]) -> None:
        files = "\n  ]" if self.n else self._head() + '"files": []'
        self.stream.write(files + ',\n  "summary": ' + self._nested(summary, 1) + "\n}\n")


def report_json(results: list[FileResult], options: Options, summary: dict[str, Any], stream: IO[str], color: bool) -> None:
    out = JsonStream(options, stream, color)
    for r in results:
        out.file(r)
    out.end(results, summary)


# --------------------------------------------------------------------------- encoding

def dumps_indented(obj: Any, depth: int = 0) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, the same characters, with every line after the
    first indented ``depth`` more levels (two spaces each): the document's parts are written as they
    come, each at its depth.

    With ``indent`` set, the standard library encodes in Python through generators; this encoder builds
    each container's text with one join, its scalars through the encoder's own functions (the C string
    escaper, ``int.__repr__``, ``float.__repr__``) — the same text, 2–2.5× sooner on a report's FILE.

    Raises:
        TypeError: a value or key JSON cannot hold, as ``json.dumps`` would.
    """
    return _value(obj, "\n" + "  " * depth)


_int = int.__repr__


def _value(o: Any, pad: str) -> str:
    t = type(o)
    if t is dict:
        return _object(o, pad) if o else "{}"
    if t is list:
        return _array(o, pad) if o else "[]"
    if t is str:
        return _string(o)
    if o is None:
        return "null"
    if t is int:
        return _int(o)
    return _other(o, pad)


def _object(o: dict, pad: str) -> str:
    inner = pad + "  "
    parts = []
    for k, v in o.items():
        t = type(v)
        if t is str:
            text = _string(v)
        elif v is None:
            text = "null"
        elif t is int:
            text = _int(v)
        elif t is dict:
            text = _object(v, inner) if v else "{}"
        elif t is list:
            text = _array(v, inner) if v else "[]"
        else:
            text = _other(v, inner)
        parts.append((_string(k) if type(k) is str else _key(k)) + ": " + text)
    return "{" + inner + ("," + inner).join(parts) + pad + "}"


def _array(o: list | tuple, pad: str) -> str:
    inner = pad + "  "
    parts = []
    for v in o:
        t = type(v)
        if t is str:
            parts.append(_string(v))
        elif v is None:
            parts.append("null")
        elif t is int:
            parts.append(_int(v))
        elif t is dict:
            parts.append(_object(v, inner) if v else "{}")
        elif t is list:
            parts.append(_array(v, inner) if v else "[]")
        else:
            parts.append(_other(v, inner))
    return "[" + inner + ("," + inner).join(parts) + pad + "]"


def _other(o: Any, pad: str) -> str:
    """Everything but an exact dict, list, str, int or None, in the order ``json`` tests types."""
    if isinstance(o, str):
        return _string(o)
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return _int(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple)):
        return _array(o, pad) if o else "[]"
    if isinstance(o, dict):
        return _object(o, pad) if o else "{}"
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == float("inf"):
        return "Infinity"
    if o == -float("inf"):
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    """A dict key that is not an exact str, as ``json`` turns it into a string."""
    if isinstance(k, str):
        return _string(k)
    if isinstance(k, float):
        return '"' + _float(k) + '"'
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return '"' + _int(k) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")
