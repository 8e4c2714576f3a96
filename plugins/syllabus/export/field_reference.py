"""The field reference page, rendered from the JSON Schemas at build time so it never drifts.

Each document type gets a table of its fields, then one table per nested object (units,
sessions, sections, phases, ...). Schema text is ours, but it still goes through
:func:`cell` (Markdown) or :func:`html_cell` (table cells) so a ``|`` or ``<`` can never
break a table or open an HTML tag. Headings and prose are Markdown, for the page's table
of contents; the tables are HTML, which Python-Markdown passes through instead of parsing
row by row (most of what this page added to every build).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

from ..core.model import ITEM_KINDS
from . import md_escape

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)

INTRO = """\
# Field reference

Every field a course, track or plan file may contain, generated from the same schemas
that `syllabus validate` and your editor use. Roles, levels, formats and products list
the values this catalog declares in `mkdocs.yml`.

Every object below also accepts keys that start with `x-` (for example
`x-jira: TRAIN-42`): Syllabus ignores them, so use them for your own notes or tooling.
Any other unknown key is an error, which catches typos.
"""


def md_text(text: str) -> str:
    """Markdown for a heading or paragraph: one line, escaped as every Markdown the package
    writes, but for the code spans the schemas' descriptions write (`x-`)."""
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(md_escape.escape(text[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(md_escape.escape(text[last:]))
    return " ".join("".join(parts).split())


def html_cell(text: str) -> str:
    """HTML for one table cell: one line, text escaped, Markdown code spans as ``<code>``."""
    parts, last = [], 0
    for match in _CODE_SPAN.finditer(text):
        code = match.group(2)
        if len(code) > 2 and code[0] == code[-1] == " ":  # the padding _code adds around a backtick
            code = code[1:-1]
        parts += [html.escape(text[last:match.start()], quote=False), f"<code>{html.escape(code, quote=False)}</code>"]
        last = match.end()
    parts.append(html.escape(text[last:], quote=False))
    return " ".join("".join(parts).split())


def _code(value: str) -> str:
    fence = "``" if "`" in value else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _values(values: list[Any]) -> str:
    return ", ".join(_code(str(value)) for value in values)


def _example(value: Any) -> str:
    """An example value as it is written in YAML (flow style, one line)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000)
    return _code(text.removesuffix("\n").removesuffix("\n...").strip())


class _Schemas:
    """Resolves the ``common.schema.json#/$defs/...`` references of one schema set."""

    def __init__(self, schemas: Mapping[str, Mapping[str, Any]]) -> None:
        self.defs: Mapping[str, Any] = schemas["common"]["$defs"]

    def resolve(self, node: Mapping[str, Any]) -> dict[str, Any]:
        """The node merged over its ``$ref`` target; the node's own keys win."""
        resolved = dict(node)
        while "$ref" in resolved:
            target = self.defs[resolved.pop("$ref").rsplit("/", 1)[-1]]
            resolved = {**target, **resolved}
        return resolved

    def object_branch(self, node: Mapping[str, Any]) -> dict[str, Any] | None:
        """The object with ``properties`` a field holds, directly or in a list or ``anyOf``."""
        node = self.resolve(node)
        if "properties" in node:
            return node
        for branch in [node.get("items") or {}, *node.get("anyOf", ())]:
            found = self.object_branch(branch) if branch else None
            if found:
                return found
        return None

    def type_text(self, node: Mapping[str, Any]) -> str:
        """A short human type: a shared definition goes by its title (``Date``, ``Time zone``)."""
        if "$ref" in node:
            target = self.resolve({"$ref": node["$ref"]})
            if target.get("type") == "string" and "enum" not in target:
                return str(target["title"])
        node = self.resolve(node)
        if "enum" in node:
            return "one of " + _values(node["enum"])
        if "anyOf" in node:
            return " or ".join(self.type_text(branch) for branch in node["anyOf"])
        kind = node.get("type")
        if kind is None and node.get("title"):  # an anyOf branch such as "GitHub handle"
            return str(node["title"])
        if kind == "array":
            items = self.resolve(node.get("items") or {})
            if "enum" in items:
                return ("one or more of " if node.get("minItems") else "any of ") + _values(items["enum"])
            least = f", at least {node['minItems']}" if node.get("minItems") else ""
            return f"list of {self.type_text(node.get('items') or {})}{least}"
        if kind == "object":
            values = node.get("additionalProperties")
            if isinstance(values, Mapping) and "properties" not in node:
                keys = (node.get("propertyNames") or {}).get("title", "text")
                return f"mapping of {keys} to {self.type_text(values)}"
            return "object (table below)"
        if kind == "integer":
            low, high = node.get("minimum"), node.get("maximum")
            bounds = f" {low}–{high}" if low is not None and high is not None else (
                f" ≥ {low}" if low is not None else "")
            return f"whole number{bounds}"
        if kind == "boolean":
            return "`true` or `false`"
        limit = f" (≤ {node['maxLength']} characters)" if "maxLength" in node else ""
        return f"text{limit}"


def _table(schemas: _Schemas, obj: Mapping[str, Any]) -> list[str]:
    required = set(obj.get("required", ()))
    rows = ["<table>", "<thead>", "<tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr>",
            "</thead>", "<tbody>"]
    for name, raw in obj.get("properties", {}).items():
        node = schemas.resolve(raw)
        need = "yes" if name in required else "no"
        if "default" in node:
            need += f" (default {_example(node['default'])})"
        description = str(node.get("description", ""))
        if node.get("examples"):
            description += " Example: " + _example(node["examples"][0])
        cells = (_code(name), schemas.type_text(raw), need, description)
        rows.append("<tr>" + "".join(f"<td>{html_cell(text)}</td>" for text in cells) + "</tr>")
    return [*rows, "</tbody>", "</table>"]


def _nested(schemas: _Schemas, obj: Mapping[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Depth-first ``(path, object)`` for the objects held by ``obj``'s fields."""
    for name, raw in obj.get("properties", {}).items():
        node = schemas.resolve(raw)
        inner = schemas.object_branch(node)
        if inner is None:
            continue
        child = f"{path}{name}{'[]' if node.get('type') == 'array' else ''}"
        yield child, inner
        yield from _nested(schemas, inner, f"{child}.")


def field_reference(schemas: Mapping[str, Mapping[str, Any]]) -> str:
    """The whole page as Markdown, from a schema set such as ``specialised_schemas(...)``."""
    resolver = _Schemas(schemas)
    lines = [INTRO]
    for kind in ITEM_KINDS:
        schema = schemas[kind]
        title = md_text(str(schema.get("title", kind)).removeprefix("Syllabus ").capitalize())
        lines += [f"## {title}", "", md_text(str(schema.get("description", ""))), ""]
        lines += [*_table(resolver, schema), ""]
        for path, obj in _nested(resolver, schema, ""):
            lines += [f"### {title}: `{path}`", "", md_text(str(obj.get("description", ""))), ""]
            lines += [*_table(resolver, obj), ""]
    return "\n".join(lines)
