"""The organisation's vocabulary (roles, levels, formats, products, plan owner roles), declared
in mkdocs.yml.

Values are data, never hard-coded in templates or checks; the defaults below only let a
minimal catalog omit them. A title or description is text, or the same text in several
languages (``{en: Administrator, ja: 管理者}``), of which the site's language picks one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from .messages import ENGLISH, REFERENCE_LANGUAGE, Messages

LocalisedText = str | Mapping[str, str]  # plain, or by BCP 47 language tag


def in_language(text: LocalisedText | None, language: str) -> str:
    """The text for ``language``: its own, its base language's (``pt`` for ``pt-BR``),
    English's, else the first one given."""
    if not isinstance(text, Mapping):
        return text or ""
    by_tag = {str(tag).lower(): value for tag, value in text.items()}
    for tag in (language.lower(), language.lower().split("-")[0], REFERENCE_LANGUAGE):
        if by_tag.get(tag):
            return by_tag[tag]
    return next(iter(by_tag.values()), "")


@dataclass(frozen=True)
class Term:
    """One taxonomy value: its id, display title, optional description and flags."""

    id: str
    title: str
    description: str = ""
    live: bool = False  # formats only: delivered at a scheduled time by an instructor
    online: bool = False  # live formats only: attended over video rather than in a room

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title}
        if self.description:
            data["description"] = self.description
        if self.live:
            data["live"] = True
        if self.online:
            data["online"] = True
        return data


# The terms a catalog gets for a kind it leaves out; their titles are texts of the message
# catalog (``taxonomy.<kind>.<id>`` in syllabus/locales/), so they follow the site's language.
DEFAULT_ROLES: dict[str, dict[str, Any]] = {"admin": {}, "end-user": {}, "power-user": {}, "manager": {}}
DEFAULT_LEVELS: dict[str, dict[str, Any]] = {"beginner": {}, "intermediate": {}, "advanced": {}}
DEFAULT_FORMATS: dict[str, dict[str, Any]] = {
    "self-paced": {},
    "virtual-ilt": {"live": True, "online": True},
    "in-person": {"live": True},
}
# Who does a plan task; plans print the title ("Customer engineer"), never the id.
DEFAULT_TASK_OWNERS: dict[str, dict[str, Any]] = {
    "ce": {}, "customer-admin": {}, "customer-champion": {}, "customer-sponsor": {},
}

TERM_KINDS = ("roles", "levels", "formats", "products", "task_owners")


@dataclass(frozen=True)
class Taxonomy:
    """Ordered term maps; ``levels`` is ordered lowest first."""

    roles: dict[str, Term] = field(default_factory=dict)
    levels: dict[str, Term] = field(default_factory=dict)
    formats: dict[str, Term] = field(default_factory=dict)
    products: dict[str, Term] = field(default_factory=dict)
    task_owners: dict[str, Term] = field(default_factory=dict)  # plan task owner roles

    @classmethod
    def from_options(cls, options: Mapping[str, Any], messages: Messages = ENGLISH) -> Taxonomy:
        """Build from the plugin options, titles and descriptions in the language of
        ``messages`` (the site's); a missing kind falls back to its defaults, titled by
        ``messages``.

        The options are assumed to be shape-checked already (see ``config.py``).
        """
        defaults = {"roles": DEFAULT_ROLES, "levels": DEFAULT_LEVELS, "formats": DEFAULT_FORMATS,
                    "task_owners": DEFAULT_TASK_OWNERS}

        language = messages.language

        def terms(kind: str) -> dict[str, Term]:
            raw = options.get(kind)
            if raw is None:
                raw = {key: {"title": messages.text(f"taxonomy.{kind}.{key}"), **flags}
                       for key, flags in defaults.get(kind, {}).items()}
            return {
                key: Term(
                    id=key,
                    title=in_language((value or {}).get("title"), language) or key,
                    description=in_language((value or {}).get("description"), language),
                    live=bool((value or {}).get("live", False)),
                    online=bool((value or {}).get("online", False)),
                )
                for key, value in raw.items()
            }

        return cls(**{kind: terms(kind) for kind in TERM_KINDS})

    def only(self, used: Mapping[str, Collection[str]]) -> Taxonomy:
        """The terms ``used`` names per kind, in the taxonomy's order."""
        return Taxonomy(**{kind: {key: term for key, term in getattr(self, kind).items() if key in used.get(kind, ())}
                           for kind in TERM_KINDS})

    def title(self, kind: str, key: str) -> str:
        term = getattr(self, kind).get(key)
        return term.title if term else key

    def is_live(self, format_id: str) -> bool:
        term = self.formats.get(format_id)
        return bool(term and term.live)

    def is_online(self, format_id: str) -> bool:
        term = self.formats.get(format_id)
        return bool(term and term.online)

    def as_json(self) -> dict[str, dict[str, Any]]:
        """Each kind's terms by id, each with its ``order`` in the kind (levels lowest first),
        which keys sorted by id would lose."""
        return {kind: {k: {**t.as_json(), "order": order} for order, (k, t) in enumerate(getattr(self, kind).items())}
                for kind in TERM_KINDS}
