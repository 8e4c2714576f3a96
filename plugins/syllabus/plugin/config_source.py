"""Where an option stands in ``mkdocs.yml`` (or a file it ``INHERIT``s), for positioned errors.

MkDocs hands plugins their options as plain data, without positions, so the file is
composed again here, node by node: composing builds no Python objects, so MkDocs' own
tags (``!ENV``, ``!relative``, ``!!python/name``) need no constructors.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from ..core.diagnostics import Diagnostic
from ..core.yamlsafe import MAX_DEPTH, is_shallow

Position = tuple[str, int, int]  # (path shown to the user, line, column), 1-based


@dataclass
class ConfigSource:
    """A config file, read lazily and only when a problem has to be positioned."""

    path: Path
    _roots: dict[Path, yaml.Node | None] = field(default_factory=dict, repr=False)
    _too_deep: dict[Path, yaml.Mark] = field(default_factory=dict, repr=False)

    def error(self, keys: tuple[str | int, ...], message: str, *, at_key: bool = False) -> Diagnostic:
        shown, line, column = self.locate(keys, at_key=at_key)
        return Diagnostic(shown, line, column, "error", message, "config")  # it may quote a key: Diagnostic escapes it

    def locate(self, keys: tuple[str | int, ...], *, at_key: bool = False) -> Position:
        """The key's (or its value's) position; the deepest ancestor found, else the file start."""
        best: Position | None = None
        for path, root in self._files():
            found, depth = _find(root, keys, at_key=at_key)
            if found is not None and (best is None or depth == len(keys)):
                best = (self._shown(path), found.line + 1, found.column + 1)
            if depth == len(keys):
                break
        return best or (self._shown(self.path), 1, 1)

    def duplicate_keys(self) -> list[Diagnostic]:
        """Each key written twice in one mapping of the file or a file it inherits: MkDocs
        keeps the last without a word, so a second ``audience: internal`` below the first
        published internal courses on the public site."""
        problems: list[Diagnostic] = []
        for path, root in self._files():
            in_file: list[Diagnostic] = []
            for mapping in _mappings(root):
                lines: dict[tuple[str, str], int] = {}  # by (type, text): "1" and 1 are two keys
                for key, _ in mapping.value:
                    if not isinstance(key, yaml.ScalarNode) or key.value == "<<":  # a merge key may recur
                        continue
                    line = key.start_mark.line + 1
                    if (first := lines.get((key.tag, key.value))) is not None:
                        in_file.append(Diagnostic(
                            self._shown(path), line, key.start_mark.column + 1, "error",
                            f"duplicate key '{key.value}' (first on line {first}): MkDocs keeps the last and "
                            "ignores the first", "config", hint="keep one"))
                    else:
                        lines[(key.tag, key.value)] = line
            problems += sorted(in_file, key=lambda problem: (problem.line, problem.column))
        return problems

    def nesting_problem(self) -> Diagnostic | None:
        """A file of the chain nested deeper than :data:`MAX_DEPTH` (content's own bound):
        composing it, here or in MkDocs' loader, recurses until Python's limit stops it."""
        for path, _ in self._files():
            if (mark := self._too_deep.get(path)) is not None:
                return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error",
                                  f"nesting is deeper than {MAX_DEPTH} levels", "config",
                                  hint="write the lists and mappings out flatter")
        return None

    def value_problem(self) -> Diagnostic | None:
        """What MkDocs' loader stops at without a place, at its place: a file whose top level
        is no mapping, or a date no calendar has (``2026-02-30``, which YAML reads as one)."""
        loader = yaml.SafeLoader("")
        for path, root in self._files():
            if root is not None and not isinstance(root, yaml.MappingNode):
                return Diagnostic(self._shown(path), root.start_mark.line + 1, root.start_mark.column + 1, "error",
                                  "the top level must be a mapping of settings (site_name: ...)", "config")
            dates = [node for node in _nodes(root) if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP]
            for node in sorted(dates, key=lambda node: (node.start_mark.line, node.start_mark.column)):
                try:
                    loader.construct_yaml_timestamp(node)
                except ValueError as error:
                    mark = node.start_mark
                    return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error",
                                      f"'{node.value}' is read as a date, and {error}", "config",
                                      hint="write a date that exists, or quote it if you meant text")
        return None

    def inherit_problem(self) -> Diagnostic | None:
        """An ``INHERIT`` that names no file, a file that is not there, or a chain that comes
        back to a file of it, at the value: MkDocs stops with a TypeError, without a place, or
        follows the loop until Python's recursion limit stops it."""
        chain = [path for path, _ in self._files()]
        for path in chain:
            root = self._compose(path)
            pair = _entry(root, "INHERIT") if isinstance(root, yaml.MappingNode) else None
            if pair is None:
                continue
            name, mark = _inherited_name(pair[1]), pair[1].start_mark
            if name is None and pair[1].tag == ENV_TAG:
                return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error", "INHERIT: !ENV "
                                  "gives no file name, from its variables or its default", "config",
                                  hint="set the variable, or end the list with a default: !ENV [VARIABLE, base.yml]")
            if name is None:
                return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error", "INHERIT: write the "
                                  "name of one file to inherit from, relative to this one", "config")
            if (target := Path(os.path.normpath(path.parent / name))) in chain[:chain.index(path) + 1]:
                return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error",
                                  f"INHERIT: '{name}' comes back to {self._shown(target)}, where the chain of "
                                  "inherited files started", "config", hint="end the chain at a file without INHERIT")
            if not target.is_file():
                return Diagnostic(self._shown(path), mark.line + 1, mark.column + 1, "error",
                                  f"INHERIT: there is no file {self._shown(target)}", "config",
                                  hint="name a file relative to this one")
        return None

    def _files(self) -> Iterator[tuple[Path, yaml.Node | None]]:
        """The file, then each file it inherits, once, composed."""
        path: Path | None = self.path
        seen: set[Path] = set()
        while path is not None and path not in seen:
            seen.add(path)
            root = self._compose(path)
            yield path, root
            path = _inherited(root, path)

    def _shown(self, path: Path) -> str:
        return os.path.relpath(path, self.path.parent).replace(os.sep, "/")

    def _compose(self, path: Path) -> yaml.Node | None:
        if path not in self._roots:
            self._roots[path] = None
            try:
                text = path.read_text(encoding="utf-8")
                if (mark := _too_deep(text)) is not None:
                    self._too_deep[path] = mark
                else:
                    self._roots[path] = yaml.compose(text, Loader=yaml.SafeLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                pass
        return self._roots[path]


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
ENV_TAG = "!ENV"  # MkDocs' tag for a value from an environment variable


def _too_deep(text: str) -> yaml.Mark | None:
    """Where ``text`` nests deeper than :data:`MAX_DEPTH`, by its parser's events (the parser
    keeps a stack of its own; composing recurses); a file provably shallow, nearly every one,
    is not parsed for it."""
    if is_shallow(text):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _find(root: yaml.Node | None, keys: tuple[str | int, ...], *, at_key: bool) -> tuple[Any, int]:
    """Follow ``keys`` down mappings and lists (a list's entry by its index, or, as in
    ``plugins``, by the name it is listed under); the mark reached and its depth."""
    node, mark, depth = root, None, 0
    for index, key in enumerate(keys):
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                break
            node, depth = node.value[key], index + 1
            mark = node.start_mark
            continue
        if isinstance(node, yaml.SequenceNode):  # `plugins: [search, {syllabus: {...}}]`
            # MkDocs names a theme's plugin by its namespace ("material/meta") however it is listed.
            written = [str(key), str(key).rpartition("/")[2]]
            node, key = next(((item, name) for item in node.value for name in written
                              if _entry(item, name) is not None), (None, key))
            if node is None:
                break
            if isinstance(node, yaml.ScalarNode):  # listed by name alone: nothing deeper to find
                mark, depth = node.start_mark, index + 1
                break
        if not isinstance(node, yaml.MappingNode):
            break
        pair = _entry(node, str(key))
        if pair is None:
            break
        key_node, value_node = pair
        last = index == len(keys) - 1
        mark = key_node.start_mark if (at_key and last) or _is_empty(value_node) else value_node.start_mark
        node, depth = value_node, index + 1
    return mark, depth


def _entry(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.ScalarNode):  # a plugin listed by name alone
        return (node, node) if node.value == key else None
    if isinstance(node, yaml.MappingNode):
        return next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return None


def _nodes(root: yaml.Node | None) -> list[yaml.Node]:
    """Every node below ``root`` (and ``root``), each once (an alias shares its anchor's node)."""
    found, pending, visited = [], [root] if root is not None else [], set()
    while pending:
        node = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        found.append(node)
        if isinstance(node, yaml.MappingNode):
            pending += [child for pair in node.value for child in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
    return found


def _mappings(root: yaml.Node | None) -> list[yaml.MappingNode]:
    return [node for node in _nodes(root) if isinstance(node, yaml.MappingNode)]


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null")


def _inherited(root: yaml.Node | None, path: Path) -> Path | None:
    pair = _entry(root, "INHERIT") if root is not None else None
    name = _inherited_name(pair[1]) if pair is not None else None
    return Path(os.path.normpath(path.parent / name)) if name is not None else None


def _inherited_name(node: yaml.Node) -> str | None:
    """The file an ``INHERIT`` value names, as MkDocs' loader reads it: ``!ENV`` gives the
    first of its variables that is set, else its default; None if that is no file name."""
    if node.tag != ENV_TAG:
        return node.value if isinstance(node, yaml.ScalarNode) else None
    try:
        name = construct_env_tag(yaml.SafeLoader(""), node)
    except yaml.YAMLError:  # a default MkDocs' loader could not construct either
        return None
    return name if isinstance(name, str) and name else None
