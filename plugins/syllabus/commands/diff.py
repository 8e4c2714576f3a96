"""``syllabus diff BASE [HEAD]``: what a change does to the catalog, for the pull request.

Each revision is extracted with ``git archive`` into a temporary folder and loaded by the
same core as ``validate``, with the same options (only the root differs); HEAD omitted
means the working tree. Plain text by default, Markdown (``--format md``) for a pull
request's job summary, or JSON. Content errors on either side are part of the report, not a
failure: the report is most useful exactly when a change breaks something.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..core.config import ConfigError, Options
from ..export.change_report import Side, as_json, as_markdown, as_text, compare
from . import EXIT_OK


def _git(cwd: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except OSError as error:
        raise ConfigError(f"cannot run git: {error.strerror}") from None
    if result.returncode:
        message = result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed"
        raise ConfigError(message)
    return result.stdout


def extract(root: Path, revision: str, into: Path) -> None:
    """Write the catalog folder ``root`` as it was at ``revision`` into ``into``.

    A revision in which the folder does not exist yet gives an empty catalog.
    """
    try:
        commit = _git(root, "rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except ConfigError as error:
        raise ConfigError(f"cannot read revision {revision!r}: {error}") from None
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    tree = f"{commit}:{prefix}" if prefix else commit
    into.mkdir(parents=True, exist_ok=True)
    try:
        _git(top, "cat-file", "-e", tree)
    except ConfigError:
        return
    # From the top (archive scopes to the cwd), streamed: a revision may hold gigabytes of video.
    command = ["git", "-C", str(top), "archive", "--format=tar", tree]
    failure = None
    with tempfile.TemporaryFile() as errors, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors) as git:
        try:
            with tarfile.open(fileobj=git.stdout, mode="r|") as tar:
                tar.extractall(into, filter=_files_only)
        except (OSError, tarfile.TarError) as error:  # the disk filled; what git wrote if it failed
            git.kill()
            failure = f"cannot extract revision {revision!r} into {into}: {error}"
        git.wait()
        errors.seek(0)
        if git.returncode > 0:  # failed by itself, not killed
            raise ConfigError(errors.read().decode("utf-8", "replace").strip() or "git archive failed")
    if failure:
        raise ConfigError(failure)


def _files_only(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """Regular files and folders, as the "data" filter passes them; links are left out (never
    published, and one pointing outside the tree would stop the extraction)."""
    return None if member.issym() or member.islnk() else tarfile.data_filter(member, path)


RENDERERS = {"text": as_text, "md": as_markdown, "json": as_json}


def run(args: argparse.Namespace, options: Options) -> int:
    try:
        with tempfile.TemporaryDirectory(prefix="syllabus-diff-") as temp:
            sides = []
            for name, revision in (("base", args.base), ("head", args.head)):
                root = options.root
                if revision is not None:
                    root = Path(temp) / name
                    extract(options.root, revision, root)
                sides.append(Side.load(dataclasses.replace(options, root=root)))
            report = compare(*sides, base_name=args.base, head_name=args.head or "the working tree")
    except OSError as error:  # the temporary folder: a full disk, no inode left
        raise ConfigError(f"cannot extract the revisions to compare into {tempfile.gettempdir()}: "
                          f"{error.strerror or error}") from None
    sys.stdout.write(RENDERERS[args.format](report))
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("diff", parents=[common],
                                 help="what changed between two git revisions and what it affects")
    parser.add_argument("base", metavar="BASE", help="the revision before the change, e.g. origin/main")
    parser.add_argument("head", metavar="HEAD", nargs="?", help="the revision after it (default: the working tree)")
    parser.add_argument("--format", choices=tuple(RENDERERS), default="text",
                        help="text for a terminal (default), md for a pull request's summary, or json")
    parser.set_defaults(run=run)
