"""What the author preview watches: the docs folder and the catalog's own folders, never
through a symlinked folder, including folders made (or made again) while it runs.

MkDocs' watcher ignores events on folders and cannot watch a folder that does not exist
yet, so on its own a catalog's first track (``tracks/`` made by ``syllabus new track``), a
folder removed and made again by ``git checkout``, or a course folder made where a folder is
watched on its own (see :func:`watch_roots`) showed only after a restart, and a folder moved
away stayed on the site until the next edit. :class:`FolderWatch` looks out for such
folders, has MkDocs' server watch each, and asks for a build the one way the server offers:
a change to a file it watches, in a folder of the preview's own. The watcher (watchdog,
MkDocs' own) is imported only when a watch starts: builds never need it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import ObservedWatch


def symlinked_folders(folder: Path) -> list[str]:
    """Every symlink to a folder below ``folder`` (not entered). MkDocs' watcher and its
    walk of the docs folder follow them, and one that leads to an ancestor
    (``courses/x/x.md -> /``) is a walk with no end: the preview stopped answering."""
    return sorted(os.path.join(current, name) for current, subfolders, _ in os.walk(folder)  # never follows links
                  for name in subfolders if os.path.islink(os.path.join(current, name)))


def watch_roots(folder: Path) -> list[tuple[Path, bool]]:
    """Where to watch ``folder`` from, as (path, recursive), so that the watcher never walks
    into a symlinked folder: a folder with none anywhere below is watched whole; one with
    such a link is watched on its own, and its real subfolders in the same way (a folder
    made there later is found by :class:`FolderWatch`)."""
    tainted: set[str] = set()  # folders with a symlinked folder somewhere below
    for link in symlinked_folders(folder):
        current = os.path.dirname(link)
        while current not in tainted:
            tainted.add(current)
            if current == str(folder):
                break
            current = os.path.dirname(current)
    roots, pending = [], [str(folder)]
    while pending:
        current = pending.pop()
        if current not in tainted:
            roots.append((Path(current), True))
            continue
        roots.append((Path(current), False))
        with os.scandir(current) as entries:
            pending += [entry.path for entry in entries if entry.is_dir(follow_symlinks=False)]
    return sorted(roots)


class FolderWatch:
    """Has ``server`` watch ``folders`` (which need not exist yet) and every real folder
    made in one watched on its own, for as long as the preview runs; :meth:`close` ends it."""

    def __init__(self, server: LiveReloadServer, folders: Iterable[Path]) -> None:
        from watchdog.observers import Observer

        self.server = server
        self.folders = {Path(os.path.abspath(folder)) for folder in folders}
        self.watched: set[Path] = set()  # what the server watches on our behalf
        self.shallow: set[Path] = set()  # of those, the folders watched on their own
        self.observer = Observer()
        self.looked_out: dict[Path, ObservedWatch] = {}
        self.doorbell = Path(tempfile.mkdtemp(prefix="syllabus-preview-"))
        server.watch(str(self.doorbell))
        for parent in sorted({folder.parent for folder in self.folders}):
            self._look_out(parent)
        for folder in sorted(self.folders):
            if folder.is_dir():
                self._watch(folder)
        self.observer.start()

    def dispatch(self, event: FileSystemEvent) -> None:
        """What the observer calls with each event in a folder looked out on (see :meth:`_look_out`)."""
        if not event.is_directory:
            return
        if event.event_type in ("deleted", "moved") and self._is_watched(Path(os.fsdecode(event.src_path))):
            self._rebuild()
        if event.event_type in ("created", "moved"):
            self._appeared(Path(os.fsdecode(event.dest_path if event.event_type == "moved" else event.src_path)))

    def close(self) -> None:
        self.observer.stop()
        self.observer.join()
        shutil.rmtree(self.doorbell, ignore_errors=True)

    def _is_watched(self, folder: Path) -> bool:
        """Whether ``folder`` is, or would be, watched: MkDocs' watcher sees no folder come or go."""
        return folder in self.folders or folder.parent in self.shallow

    def _appeared(self, folder: Path) -> None:
        if self._is_watched(folder) and not folder.is_symlink():
            self._watch(folder)
            self._rebuild()  # files made in it before the server watched it

    def _rebuild(self) -> None:
        (self.doorbell / "rebuild").write_bytes(os.urandom(8))

    def _watch(self, folder: Path) -> None:
        for path, recursive in watch_roots(folder):
            if path in self.watched:  # removed and made again: the old watch ended with it
                self.server.unwatch(str(path))
            self.server.watch(str(path), recursive=recursive)
            self.watched.add(path)
            if not recursive:
                self.shallow.add(path)
                self._look_out(path)

    def _look_out(self, folder: Path) -> None:
        """Be told of folders made in ``folder`` (which exists: it holds a watched folder)."""
        if folder in self.looked_out:  # removed and made again
            self.observer.unschedule(self.looked_out[folder])
        self.looked_out[folder] = self.observer.schedule(self, str(folder), recursive=False)
