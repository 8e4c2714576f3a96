"""The JSON Schemas, specialised with the catalog's taxonomy, in two validators.

The schemas ship in the package (``syllabus/schemas``); ``common.schema.json`` declares the
taxonomy hooks ``role``, ``level``, ``format``, ``product`` and ``owner_role`` as plain strings, and each
catalog's declared values are put in as an ``enum``. A compiled validator (jsonschema-rs)
answers "is this file valid?" quickly for the common all-valid case; the reference
validator (jsonschema) explains the files that fail, with paths we can position; it is
imported and built only when a file fails (jsonschema and referencing are a noticeable share
of a small site's build to import).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .model import ITEM_KINDS
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    import jsonschema

_HOOKS = {"role": "roles", "level": "levels", "format": "formats", "product": "products", "owner_role": "task_owners"}


@cache
def packaged_schemas() -> dict[str, dict[str, Any]]:
    """The contract's schemas as shipped: name (``common``, ``course``, ...) to document."""
    folder = resources.files("syllabus") / "schemas"
    return {
        name: json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in ("common", *ITEM_KINDS)
    }


def specialised_schemas(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """The schemas with each taxonomy hook narrowed to the values the catalog declares."""
    schemas = copy.deepcopy(packaged_schemas())
    defs = schemas["common"]["$defs"]
    for hook, kind in _HOOKS.items():
        terms = getattr(taxonomy, kind)
        definition = defs[hook]
        definition["enum"] = list(terms)
        # In the description, not a markdownDescription: an unknown keyword stops strict
        # validators (ajv's default mode refuses to compile the schema).
        lines = [f"- {key}: {term.title}" for key, term in terms.items()]
        definition["description"] = definition.get("description", "") + "\n\n" + "\n".join(lines)
    return schemas


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` with ECMA-262 semantics, as jsonschema-rs (and ajv) apply it, so the two
    validators never disagree: ``$`` is the very end (Python's would also match before a
    final newline), and the classes ``\\s``, ``\\d``, ``\\w`` are ECMA's (Python's ``\\s``
    leaves out U+FEFF, so a title of just that passed one validator and not the other)."""
    import jsonschema

    if isinstance(instance, str) and not re.search(_ecma_to_python(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# ECMA-262's WhiteSpace and LineTerminator, its digits and its word characters.
_ECMA_CLASSES = {"s": "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff",
                 "d": "0-9", "w": "A-Za-z0-9_"}


@cache
def _ecma_to_python(pattern: str) -> str:
    """The Python regular expression that matches what ECMA-262 reads ``pattern`` to match."""
    out, in_class, index = [], False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            letter = pattern[index + 1]
            if letter in _ECMA_CLASSES:
                out.append(_ECMA_CLASSES[letter] if in_class else f"[{_ECMA_CLASSES[letter]}]")
            elif letter.lower() in _ECMA_CLASSES and not in_class:
                out.append(f"[^{_ECMA_CLASSES[letter.lower()]}]")
            else:
                out.append(pattern[index:index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append("\\Z" if char == "$" and not in_class else char)
        index += 1
    return "".join(out)


@dataclass(frozen=True)
class SchemaSet:
    """One fast and one explaining validator per kind of file."""

    schemas: dict[str, dict[str, Any]]
    fast: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)  # the taxonomy's titles, by the id each names
    _reference: dict[str, Any] = field(default_factory=dict)

    def errors(self, kind: str, data: Any) -> list[jsonschema.ValidationError]:
        """Schema errors for ``data`` (empty when valid), cheaply for valid data."""
        if self.fast[kind].is_valid(data):
            return []
        import jsonschema

        errors = list(self.reference(kind).iter_errors(data))
        # Fail closed if the two validators ever disagree: never accept what one rejects.
        return errors or [jsonschema.ValidationError("does not match the schema", validator="schema")]

    def reference(self, kind: str) -> Any:
        """The explaining validator for ``kind``, built the first time a file fails."""
        if not self._reference:
            import jsonschema
            from jsonschema import validators
            from referencing import Registry, Resource

            registry: Registry = Registry().with_resources(
                (schema["$id"], Resource.from_contents(schema)) for schema in self.schemas.values()
            )
            validator = validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})
            self._reference.update({name: validator(self.schemas[name], registry=registry) for name in ITEM_KINDS})
        return self._reference[kind]


def build_schema_set(taxonomy: Taxonomy) -> SchemaSet:
    schemas = specialised_schemas(taxonomy)
    fast_registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in schemas.values()])
    return SchemaSet(
        schemas=schemas,
        fast={kind: jsonschema_rs.validator_for(schemas[kind], registry=fast_registry) for kind in ITEM_KINDS},
        titles={term.title: term_id for kind in _HOOKS.values() for term_id, term in getattr(taxonomy, kind).items()},
    )
