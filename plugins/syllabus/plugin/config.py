"""Typed options of the ``syllabus`` MkDocs plugin, declared once for the build and the CLI.

MkDocs validates them through :class:`SyllabusConfig` (types, choices, sub-configs per
taxonomy term, as Material's tags plugin does); :func:`check_options` adds what MkDocs
only warns about (unknown options and keys, with "did you mean") and positions every
problem in ``mkdocs.yml``. Defaults live in the core (:class:`~syllabus.core.config.Options`
and the taxonomy's default terms); an option left out here is ``None`` and takes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..core.config import AUDIENCES, is_id
from ..core.diagnostics import Diagnostic
from ..core.locale_format import LANGUAGE_TAG, unknown_language
from ..core.schedule import knows_holidays
from ..core.schema_messages import BLANK_MESSAGE, blank, did_you_mean, quoted, suggested
from ..core.schemas import packaged_schemas
from ..core.taxonomy import TERM_KINDS
from ..core.yamlsafe import forbidden_text
from .config_source import ConfigSource

_HOST = re.compile(r"^[A-Za-z0-9.-]+$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


BARE_BOOLEAN_HINT = " (quote it: YAML reads a bare no, yes, on or off as true or false)"  # language: no


class PositionedError(ValidationError):
    """A problem below the option's own value: ``keys`` lead to it from there."""

    def __init__(self, message: str, keys: tuple[str | int, ...]) -> None:
        super().__init__(message)
        self.keys = keys


class LocalisedText(c.BaseConfigOption[str | dict]):
    """Text, or the same text by language tag: ``{en: Administrator, ja: 管理者}``. The
    site's language picks one (``core.taxonomy.in_language``)."""

    EXAMPLE = "{en: Administrator, ja: 管理者}"

    def run_validation(self, value: object) -> str | dict[str, str]:
        if isinstance(value, str):
            if blank(value):
                raise ValidationError(BLANK_MESSAGE)
            return value
        if not isinstance(value, Mapping) or not value:
            raise ValidationError(f"must be text, or a mapping of language tags to text such as {self.EXAMPLE}")
        for tag, text in value.items():
            if not isinstance(tag, str) or not LANGUAGE_TAG.match(tag):
                hint = BARE_BOOLEAN_HINT if isinstance(tag, bool) else ""
                raise PositionedError(f"'{tag}' is not a language tag such as en or ja{hint}", (str(tag),))
            if problem := unknown_language(tag):
                raise PositionedError(problem, (tag,))
            if not isinstance(text, str):
                raise PositionedError(f"the text for '{tag}' must be text, not {_shown(text)}", (tag,))
            if blank(text):
                raise PositionedError(f"the text for '{tag}' {BLANK_MESSAGE}", (tag,))
        return dict(value)


def _shown(value: object) -> str:
    """A value in a message, as YAML wrote it rather than as Python prints it."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "an empty value"
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, Mapping) else str(value)


class TrueOrFalse(c.Type[bool]):
    def __init__(self, default: bool | None = None) -> None:
        super().__init__(bool, default=default)

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"must be true or false, not {_shown(value)}")
        return value


class OneOf(c.Choice[str]):
    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            raise ValidationError(f"{_shown(value)} is not one of {', '.join(self.choices)}"
                                  f"{did_you_mean(value, self.choices)}")
        return str(value)


class ItemList(c.ListOfItems[str]):
    """A YAML list such as ``example``; a problem of an item is placed at the item."""

    def __init__(self, option_type: c.BaseConfigOption[str], example: str, default: list[str] | None = None) -> None:
        super().__init__(option_type, default=default)
        self.example = example

    def run_validation(self, value: object) -> list[str]:
        if isinstance(value, str):
            raise ValidationError(f"must be a list: write [{value}]")
        if value is None and self.default is not None:  # "video_hosts:" with nothing after it: none
            return list(self.default)
        if not isinstance(value, list):
            raise ValidationError(f"must be a list such as {self.example}")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(self.option_type.run_validation(item))
            except ValidationError as error:
                raise PositionedError(str(error), (index, *getattr(error, "keys", ()))) from None
        return items


class TermConfig(Config):
    """One role, level or product: ``{title, description}``; the title defaults to the id.
    Either may be given in several languages (:class:`LocalisedText`)."""

    title = c.Optional(LocalisedText())
    description = c.Optional(LocalisedText())


class FormatConfig(TermConfig):
    """A delivery format; ``live`` ones are scheduled sessions with an instructor."""

    live = c.Optional(TrueOrFalse())
    online = c.Optional(TrueOrFalse())  # live and attended over video (structured data: VirtualLocation)


class Terms(c.BaseConfigOption[dict]):
    """An ordered, non-empty map ``id: {term options}``; errors name the term."""

    def __init__(self, term: type[TermConfig]) -> None:
        super().__init__()
        self.term = term

    def run_validation(self, value: object) -> dict[str, TermConfig]:
        if not isinstance(value, Mapping) or not value:
            raise ValidationError("must be a non-empty mapping of id: {title: ...}")
        terms = {}
        for key, raw in value.items():
            if not isinstance(key, str) or not is_id(key):
                raise ValidationError(f"'{key}' is not a valid id (lowercase-kebab-case)")
            if raw is not None and not isinstance(raw, Mapping):
                raise ValidationError(f"'{key}' must be a mapping like {{title: ...}}")
            term = self.term()
            term.load_dict(dict(raw or {}))
            failed, _unknown = term.validate()  # unknown keys: check_options positions them
            if failed:
                name, error = failed[0]
                raise PositionedError(f"'{key}.{name}': {error}", (key, name, *getattr(error, "keys", ())))
            terms[key] = term
        return terms


class NumberFrom(c.BaseConfigOption[float]):
    """A number from ``low`` to ``high``: past them the dates and shares it makes go beyond
    any calendar or figure a page can write (and YAML's .nan is no number at all)."""

    def __init__(self, kind: type[int] | type[float], low: float, high: float) -> None:
        super().__init__()
        self.kind, self.low, self.high = kind, low, high

    def run_validation(self, value: object) -> Any:
        number_types = (int,) if self.kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, number_types) or not self.low <= value <= self.high:
            raise ValidationError(f"must be a {'whole ' if self.kind is int else ''}number from {self.low:g} to "
                                  f"{self.high:g}")
        return value


_REVIEW_RULE = packaged_schemas()["course"]["properties"]["review_every_days"]
REVIEW_EVERY_DAYS = (_REVIEW_RULE["minimum"], _REVIEW_RULE["maximum"])  # as a course's own
FTE_HOURS_PER_MONTH = (1, 744)  # 744: every hour of a 31-day month


class MatchingText(c.Type[str]):
    """Text of one form (``pattern``); the error names the form (``what``)."""

    def __init__(self, pattern: re.Pattern[str], what: str) -> None:
        super().__init__(str)
        self.pattern, self.what = pattern, what

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"{_shown(value)} is not {self.what}")
        text = value
        if not self.pattern.match(text):
            capitals = text.upper() if self.pattern.match(text.upper()) else None
            raise ValidationError(f"'{text}' is not {self.what}{suggested(capitals)}")
        return text


class HolidayCountry(MatchingText):
    """A country whose public holidays the ``holidays`` package knows."""

    def __init__(self) -> None:
        super().__init__(_COUNTRY, "an ISO 3166 country code such as DE")

    def run_validation(self, value: object) -> str:
        country = super().run_validation(value)
        if not knows_holidays(country):
            raise ValidationError(f"'{country}': no public holidays are known for this country code")
        return country


class FeedbackTarget(c.Type[str]):
    """Where readers' feedback goes: the catalog's repository (its issue forms) or an email
    address, normalised to the repository URL or a ``mailto:`` address."""

    _REPOSITORY = re.compile(r"https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
    _EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().rstrip("/").removesuffix(".git")
        if self._REPOSITORY.fullmatch(text):
            return text
        if self._EMAIL.fullmatch(address := text.removeprefix("mailto:")):
            return f"mailto:{address}"
        raise ValidationError("must be the catalog's repository (https://github.com/ORG/REPO) or an email address")


class SyllabusConfig(Config):
    """The plugin's options; :func:`syllabus.plugin.options.options_from_config` reads them."""

    enabled = TrueOrFalse(default=True)
    audience = c.Optional(OneOf(AUDIENCES))
    review_every_days = c.Optional(NumberFrom(int, *REVIEW_EVERY_DAYS))
    roles = c.Optional(Terms(TermConfig))
    levels = c.Optional(Terms(TermConfig))  # ordered, lowest first
    formats = c.Optional(Terms(FormatConfig))
    products = c.Optional(Terms(TermConfig))
    task_owners = c.Optional(Terms(TermConfig))  # plan task owner roles: ``ce: {title: Customer engineer}``
    # Countries whose public holidays plan pages offer.
    holiday_countries = c.Optional(ItemList(HolidayCountry(), "[DE, FR]"))
    video_hosts = ItemList(MatchingText(_HOST, "a host name"), "[www.youtube-nocookie.com]", default=[])
    publish_insights = c.Optional(TrueOrFalse())
    fte_hours_per_month = c.Optional(NumberFrom(float, *FTE_HOURS_PER_MONTH))
    feedback = c.Optional(FeedbackTarget())  # no "Report a problem" / "Request a session" links without it

    # Workshop tooling, none of it for customers: unset means on in internal builds, off in public ones.
    authoring_pages = c.Optional(TrueOrFalse())  # pages with `authoring: true` front matter, field reference
    owners = c.Optional(TrueOrFalse())  # "Owners: @handle" on course, track and plan pages
    edit_links = c.Optional(TrueOrFalse())  # Material's content.action.edit
    repository_link = c.Optional(TrueOrFalse())  # repo_url in the header (and its GitHub API calls)


TERM_CLASSES: dict[str, type[TermConfig]] = {kind: FormatConfig if kind == "formats" else TermConfig
                                              for kind in TERM_KINDS}


def check_options(raw: Mapping[str, Any], source: ConfigSource) -> tuple[SyllabusConfig, list[OptionProblem]]:
    """Validate the plugin's raw options; every problem is an error positioned in the config file."""
    config = SyllabusConfig(config_file_path=str(source.path))
    config.load_dict(dict(raw))
    failed, _warnings = config.validate()  # its only warnings are unknown names, found below
    failed.extend(_failed_after(config, failed))
    problems = [OptionProblem(key, source.error((*_OPTIONS, key, *getattr(error, "keys", ())),
                                                f"syllabus: {key}: {error}"))
                for key, error in failed]
    problems.extend(OptionProblem(path[len(_OPTIONS)], source.error(path, message, at_key=True))
                    for path, message in _unknown_keys(raw))
    problems.extend(OptionProblem(path[0], source.error((*_OPTIONS, *path), message))
                    for path, message in _forbidden_text(raw))
    return config, sorted(problems, key=lambda problem: problem.diagnostic)


_OPTIONS = ("plugins", "syllabus")  # where the options stand in mkdocs.yml


def _failed_after(config: SyllabusConfig, failed: list[tuple[str, Exception]]) -> list[tuple[str, Exception]]:
    """The options after the first that failed, each validated on its own: MkDocs stops at the
    first, and a trainer should see every mistake in one run (no option depends on another)."""
    if not failed:
        return []
    names = [name for name, _option in config._schema]
    later = []
    for name, option in config._schema[names.index(failed[0][0]) + 1:]:
        try:
            option.validate(config.get(name))
        except ValidationError as error:
            later.append((name, error))
    return later


class OptionProblem(NamedTuple):
    option: str  # the top-level option, as MkDocs names it in its own error line
    diagnostic: Diagnostic


def _unknown_keys(raw: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], str]]:
    known = _names(SyllabusConfig)
    for key in raw:
        if key not in known:
            yield (*_OPTIONS, str(key)), f"syllabus: unknown option '{key}'{did_you_mean(key, known)}"
    for kind, term_class in TERM_CLASSES.items():
        terms = raw.get(kind)
        if not isinstance(terms, Mapping):
            continue
        for term_id, options in terms.items():
            if not isinstance(options, Mapping):
                continue
            allowed = _names(term_class)
            for key, value in options.items():
                if key in allowed:
                    continue
                where = f"syllabus: {kind}.{term_id}"
                yield (*_OPTIONS, kind, str(term_id), str(key)), (
                    f"{where}: unknown key '{key}'{did_you_mean(key, allowed)}{_comma_hint(options, key, value)}")


def _forbidden_text(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Control and bidirectional-override characters anywhere in the options, refused as in
    content files: taxonomy titles reach every page, feed and calendar."""
    if isinstance(value, str):
        if why := forbidden_text(value):
            yield path, f"syllabus: {'.'.join(path)}: {why}"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _forbidden_text(key, (*path, str(key)))
            yield from _forbidden_text(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _forbidden_text(item, (*path, str(index)))


def _names(config_class: type[Config]) -> list[str]:
    return [name for name, _option in config_class._schema]


def _comma_hint(options: Mapping[str, Any], key: Any, value: Any) -> str:
    """``{description: Installs, configures it}`` reads as two keys; say so, and how to quote."""
    if value is not None or not isinstance(key, str) or " " not in key.strip():
        return ""
    keys = list(options)
    before = keys[keys.index(key) - 1] if keys.index(key) > 0 else None
    if before is None or not isinstance(options[before], str):
        return ""
    text = f"{options[before]}, {key}".replace('"', '\\"')
    return (f"; it looks like the rest of '{before}': a comma separates the entries of {{…}}, "
            f'so quote text that contains one: {before}: "{text}"')
