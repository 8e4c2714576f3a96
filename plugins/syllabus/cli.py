"""The ``syllabus`` command line: a thin shell over the core, sharing it with the plugin.

Exit status: 0 clean, 1 content errors (or warnings under --strict), 2 usage or
configuration errors. Content problems are printed as diagnostics, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .core.catalog import LoadResult, load_catalog
from .core.config import ConfigError, Options, load_options
from .core.diagnostics import render

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace, Options], int]


def _load_checked(options: Options) -> LoadResult | None:
    """Load the catalog; on content errors print them to stderr and return None."""
    result = load_catalog(options)
    if result.report.has_errors:
        diagnostics = result.report.sorted()
        sys.stderr.write(render(diagnostics, result.report.files_checked, "text"))
        return None
    return result


def cmd_validate(args: argparse.Namespace, options: Options) -> int:
    result = load_catalog(options)
    diagnostics = result.report.sorted()
    sys.stdout.write(render(diagnostics, result.report.files_checked, args.format))
    if result.report.has_errors or (args.strict and diagnostics):
        return EXIT_CONTENT
    return EXIT_OK


def cmd_export(args: argparse.Namespace, options: Options) -> int:
    from .export.catalog_json import catalog_document, dumps

    result = _load_checked(options)
    if result is None:
        return EXIT_CONTENT
    visible = result.catalog.visible_to(options.audience)
    sys.stdout.write(dumps(catalog_document(visible, options.today)))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the catalog's MkDocs config (default: ./mkdocs.yml)")
    parser = argparse.ArgumentParser(
        prog="syllabus", description="Validate, scaffold and export a Syllabus training catalog."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[common], help="check every file, report all problems")
    validate.add_argument("--format", choices=("text", "github", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    export = commands.add_parser("export", parents=[common], help="print catalog.json")
    export.set_defaults(run=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        options = load_options(args.config_file)
        return args.run(args, options)
    except ConfigError as error:
        sys.stderr.write(f"syllabus: error: {error}\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `syllabus export | head`
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
