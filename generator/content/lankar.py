"""Symbolic links in the content folder (contract: "Output folders").

A link inside the content folder that points outside it is an error for every
kind of file (kommun.yml, organ folders, organ.yml, meeting folders, paragraphs,
justering.lock, bilagor, handlingar/): it is named, and nothing behind it is
ever read. Links that stay inside the content folder are allowed. Hidden
entries (``.git``, ``.anslag``) are never read as content and are not walked.
"""
from __future__ import annotations

import os
from pathlib import Path


def _verklig(p: Path | str) -> Path:
    return Path(os.path.realpath(p))


def lankar_ut(rot: Path) -> dict[Path, Path]:
    """Every link under ``rot`` whose target lies outside it: link path -> resolved target.
    Linked folders are not walked into."""
    bas = _verklig(rot)
    ut: dict[Path, Path] = {}
    stack = [Path(rot)]
    while stack:
        mapp = stack.pop()
        try:
            poster = list(os.scandir(mapp))
        except OSError:
            continue
        for e in poster:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            if e.is_symlink():
                mal = _verklig(p)
                if mal != bas and not mal.is_relative_to(bas):
                    ut[p] = mal
                continue
            if e.is_dir(follow_symlinks=False):
                stack.append(p)
    return ut


def pekar_ut(p: Path, rot: Path) -> bool:
    """True when ``p`` (or a folder on the way to it from ``rot``) leads outside ``rot``."""
    bas = _verklig(rot)
    mal = _verklig(p)
    return mal != bas and not mal.is_relative_to(bas)
