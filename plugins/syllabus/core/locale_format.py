"""Dates, times, durations, numbers and language names in the reader's language.

The build formats with Babel's CLDR data; the page scripts format with ``Intl`` in the
page's language, with the options :meth:`LocaleFormat.for_scripts` derives from the very
CLDR patterns used here and the same joining patterns (a date and a time, two ends of a
range), so a date reads the same whether the build or the browser wrote it
(tests/browser/test_locale_format.py compares them in Chromium).

Choices: dates are CLDR's ``yMMMEd`` (``Thu, Jan 14, 2027``, ``2027年1月14日(木)``); times
are on the 24-hour clock in every language (CLDR ``Hm``: ``09:05``, ``9:05``), as sessions
across time zones are easiest to compare that way; durations come from the message catalog
(``format.hours`` ...: ``1 h 30 min``, ``1時間30分``), because CLDR's unit styles give
``1 hr, 30 min`` in English and a translator should own how effort reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import format_date, format_time, get_timezone_location, tokenize_pattern
from babel.languages import get_official_languages
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from .messages import ENGLISH, Messages, babel_locale, gap
from .schema_messages import suggested
from .zones import hours_ahead_of_utc

DATE_SKELETON = "yMMMEd"  # weekday, day, abbreviated month, year
TIME_SKELETON = "Hm"  # hours and minutes, 24-hour clock

# CLDR skeleton letters and widths -> Intl.DateTimeFormat options (width 0: any other width).
_INTL_OPTIONS: dict[str, tuple[str, dict[int, str]]] = {
    "y": ("year", {2: "2-digit", 0: "numeric"}),
    "M": ("month", {1: "numeric", 2: "2-digit", 3: "short", 4: "long", 5: "narrow"}),
    "d": ("day", {1: "numeric", 2: "2-digit"}),
    "E": ("weekday", {4: "long", 5: "narrow", 0: "short"}),
    "H": ("hour", {1: "numeric", 2: "2-digit"}),
    "m": ("minute", {0: "2-digit"}),
}
_PADDED = {"d": "day", "H": "hour"}  # numbers a locale's own pattern may pad: "09:05" in de, "9:05" in ja


def intl_options(skeleton: str, pattern: str) -> dict[str, str]:
    """The ``Intl.DateTimeFormat`` options that give what the locale's CLDR ``pattern`` for
    ``skeleton`` gives: the skeleton's fields (Intl resolves them with the locale's data, as
    Babel did), with the pattern's padding of numbers (Intl would pad as asked, not as the
    locale does): ``yMMMEd`` -> year, day numeric, month, weekday short."""
    options: dict[str, str] = {}
    for letter, width in _fields(skeleton):
        name, widths = _INTL_OPTIONS[letter]
        options[name] = widths.get(width) or widths[0]
        if letter == "H":
            options["hourCycle"] = "h23"
    for letter, width in _fields(pattern):
        if letter in _PADDED and _PADDED[letter] in options:
            options[_PADDED[letter]] = "2-digit" if width == 2 else "numeric"
    return options


def _fields(pattern: str) -> list[tuple[str, int]]:
    return [token for kind, token in tokenize_pattern(pattern) if kind == "field"]


class _Cldr(NamedTuple):
    """One language's CLDR data for the labels below."""

    locale: Locale
    date_pattern: str
    time_pattern: str
    date_time: str  # joins a date {1} and a time {0}
    between: str  # joins the two ends {0} and {1} of a range


@functools.cache
def _cldr(language: str) -> _Cldr:
    locale = babel_locale(language)
    return _Cldr(locale, locale.datetime_skeletons[DATE_SKELETON].pattern,
                 locale.datetime_skeletons[TIME_SKELETON].pattern,
                 locale.datetime_formats["medium"], locale.interval_formats[None])


@dataclass(frozen=True)
class LocaleFormat:
    """How values read in the language of ``messages`` (durations take its texts)."""

    messages: Messages

    @property
    def language(self) -> str:
        return self.messages.language

    def date(self, value: dt.date) -> str:
        """``Thu, Jan 14, 2027`` · ``2027年1月14日(木)`` (a datetime's own date)."""
        return _date_label(value if type(value) is dt.date else value.date(), self.language)

    def time(self, value: dt.time | dt.datetime) -> str:
        """``09:05`` · ``9:05``: wall-clock time, as written (no zone conversion)."""
        return _time_label(value if isinstance(value, dt.time) else value.time(), self.language)

    def range(self, first: str, last: str) -> str:
        """Two formatted ends of a range: ``09:05 – 10:30`` · ``9:05～10:30``."""
        return _cldr(self.language).between.replace("{0}", first).replace("{1}", last)

    def date_time(self, date: str, time: str) -> str:
        """A formatted date and time together: ``Thu, Jan 14, 2027, 09:05``."""
        return _cldr(self.language).date_time.replace("{1}", date).replace("{0}", time)

    def session(self, start: dt.datetime, end: dt.datetime) -> str:
        """When a session runs, in its own zone's wall-clock time: the date once if it ends
        the same day (``Thu, Jan 14, 2027, 09:05 – 10:30``), else both ends in full. Across a
        change of the clocks each end says its offset: the night they go back, an hour from
        02:30 ends at 02:30 again (``02:30 GMT+11 – 02:30 GMT+10``)."""
        start_time, end_time = self.time(start), self.time(end)
        if start.utcoffset() != end.utcoffset():
            start_time, end_time = f"{start_time} {utc_offset(start)}", f"{end_time} {utc_offset(end)}"
        if start.date() == end.date():
            return self.date_time(self.date(start), self.range(start_time, end_time))
        return self.range(self.date_time(self.date(start), start_time), self.date_time(self.date(end), end_time))

    def city(self, zone: str) -> str:
        """The city a time zone goes by: ``America/New_York`` -> ``New York`` · ``ニューヨーク``
        (CLDR's exemplar cities); a zone of no city by its offset: ``UTC``, and ``UTC-5``
        for ``Etc/GMT+5``, whose POSIX sign is the other way round."""
        return _city(zone, self.language)

    def country(self, code: str) -> str:
        """A country by its name: ``JP`` -> ``Japan`` · ``日本`` (CLDR's territory names)."""
        return _cldr(self.language).locale.territories.get(code, code)

    def in_zone(self, time: str, zone: str) -> str:
        """A formatted time said in its zone, named by its city: ``… (New York time)``."""
        return self.messages.text("session.in_zone", time=time, zone=self.city(zone))

    def duration(self, minutes: int | None) -> str:
        """``90`` -> ``1 h 30 min`` · ``1時間30分``; "" for none. Learners compare effort,
        not raw minutes."""
        if not minutes:
            return ""
        hours, rest = divmod(int(minutes), 60)
        text = self.messages.text
        if not hours:
            return text("format.minutes", count=rest)
        if not rest:
            return text("format.hours", count=hours)
        return text("format.hours_minutes", hours=text("format.hours", count=hours),
                    minutes=text("format.minutes", count=rest))

    def number(self, value: float) -> str:
        """``1234.5`` -> ``1,234.5`` · ``1.234,5``."""
        return format_decimal(value, locale=_cldr(self.language).locale)

    def language_name(self, tag: str) -> str:
        """A BCP 47 tag named in this language: ``ja`` -> ``Japanese`` · ``日本語``;
        ``pt-BR`` -> ``Portuguese (Brazil)``. An unknown tag stays as written."""
        return _language_name(tag, self.language)

    def taught_in(self, tag: str) -> str:
        """What a session taught in ``tag`` says of it: ``in Japanese`` · ``日本語``."""
        before, after = (self.messages.text(f"course.session_language_{side}") for side in ("before", "after"))
        name = self.language_name(tag)
        return f"{before}{gap(name) if before else ''}{name}{after}"

    def for_scripts(self) -> dict[str, object]:
        """What the page scripts need to format as :meth:`date`, :meth:`time`,
        :meth:`range` and :meth:`date_time` do, with ``Intl`` in ``language``."""
        cldr = _cldr(self.language)
        return {"language": self.language, "date": intl_options(DATE_SKELETON, cldr.date_pattern),
                "time": intl_options(TIME_SKELETON, cldr.time_pattern),
                "date_time": cldr.date_time, "range": cldr.between}


@functools.lru_cache(maxsize=4096)  # a catalog prints the same few hundred session dates on many pages
def _date_label(value: dt.date, language: str) -> str:
    cldr = _cldr(language)
    return format_date(value, cldr.date_pattern, locale=cldr.locale)


@functools.lru_cache(maxsize=4096)  # and the same few dozen times of day
def _time_label(value: dt.time, language: str) -> str:
    cldr = _cldr(language)
    return format_time(value, cldr.time_pattern, locale=cldr.locale)


@functools.lru_cache(maxsize=4096)  # a plan page names every zone the form accepts
def _city(zone: str, language: str) -> str:
    if (hours := hours_ahead_of_utc(zone)) is not None:
        return f"UTC{hours:+d}" if hours else "UTC"
    try:
        return get_timezone_location(zone, locale=_cldr(language).locale, return_city=True)
    except LookupError:  # a zone newer than Babel's data: its own last part
        return zone.rsplit("/", 1)[-1].replace("_", " ")


REGION_ALIASES = {"UK": "GB"}  # what people write for a region whose ISO code differs
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")  # BCP 47's shape; \Z: "ja\n" is no tag


@functools.lru_cache(maxsize=256)  # a catalog writes the same few tags
def unknown_language(tag: str) -> str | None:
    """Why a tag names no language CLDR knows (``jp`` is Japan's country code, the language
    is ``ja``; ``en_US`` is written ``en-US``; ``English`` is a name, its code ``en``), else
    None; one of no shape Syllabus can read is the schema's to report."""
    if not LANGUAGE_TAG.match(tag):
        hyphenated = tag.strip().replace("_", "-")
        if hyphenated != tag and LANGUAGE_TAG.match(hyphenated):
            for written in map(in_usual_case, (hyphenated, _with_region_codes(hyphenated))):  # en_UK: en-GB
                if not unknown_language(written):
                    return f"'{tag}' is not a language tag; write '{written}' (with a hyphen)"
        if (code := _language_codes().get(tag.strip().casefold())) is not None:
            return f"'{tag}' is a language's name; write its code, '{code}'"
        return None
    language, *subtags = tag.split("-")
    code = language.lower()
    english = Locale("en")
    if code in english.languages:
        for subtag in subtags:  # a two-letter subtag is a region (country)
            if len(subtag) == 2 and subtag.isalpha() and subtag.upper() not in english.territories:
                fixed = _with_region_codes(tag)
                return f"'{tag}': {subtag.upper()} is not a region code" + suggested(fixed if fixed != tag else None)
        if (written := in_usual_case(tag)) != tag:  # one language, one spelling: facets and translations match
            return f"write '{written}' (tags are compared as written, in BCP 47's letter case)"
        return None
    country = english.territories.get(code.upper())
    official = get_official_languages(code.upper()) if country else ()
    instead = f" ({code.upper()} is {country}: did you mean '{official[0]}'?)" if official else ""
    return f"'{tag}' is not a language code{instead}"


def utc_offset(moment: dt.datetime) -> str:
    """An aware moment's offset from UTC as CLDR writes it short in English and Japanese, and
    as the page script's Intl (``shortOffset``) does: ``GMT+11``, ``GMT-3:30``, ``GMT``."""
    minutes = round((moment.utcoffset() or dt.timedelta()).total_seconds() / 60)
    if not minutes:
        return "GMT"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


# ISO 15924 scripts written right to left (CLDR's script metadata): a tag's script subtag
# decides its direction (az-Arab is written right to left, ar-Latn left to right).
RIGHT_TO_LEFT_SCRIPTS = frozenset({
    "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi", "Mand",
    "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti",
    "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi",
})


@functools.lru_cache(maxsize=256)
def writing_direction(tag: str) -> str:
    """``rtl`` for a language written right to left (Arabic, Hebrew, Persian...), by its
    script subtag if it has one, else by CLDR's locale for it; ``ltr`` otherwise (a tag CLDR
    has no locale for is read left to right, as browsers do)."""
    if script := next((subtag.title() for subtag in tag.split("-")[1:] if len(subtag) == 4 and subtag.isalpha()),
                      None):
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    for locale in (tag, tag.split("-")[0]):
        try:
            order = Locale.parse(locale, sep="-").character_order
        except (ValueError, TypeError, UnknownLocaleError):
            continue
        return "rtl" if order == "right-to-left" else "ltr"
    return "ltr"


@functools.lru_cache(maxsize=1024)  # a catalog page marks thousands of titles with a few tags
def language_attributes(tag: str, site_language: str) -> Markup:
    """An element's ``lang="tag"``, and its ``dir`` where the language is written the other
    way from the site's: an Arabic title on an English page (or an English one on a Hebrew
    site) keeps its punctuation and numbers where its reader expects them. Every template
    marks a language through it, so a tag is escaped in one place."""
    attributes = f'lang="{escape(tag)}"'
    if (direction := writing_direction(tag)) != writing_direction(site_language):
        attributes += f' dir="{direction}"'
    return Markup(attributes)


def in_usual_case(tag: str) -> str:
    """``tag`` in the case BCP 47 writes it: ``EN-gb``: ``en-GB``, ``zh-hant``: ``zh-Hant``
    (the tags Syllabus reads have no one-letter extension subtags, LANGUAGE_TAG)."""
    language, *subtags = tag.split("-")
    return "-".join([language.lower(), *(
        subtag.upper() if len(subtag) == 2 and subtag.isalpha() else
        subtag.title() if len(subtag) == 4 and subtag.isalpha() else subtag.lower() for subtag in subtags)])


def _with_region_codes(tag: str) -> str:
    """``tag`` with each region written as its ISO code (``en-UK``: ``en-GB``)."""
    return "-".join(REGION_ALIASES.get(part.upper(), part) if index and len(part) == 2 else part
                    for index, part in enumerate(tag.split("-")))


@functools.cache
def _language_codes() -> dict[str, str]:
    """Language codes by their English names, case folded ("japanese": "ja")."""
    return {name.casefold(): code for code, name in sorted(Locale("en").languages.items(), reverse=True)
            if "_" not in code}


@functools.lru_cache(maxsize=256)
def _language_name(tag: str, language: str) -> str:
    """The tag's subtags named as Babel's ``Locale.get_display_name`` names a locale's, from
    the tag as written: ``Locale.parse`` would first fill in likely subtags, which names
    ``und`` (undetermined) "English (United States)" and ``iw`` "Hebrew (Israel)". A code
    CLDR names is named so (``sh``, Serbo-Croatian), else by its alias (``iw``: ``he``)."""
    try:
        code, territory, script, variant = parse_locale(tag.replace("-", "_"))[:4]
    except ValueError:
        return tag
    names = _cldr(language).locale
    name = names.languages.get(code) or names.languages.get(get_global("language_aliases").get(code, code))
    if not name:
        return tag
    details = [names.scripts.get(script or ""), names.territories.get(territory or ""),
               names.variants.get(variant or "")]
    return f"{name} ({', '.join(d for d in details if d)})" if any(details) else name


ENGLISH_FORMAT = LocaleFormat(ENGLISH)
