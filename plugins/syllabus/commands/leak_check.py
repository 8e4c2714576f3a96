"""``syllabus leak-check SITE_DIR``: an independent check that a public build leaks nothing.

The plugin drops draft and internal items before rendering; this looks at the result from
the outside, as the publish workflow's last gate before deploying. Every file under the
site (gzip-compressed ones decompressed) is searched for what identifies each hidden
course, track and plan: its page path, its title and its summary, spelled the ways HTML
and JSON write them; and for the sentences of a hidden course's pages that no public source
has, as text, however they got there (a Markdown extension or a plugin that pastes files); public
text is what public items and the docs pages the public site publishes hold. Compressed
files are recognised by their first bytes, not their name: the site search's index chunks
(``pagefind/``) are gzip without a ``.gz`` suffix, and each member of a zip archive (a
course's download, a .docx or .epub) is searched as a file of its own. What cannot be read
whole (decompressing past MAX_DECOMPRESSED, encrypted, damaged) is a finding too: the gate
fails closed. Exit 1 with every finding, 0 when none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.config import ConfigError, Options
from ..core.diagnostics import printable
from ..core.leaks import body_needles, hidden_ids, hidden_needles, scan
from . import EXIT_CONTENT, EXIT_OK, load_checked


def run(args: argparse.Namespace, options: Options) -> int:
    site: Path = args.site_dir
    if not site.is_dir():
        raise ConfigError(f"{site}: no such site directory (build it first with mkdocs build)")
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    needles, body = hidden_needles(result.catalog), body_needles(result, options)
    findings, files = scan(site, needles, body, site_url=options.site_url,
                          hidden_ids=hidden_ids(result.catalog))
    for finding in findings:
        # Names in it are the site's and its archives' (a zip member's may hold a line break
        # and "::error ...", or a terminal escape): shown escaped, one finding per line.
        sys.stdout.write(f"{printable(finding)}\n")
    sys.stdout.write(f"{len(findings)} leaks of draft or internal content in {files} files "
                     f"({len(needles)} markers and {len(body)} sentences checked)\n")
    return EXIT_CONTENT if findings else EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("leak-check", parents=[common],
                                 help="fail if a built site contains any draft or internal content")
    parser.add_argument("site_dir", metavar="SITE_DIR", type=Path, help="the built site, e.g. site/")
    parser.set_defaults(run=run)
