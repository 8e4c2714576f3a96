"""The ``syllabus`` command line: a thin shell over the core, sharing it with the plugin.

Exit status: 0 clean, 1 content errors (or warnings under --strict), 2 usage or
configuration errors. Content problems are printed as diagnostics, never as tracebacks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, NoReturn

from .commands import EXIT_OK, EXIT_USAGE
from .commands.validate import write_report
from .core.config import ConfigError
from .core.diagnostics import bounded, printable, sort_diagnostics
from .plugin.options import CONFIG_NAME, load_options

# Each name is a module in syllabus.commands with register(subparsers, common).
COMMANDS = ("validate", "export", "report", "schemas", "new", "codeowners", "diff", "leak_check", "plan",
            "serve", "strings")


class _Commands:
    """The subcommand registry handed to each command module: a command's own ``--help``
    opens with the one-line summary that ``syllabus --help`` lists for it."""

    def __init__(self, subparsers: argparse._SubParsersAction) -> None:
        self.subparsers = subparsers

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        summary = kwargs.get("help") or ""
        kwargs.setdefault("description", summary[:1].upper() + summary[1:] + ".")
        return self.subparsers.add_parser(name, **kwargs)


class _Parser(argparse.ArgumentParser):
    """Usage errors quote what was typed: bounded and printable, as every diagnostic is."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(bounded(message)))

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[argparse.Namespace, list[str]]:
        """Python 3.11's argparse reads ``--customer=--`` as an empty list (fixed in 3.12), which
        no command expects (a traceback): the value typed is ``--``, text or else refused."""
        namespace, extras = super().parse_known_args(args, namespace)
        for action in self._actions:
            if action.nargs is None and getattr(namespace, action.dest, None) == []:
                if action.type is not None or (action.choices is not None and "--" not in action.choices):
                    self.error(f"argument {'/'.join(action.option_strings)}: invalid value: '--'")
                setattr(namespace, action.dest, "--")
        return namespace, extras


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", type=Path, default=None,
                        help="the catalog's MkDocs config (default: mkdocs.yml here or in the nearest folder above)")
    parser = _Parser(  # and each command's, which add_subparsers makes of the same class
        prog="syllabus", description="Validate, scaffold and export a Syllabus training catalog."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('syllabus')}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"syllabus.commands.{name}").register(_Commands(subparsers), common)
    return parser


def nearest_config(folder: Path) -> Path:
    """mkdocs.yml in ``folder`` or the nearest folder above it, as git finds its repository:
    a trainer may run ``syllabus validate`` from a course folder. Else ``mkdocs.yml`` (whose
    absence is then reported)."""
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
    return Path(CONFIG_NAME)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.config_file = args.config_file or nearest_config(Path.cwd())
    try:
        options = load_options(args.config_file, with_theme_files=getattr(args, "checks_links", False))
        return args.run(args, options)
    except ConfigError as error:
        diagnostics = sort_diagnostics(error.diagnostics)
        fmt = getattr(args, "diagnostic_format", "text")
        if diagnostics and fmt != "text":  # as annotations or JSON, as the content's problems would be
            write_report(diagnostics, 1, fmt, args.config_file.resolve().parent)
            return EXIT_USAGE
        lines = [d.as_text() for d in diagnostics] or [f"syllabus: error: {printable(bounded(str(error)))}"]
        sys.stderr.write("\n".join(lines) + "\n")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `syllabus export | head`
        return EXIT_OK


if __name__ == "__main__":  # python -m syllabus.cli, as scripts wrote it before python -m syllabus
    raise SystemExit(main())
