"""``syllabus strings LANG [--check]``: what readers see of Syllabus in a language.

``--check`` lists the texts ``LANG`` has no words of its own for (in the package's
``locales/LANG.yml`` or the site's), which readers would see in English: one key per line
(``key[category]`` for a missing plural form), exit 0 when nothing is missing, 1 otherwise.
Without it, the whole catalog is printed as YAML to start or finish a translation from: the
language's texts, and the English ones it still lacks as comments, to translate and uncomment
(left commented, they stay missing). Mistakes in the site's ``locales/`` files are positioned
diagnostics and exit 2.
"""

from __future__ import annotations

import argparse
import sys

import yaml

from ..core.config import ConfigError, Options
from ..core.diagnostics import render
from ..core.locale_format import LANGUAGE_TAG
from ..core.messages import ENGLISH, Text, load_messages, missing_keys
from . import EXIT_CONTENT, EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace, options: Options) -> int:
    language = args.language
    if not LANGUAGE_TAG.match(language):
        raise ConfigError(f"'{language}' is not a language tag such as ja or pt-BR")
    messages, problems = load_messages(language, options.root)
    if problems:
        sys.stderr.write(render(problems, len({p.path for p in problems}), "text"))
        return EXIT_USAGE
    missing = missing_keys(language, options.root)
    if args.check:
        sys.stdout.write("".join(f"{key}\n" for key in missing))
        total = len(ENGLISH.texts)
        sys.stderr.write(f"{language}: {len(missing)} of {total} texts missing; readers see them in English\n"
                         if missing else f"{language}: all {total} texts translated\n")
        return EXIT_CONTENT if missing else EXIT_OK
    untranslated = {key.split("[")[0] for key in missing}
    sys.stdout.write(f"# Syllabus texts in {language}; save as locales/{language}.yml beside mkdocs.yml.\n"
                     "# Commented entries are in English: translate them and remove the '# '.\n")
    for key, text in messages.texts.items():
        sys.stdout.write(("# " if key in untranslated else "") + _entry(key, text) + "\n")
    return EXIT_OK


def _entry(key: str, text: Text) -> str:
    """One ``key: text`` entry as YAML on one line (a plural text as a flow mapping)."""
    flow = yaml.safe_dump({key: dict(text) if not isinstance(text, str) else text}, allow_unicode=True,
                          default_flow_style=True, width=10**6, sort_keys=False)
    return flow.strip().removeprefix("{").removesuffix("}")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("strings", parents=[common],
                                 help="print the texts readers see in a language, or --check which are missing")
    parser.add_argument("language", metavar="LANG", help="a language tag such as ja, de or pt-BR")
    parser.add_argument("--check", action="store_true",
                        help="list the keys with no text of their own in LANG; exit 1 if any")
    parser.set_defaults(run=run)
