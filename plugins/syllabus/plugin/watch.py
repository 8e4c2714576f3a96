"""The author preview's watch on the docs folder and the catalog's own folders, never
through a symlinked folder, including folders made (or made again) while it runs.

MkDocs' watcher ignores events on folders and cannot watch a folder that does not exist
yet, so on its own a catalog's first track (``tracks/`` made by ``syllabus new track``), a
folder removed and made again by ``git checkout``, or a course folder made where a folder is
watched on its own (see :func:`watch_roots`) showed only after a restart, and a folder moved
away stayed on the site until the next edit. :class:`FolderWatch`
looks out for such folders, has MkDocs' server watch each, and asks for a build the one
way the server offers: a change to a file it watches, in a folder of the preview's own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from .preview import watch_roots


class FolderWatch(FileSystemEventHandler):
    """Has ``server`` watch ``folders`` (which need not exist yet) and every real folder
    made in one watched on its own, for as long as the preview runs; :meth:`close` ends it."""

    def __init__(self, server: LiveReloadServer, folders: Iterable[Path]) -> None:
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

    def on_created(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirCreatedEvent):
            self._appeared(Path(os.fsdecode(event.src_path)))

    def on_deleted(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirDeletedEvent) and self._is_watched(Path(os.fsdecode(event.src_path))):
            self._rebuild()

    def on_moved(self, event: FileSystemEvent) -> None:
        if isinstance(event, DirMovedEvent):
            if self._is_watched(Path(os.fsdecode(event.src_path))):
                self._rebuild()
            self._appeared(Path(os.fsdecode(event.dest_path)))

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
