"""installed.py: versions and entry-point groups read from the .dist-info folders as importlib.metadata reads them."""

from __future__ import annotations

import importlib.metadata

import pytest

from lawgov_lint.installed import dist_version, may_have_entry_points
from lawgov_lint.plugins import REPORTER_GROUP, RULE_GROUP


@pytest.mark.parametrize("name", ["cn2an", "pypinyin", "python-docx", "python_docx", "Jinja2", "lawgov-lint"])
def test_dist_version_is_importlib_metadatas(name):
    assert dist_version(name) == importlib.metadata.version(name)


def test_dist_version_of_a_missing_distribution():
    assert dist_version("no-such-distribution-lawgov") == "unknown"


def _lay_out(site, dist, text):
    info = site / f"{dist}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    if text is not None:
        (info / "entry_points.txt").write_text(text, encoding="utf-8")


def test_entry_point_groups_are_seen_where_importlib_metadata_sees_them(tmp_path, monkeypatch):
    assert not may_have_entry_points(RULE_GROUP) and not may_have_entry_points(REPORTER_GROUP)
    assert may_have_entry_points("console_scripts")  # pytest's own
    _lay_out(tmp_path, "quiet_dist", None)
    _lay_out(tmp_path, "other_dist", "[console_scripts]\nx = y:z\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not may_have_entry_points(RULE_GROUP)
    _lay_out(tmp_path, "rules_dist", f"[{RULE_GROUP}]\nmine = rules_dist_mod\n")
    assert may_have_entry_points(RULE_GROUP) and not may_have_entry_points(REPORTER_GROUP)
    assert [ep.name for ep in importlib.metadata.entry_points(group=RULE_GROUP)] == ["mine"]
    assert dist_version("rules-dist") == "1.0"


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    z = tmp_path / "site.zip"
    z.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    monkeypatch.syspath_prepend(str(z))
    assert may_have_entry_points(RULE_GROUP)
