"""What the author preview watches: the docs folder and the catalog's own folders, never
through a symlinked folder, including folders made (or made again) while it runs.

MkDocs' watcher polls, follows symlinked folders (a link to an ancestor made while it ran
filled gigabytes), ignores events on folders and cannot watch a folder that does not exist
yet: a catalog's first track (``tracks/`` made by ``syllabus new track``), a folder removed
and made again by ``git checkout``, or a course folder made where a folder is watched on its
own (see :func:`watch_roots`) showed only after a restart. :class:`FolderWatch` watches them
with the system's own notifications instead (watchdog's native observer, which never enters
a symlinked folder), and asks MkDocs' server for a build the one way the server offers: a
change to a file it watches, in a folder of the preview's own. watchdog (MkDocs' own
dependency) is imported only when a watch starts: builds never need it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import ObservedWatch

log = logging.getLogger("mkdocs.plugins.syllabus")
# The events that change what a build reads; watchdog also reports "opened", "closed",
# "closed_no_write" and (since 7.0) "attrib" apart from "modified": an access time or a mode.
_CHANGES = frozenset({"created", "deleted", "modified", "moved"})


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
    """Watches ``folders`` (which need not exist yet), and every real folder made in one
    watched on its own, for as long as the preview runs, and has ``server`` rebuild on any
    change in them; :meth:`close` ends it."""

    def __init__(self, server: LiveReloadServer, folders: Iterable[Path]) -> None:
        from watchdog.observers import Observer

        self.folders = {Path(os.path.abspath(folder)) for folder in folders}
        self.watches: dict[Path, ObservedWatch] = {}  # by folder: the catalog's, their parents
        self.shallow: set[Path] = set()  # folders watched on their own (see watch_roots)
        self.doorbell = Path(tempfile.mkdtemp(prefix="syllabus-preview-"))
        server.watch(str(self.doorbell))
        self.lock = threading.Lock()  # events arrive on the observer's thread
        self.observer = Observer()
        self.observer.start()  # first, so that each watch that cannot start says so where it is asked for
        with self.lock:
            for parent in sorted({folder.parent for folder in self.folders}):
                self._schedule(parent, recursive=False)  # to see the catalog's folders come and go
            for folder in sorted(self.folders):
                if folder.is_dir():
                    self._watch(folder)

    def dispatch(self, event: FileSystemEvent) -> None:
        """What the observer calls with each event (it calls nothing else on a handler)."""
        if event.event_type not in _CHANGES:
            return  # a file opened, read or closed unwritten: each build reads them all, and rang again
        source = Path(os.fsdecode(event.src_path))
        target = Path(os.fsdecode(event.dest_path)) if event.event_type == "moved" else source
        if not (self._in_catalog(source) or self._in_catalog(target)):
            return  # beside the catalog's folders (README.md, .git)
        watchable = target in self.folders or target.parent in self.shallow  # else within a watch already
        with self.lock:
            if event.is_directory and event.event_type in ("deleted", "moved"):
                self._unwatch(source)
            if event.is_directory and event.event_type in ("created", "moved") and watchable:
                self._watch(target)
        (self.doorbell / "rebuild").write_bytes(os.urandom(8))  # files made before the watch included

    def close(self) -> None:
        self.observer.stop()
        self.observer.join()
        shutil.rmtree(self.doorbell, ignore_errors=True)

    def _in_catalog(self, path: Path) -> bool:
        return path in self.folders or not self.folders.isdisjoint(path.parents)

    def _watch(self, folder: Path) -> None:
        if folder.is_symlink():  # never entered (MkDocs' own walk refuses it with an error)
            return
        try:
            roots = watch_roots(folder)
        except OSError:  # gone again already: its removal is an event of its own
            return
        for path, recursive in roots:
            if not recursive:
                self.shallow.add(path)
            self._schedule(path, recursive=recursive)

    def _unwatch(self, gone: Path) -> None:
        for folder in [folder for folder in self.watches if folder == gone or gone in folder.parents]:
            self.observer.unschedule(self.watches.pop(folder))
            self.shallow.discard(folder)

    def _schedule(self, folder: Path, *, recursive: bool) -> None:
        if (old := self.watches.pop(folder, None)) is not None:  # removed and made again
            self.observer.unschedule(old)
        try:
            self.watches[folder] = self.observer.schedule(self, str(folder), recursive=recursive)
        except FileNotFoundError:
            pass  # gone again already
        except OSError as error:  # the system's limit on watches (Linux: fs.inotify.max_user_watches)
            log.warning(f"syllabus: the preview cannot watch {folder} ({error.strerror}); edits there show after "
                        "a restart")
