"""Turn JSON Schema errors into one-line messages for trainers, each with its YAML path.

The reference validator's own messages ("Additional properties are not allowed ...") are
written for developers; here each keyword gets a sentence that says what is wrong, what is
allowed and, for near-misses, what was probably meant.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .yamlhints import in_quotes
from .yamlsafe import Path_

if TYPE_CHECKING:
    import jsonschema

_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping of fields", "null": "empty",
}  # fmt: skip


@dataclass(frozen=True)
class SchemaMessage:
    path: Path_
    message: str
    at_key: bool = False
    names: str | None = None  # the field an unknown key (at ``path``) most likely meant, or a missing one is


def without_knock_ons(messages: list[SchemaMessage]) -> list[SchemaMessage]:
    """The messages, less "missing required field 'level'" where an unknown key beside it
    ('levl') was most likely that field: its message says so."""
    meant = {(message.path[:-1], message.names) for message in messages if message.at_key and message.names}
    return [message for message in messages
            if message.at_key or message.names is None or (message.path, message.names) not in meant]


# The schemas' pattern for text that must say something: a character that is not a space
# (\s) nor one of Unicode's default-ignorable code points, which fonts draw as nothing (soft
# hyphen, Hangul fillers, variation selectors, zero-width and format characters), nor the
# blank Braille pattern U+2800; all within the BMP, written as every regex dialect reads them
# (ECMA-262 for editors, Python, Rust).
NOT_BLANK = ("[^\\s\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f"
             "\\u202a-\\u202e\\u2060-\\u206f\\u2800\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufff8]")
BLANK_MESSAGE = "must not be blank (it holds only spaces or invisible characters)"
_SAYS_SOMETHING = re.compile(NOT_BLANK)


def blank(text: str) -> bool:
    """Whether ``text`` would show nothing, by the schemas' own pattern (for text the schemas
    do not see: the taxonomy's titles in mkdocs.yml)."""
    return _SAYS_SOMETHING.search(text) is None


def closest(value: Any, candidates: Iterable[str]) -> str | None:
    """The candidate ``value`` was most likely meant to be, if one is close enough; letter
    case aside first (``WELCOME.md`` means ``welcome.md``, not ``README.md``)."""
    if not isinstance(value, str):
        return None
    folded = {candidate.casefold(): candidate for candidate in reversed(list(candidates))}  # the first wins
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


# Other words people write for the schemas' values, by the value they mean; offered only
# where that value is allowed (a site whose levels are other words gets none for them).
_SAID_AS = {
    "full": ("sold out", "booked", "booked out", "fully booked", "waitlist", "waitlisted", "no seats"),
    "scheduled": ("open", "confirmed", "planned", "upcoming", "booking"),
    "cancelled": ("called off", "dropped"),
    "active": ("published", "live", "released", "ga", "current"),
    "retired": ("archived", "obsolete", "removed", "withdrawn", "discontinued"),
    "beta": ("preview", "alpha", "experimental", "pilot"),
    "draft": ("wip", "work in progress", "in progress", "unpublished"),
    "internal": ("private", "restricted", "hidden", "staff", "employees"),
    "public": ("external", "customers", "everyone"),
    "beginner": ("basic", "introductory", "intro", "novice", "entry", "easy", "foundation"),
    "intermediate": ("medium", "mid", "moderate"),
    "advanced": ("expert", "hard", "master", "pro"),
    "recording": ("video", "webinar recording", "screencast"),
    "slides": ("deck", "presentation", "ppt", "pptx", "keynote"),
    "handout": ("pdf", "document", "doc", "worksheet"),
    "lab": ("exercise", "lab guide", "workbook", "hands-on"),
    "cheat-sheet": ("cheatsheet", "quick reference", "reference card"),
    "email-template": ("email", "mail"),
    "meeting": ("call", "sync", "kickoff", "check-in"),
    "task": ("todo", "action", "step", "to do"),
    "sat-sun": ("saturday-sunday", "sat/sun", "sat,sun", "weekend"),
    "fri-sat": ("friday-saturday", "fri/sat", "fri,sat"),
}


def _as_said(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


_MEANT = {_as_said(said): value for value, words in _SAID_AS.items() for said in words}


def _meant_value(value: Any, allowed: Iterable[str], titles: Mapping[str, str]) -> str | None:
    """The allowed value another word for it names ("sold out" -> "full") or whose title it is
    ("Administrator" -> "admin"), else the closest spelling."""
    allowed = list(allowed)
    if isinstance(value, str):
        titled = {_as_said(title): value_id for title, value_id in titles.items()}
        for meant in (_MEANT.get(_as_said(value)), titled.get(_as_said(value))):
            if meant in allowed:
                return meant
        # A path where an id goes ("keystone-102/regex-search", "courses/intro/course.yml"):
        # the id it names, rather than the id spelt most like the whole path.
        named = [part.removesuffix(".md").removesuffix(".yml") for part in value.split("/")]
        if len(named) > 1 and (meant := next((part for part in named if part in allowed), None)):
            return meant
    return closest(value, allowed)


def suggested(meant: str | None) -> str:
    """`` (did you mean 'x'?)`` for what a value was meant to be, if known, else an empty string:
    every message's suggestion reads alike."""
    return f" (did you mean '{meant}'?)" if meant else ""


def did_you_mean(value: Any, candidates: Iterable[str], titles: Mapping[str, str] | None = None) -> str:
    """:func:`suggested` for the candidate another word names, the one ``titles`` (title ->
    value) names, or a close match."""
    return suggested(_meant_value(value, candidates, titles or {}))


def dotted(path: Path_) -> str:
    """``sections[0].courses[2]``: the form trainers see in messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def quoted(text: str) -> str:
    """``'text'`` for a message, cut short if long: a message is one line a person reads; what
    in it looks like something else (a non-breaking space, full-width digits) is named."""
    shown = f"'{text}'" if len(text) <= 60 else f"'{text[:57]}...'"
    return shown + _lookalikes(text)


def _lookalikes(text: str) -> str:
    """`` (it holds ...)`` naming characters of ``text`` that look like others or like
    nothing; full-width Latin letters and digits are shown as typed half-width."""
    unseen = sorted({character for character in text if (unicodedata.category(character) in ("Cf", "Zs")
                                                           and character != " ")})
    notes = [f"{unicodedata.name(c, 'an invisible character').lower()} (U+{ord(c):04X})" for c in unseen]
    if any(character.isalnum() and "\uff10" <= character <= "\uff5a" for character in text):
        notes.append(f"full-width characters: typed half-width it reads '{unicodedata.normalize('NFKC', text)}'")
    if any(character in "\u2018\u2019\u201c\u201d" for character in text):
        notes.append("curly quotes, which YAML reads as text: use straight ones")
    return f" (it holds {'; '.join(notes)})" if notes else ""


def _quote(value: Any, source: str | None) -> str:
    if source is not None:
        return quoted(source)
    if isinstance(value, str):
        return quoted(value)
    return _type_of(value)


def _expected(schema: dict[str, Any]) -> str:
    types = schema.get("type")
    names = [types] if isinstance(types, str) else list(types or [])
    return " or ".join(_TYPE_NAMES.get(t, t) for t in names)


def _example(schema: dict[str, Any], *, every: bool = False) -> str:
    """The schema's first example (``every``: each of them) as a hint."""
    examples = schema.get("examples") or []
    shown = examples if every else examples[:1]
    return f" (e.g. {' or '.join(quoted(str(example)) for example in shown)})" if shown else ""


_HOURS_MINUTES = re.compile(r"(\d{1,3}):([0-5]\d)")  # "1:30", for a field counted in minutes
# "90 minutes", "1h30", "1.5 hours", "2 h 15 min", "45分": a length in words, for such a field.
_HOURS = r"(?:h|hrs?|hours?|時間)"
_MINUTES = r"(?:m|mins?|minutes?|分)"
_IN_WORDS = re.compile(rf"(?:(\d{{1,3}}(?:[.,]\d+)?)\s*{_HOURS})?\s*(?:(\d{{1,4}})\s*{_MINUTES}?)?", re.IGNORECASE)
_ISO_DURATION = re.compile(r"PT(?:(\d{1,3})H)?(?:(\d{1,4})M)?", re.IGNORECASE)  # "PT1H30M", as calendars write it
_AFTER_USER_NAME = re.compile(r"https?://[^\s/?#\\]*@([^\s/?#\\@]+)")  # https://academy.example@evil.example/
_BULLET = re.compile(r"[\u2022\u30fb*]\s")  # "• item", "・ item", "* item": a list as word processors write it


def _type_message(error: jsonschema.ValidationError, source: str | None) -> str:
    value, expected = error.instance, _expected(error.schema)
    if expected == "text" and isinstance(value, list) and value and isinstance(value[0], str):
        return f"takes one value, not a list; write one of them, such as '{value[0]}'"
    if expected == "text" and source is not None:
        return f"{_quote(value, source)} is {_type_of(value)}; quote it if you meant text"
    if expected == "text" and (text := _text_split_by_colon(value)):
        return (f"expected text, got a mapping: the colon in it made YAML read '{next(iter(value))}' as the name "
                f"of a field; put the whole text in quotes: {in_quotes(text)}")
    if expected == "a list" and value is None:  # "tags:", "tags: null"
        return "expected a list, got nothing; write one '- item' per line under it, or remove the key"
    if expected == "a list" and isinstance(value, str) and _BULLET.match(value):
        return (f"expected a list, got the text {_quote(value, source)}: YAML starts each item with '-' and a "
                f"space, not '{value[0]}'; write one '- item' per line")
    if expected == "a list" and not isinstance(value, (list, dict)):
        items = ", ".join(_flow_item(item.strip()) for item in str(value).split(",")) if isinstance(value, str) \
            else source or value
        return f"expected a list, got {_quote(value, source)}; write [{items}] or one '- item' per line"
    if expected in ("a whole number", "a number") and isinstance(value, float) and math.isfinite(value):
        return f"{_quote(value, source)} must be a whole number"
    if expected == "a whole number" and isinstance(value, str) and re.fullmatch(r"[1-9]\d*|0", value.strip()):
        return f"expected a whole number, got the text {_quote(value, source)}; remove the quotes around it"
    field = error.absolute_path[-1] if error.absolute_path else ""
    clock = _HOURS_MINUTES.fullmatch(value.strip()) if isinstance(value, str) else None
    if expected == "a whole number" and isinstance(field, str) and field.endswith("minutes") and clock:
        return f"{_quote(value, source)} is a time, not minutes; write {int(clock[1]) * 60 + int(clock[2])}"
    if expected == "a whole number" and isinstance(field, str) and field.endswith("minutes") and \
            (minutes := _minutes_in_words(value)) is not None:
        return f"{_quote(value, source)} is text; write the number of minutes alone: {minutes}"
    shown = _quote(value, source) if source is not None or isinstance(value, (str, int, float)) else ""
    return f"expected {expected}, got {_type_of(value)} {shown if value is not None else ''}".rstrip()


def _minutes_in_words(value: Any) -> int | None:
    """The minutes a length written in words says ("1h30": 90, ISO 8601's "PT1H30M" too), if
    it reads as one."""
    if isinstance(value, str) and (iso := _ISO_DURATION.fullmatch(value.strip())) and any(iso.groups()):
        return (int(iso[1] or 0) * 60 + int(iso[2] or 0)) or None
    words = _IN_WORDS.fullmatch(value.strip()) if isinstance(value, str) else None
    if words is None or not any(words.groups()) or not re.search(r"\D", value.strip()):
        return None
    hours = float(words[1].replace(",", ".")) if words[1] else 0.0
    return (round(hours * 60) + int(words[2] or 0)) or None  # "0 min": the schema's minimum says more


def _text_split_by_colon(value: Any) -> str | None:
    """The text a one-field mapping was written as (``- Deploy: the chart``), if it reads as one."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    [(key, rest)] = value.items()
    if not isinstance(key, str) or not isinstance(rest, (str, type(None))):  # 5.10 read as 5.1: not as written
        return None
    return f"{key}: {rest}" if rest is not None else f"{key}:"


# What YAML reads specially at the start of an unquoted item in [...] (or anywhere in it).
_FLOW_SPECIAL_START = tuple("@`!&*|>%'\"#{[-?:,")
_FLOW_SPECIAL = (": ", " #", ",", "[", "]", "{", "}")


def _flow_item(text: str) -> str:
    """``text`` as an item of a YAML ``[...]`` list: quoted where YAML would not read it as text."""
    if text.startswith(_FLOW_SPECIAL_START) or any(mark in text for mark in _FLOW_SPECIAL) or not text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def messages_for(
    error: jsonschema.ValidationError, sources: dict[Path_, str], titles: Mapping[str, str] | None = None
) -> Iterator[SchemaMessage]:
    """One or more messages for a schema error (an unknown-keys error names each key); a
    mapping's key that breaks a rule for keys (a translation's language tag) is placed at itself.
    ``titles`` (the taxonomy's, by the id each names) let a title written for an id suggest it."""
    messages = _messages_for(error, sources, titles or {})
    if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
        return (replace(message, path=(*message.path, error.instance), at_key=True) for message in messages)
    return messages


@dataclass(frozen=True)
class _Failure:
    """One schema error as every keyword's message reads it: where it is (``path``), the
    schema it broke (a mapping, even where the validator's is not) and the value as the file
    wrote it (``source``), found once rather than in each message's rule."""
    error: jsonschema.ValidationError
    path: Path_
    schema: dict[str, Any]
    source: str | None

    @property
    def value(self) -> Any:
        return self.error.instance

    def saying(self, text: str) -> SchemaMessage:
        """The message ``text`` at the error's place, after its path as trainers see it: how
        most keywords' messages read."""
        return SchemaMessage(self.path, f"{dotted(self.path)}: {text}")


def _messages_for(
    error: jsonschema.ValidationError, sources: dict[Path_, str], titles: Mapping[str, str]
) -> Iterator[SchemaMessage]:
    """The messages for ``error``, one rule per keyword; a keyword whose value is not what the
    rule reads (an unknown key of a list, ``anyOf`` with no branch errors) gets the
    validator's own message."""
    path: Path_ = tuple(error.absolute_path)
    failure = _Failure(error, path, error.schema if isinstance(error.schema, dict) else {}, sources.get(path))
    keyword = error.validator
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        yield from _unknown_fields(failure)
    elif keyword == "required":
        yield _missing_field(failure)
    elif keyword == "enum":
        yield from _not_allowed(failure, titles)
    elif keyword == "const":
        yield failure.saying(f"must be {error.validator_value!r}")
    elif keyword == "type":
        yield failure.saying(_type_message(error, failure.source))
    elif keyword == "pattern":
        yield from _pattern_messages(failure)
    elif keyword in _LIMITS:
        yield _past_limit(failure)
    elif keyword == "uniqueItems":
        yield _duplicates(failure)
    elif keyword == "oneOf" and not error.context:  # valid under more than one branch
        yield _more_than_one_form(failure)
    elif keyword in ("anyOf", "oneOf") and error.context:
        yield from _no_form_fits(failure, sources, titles)
    elif keyword == "not":
        yield failure.saying(failure.schema.get("description") or error.message)
    else:
        yield failure.saying(error.message)


def _unknown_fields(failure: _Failure) -> Iterator[SchemaMessage]:
    """A message per unknown key, each placed at the key itself, with the field it most
    likely meant (and whether that one is required) or else the fields allowed."""
    path, schema = failure.path, failure.schema
    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    for key in failure.value:
        if key in known or any(re.search(p, key) for p in patterns):
            continue
        match = closest(key, known)
        missing = match is not None and match not in failure.value and match in schema.get("required", ())
        hint = (f" (did you mean '{match}'?{' it is required' if missing else ''})" if match
                else f"; allowed: {', '.join(known)}")
        yield SchemaMessage((*path, key), f"{dotted((*path, key))}: unknown field '{key}'{hint}",
                            at_key=True, names=match if missing else None)


def _missing_field(failure: _Failure) -> SchemaMessage:
    """A missing required field, with what it is for (its description's first sentence); it
    names the field, so an unknown key that meant it can stand for it (:func:`without_knock_ons`)."""
    missing = re.match(r"'(.*)' is a required property", failure.error.message)
    name = missing.group(1) if missing else str(failure.error.validator_value)
    field_schema = failure.schema.get("properties", {}).get(name, {})
    description = str(field_schema.get("description", "")).split(". ")[0].rstrip(".")
    hint = f" ({description})" if description else ""
    return SchemaMessage(failure.path, f"{dotted(failure.path)}: missing required field '{name}'{hint}"
                         .replace("(file): ", ""), names=name)


def _not_allowed(failure: _Failure, titles: Mapping[str, str]) -> Iterator[SchemaMessage]:
    """A value that is not one of the allowed ones: which are, and which one it most likely
    meant (another word for it, a title of it, a close spelling)."""
    value, source = failure.value, failure.source
    if failure.schema.get("type") == "string" and not isinstance(value, str):
        return  # a list or a number where one word goes: the type error says so
    allowed = [str(v) for v in failure.error.validator_value]
    if not allowed:  # a taxonomy kind the catalog does not declare (e.g. no products)
        what = str(failure.schema.get("title") or "value").lower()
        yield failure.saying(f"{_quote(value, source)} is not declared; mkdocs.yml declares "
                             f"no {what} values (add them to the syllabus plugin options)")
        return
    yield failure.saying(f"{_quote(value, source)} is not one of {', '.join(allowed)}"
                         f"{did_you_mean(value, allowed, titles)}")


def _pattern_messages(failure: _Failure) -> Iterator[SchemaMessage]:
    """Text that does not match its pattern: blank text, an address that leads elsewhere than
    it reads, or else what the value should look like."""
    error, value, source = failure.error, failure.value, failure.source
    if error.validator_value == NOT_BLANK:
        if value:  # "" is reported once, by minLength
            yield failure.saying(BLANK_MESSAGE)
        return
    if isinstance(value, str) and (host := _AFTER_USER_NAME.match(value)):
        yield failure.saying(f"{_quote(value, source)} has a user name before its host, so it leads to "
                             f"{host.group(1)}; write the address without it")
        return
    what = failure.schema.get("title") or "value"
    # "Intro.MD", "Admin-Guide": only the letter case is wrong; say so, and how it reads.
    lower = isinstance(value, str) and value != value.lower() and re.search(error.validator_value, value.lower())
    yield failure.saying(f"{_quote(value, source)} is not a valid {what.lower()}{_example(failure.schema)}"
                         + (f"; write it in lower case: '{value.lower()}'" if lower else ""))


# Each keyword that limits a value, and which way: "at least" or "at most".
_LIMITS = {"minLength": "at least", "maxLength": "at most", "minimum": "at least", "maximum": "at most",
           "exclusiveMinimum": "at least", "exclusiveMaximum": "at most", "minItems": "at least", "maxItems": "at most"}


def _past_limit(failure: _Failure) -> SchemaMessage:
    """A value past one of the schema's limits (its length, its size, its number of items),
    said as a trainer counts it."""
    keyword, limit, value = failure.error.validator, failure.error.validator_value, failure.value
    if keyword in ("minLength", "maxLength"):
        return failure.saying("must not be empty" if keyword == "minLength" and limit == 1 else (
            f"is {len(value)} characters; at most {limit} allowed" if keyword == "maxLength"
            else f"must be at least {limit} characters"
        ))
    if keyword in ("minItems", "maxItems"):
        return failure.saying(f"needs {_LIMITS[keyword]} {limit} item{'s' if limit != 1 else ''}")
    return failure.saying(f"{_quote(value, failure.source)} must be {_LIMITS[keyword]} {limit}")


def _duplicates(failure: _Failure) -> SchemaMessage:
    """A list that repeats an item: which items, each named once."""
    seen: set[str] = set()
    duplicates = list(dict.fromkeys(v for v in map(repr, failure.value) if v in seen or seen.add(v)))  # each once
    return failure.saying(f"lists {', '.join(duplicates) or 'an item'} more than once")


def _more_than_one_form(failure: _Failure) -> SchemaMessage:
    """A value that fits more than one of the forms only one of which may be given: most
    often both of two fields that exclude each other."""
    keys = [f"'{k}'" for s in failure.error.validator_value if isinstance(s, dict) for k in s.get("required", ())]
    return failure.saying(f"give {keys[0]} or {keys[1]}, not both" if len(keys) == 2
                          else "matches more than one allowed form")


def _no_form_fits(failure: _Failure, sources: dict[Path_, str], titles: Mapping[str, str]) -> Iterator[SchemaMessage]:
    """A value no allowed form takes. If only one form fits the value's shape (text or
    mapping), that form's problems (a mistyped key, a 'yes' for true) say more than the list
    of forms; otherwise the allowed forms are named."""
    error, value, source = failure.error, failure.value, failure.source
    fitting = [e for e in error.context if not (e.validator == "type" and tuple(e.absolute_path) == failure.path)]
    if fitting and len({e.relative_schema_path[0] for e in fitting}) == 1:
        for branch_error in fitting:
            yield from messages_for(branch_error, sources, titles)
        return
    options = [s.get("title") or _expected(s) for s in error.validator_value if isinstance(s, dict)]
    missing = [e.validator_value for e in error.context if e.validator == "required"]
    if isinstance(value, dict) and not value and missing:  # "on_demand: {}": which field it needs
        keys = [f"'{key}'" for fields in missing for key in fields]
        yield failure.saying(f"give {' or '.join(keys)}")
        return
    got = f", got {_quote(value, source)}" if isinstance(value, (str, int, float)) else ""
    yield failure.saying(f"expected {' or '.join(o for o in options if o)}{got}"
                         f"{_example(failure.schema, every=True)}")
