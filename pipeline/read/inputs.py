"""Which files of the arguments are inputs, and why every other folder entry is not.

:func:`scan_inputs` yields what :func:`pipeline.api.iter_inputs` yields — ``(path, doc_id)``
for every supported file, folders searched recursively, ``doc_id`` the path relative to the
folder argument — and, beside it, ``(path, reason)`` for every entry passed over: hidden
files, broken or looping links, links to folders, unsupported types, pipes and devices,
folders that cannot be listed. The batch's own cache folder is passed over silently.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .readers import SUPPORTED

__all__ = ["scan_inputs", "skip_reason", "file_sha256", "CACHE_DIR"]

CACHE_DIR = ".vntasks-cache"


def skip_reason(f: Path) -> str | None:
    """Why the folder entry ``f`` is not an input ("" for a folder: nothing to say), or None."""
    try:
        st = f.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(st.st_mode):
        return ""
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        try:
            mode = f.stat().st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            try:
                target = os.readlink(f)
            except OSError:
                target = "?"
            return f"broken symbolic link (its target {target} does not exist)"
        if stat.S_ISDIR(mode):
            return "symbolic link to a folder, not followed (give the folder itself as an INPUT)"
    if f.name.startswith("."):
        return "hidden file (its name starts with '.')"
    if f.suffix.lower() not in SUPPORTED:
        return f"unsupported file type '{f.suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device)"
    return None


def _walk(root: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every non-folder entry under ``root`` (links to folders included, not followed) and
    the folders that could not be listed."""
    entries: list[Path] = []
    unreadable: list[tuple[str, str]] = []

    def fail(exc: OSError) -> None:
        unreadable.append((str(exc.filename), f"folder cannot be read ({exc.strerror}); check its permissions"))

    for here, dirs, files in os.walk(root, onerror=fail):
        d = Path(here)
        keep = []
        for n in dirs:
            if n == CACHE_DIR:
                continue
            if (d / n).is_symlink():
                entries.append(d / n)  # reported by skip_reason, not descended
            else:
                keep.append(n)
        dirs[:] = keep
        entries.extend(d / n for n in files)
    return entries, unreadable


def scan_inputs(inputs: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """``(path, doc_id)`` of every input, in the order of :func:`pipeline.api.iter_inputs`,
    and ``(path, reason)`` of every folder entry that is not one."""
    items: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    for item in inputs:
        p = Path(item)
        if not p.is_dir():
            items.append((p, p.name))
            continue
        entries, unreadable = _walk(p)
        skipped.extend(unreadable)
        for f in sorted(entries):
            reason = skip_reason(f)
            if reason is None:
                items.append((f, f.relative_to(p).as_posix()))
            elif reason:
                skipped.append((str(f), reason))
    return items, skipped


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, streamed (a file over the size limit is never read whole)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
