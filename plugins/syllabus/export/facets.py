"""What the catalog page filters on: facets with counts, and the compact data the
in-page filter script reads. Computed once per build from the visible courses."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..core.messages import Messages
from ..core.model import Catalog, Course, Session, reading_language

# (value, upper bound in minutes, inclusive); learners think in these steps. Each value's
# label is the text catalog.duration.<value>.
DURATION_BUCKETS = (("under-1h", 59), ("1-4h", 240), ("4-8h", 480), ("multi-day", None))

# Katakana to hiragana (ァ..ヶ are ぁ..ゖ plus 0x60): a phone's Japanese keyboard offers
# "こーど" before "コード", and the box finds either, as syllabus.js folds what is typed.
KATAKANA_AS_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def duration_bucket(minutes: int) -> str:
    return next(value for value, limit in DURATION_BUCKETS if limit is None or minutes <= limit)


@dataclass(frozen=True)
class FacetOption:
    value: str
    title: str
    count: int


@dataclass(frozen=True)
class Facet:
    key: str  # also the URL query parameter
    title: str
    options: tuple[FacetOption, ...]


# The facets the taxonomy's terms title, and the catalog's and the site search's, each in the
# order shown: the page scripts get them from the page (syllabus.js, search.js).
TERM_FACETS = {"role": "roles", "level": "levels", "format": "formats", "product": "products"}
CATALOG_FACETS = (*TERM_FACETS, "language", "duration")
SEARCH_FACETS = ("language", *TERM_FACETS)


def facet_values(course: Course, upcoming: Iterable[Session]) -> dict[str, list[str]]:
    """A course's values per facet; its languages are its own and those its ``upcoming``
    sessions are taught in (a class in Japanese is found under Japanese), as readers pick
    them (:func:`reading_language`: "ja-JP" is found under Japanese too)."""
    taught_in = (session.language for session in upcoming if session.language and session.takes_place)
    languages = (reading_language(tag) for tag in (course.language, *taught_in))
    return {
        "role": list(course.roles), "level": [course.level], "format": [course.format],
        "product": list(course.products), "language": list(dict.fromkeys(languages)),
        "duration": [duration_bucket(course.duration_minutes)],
    }


def keyword_text(course: Course, catalog: Catalog) -> str:
    """What the catalog's keyword box searches: title, summary, tags, units and the titles of
    its terms the card shows (role, level, format, product), in NFKC and lower case, as
    syllabus.js reads what is typed ("ｂａｔｃｈ" from a Japanese keyboard is "batch"), and
    katakana as hiragana."""
    taxonomy = catalog.taxonomy
    terms = [taxonomy.title("levels", course.level), taxonomy.title("formats", course.format),
             *(taxonomy.title("roles", role) for role in course.roles),
             *(taxonomy.title("products", product) for product in course.products)]
    units = (unit.title for unit in course.units)
    text = " ".join((course.title, course.summary, *course.tags, *units, *terms))
    return unicodedata.normalize("NFKC", text).lower().translate(KATAKANA_AS_HIRAGANA)


def facets(catalog: Catalog, messages: Messages, courses_values: Iterable[dict[str, list[str]]]) -> list[Facet]:
    """Facets in taxonomy order, listing only values some visible course has (its
    :func:`facet_values` in ``courses_values``), titled in the site's language."""
    counts: dict[str, dict[str, int]] = {}
    for course_values in courses_values:
        for key, values in course_values.items():
            for value in values:
                counts.setdefault(key, {}).setdefault(value, 0)
                counts[key][value] += 1
    taxonomy = catalog.taxonomy
    orders = {
        **{facet: {k: t.title for k, t in getattr(taxonomy, kind).items()} for facet, kind in TERM_FACETS.items()},
        "language": {k: k for k in sorted(counts.get("language", {}))},
        "duration": {value: messages.text(f"catalog.duration.{value}") for value, _ in DURATION_BUCKETS},
    }
    result = []
    for key in CATALOG_FACETS:
        ordered = orders[key]
        present = counts.get(key, {})
        options = tuple(FacetOption(v, label, present[v]) for v, label in ordered.items() if v in present)
        if options:  # the search box's facets have the same titles (search.js)
            result.append(Facet(key, messages.text(f"script.facet.{key}"), options))
    return result


# How many times the sessions a page shows it carries: the page's script drops those that
# ended since the build and shows the next ones. The site is rebuilt daily, but a schedule
# can stop (GitHub disables scheduled workflows after 60 days without a commit), and a card
# with one date, or a home page with four, was empty within days.
SESSIONS_KEPT = 3


@dataclass(frozen=True)
class CardSession:
    """A session a catalog card carries. The card shows the first not over among those in the
    languages a visitor filtered by or, unfiltered, among the course's first ones."""

    session: Session
    start_utc: str  # as catalog.json says it
    language: str  # the language it is taught in, as the catalog's filter names it (reading_language)
    first: bool  # among the course's first SESSIONS_KEPT bookable sessions


def card_sessions(course: Course, bookable: Iterable[tuple[dict[str, Any], Session]]) -> list[CardSession]:
    """The first :data:`SESSIONS_KEPT` of ``bookable`` (catalog.json's entries and the
    sessions, earliest first), and the first as many in each language they are taught in: a
    card filtered to Japanese shows a class in Japanese, though three in English come first."""
    carried, seen = [], Counter[str]()
    for index, (entry, session) in enumerate(bookable):
        language = reading_language(course.language_of(session))
        if index < SESSIONS_KEPT or seen[language] < SESSIONS_KEPT:
            carried.append(CardSession(session, entry["start_utc"], language, index < SESSIONS_KEPT))
        seen[language] += 1
    return carried


def catalog_view(catalog: Catalog, cards: list[dict[str, Any]], today: dt.date, messages: Messages) -> dict[str, Any]:
    """Template context of the catalog page: cards, facets, each card's next bookable sessions
    (:data:`SESSIONS_KEPT`), the courses whose card carries all of them, and the filter
    script's data.

    ``cards`` are the courses of ``catalog.json`` (:func:`catalog_document`), in catalog
    order: the page shows what the file says, and neither is computed twice.
    """
    data, next_sessions, carrying_every_session = [], {}, set()
    for card, course in zip(cards, catalog.courses.values(), strict=True):
        # A card's sessions are the course's upcoming ones, in order; bookable: not full, not cancelled.
        upcoming = course.upcoming_sessions(today)
        bookable = [(entry, session) for entry, session in zip(card["sessions"], upcoming, strict=True)
                    if session.is_bookable]
        carried = card_sessions(course, bookable)
        data.append({
            "id": card["id"], "title": card["title"], "minutes": card["duration_minutes"],
            # Sorted by the session the card shows (syllabus.js: showCardSession, nextStart).
            "next": [[c.start_utc, c.language, int(c.first)] for c in carried],
            "facets": facet_values(course, upcoming),
            "text": keyword_text(course, catalog),
        })
        live = catalog.taxonomy.is_live(course.format)
        next_sessions[course.id] = carried if live else []
        if len(carried) == len(bookable):  # once they have ended, the course page has none either
            carrying_every_session.add(course.id)
    return {"cards": cards, "facets": facets(catalog, messages, (entry["facets"] for entry in data)),
            "next_sessions": next_sessions, "carrying_every_session": carrying_every_session,
            "data": {"courses": data, "facets": CATALOG_FACETS}}
