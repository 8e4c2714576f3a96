"""Syllabus options: read from a catalog's ``mkdocs.yml`` by the CLI, or handed over by the plugin.

Both entry points end in :func:`options_from_mapping`, so the command line and the site
always agree on the taxonomy, the audience and "today".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .taxonomy import KINDS, Taxonomy

AUDIENCES = ("public", "internal")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def is_id(value: str) -> bool:
    """Lowercase kebab-case, the form of every course, track, plan and taxonomy id."""
    return _ID.match(value) is not None
_HOST = re.compile(r"^[A-Za-z0-9.-]+$")


class ConfigError(Exception):
    """A usage or configuration problem: exit status 2, never a content error."""


@dataclass(frozen=True)
class Options:
    """Everything the core needs to know about the site around the content."""

    root: Path
    taxonomy: Taxonomy
    audience: str = "public"
    review_every_days: int = 180
    video_hosts: tuple[str, ...] = ()
    site_language: str = "en"
    publish_insights: bool = False
    fte_hours_per_month: float = 140.0
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str = ""  # mkdocs.yml ``site_url``: makes links in exported plans absolute


def today_from_environment() -> dt.date:
    """``SOURCE_DATE_EPOCH`` is "today" when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    return dt.datetime.now(tz=dt.timezone.utc).date()


def _check_terms(kind: str, raw: Any) -> None:
    if not isinstance(raw, Mapping) or not raw:
        raise ConfigError(f"syllabus option '{kind}' must be a non-empty mapping of id: {{title: ...}}")
    for key, value in raw.items():
        if not isinstance(key, str) or not is_id(key):
            raise ConfigError(f"syllabus option '{kind}': '{key}' is not a valid id (lowercase-kebab-case)")
        if value is not None and not isinstance(value, Mapping):
            raise ConfigError(f"syllabus option '{kind}.{key}' must be a mapping like {{title: ...}}")
        unknown = set(value or {}) - {"title", "description", "live"}
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise ConfigError(f"syllabus option '{kind}.{key}' has unknown keys: {names}")


def options_from_mapping(
    raw: Mapping[str, Any], *, root: Path, site_language: str = "en", today: dt.date | None = None,
    site_url: str = "",
) -> Options:
    """Check and convert the ``syllabus`` plugin options; ``SYLLABUS_AUDIENCE`` wins over them."""
    for kind in KINDS:
        if raw.get(kind) is not None:
            _check_terms(kind, raw[kind])
    audience = os.environ.get("SYLLABUS_AUDIENCE") or raw.get("audience") or "public"
    if audience not in AUDIENCES:
        raise ConfigError(f"audience must be 'public' or 'internal', not {audience!r}")
    review = raw.get("review_every_days", 180)
    if isinstance(review, bool) or not isinstance(review, int) or review < 1:
        raise ConfigError("syllabus option 'review_every_days' must be a positive whole number")
    hosts = raw.get("video_hosts") or []
    if not isinstance(hosts, list) or not all(isinstance(h, str) and _HOST.match(h) for h in hosts):
        raise ConfigError("syllabus option 'video_hosts' must be a list of host names")
    fte = raw.get("fte_hours_per_month", 140)
    if isinstance(fte, bool) or not isinstance(fte, (int, float)) or fte <= 0:
        raise ConfigError("syllabus option 'fte_hours_per_month' must be a positive number")
    return Options(
        root=root,
        taxonomy=Taxonomy.from_options(raw),
        audience=audience,
        review_every_days=review,
        video_hosts=tuple(hosts),
        site_language=site_language,
        publish_insights=bool(raw.get("publish_insights", False)),
        fte_hours_per_month=float(fte),
        today=today or today_from_environment(),
        site_url=site_url,
    )


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: MkDocs-specific tags (``!!python/name``, ``!ENV``) become
    placeholders instead of being executed, since the CLI only needs the plugin options."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [node.value] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def find_plugin_options(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``syllabus`` entry of ``plugins`` (list or mapping form), or None if not enabled."""
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, Mapping) else (
        (p, None) if isinstance(p, str) else next(iter(p.items()), (None, None))
        for p in plugins
        if isinstance(p, (str, Mapping))
    )
    for name, value in entries:
        if name == "syllabus":
            return dict(value or {})
    return None


def load_options(config_file: Path) -> Options:
    """Read ``mkdocs.yml`` (or another MkDocs config) for the CLI."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no such config file (use -f to point at mkdocs.yml)")
    try:
        with config_file.open(encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_ConfigLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_file}: cannot read the MkDocs config: {error}") from None
    if not isinstance(config, Mapping):
        raise ConfigError(f"{config_file}: the MkDocs config must be a mapping")
    options = find_plugin_options(config)
    if options is None:
        raise ConfigError(f"{config_file}: the 'syllabus' plugin is not enabled under 'plugins'")
    theme = config.get("theme") if isinstance(config.get("theme"), Mapping) else {}
    language = str(theme.get("language") or "en")
    return options_from_mapping(options, root=config_file.resolve().parent, site_language=language,
                                site_url=str(config.get("site_url") or ""))
