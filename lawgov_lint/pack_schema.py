"""The schema of the rule packs: every section a check reads, its keys and their types.

A pack file (built-in ``rules/*.toml``, ``--rule-pack FILE``, a configuration's
``rule-packs``) holds *sections* — top-level tables or arrays of tables such as
``[[confusions]]`` or ``[near_miss]`` — each belonging to one pack (``terms``).
An extra pack file is routed by the sections it holds, not by its file name,
and validated when it loads, like yamllint's ``validate_rule_conf`` and Vale's
styles: an unknown section or key, a value of the wrong type or a regular
expression that does not compile is one line naming the file, the key and the
problem (:class:`PackSchemaError`). The built-in packs are validated by a test
(start-up does not pay for it) and their patterns compile lazily.

Spec values: ``str``, ``int``, ``bool``, ``float`` (an int is accepted),
``REGEX`` (a string that must compile), ``OneOf(values)``, ``List(spec)``, ``Table(required,
optional)`` (a table with those keys only), ``Map(spec)`` (a table with any
keys, each value of ``spec``), ``Any_(spec, …)`` (one of them).
"""

from __future__ import annotations

import difflib
import re

from . import recache
from dataclasses import dataclass, field
from typing import Any


class PackSchemaError(Exception):
    """A pack file does not fit the schema (one line: file, key, problem)."""


REGEX = "regex"


@dataclass(frozen=True)
class List:
    item: Any


@dataclass(frozen=True)
class Map:
    value: Any


@dataclass(frozen=True)
class Any_:
    options: tuple


@dataclass(frozen=True)
class OneOf:
    values: tuple


@dataclass(frozen=True)
class Table:
    required: dict = field(default_factory=dict)
    optional: dict = field(default_factory=dict)


STRS = List(str)
REGEXES = List(REGEX)
_DATE = Table({"month": int, "day": int}, {"label": str})
_CONTENT = Table({"article": str, "title": str}, {"synonyms": STRS, "keywords": STRS, "leader_titles": STRS,
                                                   "duty_words": STRS, "run_in": STRS, "umbrella": STRS,
                                                   "not_keywords": STRS})

# pack → section → spec. A section is a top-level key of the pack.
SCHEMA: dict[str, dict[str, Any]] = {
    "deadlines": {
        "submission": Map(_DATE),
        "publication": Map(_DATE),
    },
    "dictionary": {
        # jieba user-dictionary entries: "word" or [word, frequency?, tag?]
        "words": List(Any_((str, List(Any_((str, int)))))),
    },
    "format": {
        "document_number": Table(optional={"open_brackets": str, "close_brackets": str, "cover_blocks": int,
                                           "own_numbering": STRS}),
        "placeholders": Table(optional={"runs": REGEXES, "single": REGEX, "empty": REGEX, "question": REGEX,
                                        "question_words": STRS, "marker_words": STRS, "marker_before": str,
                                        "anonymised_before": STRS, "surnames": str}),
        "headings": Table(optional={"expected": Map(str), "top_level_ok": STRS}),
        "punctuation": Table(optional={"separators": str, "allowed_pairs": STRS, "strength": str,
                                       "half_width": Map(str), "pairs": List(STRS)}),
    },
    "laws": {
        "source": str,
        "date": str,
        "laws": STRS,
    },
    "measure_words": {
        "source": str,
        "words": STRS,
    },
    "mentions": {
        "shufa": Table(optional={"since_year": int, "term": str, "false_prefixes": STRS, "law_word_chars": str,
                                 "negations": STRS}),
        "first_responsible_person": Table(optional={"terms": STRS}),
        "xi_thought": Table(optional={"since_year": int, "terms": STRS}),
        "review_litigation": Table(optional={"terms": STRS}),
    },
    "messages": {},  # message id → {en, zh}: validated by lawgov_lint.i18n.Catalogue
    "metrics": {
        "units": Table(optional={"count": STRS, "money": Map(Any_((int, float))), "percent": STRS, "points": STRS,
                                 "measure": STRS}),
        "approximations": Table(optional={"before": STRS, "middle": STRS, "after": STRS}),
        "fixed_expressions": Table(optional={"phrases": STRS}),
        "qualifiers": Table(optional={k: STRS for k in (
            "scopes", "partial_periods", "growth", "growth_level_suffixes", "rate_suffixes", "not_rates",
            "unbounded_rates", "unbounded_share_words", "label_fillers", "total_words", "copulas")}),
        "subsets": List(Table({"part": STRS, "whole": STRS},
                              {"name": str, "part_requires": STRS, "part_excludes": STRS})),
        "relation_words": Table(optional={k: STRS for k in (
            "negations", "negation_exceptions", "generic", "carry_over", "carry_over_stated", "agents",
            "stage_verbs")}),
        "rates": List(Table({"names": STRS}, {"part": STRS, "whole": STRS, "strict": bool, "part_excludes": STRS,
                                              "never_checked_rates": STRS})),
        "breakdowns": Table(optional={"rest_words": STRS, "next_sentence_leads": STRS}),
        "partitions": List(Table({"members": STRS}, {"complete": bool})),
        "conflicts": Table(optional={"metric_words": STRS, "min_rate_label": int}),
        "tables": Table(optional={"total_rows": STRS, "skip_rows": STRS, "skip_columns": STRS}),
    },
    "report": {
        "title": Table(optional={"subject": str, "subject_full": str, "doc_types": STRS, "doc_types_weak": STRS,
                                 "cover_prefixes": STRS, "cover_doc_types": STRS}),
        "issuer": Table(optional={"org_suffixes": STRS, "place_suffixes": STRS}),
        "request": Table(optional={"phrases": STRS}),
        "dates": Table(optional={"partial_periods": STRS, "figure_units": STRS, "relative_years": STRS}),
    },
    "sections": {
        "contents": Map(_CONTENT),
        "causes": Table(optional={"words": STRS}),
        "thresholds": Table(optional={"synonym": int}),
    },
    "terms": {
        "near_miss": Table(optional={"min_length": int, "min_length_dropped": int, "min_length_anywhere": int,
                                     "dictionary_check_below": int, "evidence_below": int, "particles": str,
                                     "ambiguous_pairs": STRS, "look_alikes": STRS, "valid": STRS}),
        "terms": List(Table({"words": STRS}, {"source": str})),
        "confusions": List(Table({"pattern": REGEX, "right": Any_((str, Map(str)))},
                                 {"source": str, "quoted": bool, "severity": OneOf(("error", "warning", "info")),
                                  "fix": OneOf(("safe", "unsafe"))})),
        "formulas": Table(optional={"source": str, "words": STRS, "closings": STRS, "closing_ok": STRS,
                                    "lead_in": Table(optional={"head": str, "tail": str, "ok_heads": STRS,
                                                               "ok_tails": STRS, "subjects": str})}),
    },
    "titles": {
        "genre_words": STRS,
        "word_swaps": Table(optional={"pairs": List(STRS), "terms": STRS,
                                      "terms_severity": OneOf(("error", "warning", "info"))}),
        "titles": List(Table({"title": str}, {"source": str, "aliases": STRS, "periods": STRS,
                                              "check_period": bool})),
        "meetings": Table(optional={"source": str, "complete": Map(int), "plenums": Map(STRS),
                                    "congresses": Map(str), "names": STRS, "central_before": STRS,
                                    "local_before": STRS, "future_words": STRS}),
    },
}

PACK_NAMES = frozenset(SCHEMA)
# section → the packs it belongs to; a name in several packs (``words``, ``source``) must be written
# under its pack's table in an extra pack file (``[measure_words] words = …``)
SECTION_PACKS: dict[str, tuple[str, ...]] = {}
for _pack, _secs in SCHEMA.items():
    for _sec in _secs:
        SECTION_PACKS[_sec] = SECTION_PACKS.get(_sec, ()) + (_pack,)
SECTION_OWNER: dict[str, str] = {sec: packs[0] for sec, packs in SECTION_PACKS.items() if len(packs) == 1}


def _type_name(spec: Any) -> str:
    if spec is REGEX:
        return "a regular expression (string)"
    if isinstance(spec, type):
        return {"str": "a string", "int": "an integer", "bool": "true or false", "float": "a number"}[spec.__name__]
    if isinstance(spec, List):
        return "an array"
    if isinstance(spec, (Table, Map)):
        return "a table"
    if isinstance(spec, Any_):
        return " or ".join(_type_name(o) for o in spec.options)
    if isinstance(spec, OneOf):
        return "one of " + ", ".join(spec.values)
    return str(spec)


def _got(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "an array",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _problem(value: Any, spec: Any, where: str, compile_regex: bool) -> str | None:
    """None if ``value`` fits ``spec``, else ``"key: what is wrong"``."""
    if spec is REGEX:
        if not isinstance(value, str):
            return f"{where}: must be {_type_name(spec)}, got {_got(value)}"
        if compile_regex:
            try:
                recache.compile(value)
            except re.error as e:
                return f"{where}: invalid regular expression {value!r} ({e})"
        return None
    if isinstance(spec, OneOf):
        return None if value in spec.values else \
            f"{where} = {value!r} must be one of {', '.join(spec.values)}"
    if spec is float:
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else \
            f"{where}: must be {_type_name(spec)}, got {_got(value)}"
    if isinstance(spec, type):
        ok = isinstance(value, spec) and not (spec is int and isinstance(value, bool))
        return None if ok else f"{where}: must be {_type_name(spec)}, got {_got(value)}"
    if isinstance(spec, Any_):
        for option in spec.options:
            if _problem(value, option, where, compile_regex) is None:
                return None
        return f"{where}: must be {_type_name(spec)}, got {_got(value)}"
    if isinstance(spec, List):
        if not isinstance(value, list):
            return f"{where}: must be {_type_name(spec)}, got {_got(value)}"
        for i, item in enumerate(value, start=1):
            p = _problem(item, spec.item, f"{where}[{i}]", compile_regex)
            if p:
                return p
        return None
    if isinstance(spec, Map):
        if not isinstance(value, dict):
            return f"{where}: must be {_type_name(spec)}, got {_got(value)}"
        for k, v in value.items():
            p = _problem(v, spec.value, f"{where}.{k}", compile_regex)
            if p:
                return p
        return None
    if isinstance(spec, Table):
        if not isinstance(value, dict):
            return f"{where}: must be {_type_name(spec)}, got {_got(value)}"
        known = {**spec.required, **spec.optional}
        for k, v in value.items():
            if k == "severity" and isinstance(v, dict):
                continue  # a pack table's own [severity] overrides, validated by packs.py
            if k not in known:
                close = difflib.get_close_matches(k, list(known), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(sorted(known))})"
                return f"{where}: unknown key {k!r}{hint}"
            p = _problem(v, known[k], f"{where}.{k}", compile_regex)
            if p:
                return p
        missing = [k for k in spec.required if k not in value]
        if missing:
            return f"{where}: missing key {missing[0]!r}"
        return None
    raise TypeError(f"bad schema spec {spec!r}")  # pragma: no cover - a schema bug


def route(data: dict[str, Any], label: str) -> dict[str, dict[str, Any]]:
    """A pack file's top-level keys routed to packs: ``{pack: {section: value}}``.

    A key is a pack name (``[terms]`` holding sections), a section name
    (``[[confusions]]`` → terms), ``severity`` or ``messages``.

    Raises:
        PackSchemaError: a key that is neither.
    """
    out: dict[str, dict[str, Any]] = {}
    for key, value in data.items():
        if key == "severity":
            continue  # validated by packs.py
        if key in PACK_NAMES and key != "messages" and isinstance(value, dict) and not (
                key in SECTION_PACKS and key not in SCHEMA[key]):
            for sec, v in value.items():
                if sec == "severity":
                    continue
                if sec not in SCHEMA[key]:
                    raise PackSchemaError(f"{label}: [{key}] has no section {sec!r}{_hint(sec, SCHEMA[key])}")
                out.setdefault(key, {})[sec] = v
        elif key == "messages":
            if not isinstance(value, dict):
                raise PackSchemaError(f"{label}: [messages] must be a table of message ids")
            out.setdefault("messages", {}).update(value)
        elif key in SECTION_OWNER:
            out.setdefault(SECTION_OWNER[key], {})[key] = value
        elif key in SECTION_PACKS:
            owners = SECTION_PACKS[key]
            raise PackSchemaError(f"{label}: section {key!r} belongs to several packs ({', '.join(owners)}): "
                                  f"write it under its pack, e.g. [{owners[0]}] {key} = …")
        else:
            raise PackSchemaError(f"{label}: unknown section {key!r}{_hint(key, SECTION_OWNER)}")
    return out


def _hint(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def validate(routed: dict[str, dict[str, Any]], label: str, compile_regex: bool = True) -> None:
    """Check routed sections against the schema.

    Raises:
        PackSchemaError: the first problem, as ``"<label>: [pack.section…] key: problem"``.
    """
    for pack, sections in routed.items():
        if pack == "messages":
            from .i18n import Catalogue, CatalogueError

            try:
                Catalogue(sections, label=label)
            except CatalogueError as e:
                raise PackSchemaError(str(e)) from None
            continue
        for sec, value in sections.items():
            spec = SCHEMA[pack].get(sec)
            if spec is None:
                raise PackSchemaError(f"{label}: [{pack}] has no section {sec!r}{_hint(sec, SCHEMA[pack])}")
            p = _problem(value, spec, sec, compile_regex)
            if p:
                raise PackSchemaError(f"{label}: {p}")


__all__ = ["SCHEMA", "SECTION_OWNER", "PACK_NAMES", "PackSchemaError", "route", "validate", "REGEX"]
