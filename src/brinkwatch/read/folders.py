"""Folders, walked lazily: recursive, sorted by name, hidden files and folders skipped.

One directory is listed at a time (never the whole tree up front). Symbolic links to files
are read; links to folders are not followed, so a link loop cannot trap the walk.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..errors import UnreadableInput
from .article import one_line

__all__ = ["walk_folder"]


def walk_folder(folder: str) -> Iterator[str | UnreadableInput]:
    """Paths of the visible files under ``folder``, depth first in name order.

    Paths are ``folder`` as given joined with the relative path (``corpus/2024/a.txt``).
    A folder that cannot be listed gives an ``UnreadableInput`` and the walk goes on.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (entry for entry in listing if not entry.name.startswith(".")),
                key=lambda entry: entry.name,
            )
    except OSError as exc:
        yield UnreadableInput(folder, one_line(exc.strerror or exc))
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(path)
        elif entry.is_file():
            yield path
