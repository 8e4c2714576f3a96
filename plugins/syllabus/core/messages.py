"""The words Syllabus writes for readers, in the site's language.

One catalog per language, ``syllabus/locales/<lang>.yml``: a flat mapping of dotted keys to
plain text with ``{name}`` placeholders. A text that depends on a number is a mapping of
CLDR plural categories (``one``, ``other``...) chosen by the ``count`` value, with the
language's own rules (Babel's CLDR data; ``Intl.PluralRules`` in the page).

English is the reference: it defines the keys and their placeholders, and a key another
language lacks falls back to English (``syllabus strings --check ja`` lists those). A site
overrides any text, or adds a language, in ``locales/<lang>.yml`` beside ``mkdocs.yml``,
without forking the package. Texts are plain text, never markup or templates: each output
format escapes them like any other value, and placeholders are replaced, not evaluated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from .diagnostics import Diagnostic
from .schema_messages import did_you_mean
from .yamlsafe import EMPTY_FILE, YamlRejected, load_file

PACKAGE_LOCALES = Path(__file__).resolve().parent.parent / "locales"
SITE_LOCALES = "locales"  # the folder beside mkdocs.yml a site keeps its own texts in
REFERENCE_LANGUAGE = "en"
SCRIPT_PREFIX = "script."  # keys the page scripts need; pages carry them (see Messages.for_scripts)
# Texts a page writes that its script rewrites (or writes anew: the "next session" box's button).
SCRIPT_REWRITES = frozenset({"course.all_dates", "course.register_session"})

Text = str | Mapping[str, str]  # plain, or by plural category
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SLOT = "\x00"  # stands for a value in Messages.around; no text holds it (control characters are refused)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*\Z")


def placeholders(text: Text) -> set[str]:
    """The ``{name}`` placeholders of a text, in any of its plural forms."""
    forms = text.values() if isinstance(text, Mapping) else (text,)
    return {name for form in forms for name in _PLACEHOLDER.findall(form)}


def fill(text: str, values: Mapping[str, Any]) -> str:
    """``text`` with each ``{name}`` replaced by ``str(values[name])``; nothing is evaluated,
    and a placeholder without a value stays as written, so a gap shows rather than breaks."""
    if "{" not in text:  # most texts have no placeholder, and a page prints dozens of them
        return text
    return _PLACEHOLDER.sub(lambda match: str(values.get(match[1], match[0])), text)


@functools.lru_cache(maxsize=4096)
def _written_count(count: int, language: str) -> str:
    """``count`` as ``language`` writes it (``1,000``): Babel works each one out through its
    locale data, and a catalog's pages write the same few counts (minutes, weeks) thousands of
    times."""
    return format_decimal(count, locale=babel_locale(language))


def babel_locale(language: str) -> Locale:
    """The CLDR locale for a BCP 47 tag (``pt-BR``, ``zh-Hant``), else its base language,
    else English."""
    for tag in (language.replace("-", "_"), language.split("-")[0].split("_")[0]):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(REFERENCE_LANGUAGE)


def plural_categories(language: str) -> frozenset[str]:
    """The CLDR plural categories the language needs (``other`` always)."""
    return babel_locale(language).plural_form.tags | {"other"}


def gap(note: str) -> str:
    """The space before a side note: none before full-width punctuation ("（", "「"), which
    carries its own, as Japanese typesetting wants."""
    return "" if note[:1] and unicodedata.east_asian_width(note[0]) in ("F", "W") else " "


@dataclass(frozen=True)
class Messages:
    """The texts of one language, English filling any gap."""

    language: str = REFERENCE_LANGUAGE
    texts: Mapping[str, Text] = field(default_factory=dict)

    @functools.cached_property
    def _locale(self) -> Locale:
        return babel_locale(self.language)

    def text(self, key: str, /, **values: Any) -> str:
        """The text for ``key`` with its placeholders filled; a plural text picks its form
        by ``count``, which is written the language's way (``1,000``; ``Intl.NumberFormat`` in
        the page). An unknown key is a programming error: it raises ``KeyError``."""
        text = self.texts[key]
        count = values.get("count")
        if isinstance(text, Mapping):
            text = text.get(self._locale.plural_form(count)) or text["other"]
        if isinstance(count, int) and not isinstance(count, bool):
            values["count"] = _written_count(count, self.language)
        return fill(text, values)

    def aside(self, text: str) -> str:
        """``text`` as a side note after what it is about, with the space :func:`gap` says:
        `` (1 h)``, ``（1時間）``."""
        note = self.text("aside", text=text)
        return gap(note) + note

    def around(self, key: str, name: str) -> tuple[str, str]:
        """What the text for ``key`` says before and after its placeholder ``name``, for a
        value a template prints itself, such as a link: ``Units of `` and ``""`` · ``「`` and
        ``」のユニット``."""
        before, _, after = self.text(key, **{name: _SLOT}).partition(_SLOT)
        return before, after

    def for_scripts(self) -> dict[str, Text]:
        """The texts the page scripts use, for the page to carry as JSON."""
        return {key: text for key, text in self.texts.items()
                if key.startswith(SCRIPT_PREFIX) or key in SCRIPT_REWRITES}


@dataclass(frozen=True)
class Catalog:
    """One language's file as read, before English fills the gaps."""

    texts: dict[str, Text]
    diagnostics: list[Diagnostic]


@functools.cache
def _package_catalog(language: str) -> Catalog:
    path = PACKAGE_LOCALES / f"{language}.yml"
    return read_catalog(path, f"syllabus/locales/{path.name}", reference=None if language == REFERENCE_LANGUAGE
                        else _package_catalog(REFERENCE_LANGUAGE).texts) if path.is_file() else Catalog({}, [])


def read_catalog(path: Path, shown_as: str, reference: Mapping[str, Text] | None) -> Catalog:
    """The texts of one catalog file, checked against the English ``reference`` (unless it
    is the reference): known keys only, the same placeholders, the language's plural forms."""
    try:
        document = load_file(path)
    except YamlRejected as rejected:
        if [problem.message for problem in rejected.problems] == [EMPTY_FILE]:
            return Catalog({}, [])  # comments only: `syllabus strings` output, nothing translated yet
        return Catalog({}, [Diagnostic(shown_as, p.line, p.column, "error", p.message, p.rule, p.hint)
                            for p in rejected.problems])
    except OSError as error:
        return Catalog({}, [Diagnostic(shown_as, 1, 1, "error", f"cannot read: {error.strerror}", "messages-file")])
    texts: dict[str, Text] = {}
    # What the loader found but read past (a key written twice: the first text was kept).
    diagnostics = [Diagnostic(shown_as, p.line, p.column, p.severity, p.message, p.rule, p.hint)
                   for p in document.problems]
    language = path.stem
    for key, text in document.data.items():
        problem = _problem(key, text, language, reference)
        if problem:
            line, column = document.locate((key,), at_key=problem[1] == "messages-key")
            diagnostics.append(Diagnostic(shown_as, line, column, "error", problem[0], problem[1], problem[2]))
        else:
            texts[key] = text
    return Catalog(texts, diagnostics)


def _problem(key: str, text: Any, language: str, reference: Mapping[str, Text] | None) -> tuple[str, str, str] | None:
    """(message, rule, hint) for one entry that cannot be used, else ``None``."""
    if reference is not None and key not in reference:
        return (f"unknown message '{key}'{did_you_mean(key, reference)}", "messages-key",
                f"`syllabus strings {language}` prints every key with its text")
    if isinstance(text, Mapping) and reference is not None and not isinstance(reference[key], Mapping):
        return (f"message '{key}' is one text, not one per count", "messages-text",
                f"write it as plain text, as English does: {reference[key]!r}")
    if isinstance(text, Mapping):
        categories = plural_categories(language)
        extra = sorted(set(text) - categories - {"zero", "one", "two", "few", "many", "other"})
        if extra or "other" not in text or not all(isinstance(form, str) for form in text.values()):
            return (f"message '{key}' by count needs text for {', '.join(sorted(categories))}",
                    "messages-plural", "write e.g. {one: '{count} week', other: '{count} weeks'}")
    elif not isinstance(text, str):
        return f"message '{key}' must be text", "messages-text", "quote it"
    forms = text.values() if isinstance(text, Mapping) else (text,)
    if any(brace in _PLACEHOLDER.sub("", form) for form in forms for brace in "{}"):
        return (f"message '{key}' has a '{{' or '}}' that is no placeholder, which pages would show as written",
                "messages-placeholder", "write placeholders as {name}, with the names the English text uses, and "
                "no other braces")
    if reference is not None:
        unknown = placeholders(text) - placeholders(reference[key])
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in sorted(placeholders(reference[key]))) or "none"
            return (f"message '{key}' uses {', '.join(f'{{{n}}}' for n in sorted(unknown))}, which it is not given",
                    "messages-placeholder", f"its placeholders are: {known}")
    return None


def _language_files(language: str) -> tuple[str, ...]:
    """The catalogs that apply, most general first: ``pt`` then ``pt-BR``."""
    base = re.split(r"[-_]", language)[0]
    return (base, language) if base != language else (language,)


def _site_file(site_root: Path | None, language: str) -> Path | None:
    if site_root is None:
        return None
    path = site_root / SITE_LOCALES / f"{language}.yml"
    try:
        return path if path.is_file() else None
    except OSError:  # a locales/ folder that cannot be read: reading the file says so, positioned
        return path


def has_texts(language: str, site_root: Path | None = None) -> bool:
    """Whether Syllabus speaks ``language``: English, or texts of the package's or the site's
    for it or its base language (``pt`` for ``pt-BR``); else every text is English."""
    layers = _language_files(language)
    reference = _package_catalog(REFERENCE_LANGUAGE).texts
    return layers[0] == REFERENCE_LANGUAGE or any(
        _package_catalog(layer).texts
        or ((site := _site_file(site_root, layer)) is not None and read_catalog(site, site.name, reference).texts)
        for layer in layers)


def load_messages(language: str, site_root: Path | None = None) -> tuple[Messages, list[Diagnostic]]:
    """English, then the package's and the site's texts for ``language`` over it.

    The diagnostics are the site's mistakes (unknown keys, wrong placeholders), positioned
    in its ``locales/`` files; entries with mistakes are left out, English stands in.
    """
    if not _LANGUAGE_TAG.match(language):
        language = REFERENCE_LANGUAGE
    reference = _package_catalog(REFERENCE_LANGUAGE).texts
    texts: dict[str, Text] = {}
    diagnostics: list[Diagnostic] = []
    for layer in dict.fromkeys((REFERENCE_LANGUAGE, *_language_files(language))):
        texts.update(_package_catalog(layer).texts)
        site_file = _site_file(site_root, layer)
        if site_file:
            site = read_catalog(site_file, f"{SITE_LOCALES}/{site_file.name}", reference)
            texts.update(site.texts)
            diagnostics.extend(site.diagnostics)
    return Messages(language, texts), diagnostics


def other_site_problems(language: str, site_root: Path) -> list[Diagnostic]:
    """What else is wrong in the site's ``locales/`` besides the files for ``language`` (which
    :func:`load_messages` checks): the other languages' files, so a translation is checked
    before a build uses it, and entries no build would read (a ``.yaml``, a folder, a name
    that is no language tag), which would otherwise be ignored without a word."""
    folder = site_root / SITE_LOCALES
    if folder.is_symlink():
        return [Diagnostic(SITE_LOCALES, 1, 1, "error", "locales/ must not be a symlink; make it a real folder",
                           "symlink")]
    if not folder.is_dir():
        return []
    used = {f"{layer}.yml" for layer in (REFERENCE_LANGUAGE, *_language_files(language))}
    reference = _package_catalog(REFERENCE_LANGUAGE).texts
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        return [Diagnostic(SITE_LOCALES, 1, 1, "error", f"cannot read folder: {error.strerror}", "messages-file",
                           hint="make it readable")]
    problems: list[Diagnostic] = []
    for entry in entries:
        stem, _, suffix = entry.name.rpartition(".")
        is_folder = entry.is_dir()
        if entry.name.startswith(".") or (suffix not in ("yml", "yaml") and not is_folder):
            continue  # notes and the like
        shown_as = f"{SITE_LOCALES}/{entry.name}"
        a_language = _LANGUAGE_TAG.match(stem) is not None
        if suffix == "yml" and a_language and not is_folder:
            if entry.name not in used:
                problems.extend(read_catalog(entry, shown_as, reference).diagnostics)
            continue
        name = f"{stem}.yml" if suffix == "yaml" and a_language else "<language>.yml, such as ja.yml"
        problems.append(Diagnostic(shown_as, 1, 1, "warning", "not read: the site's texts are in "
                                   f"locales/<language>.yml files; rename it to {name}", "messages-file"))
    return problems


def missing_keys(language: str, site_root: Path | None = None) -> list[str]:
    """Keys (and ``key[category]`` plural forms) with no text of their own in ``language``,
    which readers would see in English."""
    reference = _package_catalog(REFERENCE_LANGUAGE).texts
    own: dict[str, Text] = {}
    for layer in _language_files(language):
        own.update(_package_catalog(layer).texts)
        site_file = _site_file(site_root, layer)
        if site_file:
            own.update(read_catalog(site_file, site_file.name, reference).texts)
    missing = []
    categories = plural_categories(language)
    for key, text in reference.items():
        if key not in own:
            missing.append(key)
        elif isinstance(text, Mapping) and isinstance(own[key], Mapping):
            missing.extend(f"{key}[{category}]" for category in sorted(categories - set(own[key])))
    return missing


ENGLISH = load_messages(REFERENCE_LANGUAGE)[0]
