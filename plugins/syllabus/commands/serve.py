"""``syllabus serve``: the author preview. MkDocs' own development server (same options and
rebuild-on-change as ``mkdocs serve``) with the internal audience, so drafts and internal
content show with their banners, and with content errors listed in the browser."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys

from ..core.config import Options
from . import EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace, options: Options) -> int:
    # Imported here: every other command stays free of the server and the plugin.
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from ..plugin.preview import EDITOR_ENVIRONMENT, EditorError, editor_template

    try:
        editor_template(args.editor)
    except EditorError as error:
        sys.stderr.write(f"syllabus serve: error: {error}\n")
        return EXIT_USAGE
    os.environ["SYLLABUS_AUDIENCE"] = "internal"  # the plugin reads it on every rebuild
    if args.editor:
        os.environ[EDITOR_ENVIRONMENT] = args.editor
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    overrides = {"dev_addr": args.dev_addr} if args.dev_addr else {}
    try:
        serve(config_file=str(args.config_file), livereload=not args.no_livereload,
              open_in_browser=args.open, **overrides)
    except MkDocsException as error:  # configuration problems; content errors are shown in the page
        sys.stderr.write(f"syllabus serve: error: {error}\n")
        return EXIT_USAGE
    except OSError as error:  # MkDocs opens the address after the first build
        if error.errno not in UNSERVABLE:
            raise
        address = args.dev_addr or "mkdocs.yml's dev_addr (default 127.0.0.1:8000)"
        busy = " (another preview may be running there)" if error.errno == errno.EADDRINUSE else ""
        sys.stderr.write(f"syllabus serve: error: cannot serve on {address}: {error.strerror}{busy}; choose another "
                         "address with -a, e.g. -a 127.0.0.1:8001\n")
        return EXIT_USAGE
    return EXIT_OK


# Why an address cannot be served on, as the operating system says it.
UNSERVABLE = frozenset({errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES})


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("serve", parents=[common],
                                 help="preview the site for authors: drafts and internal content, live errors")
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT",
                        help="address to serve on (default: the config's dev_addr, else 127.0.0.1:8000)")
    parser.add_argument("-o", "--open", action="store_true", help="open the preview in the default browser")
    parser.add_argument("--no-livereload", action="store_true", help="do not reload pages when files change")
    parser.add_argument("--editor", metavar="NAME|TEMPLATE",
                        help="link each error to your editor: vscode, cursor, idea, sublime, or a URL template "
                             "with {path}, {line} and {column} (default: no links)")
    parser.set_defaults(run=run)
