"""Every rule of the content model (contract v1), each with a failing and a passing catalog.

A case writes literal YAML (and Markdown, and real symlinks) into a small catalog, runs
``syllabus validate --format json`` and compares the complete list of diagnostics, so a case
fails on a missing problem, a wrong position or message, and on any extra problem. Its passing
twin differs only in the detail the rule is about and must validate with no diagnostics at all
(not even a warning). Positions are 1-based and were counted by hand from the literal text.

The test catalog's mkdocs.yml (tests/conftest.py) declares roles ``admin`` and ``end-user``,
product ``code-search``, ``review_every_days: 365`` and no levels or formats (so the defaults
apply); "today" is 2026-11-18.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from typing import Any, NamedTuple

import jsonschema_rs
import pytest
from syllabus.core.catalog import load_catalog
from syllabus.core.rules import MATERIAL_SUFFIXES
from syllabus.core.schema_messages import did_you_mean
from syllabus.core.schemas import build_schema_set
from syllabus.core.taxonomy import Taxonomy
from syllabus.plugin.options import load_options

from .conftest import MKDOCS_TEMPLATE, course_data, plan_data, track_data
from .conftest import PLAN_YAML as PLAN

C = "courses/intro/course.yml"
T = "tracks/admin.yml"
P = "plans/onboarding.yml"

COURSE_LINES = {
    "id": "id: {id}",                          # line 1, value at column 5
    "title": "title: Intro to search",         # line 2, column 8
    "summary": "summary: Learn to search code.",  # line 3, column 10
    "level": "level: beginner",                # line 4, column 8
    "roles": "roles: [admin]",                 # line 5, '[' at 8, first item at 9
    "format": "format: self-paced",            # line 6, column 9
    "duration_minutes": "duration_minutes: 60",  # line 7, column 19
    "owners": "owners: ['@trainer']",          # line 8, '[' at 9, first item at 10
    "visibility": "visibility: public",        # line 9, column 13
}  # fmt: skip


def course(course_id: str = "intro", extra: str = "", **lines: str | None) -> str:
    """The nine-line base course with whole lines replaced (None drops one) and ``extra``
    appended from line 10 on."""
    body = [lines[key] if key in lines else text.format(id=course_id) for key, text in COURSE_LINES.items()]
    return "\n".join(line for line in body if line is not None) + "\n" + extra


TRACK = """\
id: admin
title: Administrator track
summary: Install and run it.
role: admin
visibility: public
sections:
  - title: Start
    courses: [{courses}]
"""  # the first course id is at line 8, column 15


def track(courses: str = "intro") -> str:
    return TRACK.replace("{courses}", courses)




def plan(phases: str | None = None, *, extra: str = "", **lines: str) -> str:
    """PLAN with its phases (from line 7 on) replaced, other lines replaced by key, ``extra`` appended."""
    text = PLAN if phases is None else PLAN.split("  - title: Start")[0] + phases
    for key, line in lines.items():
        start = ("\n" + text).index(f"\n{key}:")
        text = text[:start] + line + text[text.index("\n", start):]
    return text + extra


class Link(NamedTuple):
    """A real symlink to ``target`` (relative to the catalog root)."""

    target: str


Files = dict[str, Any]  # path -> text, bytes or Link
Diagnostic = tuple[str, int, int, str, str, str]  # path, line, column, severity, rule, message


class Case(NamedTuple):
    id: str
    bad: Files
    good: Files
    expected: list[Diagnostic]
    mkdocs: str | None = None  # replaces the test mkdocs.yml (both variants)
    good_mkdocs: str | None = None  # replaces it for the passing variant only


def error(path: str, line: int, column: int, rule: str, message: str) -> Diagnostic:
    return (path, line, column, "error", rule, message)


def warning(path: str, line: int, column: int, rule: str, message: str) -> Diagnostic:
    return (path, line, column, "warning", rule, message)


INTERNAL = MKDOCS_TEMPLATE.format(audience="internal")
CUSTOM_TAXONOMY = """\
site_name: Custom Academy
site_url: https://custom.test/
plugins:
  - syllabus:
      levels:
        novice: {title: Novice}
        expert: {title: Expert}
      formats:
        webinar: {title: Webinar, live: true}
"""
NO_PRODUCTS = "site_name: Minimal Academy\nsite_url: https://minimal.test/\nplugins:\n  - syllabus\n"
WEB_ADDRESS = "is not a valid web address (e.g. 'https://www.example.com/page')"
LEAK = "must not be referenced from public content (it would leak); remove the reference or publish it"
SESSION = "sessions:\n  - start: {start}\n    timezone: {zone}\n"  # start at 11:12, zone at 12:15
LIVE = {"format": "format: virtual-ilt"}
COHORTS = ("  - {start: '2027-01-04T10:00', timezone: UTC, duration_minutes: 60}\n"
           "  - {start: '2027-01-05T10:00', timezone: UTC, duration_minutes: 60}\n")


def session(start: str = "2026-12-03T16:00", zone: str = "America/New_York", more: str = "") -> str:
    return SESSION.format(start=start, zone=zone) + more


def other(course_id: str, extra: str = "", **lines: str | None) -> dict[str, str]:
    return {f"courses/{course_id}/course.yml": course(course_id, extra, **lines)}


# ---------------------------------------------------------------------------------------------
# Identifiers
# ---------------------------------------------------------------------------------------------

LONG_ID = "a" * 65
IDENTIFIERS = [
    Case("id-pattern",
         {"courses/Intro_Search/course.yml": course("Intro_Search")},
         {"courses/intro-search/course.yml": course("intro-search")},
         [error("courses/Intro_Search/course.yml", 1, 5, "schema-pattern",
                "id: 'Intro_Search' is not a valid identifier (e.g. 'k8s-install')")]),
    Case("id-at-most-64-characters",
         {f"courses/{LONG_ID}/course.yml": course(LONG_ID)},
         {f"courses/{LONG_ID[:64]}/course.yml": course(LONG_ID[:64])},
         [error(f"courses/{LONG_ID}/course.yml", 1, 5, "schema-maxLength",
                "id: is 65 characters; at most 64 allowed")]),
    Case("id-with-trailing-newline",
         {C: course(id='id: "intro\\n"')},
         {C: course(id='id: "intro"')},
         [error(C, 1, 5, "schema-pattern", "id: 'intro\\n' is not a valid identifier (e.g. 'k8s-install')"),
          error(C, 1, 5, "id-matches-name", "id: 'intro\\n' must equal the folder 'intro'")]),
    Case("course-id-equals-folder",
         {C: course(id="id: intro-2")},
         {C: course()},
         [error(C, 1, 5, "id-matches-name", "id: 'intro-2' must equal the folder 'intro'")]),
    Case("course-ids-are-unique",
         {C: course(), "courses/intro-copy/course.yml": course()},
         {C: course(), "tracks/intro.yml": track().replace("id: admin", "id: intro")},  # unique per kind
         [error("courses/intro-copy/course.yml", 1, 5, "id-matches-name",
                "id: 'intro' must equal the folder 'intro-copy'")]),
    Case("track-id-equals-file-stem",
         {C: course(), T: track().replace("id: admin", "id: admins")},
         {C: course(), T: track()},
         [error(T, 1, 5, "id-matches-name", "id: 'admins' must equal the file name 'admin'")]),
    Case("plan-id-equals-file-stem",
         {P: plan(id="id: onboard")},
         {P: plan()},
         [error(P, 1, 5, "id-matches-name", "id: 'onboard' must equal the file name 'onboarding'")]),
]

# ---------------------------------------------------------------------------------------------
# Required fields, text limits, numbers, owners, status, visibility, language, unknown keys
# ---------------------------------------------------------------------------------------------

VISIBILITY_HINT = ("(Who may see this {}: `public` (customers, the public site) or `internal` (internal builds "
                   "only))")
FIELDS = [
    Case("visibility-is-required-for-courses",
         {C: course(visibility=None)},
         {C: course(visibility="visibility: internal")},
         [error(C, 1, 1, "schema-required",
                "missing required field 'visibility' " + VISIBILITY_HINT.format("course"))]),
    Case("visibility-is-required-for-tracks",
         {C: course(), T: track().replace("visibility: public\n", "")},
         {C: course(), T: track()},
         [error(T, 1, 1, "schema-required", "missing required field 'visibility' " + VISIBILITY_HINT.format("track"))]),
    Case("visibility-is-required-for-plans",
         {P: plan().replace("visibility: public\n", "")},
         {P: plan()},
         [error(P, 1, 1, "schema-required", "missing required field 'visibility' " + VISIBILITY_HINT.format("plan"))]),
    Case("visibility-values",
         {C: course(visibility="visibility: secret")},
         {C: course(visibility="visibility: internal")},
         [error(C, 9, 13, "schema-enum", "visibility: 'secret' is not one of public, internal")]),
    Case("title-at-most-120-characters",
         {C: course(title="title: " + "x" * 121)},
         {C: course(title="title: " + "x" * 120)},
         [error(C, 2, 8, "schema-maxLength", "title: is 121 characters; at most 120 allowed")]),
    Case("title-not-empty-any-language",
         {C: course(title="title: ''")},
         {C: course(title="title: コード検索入門")},
         [error(C, 2, 8, "schema-minLength", "title: must not be empty")]),
    Case("summary-at-most-300-characters",
         {C: course(summary="summary: " + "y" * 301)},
         {C: course(summary="summary: " + "y" * 300)},
         [error(C, 3, 10, "schema-maxLength", "summary: is 301 characters; at most 300 allowed")]),
    Case("duration-at-least-1",
         {C: course(duration_minutes="duration_minutes: 0")},
         {C: course(duration_minutes="duration_minutes: 1")},
         [error(C, 7, 19, "schema-minimum", "duration_minutes: '0' must be at least 1")]),
    Case("duration-at-most-100000",
         {C: course(duration_minutes="duration_minutes: 100001")},
         {C: course(duration_minutes="duration_minutes: 100000")},
         [error(C, 7, 19, "schema-maximum", "duration_minutes: '100001' must be at most 100000")]),
    Case("duration-1:30-is-text-and-said-in-minutes",
         {C: course(duration_minutes="duration_minutes: 1:30")},
         {C: course(duration_minutes="duration_minutes: 90")},
         [error(C, 7, 19, "schema-type", "duration_minutes: '1:30' is a time, not minutes; write 90")]),
    *[Case(f"duration-in-words-{written}-is-said-in-minutes",  # "expected a whole number", with no way on
           {C: course(duration_minutes=f"duration_minutes: {written}")},
           {C: course(duration_minutes=f"duration_minutes: {minutes}")},
           [error(C, 7, 19, "schema-type", f"duration_minutes: '{written}' is text; write the number of minutes "
                  f"alone: {minutes}")])
      for written, minutes in (("90 minutes", 90), ("1h30", 90), ("1.5 hours", 90), ("2 h 15 min", 135), ("PT1H", 60),
                               ("PT1H30M", 90))],
    Case("duration-whole-number",
         {C: course(duration_minutes="duration_minutes: 1.5")},
         {C: course(duration_minutes="duration_minutes: 2")},
         [error(C, 7, 19, "schema-type", "duration_minutes: '1.5' must be a whole number")]),
    Case("duration-quoted-is-text",
         {C: course(duration_minutes="duration_minutes: '60'")},
         {C: course(duration_minutes="duration_minutes: 60")},
         [error(C, 7, 19, "schema-type", "duration_minutes: expected a whole number, got the text '60'; remove the "
                "quotes around it")]),
    Case("empty-optional-list-is-nothing",
         {C: course(extra="tags:\nproducts: null\n")},
         {C: course(extra="tags: [helm]\n")},
         [error(C, 10, 6, "schema-type", "tags: expected a list, got nothing; write one '- item' per line under it, "
                "or remove the key"),
          error(C, 11, 11, "schema-type", "products: expected a list, got nothing; write one '- item' per line under "
                "it, or remove the key")]),
    Case("a-list-written-as-text-gets-yaml-that-parses",  # an unquoted @ cannot start a YAML value
         {C: course(owners='owners: "@maria-chen, @dev-patel"')},
         {C: course(owners='owners: ["@maria-chen", "@dev-patel"]')},
         [error(C, 8, 9, "schema-type", "owners: expected a list, got '@maria-chen, @dev-patel'; write "
                "[\"@maria-chen\", \"@dev-patel\"] or one '- item' per line")]),
    Case("title-not-blank",
         {C: course(title='title: "   "')},
         {C: course(title='title: " Intro "')},
         [error(C, 2, 8, "schema-pattern", "title: must not be blank (it holds only spaces or invisible characters)")]),
    Case("title-not-invisible",  # a zero-width space is no space to \S, and shows nothing
         {C: course(title='title: "\u200b\u2060"')},
         {C: course(title='title: "Intro\u200b"')},
         [error(C, 2, 8, "schema-pattern", "title: must not be blank (it holds only spaces or invisible characters)")]),
    # Unicode's default-ignorable characters draw nothing either (Hangul fillers, soft hyphen,
    # Mongolian vowel separator, variation selector, invisible times), nor does the blank Braille pattern.
    *(Case(f"title-not-drawn-u{ord(blank[0]):04x}",
           {C: course(title=f'title: "{blank}"')},
           {C: course(title=f'title: "Intro{blank}"')},
           [error(C, 2, 8, "schema-pattern",
                  "title: must not be blank (it holds only spaces or invisible characters)")])
      for blank in ("\u3164\u3164", "\uffa0", "\u115f\u1160", "\u00ad", "\u180e", "\ufe0f", "\u2062", "\u2800",
                    "\u034f\u17b4")),
    Case("owners-at-least-one",
         {C: course(owners="owners: []")},
         {C: course(owners="owners: ['@trainer', 'jo@example.com', '@keystone/education']")},
         [error(C, 8, 9, "schema-minItems", "owners: needs at least 1 item")]),
    Case("owners-handle-or-email",
         {C: course(owners="owners: [trainer]")},
         {C: course(owners="owners: ['@trainer']")},
         [error(C, 8, 10, "schema-anyOf", "owners[0]: expected GitHub handle or Email address, got 'trainer' (e.g. "
                "'@jdoe' or '@keystone/education' or 'jdoe@example.com')")]),
    Case("owners-managed-user-handles",  # GitHub Enterprise Managed Users are name_shortcode
         {C: course(owners="owners: ['@jdoe_']")},
         {C: course(owners="owners: ['@mona-cat_octo', '@keystone/education']")},
         [error(C, 8, 10, "schema-anyOf", "owners[0]: expected GitHub handle or Email address, got '@jdoe_' (e.g. "
                "'@jdoe' or '@keystone/education' or 'jdoe@example.com')")]),
    Case("on-demand-names-its-field",
         {C: course(extra="on_demand: {}\n")},
         {C: course(extra="on_demand: {url: 'https://videos.example.com/intro'}\n")},
         [error(C, 10, 12, "schema-oneOf", "on_demand: give 'url' or 'course'")]),
    Case("owners-unique",
         {C: course(owners="owners: ['@trainer', '@trainer']")},
         {C: course(owners="owners: ['@trainer', '@other']")},
         [error(C, 8, 9, "schema-uniqueItems", "owners: lists '@trainer' more than once")]),
    Case("status-values",
         {C: course(extra="status: live\n")},
         {C: course(extra="status: beta\n")},
         [error(C, 10, 9, "schema-enum",
                "status: 'live' is not one of draft, beta, active, deprecated, retired (did you mean 'active'?)")]),
    Case("language-bcp47",
         {C: course(extra="language: english\n")},
         {C: course(extra="language: pt-BR\n")},
         [error(C, 10, 11, "language", "language: 'english' is a language's name; write its code, 'en'")]),
    Case("language-in-its-usual-case",  # compared as written: 'EN' was a second English in the catalog's filter
         {C: course(extra="language: EN-gb\n")},
         {C: course(extra="language: zh-Hant-TW\n")},
         [error(C, 10, 11, "language", "language: write 'en-GB' (tags are compared as written, in BCP 47's letter "
                "case)")]),
    Case("language-with-an-underscore",
         {C: course(extra="language: en_gb\n")},
         {C: course(extra="language: en-GB\n")},
         [error(C, 10, 11, "language", "language: 'en_gb' is not a language tag; write 'en-GB' (with a hyphen)")]),
    Case("unknown-field-at-the-key-with-did-you-mean",
         {C: course(extra="summery: typo\n")},
         {C: course(extra="x-jira: TRAIN-42\n")},
         [error(C, 10, 1, "schema-additionalProperties",
                "summery: unknown field 'summery' (did you mean 'summary'?)")]),
    Case("tags-unique",
         {C: course(extra="tags: [helm, helm]\n")},
         {C: course(extra="tags: [helm, kubernetes]\n")},
         [error(C, 10, 7, "schema-uniqueItems", "tags: lists 'helm' more than once")]),
    Case("program-weeks-at-least-1",
         {C: course(extra="program_weeks: 0\n")},
         {C: course(extra="program_weeks: 12\n")},
         [error(C, 10, 16, "schema-minimum", "program_weeks: '0' must be at least 1")]),
    Case("outcomes-not-empty",
         {C: course(extra="outcomes: ['']\n")},
         {C: course(extra="outcomes: [Search across repositories]\n")},
         [error(C, 10, 12, "schema-minLength", "outcomes[0]: must not be empty")]),
    Case("credential-fields",
         {C: course(extra="credential: {type: medal, title: Expert}\n")},
         {C: course(extra="credential: {type: badge, title: Expert, criteria: Pass the lab.}\n")},
         [error(C, 10, 13, "schema-required", "credential: missing required field 'criteria' (What a learner must do "
                "to earn it, in one or two sentences)"),
          error(C, 10, 20, "schema-enum", "credential.type: 'medal' is not one of badge, certificate")]),
]

# ---------------------------------------------------------------------------------------------
# Taxonomy: declared in mkdocs.yml, with defaults for levels, formats and roles
# ---------------------------------------------------------------------------------------------

TAXONOMY = [
    Case("level-default-taxonomy",
         {C: course(level="level: expert")},
         {C: course(level="level: advanced")},
         [error(C, 4, 8, "schema-enum", "level: 'expert' is not one of beginner, intermediate, advanced "
                                                 "(did you mean 'advanced'?)")]),
    Case("level-declared-taxonomy",
         {C: course(level="level: beginner", format="format: webinar")},
         {C: course(level="level: expert", format="format: webinar")},
         [error(C, 4, 8, "schema-enum", "level: 'beginner' is not one of novice, expert")],
         mkdocs=CUSTOM_TAXONOMY),
    Case("format-default-taxonomy",
         {C: course(format="format: classroom")},
         {C: course(format="format: in-person")},
         [error(C, 6, 9, "schema-enum", "format: 'classroom' is not one of self-paced, virtual-ilt, in-person")]),
    Case("format-declared-taxonomy",
         {C: course(level="level: novice", format="format: self-paced")},
         {C: course(level="level: novice", format="format: webinar")},
         [error(C, 6, 9, "schema-enum", "format: 'self-paced' is not one of webinar")],
         mkdocs=CUSTOM_TAXONOMY),
    Case("roles-declared-taxonomy",
         {C: course(roles="roles: [admin, devops]")},
         {C: course(roles="roles: [admin, end-user]")},
         [error(C, 5, 16, "schema-enum", "roles[1]: 'devops' is not one of admin, end-user")]),
    Case("roles-default-taxonomy",
         {C: course(roles="roles: [admin, devops]")},
         {C: course(roles="roles: [admin, power-user, manager]")},
         [error(C, 5, 16, "schema-enum", "roles[1]: 'devops' is not one of admin, end-user, power-user, manager")],
         mkdocs=NO_PRODUCTS),
    Case("roles-at-least-one",
         {C: course(roles="roles: []")},
         {C: course(roles="roles: [end-user]")},
         [error(C, 5, 8, "schema-minItems", "roles: needs at least 1 item")]),
    Case("roles-unique",
         {C: course(roles="roles: [admin, admin]")},
         {C: course(roles="roles: [admin]")},
         [error(C, 5, 8, "schema-uniqueItems", "roles: lists 'admin' more than once")]),
    Case("products-declared-taxonomy",
         {C: course(extra="products: [batch-changes]\n")},
         {C: course(extra="products: [code-search]\n")},
         [error(C, 10, 12, "schema-enum", "products[0]: 'batch-changes' is not one of code-search")]),
    Case("products-none-declared",
         {C: course(extra="products: [code-search]\n")},
         {C: course()},
         [error(C, 10, 12, "schema-enum", "products[0]: 'code-search' is not declared; mkdocs.yml declares no "
                "product values (add them to the syllabus plugin options)")],
         mkdocs=NO_PRODUCTS),
    Case("track-role-taxonomy",
         {C: course(), T: track().replace("role: admin", "role: admins")},
         {C: course(), T: track().replace("role: admin", "role: end-user")},
         [error(T, 4, 7, "schema-enum", "role: 'admins' is not one of admin, end-user (did you mean 'admin'?)")]),
    Case("plan-audience-taxonomy",
         {P: plan(extra="audience: [admins]\n")},
         {P: plan(extra="audience: [admin, end-user]\n")},
         [error(P, 12, 12, "schema-enum", "audience[0]: 'admins' is not one of admin, end-user (did you mean "
                "'admin'?)")]),
]

# ---------------------------------------------------------------------------------------------
# Dates and freshness
# ---------------------------------------------------------------------------------------------

DATES = [
    Case("last-reviewed-is-a-real-date",
         {C: course(extra="last_reviewed: 2026-02-30\n")},
         {C: course(extra="last_reviewed: 2026-02-28\n")},
         [error(C, 10, 16, "date", "last_reviewed: '2026-02-30' is not a real date (YYYY-MM-DD)")]),
    Case("last-reviewed-month-13-is-one-error",  # the schema's pattern refuses it too (editors underline it)
         {C: course(extra="last_reviewed: 2026-13-01\n")},
         {C: course(extra="last_reviewed: 2026-01-31\n")},
         [error(C, 10, 16, "date", "last_reviewed: '2026-13-01' is not a real date (YYYY-MM-DD)")]),
    Case("last-reviewed-in-the-years-dates-can-hold",  # a far-future review date overflowed "stale"
         {C: course(extra="last_reviewed: 9999-12-31\n")},
         {C: course(extra="last_reviewed: 2026-02-28\n")},
         [error(C, 10, 16, "date", "last_reviewed: '9999-12-31' is outside the years 1900-2999")]),
    Case("last-reviewed-is-iso-8601",
         {C: course(extra="last_reviewed: 05/01/2026\n")},
         {C: course(extra="last_reviewed: '2026-01-05'\n")},
         [error(C, 10, 16, "schema-pattern", "last_reviewed: '05/01/2026' is not a valid date (e.g. '2026-11-22')")]),
    Case("last-reviewed-is-a-date-not-a-time",
         {C: course(extra="last_reviewed: 2026-10-05T10:00\n")},
         {C: course(extra="last_reviewed: 2026-10-05\n")},
         [error(C, 10, 16, "schema-pattern", "last_reviewed: '2026-10-05T10:00' is not a valid date (e.g. "
                "'2026-11-22')")]),
    Case("last-reviewed-in-the-future-is-a-warning",
         {C: course(extra="last_reviewed: 2062-11-18\n")},
         {C: course(extra="last_reviewed: 2026-11-18\n")},
         [warning(C, 10, 16, "stale", "last_reviewed 2062-11-18 is in the future; write the date of the last "
                  "review")]),
    Case("stale-last-reviewed-is-a-warning",
         {C: course(extra="last_reviewed: 2025-11-17\n")},
         {C: course(extra="last_reviewed: 2025-11-18\n")},
         [warning(C, 10, 16, "stale", "last_reviewed 2025-11-17 is older than 365 days; review the course and update "
                  "the date")]),
    Case("stale-with-the-courses-own-review-period",
         {C: course(extra="review_every_days: 30\nlast_reviewed: 2026-10-18\n")},
         {C: course(extra="review_every_days: 30\nlast_reviewed: 2026-10-19\n")},
         [warning(C, 11, 16, "stale", "last_reviewed 2026-10-18 is older than 30 days; review the course and update "
                  "the date")]),
    Case("review-period-beyond-any-date",  # was a traceback: the date plus the period overflowed
         {C: course(extra="review_every_days: 100000000000000000000\nlast_reviewed: 2026-10-18\n")},
         {C: course(extra="review_every_days: 3650\nlast_reviewed: 2026-10-18\n")},
         [error(C, 10, 20, "schema-maximum", "review_every_days: '100000000000000000000' must be at most 3650")]),
]

# ---------------------------------------------------------------------------------------------
# Sessions: real local times, IANA zones, http(s) only
# ---------------------------------------------------------------------------------------------

SESSIONS = [
    Case("session-timezone-is-iana",
         {C: course(extra=session(zone="America/New_Yrok"), **LIVE)},
         {C: course(extra=session(zone="America/New_York"), **LIVE)},
         [error(C, 12, 15, "timezone", "sessions[0].timezone: 'America/New_Yrok' is not an IANA time zone (did you "
                "mean 'America/New_York'?)")]),
    Case("session-timezone-invented",
         {C: course(extra=session(zone="Mars/Olympus"), **LIVE)},
         {C: course(extra=session(zone="Asia/Tokyo"), **LIVE)},
         [error(C, 12, 15, "timezone", "sessions[0].timezone: 'Mars/Olympus' is not an IANA time zone (e.g. "
                "Europe/Berlin)")]),
    Case("session-start-is-a-real-time",
         {C: course(extra=session(start="2026-02-30T16:00"), **LIVE)},
         {C: course(extra=session(start="2026-12-28T16:00"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: '2026-02-30T16:00' is not a real date and time "
                "(YYYY-MM-DDTHH:MM)")]),
    Case("session-start-hour-25-is-one-error",  # the schema's pattern refuses it too
         {C: course(extra=session(start="2026-12-03T25:00"), **LIVE)},
         {C: course(extra=session(start="2026-12-03T23:59"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: '2026-12-03T25:00' is not a real date and time "
                "(YYYY-MM-DDTHH:MM)")]),
    Case("session-start-has-no-offset",
         {C: course(extra=session(start="2026-12-03T16:00+01:00"), **LIVE)},
         {C: course(extra=session(start="2026-12-03T16:00:30"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: '2026-12-03T16:00+01:00' has a UTC offset (+01:00); write "
                "the local time alone ('2026-12-03T16:00'): the session's timezone says where it is")]),
    Case("session-start-needs-two-digits",
         {C: course(extra=session(start="2027-1-5 9:30"), **LIVE)},
         {C: course(extra=session(start="2027-01-05T09:30"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: write '2027-1-5 9:30' as '2027-01-05T09:30' "
                "(YYYY-MM-DDTHH:MM, two digits each)")]),
    Case("session-start-needs-its-date",
         {C: course(extra=session(start="9:30"), **LIVE)},
         {C: course(extra=session(start="2027-01-05T09:30"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: '9:30' is a time without its date; write "
                "YYYY-MM-DDTHH:MM (e.g. '2026-12-03T09:30')")]),
    Case("session-start-in-the-years-dates-can-hold",  # past them, an offset or a duration overflows datetime
         {C: course(extra=session(start="9999-12-31T23:30", zone="Pacific/Kiritimati"), **LIVE)},
         {C: course(extra=session(start="2027-12-31T23:30", zone="Pacific/Kiritimati"), **LIVE)},
         [error(C, 11, 12, "datetime", "sessions[0].start: '9999-12-31T23:30' is outside the years 1900-2999")]),
    Case("session-timezone-is-not-an-offset",
         {C: course(extra=session(zone="GMT+10"), **LIVE)},
         {C: course(extra=session(zone="Australia/Sydney"), **LIVE)},
         [error(C, 12, 15, "timezone", "sessions[0].timezone: 'GMT+10' is an offset, not a place; write the IANA zone "
                "of the place (e.g. Asia/Tokyo, not +09:00), which also follows its summer time")]),
    Case("session-timezone-is-not-an-abbreviation",
         {C: course(extra=session(zone="JST"), **LIVE)},
         {C: course(extra=session(zone="Asia/Tokyo"), **LIVE)},
         [error(C, 12, 15, "timezone", "sessions[0].timezone: 'JST' is an abbreviation, not an IANA time zone; write "
                "the zone of the place, e.g. Asia/Tokyo")]),
    # Valid, but not what the trainer means or will recognise: an old name, a reversed sign.
    Case("session-timezone-old-name-is-a-warning",
         {C: course(extra=session(zone="US/Pacific"), **LIVE)},
         {C: course(extra=session(zone="America/Los_Angeles"), **LIVE)},
         [warning(C, 12, 15, "timezone", "sessions[0].timezone: 'US/Pacific' is an old name of America/Los_Angeles; "
                  "write America/Los_Angeles")]),
    Case("session-timezone-posix-offset-is-a-warning",
         {C: course(extra=session(zone="Etc/GMT-9"), **LIVE)},
         {C: course(extra=session(zone="UTC"), **LIVE)},
         [warning(C, 12, 15, "timezone", "sessions[0].timezone: 'Etc/GMT-9' is 9 h ahead of UTC (its sign is "
                  "reversed) and keeps no summer time; write the zone of the place, e.g. Asia/Tokyo")]),
    Case("session-start-in-a-dst-gap-is-a-warning",
         {C: course(extra=session(start="2027-03-14T02:30"), **LIVE)},
         {C: course(extra=session(start="2027-03-14T03:30"), **LIVE)},
         [warning(C, 11, 12, "datetime", "sessions[0].start: 2027-03-14T02:30 does not exist in America/New_York "
                  "(clocks change that day)")]),
    Case("session-start-in-a-dst-overlap-is-a-warning",
         {C: course(extra=session(start="2027-11-07T01:30"), **LIVE)},
         {C: course(extra=session(start="2027-11-07T02:30"), **LIVE)},
         [warning(C, 11, 12, "datetime", "sessions[0].start: 2027-11-07T01:30 happens twice in America/New_York "
                  "(clocks go back that day); it is read as the first, so pick another time that no one can read "
                  "otherwise")]),
    Case("a-weekly-meeting-in-a-dst-gap-is-a-warning",  # week 2 of three falls on 14 March 2027
         {C: course(extra="program_weeks: 3\n" + session(start="2027-03-07T02:30",
                                                          more="    duration_minutes: 60\n"), **LIVE)},
         {C: course(extra="program_weeks: 3\n" + session(start="2027-03-07T10:30",
                                                          more="    duration_minutes: 60\n"), **LIVE)},
         [warning(C, 12, 12, "datetime", "sessions[0].start: 2027-03-14T02:30 (week 2) does not exist in "
                  "America/New_York (clocks change that day)")]),
    Case("a-weekly-meeting-in-a-dst-overlap-is-a-warning",
         {C: course(extra="program_weeks: 2\n" + session(start="2027-10-31T01:30",
                                                          more="    duration_minutes: 60\n"), **LIVE)},
         {C: course(extra="program_weeks: 2\n" + session(start="2027-10-31T09:30",
                                                          more="    duration_minutes: 60\n"), **LIVE)},
         [warning(C, 12, 12, "datetime", "sessions[0].start: 2027-11-07T01:30 (week 2) happens twice in "
                  "America/New_York (clocks go back that day); it is read as the first, so pick another time that "
                  "no one can read otherwise")]),
    Case("session-listed-twice-is-a-warning",  # in another room or language at the same time it is another one
         {C: course(extra=session(more="  - {start: '2026-12-03T16:00', timezone: America/New_York}\n"), **LIVE)},
         {C: course(extra=session(more="  - {start: '2026-12-03T16:00', timezone: America/New_York, language: ja}\n"),
                    **LIVE)},
         [warning(C, 13, 13, "session-duplicate", "sessions[1]: the same session as sessions[0], field for field; "
                  "remove one")]),
    Case("session-years-ahead-is-a-warning",  # today is 2026-11-18: 2207 is a typo
         {C: course(extra=session(start="2207-01-12T16:00"), **LIVE)},
         {C: course(extra=session(start="2027-01-12T16:00"), **LIVE)},
         [warning(C, 11, 12, "session-date", "sessions[0].start: 2207-01-12 is more than 2 years ahead; check the "
                  "year")]),
    Case("a-session-sitting-for-the-courses-whole-effort-is-a-warning",  # 40 h in one sitting, once per course
         {C: course(extra=session(start="2027-01-23T10:00", more="  - {start: '2027-02-23T10:00', timezone: UTC}\n"),
                    duration_minutes="duration_minutes: 2400", **LIVE)},
         {C: course(extra=session(start="2027-01-23T10:00", more="    duration_minutes: 480\n"
                                  "  - {start: '2027-02-23T10:00', timezone: UTC, duration_minutes: 480}\n"),
                    duration_minutes="duration_minutes: 2400", **LIVE)},
         [warning(C, 11, 5, "session-length", "sessions[0] meets for the course's duration_minutes, 2400 minutes: "
                  "one sitting of more than a day, as its page and calendar show it")]),
    Case("live-course-whose-sessions-were-all-held-is-a-warning",  # a cancelled later one does not count
         {C: course(extra=session(start="2026-11-10T16:00", more="  - {start: '2026-12-10T16:00', timezone: UTC, "
                                  "status: cancelled}\n"), **LIVE)},
         {C: course(extra=session(start="2026-11-10T16:00", more="  - {start: '2026-12-10T16:00', timezone: UTC}\n"),
                    **LIVE)},
         [warning(C, 11, 3, "session-date", "sessions: every session has been held or is cancelled, so the course "
                  "page offers no date to register for; add the next ones, or an on_demand alternative")]),
    Case("a-weekly-program-under-way-has-not-been-held",  # today 2026-11-18: weeks 2 to 6 are to come
         {C: course(extra=session(start="2026-10-01T10:00", zone="Europe/Berlin", more="    duration_minutes: 60\n")
                    + "program_weeks: 6\n", **LIVE)},
         {C: course(extra=session(start="2026-11-11T10:00", zone="Europe/Berlin", more="    duration_minutes: 60\n")
                    + "program_weeks: 6\n", **LIVE)},
         [warning(C, 11, 3, "session-date", "sessions: every session has been held, so the course page offers no "
                  "date to register for; add the next ones, or an on_demand alternative")]),
    Case("live-course-whose-sessions-are-all-cancelled-or-full-is-a-warning",
         {C: course(extra=session(start="2026-12-10T16:00", more="    status: cancelled\n"
                                  "  - {start: '2026-12-17T16:00', timezone: UTC, status: full}\n"), **LIVE)},
         {C: course(extra=session(start="2026-12-10T16:00", more="    status: cancelled\n"
                                  "  - {start: '2026-12-17T16:00', timezone: UTC}\n"), **LIVE)},
         [warning(C, 11, 3, "session-date", "sessions: every session is cancelled or is full, so the course page "
                  "offers no date to register for; add the next ones, or an on_demand alternative")]),
    Case("program-session-gives-one-meetings-length",
         {C: course(extra="program_weeks: 6\n" + session(), **LIVE)},
         {C: course(extra="program_weeks: 6\n" + session(more="    duration_minutes: 90\n"), **LIVE)},
         [error(C, 12, 5, "schema-required", "sessions[0]: missing required field 'duration_minutes' (A session "
                "of a multi-week program meets every week: give the length of one meeting, as the course's "
                "duration_minutes is the whole program's effort)")]),
    Case("session-registration-url-is-http",
         {C: course(extra=session(more="    registration_url: javascript:alert(document.cookie)\n"), **LIVE)},
         {C: course(extra=session(more="    registration_url: https://events.example.com/register/42\n"), **LIVE)},
         [error(C, 13, 23, "schema-pattern", "sessions[0].registration_url: 'javascript:alert(document.cookie)' "
                + WEB_ADDRESS)]),
    Case("session-registration-url-has-no-user-name",  # it leads to the host after the '@'
         {C: course(extra=session(more="    registration_url: https://academy.test@evil.example/r\n"), **LIVE)},
         {C: course(extra=session(more="    registration_url: https://events.example/@academy/r\n"), **LIVE)},
         [error(C, 13, 23, "schema-pattern", "sessions[0].registration_url: 'https://academy.test@evil.example/r' "
                "has a user name before its host, so it leads to evil.example; write the address without it")]),
    Case("session-unknown-key-at-key-missing-key-at-mapping",
         {C: course(extra=SESSION.replace("timezone", "place").format(start="2026-12-03T16:00", zone="UTC"),
                    **LIVE)},
         {C: course(extra=session(zone="UTC"), **LIVE)},
         [error(C, 11, 5, "schema-required", "sessions[0]: missing required field 'timezone' (IANA time zone of "
                "`start`, for example `America/New_York`)"),
          error(C, 12, 5, "schema-additionalProperties", "sessions[0].place: unknown field 'place'; allowed: "
                "start, timezone, duration_minutes, language, status, registration_url, instructors, location, "
                "capacity")]),
    Case("a-misspelt-required-field-is-one-problem",  # not also "missing required field 'timezone'"
         {C: course(extra=SESSION.replace("timezone", "tmezone").format(start="2026-12-03T16:00", zone="UTC"),
                    **LIVE)},
         {C: course(extra=session(zone="UTC"), **LIVE)},
         [error(C, 12, 5, "schema-additionalProperties", "sessions[0].tmezone: unknown field 'tmezone' (did you "
                "mean 'timezone'? it is required)")]),
    Case("session-status-values",
         {C: course(extra=session(more="    status: postponed\n"), **LIVE)},
         {C: course(extra=session(more="    status: cancelled\n  - {start: '2026-12-17T16:00', timezone: UTC, "
                                  "status: full}\n  - {start: '2026-12-18T16:00', timezone: UTC, status: scheduled}\n"),
                    **LIVE)},
         [error(C, 13, 13, "schema-enum", "sessions[0].status: 'postponed' is not one of scheduled, full, cancelled")]),
    Case("meetings-are-bounded",
         {C: course(extra="program_weeks: 520\nsessions:\n" + COHORTS, **LIVE)},
         {C: course(extra="program_weeks: 500\nsessions:\n" + COHORTS, **LIVE)},
         [error(C, 12, 3, "sessions-count", "sessions: 1,040 meetings (2 sessions x program_weeks); at most 1,000 "
                "per course: every meeting is a calendar event in several published files; list the next cohorts "
                "only")]),
    Case("sessions-need-a-live-format",
         {C: course(extra=session())},
         {C: course(extra=session(), **LIVE)},
         [warning(C, 11, 3, "sessions-format", "sessions: format 'self-paced' is not a live format, so its sessions "
                  "are not shown; use a live format or remove them")]),
]

# ---------------------------------------------------------------------------------------------
# Units and materials: files that exist inside the course folder, no symlinks; http(s) URLs
# ---------------------------------------------------------------------------------------------

UNIT = "units:\n  - {{title: One, file: {}}}\n"  # the file name is at line 11, column 24
MATERIAL = "materials:\n  - {{title: Deck, kind: {kind}, {where}}}\n"  # kind at 11:25, 'file'/'url' key at 11:33


def unit(name: str) -> str:
    return course(extra=UNIT.format(name))


def units(*names: str) -> str:  # the second file name is at line 12, column 24
    return course(extra="units:\n" + "".join(f"  - {{title: One, file: {name}}}\n" for name in names))


def material(where: str = "file: deck.pdf", kind: str = "slides") -> str:
    return course(extra=MATERIAL.format(kind=kind, where=where))


ONE = {"courses/intro/one.md": "# One\n"}
DECK = {"courses/intro/deck.pdf": b"%PDF-1.7\n"}
OUTSIDE = {"outside/one.md": "# Secret\n", "outside/deck.pdf": b"%PDF-1.7\n"}
LEAVES = "leaves the course folder; materials and units must stay inside it"
SYMLINK = "goes through a symlink; symlinks are never published"

FILES = [
    Case("unit-file-exists",
         {C: unit("onee.md"), **ONE},
         {C: unit("one.md"), **ONE},
         [error(C, 11, 24, "file",
                "units[0].file: 'onee.md' not found in the course folder (did you mean 'one.md'?)")]),
    Case("unit-file-suggests-only-pages-a-unit-may-be",  # not index.md, the course page, nor a material
         {C: unit("intro.md"), "courses/intro/index.md": "# Intro\n", "courses/intro/intro.pdf": b"%PDF-1.4\n"},
         {C: unit("one.md"), **ONE, "courses/intro/index.md": "# Intro\n"},
         [error(C, 11, 24, "file", "units[0].file: 'intro.md' not found in the course folder")]),
    Case("a-renamed-unit-file-is-named-not-a-listed-one",  # 'history.md' was suggested, listed already
         {C: units("regex-search.md", "history-search.md"), "courses/intro/regular-expressions.md": "# A\n",
          "courses/intro/history-search.md": "# B\n"},
         {C: units("regular-expressions.md", "history-search.md"), "courses/intro/regular-expressions.md": "# A\n",
          "courses/intro/history-search.md": "# B\n"},
         [error(C, 11, 24, "file", "units[0].file: 'regex-search.md' not found in the course folder (is it "
                "'regular-expressions.md', which no entry lists?)")]),
    Case("a-missing-material-is-never-a-dotfile",  # "(is it '.DS_Store', which no entry lists?)"
         {C: material("file: deck.pdf"), "courses/intro/.DS_Store": b"\x00"},
         {C: material("file: deck.pdf"), **DECK, "courses/intro/.DS_Store": b"\x00"},
         [error(C, 11, 39, "file", "materials[0].file: 'deck.pdf' not found in the course folder")]),
    Case("a-material-that-is-a-folder-says-so",  # it said "not found", with the folder right there
         {C: material("file: deck"), "courses/intro/deck/a.pdf": b"%PDF-1.7\n"},
         {C: material("file: deck.pdf"), **DECK},
         [error(C, 11, 39, "file", "materials[0].file: 'deck' is a folder; name a file")]),
    Case("a-page-no-unit-lists-is-a-warning",
         {C: course(), "courses/intro/extra.md": "# Extra\n"},
         {C: course(), "courses/intro/extra.txt": "Trainer notes.\n"},
         [warning("courses/intro/extra.md", 1, 1, "unlisted-page", "extra.md is not listed under units in "
                  "course.yml, so it is not published")]),
    Case("a-misspelt-unit-hides-only-the-page-it-meant",  # every unlisted page was kept quiet (trainer review, stop 42)
         {C: unit("sharng.md"), "courses/intro/sharing.md": "# Sharing\n", "courses/intro/extra.md": "# Extra\n"},
         {C: unit("sharing.md"), "courses/intro/sharing.md": "# Sharing\n", "courses/intro/extra.txt": "Notes.\n"},
         [error(C, 11, 24, "file", "units[0].file: 'sharng.md' not found in the course folder (did you mean "
                "'sharing.md'?)"),
          warning("courses/intro/extra.md", 1, 1, "unlisted-page", "extra.md is not listed under units in "
                  "course.yml, so it is not published")]),
    Case("the-page-a-misspelt-unit-meant-is-checked-in-the-same-run",  # said only once the name was fixed
         {C: unit("sharng.md"), "courses/intro/sharing.md": "# Sharing\n\nSee <script>x()</script>.\n"},
         {C: unit("sharing.md"), "courses/intro/sharing.md": "# Sharing\n\nSee `<script>x()</script>`.\n"},
         [error(C, 11, 24, "file", "units[0].file: 'sharng.md' not found in the course folder (did you mean "
                "'sharing.md'?)"),
          error("courses/intro/sharing.md", 3, 5, "markdown-forbidden-tag", "<script> is not allowed in course "
                "Markdown; remove it (show code samples in a fenced code block instead)")]),
    Case("unit-file-no-dotdot",
         {C: unit("../other/one.md"), **other("other")},
         {C: unit("sub/one.md"), "courses/intro/sub/one.md": "# One\n", **other("other")},
         [error(C, 11, 24, "file", f"units[0].file: '../other/one.md' {LEAVES}")]),
    Case("unit-file-not-absolute",
         {C: unit("/etc/passwd.md")},
         {C: unit("one.md"), **ONE},
         [error(C, 11, 24, "file", "units[0].file: '/etc/passwd.md' must be a path relative to the course folder")]),
    Case("unit-file-no-backslash",
         {C: unit("'sub\\one.md'"), "courses/intro/sub/one.md": "# One\n"},
         {C: unit("sub/one.md"), "courses/intro/sub/one.md": "# One\n"},
         [error(C, 11, 24, "file", "units[0].file: 'sub\\one.md' must be a path relative to the course folder")]),
    Case("unit-file-not-a-symlink",
         {C: unit("one.md"), **OUTSIDE, "courses/intro/one.md": Link("outside/one.md")},
         {C: unit("one.md"), **OUTSIDE, **ONE},
         [error(C, 11, 24, "file", f"units[0].file: 'one.md' {SYMLINK}")]),
    Case("picture-not-a-symlink",  # was "'map.png' not found in course 'intro' (did you mean 'map.png'?)"
         {C: course(), "courses/intro/index.md": "# Intro\n\n![Map](map.png)\n", "outside/map.png": b"\x89PNG\r\n",
          "courses/intro/map.png": Link("outside/map.png")},
         {C: course(), "courses/intro/index.md": "# Intro\n\n![Map](map.png)\n",
          "courses/intro/map.png": b"\x89PNG\r\n"},
         [error("courses/intro/index.md", 3, 8, "link", f"'map.png' is never published: 'map.png' {SYMLINK}")]),
    Case("unit-file-not-through-a-symlinked-folder",
         {C: unit("sub/one.md"), **OUTSIDE, "courses/intro/sub": Link("outside")},
         {C: unit("sub/one.md"), **OUTSIDE, "courses/intro/sub/one.md": "# One\n"},
         [error(C, 11, 24, "file", f"units[0].file: 'sub/one.md' {SYMLINK}")]),
    Case("unit-file-is-markdown",
         {C: unit("one.txt"), "courses/intro/one.txt": "One\n"},
         {C: unit("one.md"), **ONE},
         [error(C, 11, 24, "schema-pattern", "units[0].file: 'one.txt' is not a valid file (e.g. '01-install.md')")]),
    Case("unit-file-suffix-in-lower-case",  # only the letter case is wrong: the message says so
         {C: unit("One.MD"), "courses/intro/One.MD": "# One\n"},
         {C: unit("one.md"), **ONE},
         [error(C, 11, 24, "schema-pattern", "units[0].file: 'One.MD' is not a valid file (e.g. '01-install.md'); "
                "write it in lower case: 'one.md'")]),
    Case("unit-file-is-not-the-overview",
         {C: unit("index.md"), "courses/intro/index.md": "# Intro\n"},
         {C: unit("one.md"), "courses/intro/index.md": "# Intro\n", **ONE},
         [error(C, 11, 24, "file", "units[0].file: index.md is the course overview page, not a unit; give the unit "
                "its own file")]),
    Case("unit-file-in-other-letter-case",
         {C: unit("ONE.md"), **ONE, "courses/intro/NOTE.md": "# Note\n"},
         {C: unit("one.md"), **ONE, "courses/intro/NOTE.txt": "Note\n"},
         [warning("courses/intro/NOTE.md", 1, 1, "unlisted-page", "NOTE.md is not listed under units in "
                  "course.yml, so it is not published"),  # not the page meant, which the suggestion names
          error(C, 11, 24, "file", "units[0].file: 'ONE.md' not found in the course folder (did you mean "
                "'one.md'?)")]),
    Case("unit-index-in-a-subfolder-is-a-unit",
         {C: unit("index.md"), "courses/intro/index.md": "# Intro\n", "courses/intro/lab/index.md": "# Lab\n"},
         {C: unit("lab/index.md"), "courses/intro/index.md": "# Intro\n", "courses/intro/lab/index.md": "# Lab\n"},
         [error(C, 11, 24, "file", "units[0].file: index.md is the course overview page, not a unit; give the unit "
                "its own file")]),
    Case("unit-index-in-a-subfolder-claims-its-folder",
         {C: units("share/index.md", "share.md"), "courses/intro/share/index.md": "# A\n",
          "courses/intro/share.md": "# B\n"},
         {C: units("share/index.md", "sharing.md"), "courses/intro/share/index.md": "# A\n",
          "courses/intro/sharing.md": "# B\n"},
         [error(C, 12, 24, "output-path", "units[1].file: 'share.md' would be published at 'share/index.html', "
                "where units[0] (share/index.md) is published; rename it")]),
    Case("units-in-other-letter-case-share-their-page",  # validate passed them; the build stopped, unplaced
         {C: units("welcome.md", "Welcome.md"), "courses/intro/welcome.md": "# A\n",
          "courses/intro/Welcome.md": "# B\n"},
         {C: units("welcome.md", "welcome-2.md"), "courses/intro/welcome.md": "# A\n",
          "courses/intro/welcome-2.md": "# B\n"},
         [error(C, 12, 24, "output-path", "units[1].file: 'Welcome.md' would be published at 'Welcome/index.html', "
                "where units[0] (welcome.md) is published (the paths differ only in letter case, which macOS and "
                "Windows do not tell apart); rename it")]),
    Case("a-listed-unit-and-a-stray-file-in-other-letter-case",  # said nowhere: the listed one was skipped
         {C: units("welcome.md"), "courses/intro/welcome.md": "# A\n", "courses/intro/Welcome.md": "# old\n"},
         {C: units("welcome.md"), "courses/intro/welcome.md": "# A\n"},
         [error("courses/intro/Welcome.md", 1, 1, "file-name", "'Welcome.md' and 'welcome.md' differ only in "
                "letter case: Windows and macOS keep one of them, so the checkout loses the other; rename one"),
          warning("courses/intro/Welcome.md", 1, 1, "unlisted-page", "Welcome.md is not listed under units in "
                  "course.yml, so it is not published")]),
    Case("unit-listed-twice",
         {C: units("setup.md", "setup.md"), "courses/intro/setup.md": "# Setup\n"},
         {C: units("setup.md", "lab.md"), "courses/intro/setup.md": "# Setup\n", "courses/intro/lab.md": "# Lab\n"},
         [error(C, 12, 24, "output-path", "units[1].file: 'setup.md' is listed already, as units[0]; remove one of "
                "them")]),
    Case("material-is-no-markdown-page",
         {C: material("file: handout.md"), "courses/intro/handout.md": "# Handout\n"},
         {C: material("file: handout.pdf"), "courses/intro/handout.pdf": "%PDF-1.4\n"},
         [error(C, 11, 39, "file", "materials[0].file: 'handout.md' is Markdown, which the site builds as a page, "
                "not a download; list it under units, or publish it as PDF")]),
    Case("material-is-a-kind-of-file-the-site-publishes",  # an allowlist: .xhtm is served as XHTML and runs script
         {C: material("file: slides.xhtm"), "courses/intro/slides.xhtm": "<html/>\n"},
         {C: material("file: values.yaml"), "courses/intro/values.yaml": "replicas: 2\n"},
         [error(C, 11, 39, "file", "materials[0].file: 'slides.xhtm' is not a kind of file the site publishes as a "
                "material (documents, media, archives, data and code: " + ", ".join(sorted(MATERIAL_SUFFIXES))
                + "); put it in a .zip, or save it as one of them")]),
    Case("material-is-not-the-course-definition",
         {C: material("file: course.yml")},
         {C: material("file: handout.pdf"), "courses/intro/handout.pdf": "%PDF-1.4\n"},
         [error(C, 11, 39, "file", "materials[0].file: 'course.yml' is the course's definition (with its owners and "
                "notes), not a material")]),
    Case("material-kind-values",
         {C: material(kind="slidez"), **DECK},
         {C: material(kind="cheat-sheet"), **DECK},
         [error(C, 11, 25, "schema-enum", "materials[0].kind: 'slidez' is not one of slides, handout, lab, script, "
                "cheat-sheet, recording, email-template, other (did you mean 'slides'?)")]),
    Case("material-file-stays-inside",
         {C: material("file: ../../mkdocs.yml")},
         {C: material(), **DECK},
         [error(C, 11, 39, "file", f"materials[0].file: '../../mkdocs.yml' {LEAVES}")]),
    Case("material-file-not-a-symlink",
         {C: material(), **OUTSIDE, "courses/intro/deck.pdf": Link("outside/deck.pdf")},
         {C: material(), **OUTSIDE, **DECK},
         [error(C, 11, 39, "file", f"materials[0].file: 'deck.pdf' {SYMLINK}")]),
    Case("material-file-exists",
         {C: material("file: deck.ppt"), **DECK},
         {C: material(), **DECK},
         [error(C, 11, 39, "file", "materials[0].file: 'deck.ppt' not found in the course folder (did you mean "
                "'deck.pdf'?)")]),
    Case("material-file-or-url-not-both",
         {C: material("file: deck.pdf, url: 'https://cdn.example.com/deck.pdf'"), **DECK},
         {C: material("url: 'https://cdn.example.com/deck.pdf'")},
         [error(C, 11, 5, "schema-oneOf", "materials[0]: give 'file' or 'url', not both")]),
    Case("material-file-or-url-required",
         {C: course(extra="materials:\n  - {title: Deck, kind: slides}\n")},
         {C: material("url: http://cdn.example.com/deck.pdf")},
         [error(C, 11, 5, "schema-oneOf", "materials[0]: expected Material stored in the course folder or Material "
                "linked by URL")]),
    Case("material-url-is-http",
         {C: material("url: 'javascript:alert(1)'")},
         {C: material("url: 'https://cdn.example.com/deck.pdf'")},
         [error(C, 11, 38, "schema-pattern", f"materials[0].url: 'javascript:alert(1)' {WEB_ADDRESS}")]),
    Case("material-url-no-data-scheme",
         {C: material("url: 'data:text/html,<script>alert(1)</script>'")},
         {C: material("url: 'https://cdn.example.com/deck.pdf'")},
         [error(C, 11, 38, "schema-pattern", "materials[0].url: 'data:text/html,<script>alert(1)</script>' "
                + WEB_ADDRESS)]),
]

# ---------------------------------------------------------------------------------------------
# References between courses: exist, no cycles, no self-reference, symmetric translations
# ---------------------------------------------------------------------------------------------

REFERENCES = [
    Case("prerequisites-exist",
         {C: course(extra="prerequisites: [intro-basic]\n"), **other("intro-basics")},
         {C: course(extra="prerequisites: [intro-basics]\n"), **other("intro-basics")},
         [error(C, 10, 17, "unknown-course", "prerequisites[0]: unknown course 'intro-basic' (did you mean "
                "'intro-basics'?)")]),
    Case("prerequisites-not-self-in-a-course-failing-its-schema",
         {C: course(level="level: expert", extra="prerequisites: [intro]\n")},
         {C: course(extra="prerequisites: []\n")},
         [error(C, 4, 8, "schema-enum", "level: 'expert' is not one of beginner, intermediate, advanced "
                                                 "(did you mean 'advanced'?)"),
          error(C, 10, 17, "self-reference", "prerequisites[0]: a course cannot list itself")]),
    Case("prerequisites-not-self",  # once: the track listing the course has nothing to reorder
         {C: course(extra="prerequisites: [intro]\n"), T: track()},
         {C: course(extra="prerequisites: []\n"), T: track()},
         [error(C, 10, 17, "self-reference", "prerequisites[0]: a course cannot list itself")]),
    Case("an-id-copied-from-a-prerequisite-is-said-at-id-once",  # not also "a course cannot list itself"
         {**other("base"), "courses/copy/course.yml": course("copy", "prerequisites: [base]\n").replace("id: copy",
                                                                                                        "id: base")},
         {**other("base"), **other("copy", "prerequisites: [base]\n")},
         [error("courses/copy/course.yml", 1, 5, "id-matches-name", "id: 'base' must equal the folder 'copy'")]),
    Case("prerequisite-cycle-of-two",
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [a]\n")},
         {**other("a", "prerequisites: [b]\n"), **other("b")},
         [error("courses/a/course.yml", 10, 17, "prerequisite-cycle", "prerequisites form a cycle: a → b → a")]),
    Case("prerequisite-cycle-is-no-track-order-problem",  # no order of a and b would do: said once, as a cycle
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [a]\n"), T: track("a, b")},
         {**other("a", "prerequisites: [b]\n"), **other("b"), T: track("b, a")},
         [error("courses/a/course.yml", 10, 17, "prerequisite-cycle", "prerequisites form a cycle: a → b → a")]),
    Case("prerequisite-cycle-of-three",
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [c]\n"),
          **other("c", "prerequisites: [a]\n")},
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [c]\n"), **other("c")},
         [error("courses/a/course.yml", 10, 17, "prerequisite-cycle", "prerequisites form a cycle: a → b → c → a")]),
    Case("prerequisite-cycle-through-a-course-failing-its-schema",  # said only once its level was fixed
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [c]\n"),
          **other("c", "prerequisites: [a]\n", level="level: expert")},
         {**other("a", "prerequisites: [b]\n"), **other("b", "prerequisites: [c]\n"), **other("c")},
         [error("courses/a/course.yml", 10, 17, "prerequisite-cycle", "prerequisites form a cycle: a → b → c → a"),
          error("courses/c/course.yml", 4, 8, "schema-enum", "level: 'expert' is not one of beginner, intermediate, "
                                                              "advanced (did you mean 'advanced'?)")]),
    Case("prerequisite-cycle-named-from-its-first-course",
         {**other("x", "prerequisites: [m]\n"), **other("m", "prerequisites: [n]\n"),
          **other("n", "prerequisites: [intro, m]\n"), C: course()},
         {**other("x", "prerequisites: [m]\n"), **other("m", "prerequisites: [n]\n"),
          **other("n", "prerequisites: [intro]\n"), C: course()},
         [error("courses/m/course.yml", 10, 17, "prerequisite-cycle", "prerequisites form a cycle: m → n → m")]),
    Case("overlapping-prerequisite-cycles-name-every-course-in-the-loop",
         {**other("a", "prerequisites: [c, b]\n"), **other("b", "prerequisites: [c]\n"),
          **other("c", "prerequisites: [a]\n")},
         {**other("a", "prerequisites: [c, b]\n"), **other("b", "prerequisites: [c]\n"), **other("c")},
         [error("courses/a/course.yml", 10, 17, "prerequisite-cycle",
                "prerequisites form a cycle: a → c → a (also caught in this loop: b)")]),
    Case("recommended-next-exists",
         {C: course(extra="recommended_next: [advanced-search]\n")},
         {C: course(extra="recommended_next: [advanced-search]\n"), **other("advanced-search")},
         [error(C, 10, 20, "unknown-course", "recommended_next[0]: unknown course 'advanced-search'")]),
    Case("on-demand-course-exists",
         {C: course(extra="on_demand: {course: intro-recorded}\n"), **other("intro-recording")},
         {C: course(extra="on_demand: {course: intro-recording}\n"), **other("intro-recording")},
         [error(C, 10, 21, "unknown-course", "on_demand.course: unknown course 'intro-recorded' (did you mean "
                "'intro-recording'?)")]),
    Case("on-demand-url-is-http",
         {C: course(extra="on_demand: {url: 'javascript:alert(1)'}\n")},
         {C: course(extra="on_demand: {url: 'https://videos.example.com/intro'}\n")},
         [error(C, 10, 18, "schema-pattern", f"on_demand.url: 'javascript:alert(1)' {WEB_ADDRESS}")]),
    Case("on-demand-url-or-course",
         {C: course(extra="on_demand: {url: 'https://videos.example.com/intro', course: other}\n"), **other("other")},
         {C: course(extra="on_demand: {course: other}\n"), **other("other")},
         [error(C, 10, 12, "schema-oneOf", "on_demand: give 'url' or 'course', not both")]),
    Case("translations-are-symmetric",
         {C: course(extra="translations: {ja: intro-ja}\n"), **other("intro-ja", "language: ja\n")},
         {C: course(extra="translations: {ja: intro-ja}\n"),
          **other("intro-ja", "language: ja\ntranslations: {en: intro}\n")},
         [error(C, 10, 20, "translations", "translations.ja: 'intro-ja' does not point back (add 'en: intro' to the "
                "translations in courses/intro-ja/course.yml)")]),
    Case("translations-match-the-language",
         {C: course(extra="translations: {ja: intro-ja}\n"),
          **other("intro-ja", "language: de\ntranslations: {en: intro}\n")},
         {C: course(extra="translations: {de: intro-ja}\n"),
          **other("intro-ja", "language: de\ntranslations: {en: intro}\n")},
         [error("courses/intro-ja/course.yml", 11, 20, "translations", "translations.en: 'intro' does not point back "
                "(add 'de: intro-ja' to the translations in courses/intro/course.yml)"),
          error(C, 10, 20, "translations", "translations.ja: 'intro-ja' is in language 'de', not 'ja'")]),
    Case("translations-exist",
         {C: course(extra="translations: {ja: intro-jp}\n"),
          **other("intro-ja", "language: ja\ntranslations: {en: intro}\n")},
         {C: course(extra="translations: {ja: intro-ja}\n"),
          **other("intro-ja", "language: ja\ntranslations: {en: intro}\n")},
         [error("courses/intro-ja/course.yml", 11, 20, "translations", "translations.en: 'intro' does not point back "
                "(add 'ja: intro-ja' to the translations in courses/intro/course.yml)"),
          error(C, 10, 20, "unknown-course", "translations.ja: unknown course 'intro-jp' (did you mean 'intro-ja'?)")]),
    Case("translations-not-the-own-language",
         {C: course(extra="translations: {en: intro}\n")},
         {C: course(extra="translations: {}\n")},
         [error(C, 10, 16, "translations", "translations: 'en' is the course's own language")]),
    Case("translations-keyed-by-language-tag",
         {C: course(extra="translations: {japanese: intro-ja}\n"), **other("intro-ja", "language: ja\n")},
         {C: course(extra="translations: {ja: intro-ja}\n"),
          **other("intro-ja", "language: ja\ntranslations: {en: intro}\n")},
         [error(C, 10, 16, "language", "translations: 'japanese' is a language's name; write its code, 'ja'")]),
    Case("redirect-from-is-not-an-existing-id",
         {C: course(extra="redirect_from: [other]\n"), **other("other")},
         {C: course(extra="redirect_from: [intro-to-search]\n"), **other("other")},
         [error(C, 10, 17, "redirect", "redirect_from[0]: 'other' is the id of an existing course")]),
    Case("redirect-from-claimed-once",
         {C: course(extra="redirect_from: [old]\n"), **other("other", "redirect_from: [old]\n")},
         {C: course(extra="redirect_from: [old]\n"), **other("other", "redirect_from: [older]\n")},
         [error(C, 10, 17, "redirect", "redirect_from[0]: 'old' is also claimed by other"),
          error("courses/other/course.yml", 10, 17, "redirect", "redirect_from[0]: 'old' is also claimed by intro")]),
    Case("redirect-from-is-an-id",
         {C: course(extra="redirect_from: [Old_Intro]\n")},
         {C: course(extra="redirect_from: [old-intro]\n")},
         [error(C, 10, 17, "schema-pattern", "redirect_from[0]: 'Old_Intro' is not a valid identifier (e.g. "
                "'k8s-install')")]),
]

# ---------------------------------------------------------------------------------------------
# Public content never references draft or internal content (in the public audience)
# ---------------------------------------------------------------------------------------------

DRAFT = other("basics", "status: draft\n")
SECRET = other("secret", visibility="visibility: internal")
LEAKS = [
    Case("public-course-prerequisite-is-not-a-draft",
         {C: course(extra="prerequisites: [basics]\n"), **DRAFT},
         {C: course(extra="prerequisites: [basics]\n"), **other("basics", "status: beta\n")},
         [error(C, 10, 17, "leak", f"prerequisites[0]: course 'basics' is a draft and {LEAK}")]),
    Case("public-course-recommendation-is-not-internal",
         {C: course(extra="recommended_next: [secret]\n"), **SECRET},
         {C: course(extra="recommended_next: [secret]\n", visibility="visibility: internal"), **SECRET},
         [error(C, 10, 20, "leak", f"recommended_next[0]: course 'secret' is internal and {LEAK}")]),
    Case("a-track-failing-its-schema-is-still-checked-for-leaks",  # in the same run, not after the fix
         {C: course(), T: track("intro, basics").replace("role: admin", "role: admins"), **DRAFT},
         {C: course(), T: track("intro, basics"), **other("basics", "status: beta\n")},
         [error(T, 4, 7, "schema-enum", "role: 'admins' is not one of admin, end-user (did you mean 'admin'?)"),
          error(T, 8, 22, "leak", f"sections[0].courses[1]: course 'basics' is a draft and {LEAK}")]),
    Case("a-hidden-course-failing-its-schema-is-still-a-leak",  # said only once its level was fixed
         {C: course(), T: track("intro, secret"), **other("secret", visibility="visibility: internal",
                                                           level="level: expert")},
         {C: course(), T: track("intro"), **other("secret", visibility="visibility: internal")},
         [error("courses/secret/course.yml", 4, 8, "schema-enum", "level: 'expert' is not one of beginner, "
                                                                   "intermediate, advanced (did you mean 'advanced'?)"),
          error(T, 8, 22, "leak", f"sections[0].courses[1]: course 'secret' is internal and {LEAK}")]),
    Case("a-course-whose-visibility-is-misspelt-is-its-own-error-not-a-leak-everywhere",  # helper review, stop 42
         {C: course(), T: track("intro, basics"),
          **other("basics", visibility="visiblity: public", level="level: beginner\nprerequisites: [intro]")},
         {C: course(), T: track("intro, basics"), **other("basics")},
         [error("courses/basics/course.yml", 10, 1, "schema-additionalProperties",
                "visiblity: unknown field 'visiblity' (did you mean 'visibility'? it is required)")]),
    Case("a-course-that-does-not-say-it-is-public-is-not-checked-for-leaks",  # nor is its misspelt visibility
         {C: course(visibility="visiblity: public", extra="prerequisites: [secret]\n"), **SECRET},
         {C: course(extra="prerequisites: [secret]\n", visibility="visibility: internal"), **SECRET},
         [error(C, 9, 1, "schema-additionalProperties",
                "visiblity: unknown field 'visiblity' (did you mean 'visibility'? it is required)")]),
    Case("public-track-lists-no-draft",
         {C: course(), T: track("intro, basics"), **DRAFT},
         {C: course(), T: track("intro, basics").replace("visibility: public", "visibility: internal"), **DRAFT},
         [error(T, 8, 22, "leak", f"sections[0].courses[1]: course 'basics' is a draft and {LEAK}")]),
    Case("public-track-lists-no-internal-course-in-the-public-audience",
         {C: course(), T: track("intro, secret"), **SECRET},
         {C: course(), T: track("intro, secret"), **SECRET},
         [error(T, 8, 22, "leak", f"sections[0].courses[1]: course 'secret' is internal and {LEAK}")],
         good_mkdocs=INTERNAL),
    Case("public-plan-lists-no-draft-course",
         {**DRAFT, P: plan(extra="").replace("type: meeting, title: Kickoff", "type: course, course: basics")},
         {**DRAFT, P: plan(visibility="visibility: internal").replace("type: meeting, title: Kickoff",
                                                                      "type: course, course: basics")},
         [error(P, 11, 40, "leak", f"phases[0].items[0].course: course 'basics' is a draft and {LEAK}")]),
    Case("public-plan-lists-no-internal-track",
         {C: course(), "tracks/secret-track.yml": track().replace("id: admin", "id: secret-track").replace(
             "visibility: public", "visibility: internal"),
          P: plan().replace("type: meeting, title: Kickoff", "type: track, track: secret-track")},
         {C: course(), "tracks/secret-track.yml": track().replace("id: admin", "id: secret-track"),
          P: plan().replace("type: meeting, title: Kickoff", "type: track, track: secret-track")},
         [error(P, 11, 38, "leak", f"phases[0].items[0].track: track 'secret-track' is internal and {LEAK}")]),
]

# ---------------------------------------------------------------------------------------------
# Tracks: sections, items, order respects prerequisites
# ---------------------------------------------------------------------------------------------

ADVANCED = other("advanced", "prerequisites: [intro]\n")
TRACKS = [
    Case("track-courses-exist",
         {C: course(), T: track("intro, intr")},
         {C: course(), T: track("intro")},
         [error(T, 8, 22, "unknown-course", "sections[0].courses[1]: unknown course 'intr' (did you mean 'intro'?)")]),
    Case("a-track-lists-no-retired-course",  # its page says "no longer offered" (trainer review, stop 42)
         {C: course(), T: track("intro, old"), **other("old", "status: retired\n")},
         {C: course(), T: track("intro"), **other("old", "status: retired\n")},
         [warning(T, 8, 22, "retired-course", "sections[0].courses[1]: course 'old' is retired (no longer offered); "
                  "take it out, or list the course that replaces it")]),
    Case("track-course-entries-exist",
         {C: course(), T: track("{course: intro-advanced, required: false}")},
         {C: course(), T: track("{course: intro, required: false, note: Optional.}")},
         [error(T, 8, 15, "unknown-course", "sections[0].courses[0]: unknown course 'intro-advanced'")]),
    Case("track-course-entry-fields",
         {C: course(), T: track("{course: intro, requird: true}")},
         {C: course(), T: track("{course: intro, required: true}")},
         [error(T, 8, 31, "schema-anyOf", "sections[0].courses[0].requird: unknown field 'requird' "
                "(did you mean 'required'?)")]),
    Case("track-required-is-true-or-false",
         {C: course(), T: track("{course: intro, required: no}")},
         {C: course(), T: track("{course: intro, required: false}")},
         [error(T, 8, 41, "schema-anyOf", "sections[0].courses[0].required: expected true or false, got text 'no'")]),
    Case("track-course-is-an-id",
         {C: course(), T: track("Intro")},
         {C: course(), T: track("intro")},
         [error(T, 8, 15, "schema-anyOf", "sections[0].courses[0]: 'Intro' is not a valid course id (e.g. "
                "'code-search-101'); write it in lower case: 'intro'")]),
    Case("malformed-id-without-a-close-match-is-reported-once",
         {C: course(extra="prerequisites: [Zzz_Qqq]\n")},
         {C: course()},
         [error(C, 10, 17, "schema-pattern", "prerequisites[0]: 'Zzz_Qqq' is not a valid course id (e.g. "
                "'code-search-101')")]),
    Case("track-lists-a-course-once",
         {C: course(), T: track("intro, intro")},
         {C: course(), T: track("intro")},
         [error(T, 8, 22, "track-duplicate", "sections[0].courses[1]: 'intro' is listed twice in this track")]),
    Case("track-order-respects-prerequisites",
         {C: course(), **ADVANCED, T: track("advanced, intro")},
         {C: course(), **ADVANCED, T: track("intro, advanced")},
         [error(T, 8, 15, "track-order", "sections[0].courses[0]: 'advanced' is listed before its prerequisite "
                "'intro'; move it after")]),
    Case("track-order-through-a-course-the-track-leaves-out",  # c needs b, b needs a: [c, a] was accepted
         {**other("a"), **other("b", "prerequisites: [a]\n"), **other("c", "prerequisites: [b]\n"),
          T: track("c, a")},
         {**other("a"), **other("b", "prerequisites: [a]\n"), **other("c", "prerequisites: [b]\n"),
          T: track("a, c")},
         [error(T, 8, 15, "track-order", "sections[0].courses[0]: 'c' is listed before its prerequisite 'a' "
                "(needed through 'b'); move it after")]),
    Case("track-order-across-sections",
         {C: course(), **ADVANCED, T: track("advanced") + "  - title: Basics\n    courses: [intro]\n"},
         {C: course(), **ADVANCED, T: track("intro") + "  - title: More\n    courses: [advanced]\n"},
         [error(T, 8, 15, "track-order", "sections[0].courses[0]: 'advanced' is listed before its prerequisite "
                "'intro'; move it after")]),
    Case("track-order-is-checked-beside-schema-errors",  # every problem in one run
         {C: course(), **ADVANCED, T: track("advanced, {required: no}, intro, advanced").replace("role: admin",
                                                                                         "role: admins")},
         {C: course(), **ADVANCED, T: track("intro, advanced")},
         [error(T, 4, 7, "schema-enum", "role: 'admins' is not one of admin, end-user "
                "(did you mean 'admin'?)"),
          error(T, 8, 15, "track-order", "sections[0].courses[0]: 'advanced' is listed before its prerequisite "
                "'intro'; move it after"),
          error(T, 8, 25, "schema-anyOf", "sections[0].courses[1]: missing required field 'course' (Id of the "
                "course)"),
          error(T, 8, 36, "schema-anyOf", "sections[0].courses[1].required: expected true or false, got text 'no'"),
          error(T, 8, 48, "track-duplicate", "sections[0].courses[3]: 'advanced' is listed twice in this track")]),
    Case("track-needs-a-section",
         {C: course(), T: track().split("sections:")[0] + "sections: []\n"},
         {C: course(), T: track()},
         [error(T, 6, 11, "schema-minItems", "sections: needs at least 1 item")]),
    Case("track-target-days-at-least-1",
         {C: course(), T: track() + "target_days: 0\n"},
         {C: course(), T: track() + "target_days: 30\n"},
         [error(T, 9, 14, "schema-minimum", "target_days: '0' must be at least 1")]),
]

# ---------------------------------------------------------------------------------------------
# Plans: phases ordered and non-overlapping, days inside phases and inside the plan
# ---------------------------------------------------------------------------------------------

TWO_PHASES = """\
  - title: Start
    start_day: 0
    end_day: {end1}
    items:
      - {{day: {day}, type: meeting, title: Kickoff}}
  - title: Run
    start_day: {start2}
    end_day: {end2}
    items: []
"""  # lines 7-15: end1 at 9:14, day at 11:15, start2 at 13:16, end2 at 14:14


def phases(end1: int = 9, day: int = 0, start2: int = 10, end2: int = 29) -> str:
    return plan(TWO_PHASES.format(end1=end1, day=day, start2=start2, end2=end2))


ITEM = "type: meeting, title: Kickoff"  # line 11, from column 18
def items(count: int) -> str:
    """One phase of days 0-29 holding ``count`` meetings."""
    return "  - title: Start\n    start_day: 0\n    end_day: 29\n    items:\n" + "".join(
        f"      - {{day: {n % 30}, type: meeting, title: Call {n}}}\n" for n in range(count))


PLANS = [
    Case("plan-items-are-bounded",  # 4,000 made an 18 MB page that froze the browser on each keystroke
         {P: plan(items(301))},
         {P: plan(items(300))},
         [error(P, 7, 3, "plan-items", "phases: 301 items in all; a plan holds at most 300, each a row its page "
                "dates in the reader's browser as they type; split it into plans, or list a track for a run of "
                "courses")]),
    Case("plan-item-day-inside-its-phase",
         {P: phases(day=10)},
         {P: phases(day=9)},
         [error(P, 11, 15, "plan-days", "phases[0].items[0]: day 10 is outside its phase (days 0-9)")]),
    Case("plan-item-day-before-kickoff-is-said-once",  # the schema's minimum, not also "outside its phase"
         {P: phases(day=-1)},
         {P: phases(day=0)},
         [error(P, 11, 15, "schema-minimum", "phases[0].items[0].day: '-1' must be at least 0")]),
    Case("plan-phases-do-not-overlap",
         {P: phases(start2=9)},
         {P: phases(start2=10)},
         [error(P, 13, 16, "plan-days", "phases[1]: starts on day 9, inside the previous phase (which ends on day 9); "
                "phases are ordered and must not overlap")]),
    Case("plan-first-phase-before-kickoff-is-said-once",  # not also "inside the previous phase" (there is none)
         {P: plan(TWO_PHASES.replace("start_day: 0", "start_day: -1").format(end1=9, day=0, start2=10, end2=29))},
         {P: phases()},
         [error(P, 8, 16, "schema-minimum", "phases[0].start_day: '-1' must be at least 0")]),
    Case("plan-phases-are-ordered",
         {P: phases(end1=9, start2=0, end2=5)},
         {P: phases(end1=9, start2=10, end2=15)},
         [error(P, 13, 16, "plan-days", "phases[1]: starts on day 0, inside the previous phase (which ends on day 9); "
                "phases are ordered and must not overlap")]),
    Case("plan-phase-ends-after-it-starts",
         {P: phases(start2=20, end2=15)},
         {P: phases(start2=20, end2=25)},
         [error(P, 14, 14, "plan-days", "phases[1]: end_day 15 is before start_day 20")]),
    Case("plan-phase-inside-length-days",
         {P: phases(end2=31)},
         {P: phases(end2=30)},  # day length_days is the plan's last day (day 30 of a 30-day plan)
         [error(P, 14, 14, "plan-days", "phases[1]: end_day 31 is past the plan's last day (30: a plan runs "
                "from day 0 to day length_days)")]),
    Case("plan-milestone-inside-length-days",
         {P: plan(extra="milestones:\n  - {day: 31, title: Live, success_criteria: Users search daily.}\n")},
         {P: plan(extra="milestones:\n  - {day: 30, title: Live, success_criteria: Users search daily.}\n")},
         [error(P, 13, 11, "plan-days", "milestones[0]: day 31 is past the plan's last day (30: a plan runs "
                "from day 0 to day length_days)")]),
    Case("plan-length-days-typed-short-is-one-slip",
         {P: plan(length_days="length_days: 3",
                  extra="milestones:\n  - {day: 30, title: Live, success_criteria: Users search daily.}\n")},
         {P: plan(length_days="length_days: 30",
                  extra="milestones:\n  - {day: 30, title: Live, success_criteria: Users search daily.}\n")},
         [error(P, 4, 14, "plan-days", "length_days: 3 is shorter than the plan: 1 phase and 1 milestone end after "
                "day 3, the last on day 30")]),
    Case("plan-phase-and-milestone-moved-past-the-end-are-each-said-where-they-are",  # trainer review, stop 42
         {P: phases(end2=40) + "milestones:\n  - {day: 10, title: Half, success_criteria: Half.}\n"
                               "  - {day: 20, title: Most, success_criteria: Most.}\n"
                               "  - {day: 31, title: Live, success_criteria: Users search daily.}\n"},
         {P: phases(end2=30) + "milestones:\n  - {day: 10, title: Half, success_criteria: Half.}\n"
                               "  - {day: 20, title: Most, success_criteria: Most.}\n"
                               "  - {day: 30, title: Live, success_criteria: Users search daily.}\n"},
         [error(P, 14, 14, "plan-days", "phases[1]: end_day 40 is past the plan's last day (30: a plan runs "
                "from day 0 to day length_days)"),
          error(P, 19, 11, "plan-days", "milestones[2]: day 31 is past the plan's last day (30: a plan runs "
                "from day 0 to day length_days)")]),
    Case("plan-length-days-is-a-number",
         {P: plan(length_days="length_days: 90 days")},
         {P: plan(length_days="length_days: 30")},
         [error(P, 4, 14, "schema-type", "length_days: expected a whole number, got text '90 days'")]),
    Case("plan-needs-a-phase",
         {P: PLAN.split("phases:")[0] + "phases: []\n"},
         {P: plan()},
         [error(P, 6, 9, "schema-minItems", "phases: needs at least 1 item")]),
    Case("plan-item-fields-of-another-type",  # silently ignored before: the meeting took no course
         {P: plan().replace(ITEM, "type: meeting, title: Kickoff, course: intro")},
         {P: plan().replace(ITEM, "type: meeting, title: Kickoff, note: With the sponsor")},
         [error(P, 11, 49, "plan-item", "phases[0].items[0].course: a meeting item does not use 'course', which "
                "would be ignored; remove it (a meeting item takes title and note)")]),
    Case("plan-item-type-values",
         {P: plan().replace(ITEM, "type: workshop, title: Kickoff")},
         {P: plan().replace(ITEM, "type: task, title: Kickoff, owner: ce")},
         [error(P, 11, 24, "schema-enum", "phases[0].items[0].type: 'workshop' is not one of course, track, task, "
                "meeting")]),
    Case("plan-course-item-names-a-course",
         {C: course(), P: plan().replace(ITEM, "type: course")},
         {C: course(), P: plan().replace(ITEM, "type: course, course: intro")},
         [error(P, 11, 9, "schema-required", "phases[0].items[0]: missing required field 'course'")]),
    Case("plan-task-item-has-an-owner",
         {P: plan().replace(ITEM, "type: task, title: Set up SSO")},
         {P: plan().replace(ITEM, "type: task, title: Set up SSO, owner: customer-admin")},
         [error(P, 11, 9, "schema-required", "phases[0].items[0]: missing required field 'owner'")]),
    Case("plan-course-items-exist",
         {C: course(), P: plan().replace(ITEM, "type: course, course: intr")},
         {C: course(), P: plan().replace(ITEM, "type: course, course: intro")},
         [error(P, 11, 40, "unknown-course", "phases[0].items[0].course: unknown course 'intr' (did you mean "
                "'intro'?)")]),
    Case("plan-track-items-exist",
         {C: course(), T: track(), P: plan().replace(ITEM, "type: track, track: admn")},
         {C: course(), T: track(), P: plan().replace(ITEM, "type: track, track: admin")},
         [error(P, 11, 38, "unknown-track", "phases[0].items[0].track: unknown track 'admn' (did you mean "
                "'admin'?)")]),
]

# ---------------------------------------------------------------------------------------------
# Layout: where content files live; symlinks are never read
# ---------------------------------------------------------------------------------------------

LAYOUT = [
    Case("course-folder-has-course-yml",
         {C: course(), "courses/empty/notes.md": "# Notes\n"},
         {C: course()},
         [error("courses/empty", 1, 1, "layout", "course folder has no course.yml; add one (syllabus new course ID) or "
                "remove the folder")]),
    Case("course-folder-is-not-a-symlink",
         {C: course(), "courses/copy": Link("courses/intro")},
         {C: course()},
         [error("courses/copy", 1, 1, "symlink", "symlinks are not allowed in courses/; replace it with a real "
                "folder")]),
    Case("course-yml-is-not-a-symlink",
         {C: course(), "courses/copy/course.yml": Link("courses/intro/course.yml")},
         {C: course(), "courses/copy/course.yml": course("copy")},
         [error("courses/copy/course.yml", 1, 1, "symlink", "course.yml must not be a symlink")]),
    Case("track-file-is-not-a-symlink",
         {C: course(), "elsewhere/admin.yml": track(), T: Link("elsewhere/admin.yml")},
         {C: course(), "elsewhere/admin.yml": track(), T: track()},
         [error(T, 1, 1, "symlink", "symlinks are not allowed in tracks/")]),
    Case("track-file-is-named-yml",
         {C: course(), "tracks/admin.yaml": track()},
         {C: course(), T: track()},
         [error("tracks/admin.yaml", 1, 1, "layout", "tracks/ holds tracks as <id>.yml files; rename it to "
                "admin.yml (it is not read)")]),  # a warning, and the site went without the track
    Case("plan-file-suffix-in-capitals-is-an-error",
         {C: course(), "plans/onboarding.YML": "id: onboarding\n"},
         {C: course()},
         [error("plans/onboarding.YML", 1, 1, "layout", "plans/ holds plans as <id>.yml files; rename it to "
                "onboarding.yml (it is not read)")]),
]

CASES = IDENTIFIERS + FIELDS + TAXONOMY + DATES + SESSIONS + FILES + REFERENCES + LEAKS + TRACKS + PLANS + LAYOUT


def write(catalog, files: Files, mkdocs: str | None) -> None:
    if mkdocs is not None:
        catalog.write("mkdocs.yml", mkdocs)
    for relative, content in files.items():
        if isinstance(content, Link):
            path = catalog.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(catalog.root / content.target, path)
        else:
            catalog.write(relative, content)


def validate(run_cli, catalog) -> tuple[int, list[Diagnostic]]:
    result = run_cli("validate", "--strict", "--format", "json", "-f", catalog.config)
    assert result.err == ""
    assert "Traceback" not in result.out
    found = [(d["path"], d["line"], d["column"], d["severity"], d["rule"], d["message"])
             for d in json.loads(result.out)]
    return result.code, found


def test_case_ids_are_unique():
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_rejects(catalog, run_cli, case):
    write(catalog, case.bad, case.mkdocs)
    code, found = validate(run_cli, catalog)
    assert found == case.expected
    assert code == 1  # errors, or warnings under --strict
    relaxed = run_cli("validate", "-f", catalog.config)
    assert relaxed.code == (1 if any(d[3] == "error" for d in case.expected) else 0)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_accepts(catalog, run_cli, case):
    write(catalog, case.good, case.good_mkdocs or case.mkdocs)
    assert validate(run_cli, catalog) == (0, [])


@pytest.mark.parametrize(("fields", "expected"), [
    ({"format": "virtual-itl"}, ("course.yml", "schema-enum")),  # not also "sessions are not shown", "no location"
    ({"duration_minutes": 0}, ("course.yml", "schema-minimum")),  # not also "less than its units' minutes"
], ids=["misspelt-format", "no-duration"])
def test_one_mistake_is_one_error(catalog, run_cli, fields, expected):
    """A misspelt format also warned that its sessions were not shown and had no location;
    a duration of 0, that it was shorter than the units."""
    data = course_data("intro", **{"format": "virtual-ilt", **fields},
                       sessions=[{"start": "2027-01-04T10:00", "timezone": "UTC"}],
                       units=[{"title": "One", "file": "one.md", "minutes": 30}])
    catalog.course("intro", data)
    catalog.write("courses/intro/one.md", "# One\n")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    found = [(d["path"].rpartition("/")[2], d["rule"]) for d in json.loads(result.out)]
    assert found == [expected], result.out


def test_a_course_yaml_is_one_error_at_it(catalog, run_cli):
    """course.yaml said 'course folder has no course.yml' with no hint, and every track, plan
    and link naming the course said it did not exist."""
    catalog.course("intro")
    (catalog.root / "courses/intro/course.yml").rename(catalog.root / "courses/intro/course.yaml")
    catalog.course("next", prerequisites=["intro"])
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    found = [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.out)]
    assert found == [("courses/intro/course.yaml", 1, 1, "a course is defined in course.yml; rename course.yaml "
                      "to course.yml")], result.out


def test_a_folder_or_a_pipe_by_a_content_files_name_is_said_to_be_one(catalog, run_cli):
    """A pipe named course.yml said "course folder has no course.yml", one named tracks/x.yml
    that tracks are .yml files, and a folder named index.md left the course page without its
    overview, silently (attack, stop 45): each is an error at the name."""
    catalog.course("piped")
    (catalog.root / "courses/piped/course.yml").unlink()
    os.mkfifo(catalog.root / "courses/piped/course.yml")
    catalog.course("foldered")
    (catalog.root / "courses/foldered/course.yml").unlink()
    (catalog.root / "courses/foldered/course.yml").mkdir()
    catalog.course("intro")
    catalog.write("courses/intro/index.md/readme.txt", "hi\n")
    (catalog.root / "tracks").mkdir()
    os.mkfifo(catalog.root / "tracks/path.yml")
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    found = sorted((d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.out))
    not_a_file = "not a regular file; replace it with a plain file"
    assert found == [("courses/foldered/course.yml", 1, 1, not_a_file),
                     ("courses/intro/index.md", 1, 1, not_a_file),  # was "cannot read file: Is a directory"
                     ("courses/piped/course.yml", 1, 1, not_a_file),
                     ("tracks/path.yml", 1, 1, not_a_file)], result.out


def test_the_sites_meetings_are_bounded_too(catalog, run_cli, monkeypatch):
    """200 courses at the per-course limit wrote 657 MB of calendars: said at the course that
    takes the site past its limit, counting what the calendars hold (not past sessions, nor a
    course the site leaves out; each meeting in its own file, the site's and its role's)."""
    monkeypatch.setattr("syllabus.core.rules.MAX_CALENDAR_EVENTS", 6)  # a-live's: 2 meetings x 3 files
    past = {"format": "virtual-ilt", "sessions": [{"start": f"2024-01-0{day}T10:00", "timezone": "UTC"}
                                                    for day in range(1, 10)]}
    catalog.course("a-past", course_data("a-past", **past))  # published in no calendar: not counted
    for course_id in ("a-live", "b-draft", "c-live"):
        cohorts = {"format": "virtual-ilt", "program_weeks": 1, "sessions": [
            {"start": f"2027-01-0{day}T10:00", "timezone": "UTC"} for day in (4, 5)]}
        catalog.course(course_id, course_data(course_id, **cohorts, **({"status": "draft"} if "draft" in course_id
                                                                      else {})))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    found = [(d["path"], d["rule"]) for d in json.loads(result.out) if d["severity"] == "error"]
    assert result.code == 1 and found == [("courses/c-live/course.yml", "sessions-count")], result.out
    # Each role's calendar holds the meetings again: 50 roles made 20,000 meetings 566 MB.
    monkeypatch.setattr("syllabus.core.rules.MAX_CALENDAR_EVENTS", 12)  # a-live's and c-live's
    assert run_cli("validate", "-f", catalog.config).code == 0
    catalog.course("a-live", course_data("a-live", roles=["admin", "end-user"], format="virtual-ilt", sessions=[
        {"start": f"2027-01-0{day}T10:00", "timezone": "UTC"} for day in (4, 5)]))  # 8 events now
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [(d["path"], d["rule"]) for d in json.loads(result.out) if d["severity"] == "error"] == [
        ("courses/c-live/course.yml", "sessions-count")], result.out


# ---------------------------------------------------------------------------------------------
# The compiled validator (jsonschema-rs) and the reference one (jsonschema) must agree
# ---------------------------------------------------------------------------------------------

AGREEMENT = [
    ("course", course_data("intro"), True),
    ("course", course_data("intro", id="abc\n"), False),
    ("course", course_data("intro", id="\nabc"), False),
    ("course", course_data("intro", id="abc-"), False),
    ("course", course_data("intro", id="a" * 64), True),
    ("course", course_data("intro", id="a" * 65), False),
    ("course", course_data("intro", id="ａｂｃ"), False),  # fullwidth letters are not [a-z]
    ("course", course_data("intro", id="abc٣"), False),  # an Arabic-Indic digit is not [0-9]
    ("course", course_data("intro", title="x" * 120), True),
    ("course", course_data("intro", title="x" * 121), False),
    ("course", course_data("intro", title="🎓" * 120), True),  # length counts characters, not UTF-16 units
    ("course", course_data("intro", title="🎓" * 121), False),
    ("course", course_data("intro", duration_minutes=True), False),
    ("course", course_data("intro", duration_minutes=60.0), True),
    ("course", course_data("intro", duration_minutes=60.5), False),
    ("course", course_data("intro", duration_minutes="60"), False),
    ("course", course_data("intro", level="expert"), False),
    ("course", course_data("intro", roles=[]), False),
    ("course", course_data("intro", owners=["@trainer\n"]), False),
    ("course", course_data("intro", owners=["jo@example.com"]), True),
    ("course", course_data("intro", owners=["a.b+c@x.co.jp", "@mona-cat_octo", "@org/team-1"]), True),
    ("course", course_data("intro", owners=["mailto:a@b.c"]), False),  # CODEOWNERS would print it
    ("course", course_data("intro", owners=["x@y.z#frag"]), False),
    ("course", course_data("intro", owners=["@jdoe_"]), False),
    ("course", course_data("intro", last_reviewed="2026-01-05\n"), False),
    ("course", course_data("intro", language="pt-BR"), True),
    ("course", course_data("intro", language="en\n"), False),
    ("course", course_data("intro", on_demand={"url": "https://x.example/v\n"}), False),
    ("course", course_data("intro", on_demand={"url": "javascript:alert(1)"}), False),
    ("course", course_data("intro", materials=[{"title": "D", "kind": "slides", "file": "d.pdf",
                                                "url": "https://x.example/"}]), False),
    ("course", course_data("intro", units=[{"title": "U", "file": "a.md\n"}]), False),
    ("course", course_data("intro", units=[{"title": "U", "file": "/a.md"}]), False),
    # File names as validate reads them (rules.SAFE_NAME per name, a path normalised).
    ("course", course_data("intro", units=[{"title": "U", "file": "units/./a.md"}]), True),
    ("course", course_data("intro", units=[{"title": "U", "file": "../other/a.md"}]), False),
    ("course", course_data("intro", units=[{"title": "U", "file": "my unit.md"}]), False),
    ("course", course_data("intro", units=[{"title": "U", "file": "a.md/"}]), False),  # was published empty
    ("course", course_data("intro", materials=[{"title": "D", "kind": "slides", "file": "handouts/d.pdf"}]), True),
    ("course", course_data("intro", materials=[{"title": "D", "kind": "slides", "file": "a/../../d.pdf"}]), False),
    ("course", course_data("intro", materials=[{"title": "D", "kind": "slides", "file": ".env"}]), False),
    ("course", course_data("intro", translations={"ja": "intro-ja"}), True),
    ("course", course_data("intro", translations={"ja\n": "intro-ja"}), False),
    ("course", course_data("intro", sessions=[{"start": "2026-12-03T16:00\n", "timezone": "UTC"}]), False),
    ("course", course_data("intro", **{"x-note": {"any": ["thing"]}}), True),
    ("course", course_data("intro", last_reviewed="2026-12-31"), True),
    ("course", course_data("intro", last_reviewed="2026-13-01"), False),  # editors underline what validate refuses
    ("course", course_data("intro", last_reviewed="2026-12-32"), False),
    ("course", course_data("intro", sessions=[{"start": "2026-12-03T23:59:59", "timezone": "UTC"}]), True),
    ("course", course_data("intro", sessions=[{"start": "2026-12-03T24:00", "timezone": "UTC"}]), False),
    ("course", course_data("intro", sessions=[{"start": "2026-12-03T09:60", "timezone": "UTC"}]), False),
    ("course", course_data("intro", visibility=None), False),
    ("track", track_data("admin", ["intro", {"course": "advanced", "required": False}]), True),
    ("track", track_data("admin", ["intro\n"]), False),
    ("track", track_data("admin", [{"course": "intro", "required": "no"}]), False),
    ("plan", plan_data("onboarding"), True),
    ("plan", plan_data("onboarding", length_days=0), False),
    ("plan", plan_data("onboarding", phases=[{"title": "S", "start_day": 0, "end_day": 9, "items": [
        {"day": 0, "type": "meeting", "title": "Kickoff", "course": "intro"}]}]), False),  # another type's field
    ("plan", plan_data("onboarding", phases=[{"title": "S", "start_day": 0, "end_day": 9, "items": [
        {"day": 0, "type": "course", "course": "intro", "note": "First"}]}]), True),
    ("plan", plan_data("onboarding", phases=[{"title": "S", "start_day": 10**20, "end_day": 10**20, "items": [
        {"day": 10**20, "type": "task", "title": "T"}]}]), False),
    ("plan", plan_data("onboarding", phases=[{"title": "S", "start_day": 0, "end_day": 9, "items": [
        {"day": 0, "type": "task", "title": "T"}]}]), False),
]


@pytest.fixture(scope="module")
def schema_set():
    return build_schema_set(Taxonomy.from_options({"roles": {"admin": {}, "end-user": {}},
                                                   "products": {"code-search": {}}}))


@pytest.mark.parametrize(("kind", "document", "valid"), AGREEMENT, ids=[f"{k}-{i}" for i, (k, _, _) in
                                                                         enumerate(AGREEMENT)])
def test_the_fast_and_reference_validators_agree(schema_set, kind, document, valid):
    fast = schema_set.fast[kind].is_valid(document)
    reference = not list(schema_set.reference(kind).iter_errors(document))
    assert (fast, reference) == (valid, valid)
    assert (schema_set.errors(kind, document) == []) is valid


def test_a_disagreement_fails_closed(schema_set, monkeypatch):
    """If the fast validator rejects what the reference accepts, the file is still rejected."""

    class AlwaysInvalid:
        def is_valid(self, data: Any) -> bool:
            return False

    assert schema_set.errors("course", course_data("intro")) == []
    monkeypatch.setitem(schema_set.fast, "course", AlwaysInvalid())
    [problem] = schema_set.errors("course", course_data("intro"))
    assert problem.message == "does not match the schema"


def test_the_fast_validator_is_the_compiled_one(schema_set):
    assert type(schema_set.fast["course"]).__module__.split(".")[0] == jsonschema_rs.__name__


@pytest.mark.parametrize("level", ["beginner", "expert"])
def test_the_reference_validator_is_loaded_only_for_a_failing_file(catalog, level: str) -> None:
    """jsonschema is a costly import: a valid catalog is checked without it."""
    catalog.course("intro", level=level)
    script = ("import sys; from syllabus.cli import main; code = main(['validate', '-f', sys.argv[1]]); "
              "print(code, 'jsonschema' in sys.modules, 'referencing' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(catalog.config)], capture_output=True, text=True,
                            check=True)
    loaded = level == "expert"
    assert result.stdout.split()[-3:] == [str(int(loaded)), str(loaded), str(loaded)]


def test_legacy_zone_names_are_rejected_because_they_ignore_daylight_saving(catalog, run_cli) -> None:
    catalog.course("live", format="virtual-ilt", sessions=[{"start": "2027-07-01T10:00", "timezone": "EST"}])
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    problems = [(d["path"], d["rule"]) for d in json.loads(result.out)]
    assert result.code == 1 and problems == [("courses/live/course.yml", "timezone")]
    catalog.course("live", format="virtual-ilt", sessions=[{"start": "2027-07-01T10:00", "timezone": "UTC"}])
    assert run_cli("validate", "-f", catalog.config).code == 0


@pytest.mark.parametrize("page", ["courses/intro/index.md", "docs/guide.md"])
def test_symlinked_markdown_pages_are_reported_not_followed(catalog, run_cli, tmp_path, page) -> None:
    catalog.course("intro")
    outside = tmp_path / "secret.md"
    outside.write_text("# Salaries\n", encoding="utf-8")
    os.symlink(outside, catalog.root / page)
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert result.code == 1
    assert [(d["path"], d["rule"]) for d in json.loads(result.out)] == [(page, "symlink")]


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(catalog, enabled: bool) -> None:
    """Loading pauses the collector for speed; the caller's setting comes back, even after an error."""
    catalog.course("intro", level="expert")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        result = load_catalog(load_options(catalog.config))
        assert gc.isenabled() is enabled
        assert result.report.has_errors
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("written", ["keystone-102/regex-search", "courses/keystone-102/course.yml",
                                     "keystone-102/index.md"])
def test_a_path_where_an_id_goes_suggests_the_id_it_names(written: str) -> None:
    """A plan item naming a unit ('keystone-102/regex-search') was offered 'keystone-101-ja',
    the id spelt most like the whole path."""
    ids = ["keystone-101", "keystone-101-ja", "keystone-102", "search-bootcamp-live"]
    assert did_you_mean(written, ids) == " (did you mean 'keystone-102'?)"


def test_a_material_that_cannot_be_read_is_reported_not_left_to_the_build(catalog, run_cli, monkeypatch) -> None:
    """validate said nothing; the build stopped halfway copying it, with a traceback and half a
    site. (Root reads every file: refused here as the operating system refuses another user.)"""
    catalog.course("intro", materials=[{"title": "Deck", "kind": "slides", "file": "deck.pdf"}])
    catalog.write("courses/intro/deck.pdf", b"%PDF-1.7\n")
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: not str(path).endswith("deck.pdf") and access(path, mode))
    result = run_cli("validate", "--format", "json", "-f", catalog.config)
    assert [d["message"] for d in json.loads(result.out)] == [
        "materials[0].file: 'deck.pdf' cannot be read (Permission denied); make it readable"]
