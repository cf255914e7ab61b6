"""What is installed, read cheaply: distribution versions, entry-point groups, the user cache directory.

The user cache directory (SPEC §8) keeps data derived from installed packages between runs (the merged
built-in rule packs, cn2an's numeral table, pypinyin's readings, jieba's dictionary), in files whose
names carry the versions they were derived from, so that an upgrade never reads a stale file.

``importlib.metadata`` costs 10–20 ms of a cold run to import, and reads every distribution's metadata
to answer; a plain lint needs only two versions (for cache file names) and to know that no plugin is
installed. Both are read here from the ``NAME-VERSION.dist-info`` folders on ``sys.path`` — where
``importlib.metadata`` finds them too — and anything this cannot see for certain (a zip or egg on the
path, another metadata finder) is left to ``importlib.metadata``.
"""

from __future__ import annotations

import os
import re
import sys

_SEPARATORS = re.compile(r"[-_.]+")


def user_cache_dir() -> str:
    """The folder for lawgov-lint's caches (platformdirs' user cache directory, e.g. ``~/.cache/lawgov-lint``);
    it may not exist yet."""
    from platformdirs import user_cache_dir as _user_cache_dir

    return _user_cache_dir("lawgov-lint")


def read_cache(name: str):
    """The value :func:`write_cache` kept in file ``name`` of the user cache directory, or None (no such
    file, or one that cannot be read back)."""
    import marshal

    try:
        with open(os.path.join(user_cache_dir(), name), "rb") as f:
            return marshal.loads(f.read())  # marshal.load(f) reads a file item by item: ~4× slower
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file is no cache
        return None


def write_cache(name: str, value) -> None:
    """Keep ``value`` (what :mod:`marshal` writes: no dates, no class instances) in file ``name`` of the
    user cache directory, replacing it atomically; nothing is kept when it cannot be written."""
    import marshal
    import tempfile

    try:
        blob = marshal.dumps(value)
        folder = user_cache_dir()
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, os.path.join(folder, name))
        except OSError:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass


def _metadata_dirs():
    """``(folder, child)`` for every ``*.dist-info``/``*.egg-info`` entry of the folders on ``sys.path``, in
    path order, then ``None`` (and nothing more) where the path holds something only importlib.metadata
    reads (a zip, an egg, or a metadata finder other than the path finder: then first)."""
    from importlib.machinery import PathFinder

    if any(f is not PathFinder and hasattr(f, "find_distributions") for f in sys.meta_path):
        yield None
        return
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            yield None
            return
        except OSError:  # a folder on the path that does not exist
            if os.path.isfile(root):
                yield None
                return
            continue
        if root.lower().endswith(".egg"):
            yield None
            return
        for child in children:
            if child.lower().endswith((".dist-info", ".egg-info")):
                yield root, child


def dist_version(name: str) -> str:
    """The installed version of distribution ``name`` (as ``importlib.metadata.version`` gives it), or
    ``"unknown"`` when it is not installed. For cache file names."""
    want = _SEPARATORS.sub("_", name).lower()
    for found in _metadata_dirs():
        if found is None:
            break
        root, child = found
        stem = child.rpartition(".")[0]
        dist, _, version = stem.partition("-")
        if _SEPARATORS.sub("_", dist).lower() != want:
            continue
        if child.lower().endswith(".dist-info") and version:
            return version
        break  # an .egg-info (its folder name may lack the version): ask importlib.metadata
    from importlib.metadata import PackageNotFoundError, version as _version

    try:
        return _version(name)
    except PackageNotFoundError:
        return "unknown"


def may_have_entry_points(group: str) -> bool:
    """False only when no installed distribution declares an entry point of ``group``: no
    ``entry_points.txt`` of a ``*.dist-info``/``*.egg-info`` folder on ``sys.path`` names it. True means
    "ask importlib.metadata" (it may still find none, e.g. a shadowed distribution's)."""
    needle = group.encode()
    for found in _metadata_dirs():
        if found is None:
            return True
        try:
            with open(os.path.join(*found, "entry_points.txt"), "rb") as f:
                if needle in f.read():
                    return True
        except OSError:  # no entry points (or an .egg-info file, which holds none)
            continue
    return False


__all__ = ["user_cache_dir", "read_cache", "write_cache", "dist_version", "may_have_entry_points"]
