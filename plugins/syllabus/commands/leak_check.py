"""``syllabus leak-check SITE_DIR``: an independent check that a public build leaks nothing.

The plugin drops draft and internal items before rendering; this looks at the result from
the outside, as the publish workflow's last gate before deploying. Every file under the
site (gzip-compressed ones decompressed) is searched for what identifies each hidden
course, track and plan: its page path, its title and its summary, spelled the ways HTML
and JSON write them. Compressed files are recognised by their gzip header, not their name:
the site search's index chunks (``pagefind/``) are gzip without a ``.gz`` suffix. Exit 1
with every finding, 0 when none.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.config import ConfigError, Options
from ..core.model import Catalog, Course, Plan, Track
from . import EXIT_CONTENT, EXIT_OK, load_checked


@dataclass(frozen=True)
class Needle:
    """Something only hidden content contains, and the forms it takes in built files."""

    what: str  # e.g. "title of draft course 'ai-preview'"
    forms: frozenset[bytes]


def spellings(text: str) -> frozenset[bytes]:
    """The text as written raw, HTML-escaped, and inside JSON strings (escaped or not)."""
    variants = {text, html.escape(text, quote=False), html.escape(text)}
    variants |= {json.dumps(v, ensure_ascii=flag)[1:-1] for v in tuple(variants) for flag in (True, False)}
    return frozenset(v.encode("utf-8") for v in variants if v)


def _hidden(catalog: Catalog) -> Iterator[tuple[str, Course | Track | Plan]]:
    for kind in ("course", "track", "plan"):
        items: dict[str, Course | Track | Plan] = getattr(catalog, f"{kind}s")
        yield from ((kind, item) for item in items.values() if not item.is_public)


def hidden_needles(catalog: Catalog) -> list[Needle]:
    """Page paths, titles and summaries of draft and internal items; a title or summary that a
    public item shares is skipped, since finding it would prove nothing."""
    public = catalog.visible_to("public")
    shared = {text for items in (public.courses, public.tracks, public.plans)
              for item in items.values() for text in (item.title, item.summary)}
    needles = []
    for kind, item in _hidden(catalog):
        label = f"{'draft' if item.status == 'draft' else 'internal'} {kind} '{item.id}'"
        needles.append(Needle(f"page path of {label}", frozenset({f"{kind}s/{item.id}/".encode()})))
        needles.extend(Needle(f"{field} of {label}", spellings(getattr(item, field)))
                       for field in ("title", "summary") if getattr(item, field) not in shared)
    return needles


GZIP_MAGIC = b"\x1f\x8b"


def _contents(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return data
    return data


def scan(site: Path, needles: list[Needle]) -> list[str]:
    """``path: what`` for every needle found in a file's name or contents, in path order."""
    findings = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        data = relative.encode() + b"/\n" + _contents(path)  # the file's own path counts too
        findings.extend(f"{relative}: {needle.what}" for needle in needles
                        if any(form in data for form in needle.forms))
    return findings


def run(args: argparse.Namespace, options: Options) -> int:
    site: Path = args.site_dir
    if not site.is_dir():
        raise ConfigError(f"{site}: no such site directory (build it first with mkdocs build)")
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    needles = hidden_needles(result.catalog)
    findings = scan(site, needles)
    for finding in findings:
        sys.stdout.write(f"{finding}\n")
    files = sum(1 for p in site.rglob("*") if p.is_file())
    sys.stdout.write(f"{len(findings)} leaks of draft or internal content in {files} files "
                     f"({len(needles)} markers checked)\n")
    return EXIT_CONTENT if findings else EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("leak-check", parents=[common],
                                 help="fail if a built site contains any draft or internal content")
    parser.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site, e.g. site/")
    parser.set_defaults(run=run)
