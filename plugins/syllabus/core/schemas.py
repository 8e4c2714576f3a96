"""The JSON Schemas, specialised with the catalog's taxonomy, in two validators.

The schemas ship in the package (``syllabus/schemas``); ``common.schema.json`` declares the
taxonomy hooks ``role``, ``level``, ``format`` and ``product`` as plain strings, and each
catalog's declared values are put in as an ``enum``. A compiled validator (jsonschema-rs)
answers "is this file valid?" quickly for the common all-valid case; the reference
validator (jsonschema) explains the files that fail, with paths we can position.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import jsonschema_rs
from jsonschema import validators
from referencing import Registry, Resource

from .taxonomy import Taxonomy

KINDS = ("course", "track", "plan")
_HOOKS = {"role": "roles", "level": "levels", "format": "formats", "product": "products"}


@cache
def packaged_schemas() -> dict[str, dict[str, Any]]:
    """The contract's schemas as shipped: name (``common``, ``course``, ...) to document."""
    folder = resources.files("syllabus") / "schemas"
    return {
        name: json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in ("common", *KINDS)
    }


def specialised_schemas(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """The schemas with each taxonomy hook narrowed to the values the catalog declares."""
    schemas = copy.deepcopy(packaged_schemas())
    defs = schemas["common"]["$defs"]
    for hook, kind in _HOOKS.items():
        terms = getattr(taxonomy, kind)
        definition = defs[hook]
        definition["enum"] = list(terms)
        lines = [f"- `{key}`: {term.title}" for key, term in terms.items()]
        definition["markdownDescription"] = definition.get("description", "") + "\n\n" + "\n".join(lines)
    return schemas


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    """``pattern`` with ECMA-262 semantics, as jsonschema-rs applies it: ``$`` is the very end
    (Python's ``$`` would also match before a final newline, so the validators disagreed)."""
    if isinstance(instance, str) and not re.search(_ecma_to_python(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_to_python(pattern: str) -> str:
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern)


_ReferenceValidator = validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})


@dataclass(frozen=True)
class SchemaSet:
    """One fast and one explaining validator per kind of file."""

    fast: dict[str, Any]
    reference: dict[str, Any]

    def errors(self, kind: str, data: Any) -> list[jsonschema.ValidationError]:
        """Schema errors for ``data`` (empty when valid), cheaply for valid data."""
        if self.fast[kind].is_valid(data):
            return []
        errors = list(self.reference[kind].iter_errors(data))
        # Fail closed if the two validators ever disagree: never accept what one rejects.
        return errors or [jsonschema.ValidationError("does not match the schema", validator="schema")]


def build_schema_set(taxonomy: Taxonomy) -> SchemaSet:
    schemas = specialised_schemas(taxonomy)
    pairs = [(schema["$id"], schema) for schema in schemas.values()]
    fast_registry = jsonschema_rs.Registry(pairs)
    registry: Registry = Registry().with_resources(
        (uri, Resource.from_contents(schema)) for uri, schema in pairs
    )
    return SchemaSet(
        fast={kind: jsonschema_rs.validator_for(schemas[kind], registry=fast_registry) for kind in KINDS},
        reference={
            kind: _ReferenceValidator(schemas[kind], registry=registry) for kind in KINDS
        },
    )
