"""The core's :class:`~syllabus.core.config.Options`, read from ``mkdocs.yml`` as MkDocs reads it.

The build gets them from the plugin's validated config; the CLI loads the same file
through MkDocs' own loader (``INHERIT``, ``!ENV``, ``!relative``, the same plugin config
class), so ``syllabus validate`` and ``mkdocs build`` can never disagree on a setting.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import yaml
from material.plugins.group.plugin import GroupPlugin
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions

from ..core.config import ConfigError, LinkRules, NavEntry, Options, SiteText, options_from_mapping
from ..core.diagnostics import Diagnostic, printable
from ..core.html_allowlist import Allowlist
from ..core.messages import REFERENCE_LANGUAGE, SITE_LOCALES, has_texts
from ..core.model import ITEM_FOLDERS
from ..core.pages import MARKDOWN_SUFFIXES, MarkdownSettings, extension_name, for_authors
from ..core.schema_messages import did_you_mean, dotted, suggested
from ..core.yamlsafe import forbidden_text, position_in, syntax_problems
from .config import BARE_BOOLEAN_HINT, SyllabusConfig, check_options
from .config_source import ConfigSource
from .page_assets import ASSET_FILES, ASSETS_SITE_FOLDER
from .site_search import BUNDLE

PLUGIN = "syllabus"
CONFIG_NAME = "mkdocs.yml"


def config_path(config_file_path: str | None) -> Path:
    """The site's mkdocs.yml, resolved. MkDocs leaves the path unset for a configuration read
    from a stream, where the working folder's mkdocs.yml stands for it."""
    return Path(config_file_path or CONFIG_NAME).resolve()


def site_language(config: MkDocsConfig) -> str:
    """The language of the site's own words: the theme's, as Material reads it."""
    return config.theme.get("language") or REFERENCE_LANGUAGE


def options_from_config(plugin_config: SyllabusConfig, config: MkDocsConfig, *,
                        with_theme_files: bool = False) -> Options:
    """The core's options; ``markdown`` is the site's resolved Markdown extensions (with MkDocs'
    built-in ones), so ``syllabus validate`` renders pages as the build does. Configuration
    that would publish what the content may not is refused, positioned: see
    :func:`snippet_problems` and :func:`theme_text_problems`. ``with_theme_files`` (where
    links are checked: validate and the preview) adds :func:`theme_files` (a walk of
    Material's folders, which hold thousands of icons) and :func:`nav_entries` (the build's
    nav is MkDocs' own to check)."""
    source = ConfigSource(config_path(config.config_file_path))
    docs = docs_inclusions(config)
    # Nesting MkDocs' loader took: the command line refuses it before MkDocs reads the file.
    problems = [problem] if (problem := source.nesting_problem()) else []
    problems += source.duplicate_keys()
    problems += [source.error(("markdown_extensions", SNIPPETS, *keys), f"{SNIPPETS}: {why}")
                 for keys, why in snippet_problems(config, docs)]
    problems += [source.error(keys, f"{dotted(keys)}: {why}")
                 for keys, why in (*theme_text_problems(config), *theme_language_problems(config),
                                   *theme_shape_problems(config), *published_folder_problems(config),
                                   *plugin_problems(config), *extra_template_problems(config))]
    if config.site_url and (why := site_url_problem(config.site_url)):
        problems.append(source.error(("site_url",), f"site_url: {why}"))
    if why := site_dir_problem(config):
        problems.append(source.error(("site_dir",), f"site_dir: {why}"))
    if problems:
        raise ConfigError("configuration errors", problems)
    options = options_from_mapping(
        plugin_config, root=config_path(config.config_file_path).parent,
        site_language=site_language(config), site_url=config.site_url or "",
        markdown=MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs)),
        links=link_rules(config),
        site_assets=frozenset(path for _, value in loaded_files(config)
                              if (path := loaded_path(value, config.site_url or "")) is not None),
        docs_dir=docs_folder(config),
        docs_unpublished=frozenset(file.src_uri for file in docs if not file.inclusion.is_included()),
        use_directory_urls=config.use_directory_urls,
        theme_files=theme_files(config) if with_theme_files else frozenset(),
    )
    warnings = []
    if not options.site_url:
        warnings.append(Diagnostic(
            *source.locate(("site_name",)), "warning",
            "mkdocs.yml sets no site_url: the course feed, the calendars, plan downloads and feedback links can "
            "name pages only by paths relative to the site, which lead nowhere in a calendar, a feed reader or a "
            "pasted plan", "site-url",
            hint="set site_url to the address the site is published at (https://<owner>.github.io/<repository>/ "
                 "on GitHub Pages)"))
    if not has_texts(language := options.site_language, options.root):
        warnings.append(Diagnostic(
            *source.locate(("theme", "language")), "warning",
            f"Syllabus has no texts in '{language}': its own words (filters, course facts, session lines) are "
            f"English on pages whose theme, dates and language names are in '{language}'", "untranslated",
            hint=f"start a translation with `mkdir -p locales && syllabus strings {language} > "
                 f"locales/{language}.yml`, then translate its entries"))
    site_texts = tuple(SiteText(value, *source.locate(keys))
                       for keys, value, _ in published_values(config) if isinstance(value, str))
    return dataclasses.replace(options, site_problems=(*options.site_problems, *warnings),
                               nav=tuple(nav_entries(config, source)) if with_theme_files else (),
                               site_texts=site_texts)


def nav_entries(config: MkDocsConfig, source: ConfigSource) -> Iterator[NavEntry]:
    """Each page mkdocs.yml's ``nav`` names, where it names it, as MkDocs looks it up among the
    site's files: not a full address, nor a path from the site's root unless
    ``absolute_links: relative_to_docs`` reads it from the docs folder. None where MkDocs does
    not warn of a missing one (``validation.nav.not_found``)."""
    if config.validation.nav.not_found < logging.WARNING:
        return
    from_docs = config.validation.nav.absolute_links < logging.NOTSET  # relative_to_docs
    pending: list[tuple[tuple[str | int, ...], Any]] = [(("nav",), config.nav)]
    while pending:
        keys, item = pending.pop()
        if isinstance(item, list):
            pending += [((*keys, index), entry) for index, entry in enumerate(item)]
        elif isinstance(item, dict):
            pending += [((*keys, title), entry) for title, entry in item.items()]
        elif isinstance(item, str) and not (parts := urlsplit(item)).scheme and not parts.netloc:
            if item.startswith("/") and not from_docs:
                continue
            yield NavEntry(PurePosixPath(item.lstrip("/")).as_posix(), *source.locate(keys))


# What the theme prints into every page as HTML, unescaped: mkdocs.yml's texts, addresses and
# nav titles, and everything under ``extra`` (social links, alternate languages, consent...)
# and ``theme`` (palette toggle names, direction, logo); the first three texts, the addresses,
# ``extra``'s and ``theme``'s values also inside attributes ("...").
THEME_TEXTS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
IN_ATTRIBUTES = frozenset({"site_name", "site_description", "site_author", "extra", "theme"})
THEME_ADDRESSES = ("site_url", "repo_url", "edit_uri")
ADDRESS_KEYS = frozenset({"link", "homepage", "href", "url", "src"})  # under ``extra``, ``theme``
# What the theme loads into every page from an address: files of this site only, as a request
# to another host would be made by every visitor's browser (and a script from it runs here).
LOADED = frozenset({"extra_css", "extra_javascript", "polyfills", "logo", "favicon"})
# What makes the theme load another host's script into every page whatever its value
# (``provider: google`` is Google's tag manager).
THIRD_PARTY = {("extra", "analytics"): "loads the analytics provider's script from its host into every page, "
                                       "which every visitor's browser would run; Syllabus sites make no requests "
                                       "to other hosts, so remove it"}


def plugin_problems(config: MkDocsConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """Other plugins that would publish what the content rules refuse, or write where they
    should not: Material's meta plugin gives pages the metadata of ``.meta.yml`` files, which
    no check of a page's front matter reads (``template: 404.html`` there made the home page
    "Page not found"); its blog plugin's ``blog_dir: ../courses`` wrote into the catalog; a
    second Syllabus would generate every page again. Plugins listed in one of Material's
    groups count too, whether or not the group is enabled here (CI may enable it): see
    :func:`configured_plugins`."""
    problems: dict[str, tuple[str | int, ...]] = {}
    docs = Path(config.docs_dir).resolve()
    for keys, name, plugin in configured_plugins(config):
        listed_as = name.partition(" #")[0]
        if isinstance(plugin, Exception):
            problems.setdefault(f"the group's plugin '{name}' cannot be loaded: {plugin}", keys)
        elif listed_as in ("meta", "material/meta"):
            problems.setdefault("Material's meta plugin sets page metadata from .meta.yml files, past the page "
                                "metadata Syllabus allows; write it in each page's front matter and remove the plugin",
                                keys)
        elif listed_as == PLUGIN and (name != PLUGIN or len(keys) > 2):  # once, in the site's own list
            problems.setdefault(f"the {PLUGIN} plugin is listed again, and would generate every page again; list it "
                                "once, in the site's plugins", keys)
        # The blog plugin writes its index pages into blog_dir, a folder of docs/ it should be.
        elif (listed_as in ("blog", "material/blog")
              and not (docs / str(blog_dir := plugin.config.blog_dir)).resolve().is_relative_to(docs)):
            problems.setdefault(f"'{blog_dir}' is outside the docs folder, and the blog plugin writes pages into it; "
                                "name a folder of docs/", (*keys, "blog_dir"))
    return [(keys, why) for why, keys in problems.items()]


def configured_plugins(config: MkDocsConfig) -> Iterator[tuple[tuple[str | int, ...], str,
                                                               BasePlugin | Exception]]:
    """(where mkdocs.yml lists it, name, instance) of each plugin: first those in Material's
    groups, each loaded here with its options as the group loads it at build time (or with
    the reason it cannot be), a group in a group too, then the site's own list. Asked before
    any group has loaded its plugins (validate, and the build at priority 200), whose lists
    are then as mkdocs.yml writes them."""
    loader = Plugins(theme_key="theme")  # MkDocs' reading of a list of plugins, as the group's
    loader.pre_validation(config, "plugins")  # the site's theme gives a short name its namespace
    pending = [(("plugins", name), plugin.config.plugins) for name, plugin in config.plugins.items()
               if isinstance(plugin, GroupPlugin)]
    while pending:
        group_keys, listed = pending.pop(0)
        for keys, written, entry in _group_entries(group_keys, listed):
            try:  # a copy: MkDocs empties what it reads; any error, as the group reports any
                loaded = loader.run_validation(copy.deepcopy(entry))
            except Exception as error:  # a plugin's own import or options may raise anything
                yield keys, written, error
                continue
            for name, plugin in loaded.items():
                yield keys, name, plugin
                if isinstance(plugin, GroupPlugin):
                    pending.append((keys, plugin.config.plugins))  # loaded here: its list is as written
    for name, plugin in config.plugins.items():
        yield ("plugins", name), name, plugin


def _group_entries(group_keys: tuple[str | int, ...], listed: Any) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """(where, name as written, a plugin list of that entry alone) of each entry of a group's
    ``plugins``, a list or a mapping; an entry that names no plugin by its index."""
    if isinstance(listed, Mapping):
        for written, options in listed.items():
            yield (*group_keys, "plugins", str(written)), str(written), {written: options}
    elif isinstance(listed, list):
        for index, entry in enumerate(listed):
            written = _plugin_named(entry)
            yield (*group_keys, "plugins", index if written is None else written), written or f"#{index + 1}", [entry]
    elif listed is not None:
        yield (*group_keys, "plugins"), "plugins", listed  # MkDocs says why it is no list


def _plugin_named(entry: Any) -> str | None:
    """The plugin an entry of a plugin list names, written ``name`` or ``{name: options}``."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, Mapping) and len(entry) == 1 and isinstance(name := next(iter(entry)), str):
        return name
    return None


def extra_template_problems(config: MkDocsConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """``extra_templates``: MkDocs renders each, a file of docs/, as a Jinja template given the
    whole configuration, this plugin's loaded courses included, so a page of docs/ printed
    every draft's Markdown. Content is never evaluated as a template."""
    return [(("extra_templates", index), f"'{name}' would be rendered as a Jinja template given the site's whole "
                                         "configuration, drafts and internal courses included, and Syllabus never runs "
                                         "content as a template; publish the file as it is, or write a page")
            for index, name in enumerate(config.extra_templates or [])]


def site_url_problem(site_url: str) -> str | None:
    """What keeps ``site_url`` from being the folder every page's address is written under
    (feeds, calendars, JSON-LD, plans): a query, a fragment or a space would land in the
    middle of each address, a file's name before its path (MkDocs ends the value with "/")."""
    parts = urlsplit(site_url)
    if "?" in site_url or "#" in site_url:  # also an empty query or fragment, which urlsplit drops
        return "write the address the site is published at, without '?' or '#' (each page's address goes after it)"
    if any(character.isspace() for character in site_url):
        return "an address has no spaces; write %20 for one"
    if parts.path.rstrip("/").rpartition("/")[2].lower().endswith((".html", ".htm")):
        return "write the folder the site is published at, not a page in it"
    # Feeds and calendars need a URI; browsers would guess at the rest. Brackets hold an IPv6
    # host ("https://[::1]/"), and are %-encoded anywhere after it.
    before_path, host, path = site_url.partition(parts.netloc) if parts.netloc else ("", "", site_url)
    if _NOT_IN_HOST.search(before_path + host) or _NOT_IN_PATH.search(path):
        written = _NOT_IN_HOST.sub(_encoded, before_path + host) + _NOT_IN_PATH.sub(_encoded, path)
        domain = "" if parts.netloc.isascii() else " (a domain name not in ASCII in its xn-- form)"
        return ("write it with only the characters an address holds (RFC 3986), each other one %-encoded: "
                f"'{written}'{domain}")
    if parts.username is not None or parts.password is not None:  # published in every feed and calendar
        return "write it without a user name or password: it is printed in every feed, calendar and page's data"
    return None


# What an address may hold as written (RFC 3986: unreserved and reserved characters but '?'
# and '#', and %XX escapes), an IPv6 address's brackets in the host only; site_url_problem
# allows nothing else, whatever it is.
URI_SAFE = "-._~!$&'()*+,;=:@/"


def _outside(safe: str) -> re.Pattern[str]:
    """What an address may not hold where ``safe`` may stand: a '%' that starts no escape,
    and every character but ``safe`` and ASCII letters and digits."""
    return re.compile(rf"%(?![0-9A-Fa-f]{{2}})|[^A-Za-z0-9%{re.escape(safe)}]")


_NOT_IN_HOST = _outside(URI_SAFE + "[]")
_NOT_IN_PATH = _outside(URI_SAFE)


def _encoded(match: re.Match[str]) -> str:
    return quote(match.group(), safe="")


def theme_text_problems(config: MkDocsConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """mkdocs.yml's values the theme publishes as they are, held to the allowlist of page
    bodies: text and HTML it passes unchanged, addresses only of the schemes it allows
    (``site_name: <img onerror=...>``, ``extra.homepage: javascript:...`` ran in every page);
    and to the content's character rules (a non-character in ``site_name``, which Syllabus
    also writes into feeds and calendars, made the Atom feed ill-formed XML)."""
    allowlist = Allowlist()
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for keys, value, address in published_values(config):
        if keys in THIRD_PARTY:
            if value is not None:
                problems.append((keys, THIRD_PARTY[keys]))
        elif isinstance(value, str) and (why := forbidden_text(value)):  # the content's character rules
            problems.append((keys, why))
        elif isinstance(value, str) and LOADED & {key for key in keys if isinstance(key, str)} \
                and not allowlist.from_the_site(value):
            problems.append((keys, f"'{value[:60]}' is loaded into every page from another host, which every "
                                   "visitor's browser would ask for; publish the file with the site (docs/)"))
        elif isinstance(value, str) and '"' in value and (address or keys[0] in IN_ATTRIBUTES):
            problems.append((keys, 'a straight double quote (") would end the HTML attribute the theme may print it '
                                   "in (aria-label=\"...\"); write “…”, or quote HTML attributes with '"))
        elif isinstance(value, str) and (why := allowlist.refusal(value, address=address)):
            problems.append((keys, why))
    return problems


PublishedValue = tuple[tuple[str | int, ...], Any, bool]  # keys in mkdocs.yml, value, whether an address


def published_values(config: MkDocsConfig) -> Iterator[PublishedValue]:
    """(keys, value, whether it is an address) of each value of mkdocs.yml the theme publishes:
    its texts and addresses, ``extra``, ``theme``'s own, the pages' scripts and stylesheets and
    the nav's titles and targets. A third-party setting (:data:`THIRD_PARTY`) is one value."""
    def walk(keys: tuple[str | int, ...], value: Any, address: bool) -> Iterator[PublishedValue]:
        if isinstance(value, Mapping) and keys not in THIRD_PARTY:
            for key, item in value.items():
                yield from walk((*keys, str(key)), item, str(key) in ADDRESS_KEYS or str(key) in LOADED)
        elif isinstance(value, list) and keys not in THIRD_PARTY:
            for index, item in enumerate(value):
                yield from walk((*keys, index), item, address)
        else:
            yield keys, value, address

    for key in THEME_TEXTS + THEME_ADDRESSES:
        yield from walk((key,), config.get(key), key in THEME_ADDRESSES)
    yield from walk(("extra",), dict(config.get("extra") or {}), False)
    yield from walk(("theme",), {key: value for key, value in config.theme.items()
                                 if isinstance(value, (str, list, Mapping))}, False)
    for key in ("extra_css", "extra_javascript"):
        yield from walk((key,), [str(item) for item in config.get(key) or []], True)
    for keys, title, target in _nav_entries(config.get("nav") or [], ("nav",)):
        yield from walk(keys, title, False)
        yield from walk(keys, target, True)


def _nav_entries(items: Any, keys: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Any, Any]]:
    """(place, title, page or address) of each entry of mkdocs.yml's ``nav`` (no title: None)."""
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, str):
            yield (*keys, index), None, item
        for title, target in item.items() if isinstance(item, Mapping) else []:
            if isinstance(target, list):
                yield (*keys, index), title, None
                yield from _nav_entries(target, (*keys, index, title))
            else:
                yield (*keys, index), title, target


THEME_LANGUAGES = Path("partials", "languages")  # Material's texts per language: <tag>.html


def theme_language_problems(config: MkDocsConfig) -> list[tuple[tuple[str, ...], str]]:
    """``theme.language`` the theme has no texts for: Material imports
    ``partials/languages/<language>.html`` into every page, so ``language: ja-JP`` (Material's
    is ``ja``) stopped the build with a template traceback after validate had passed. The
    hint is the tag a reader of that language falls back to (``ja-JP`` reads ``ja``)."""
    language = config.theme.get("language")
    offered = {file.stem for folder in config.theme.dirs if (Path(folder) / THEME_LANGUAGES).is_dir()
               for file in (Path(folder) / THEME_LANGUAGES).glob("*.html")}
    if "language" in config.theme and not isinstance(language, str):
        hint = BARE_BOOLEAN_HINT if isinstance(language, bool) else ""
        return [(("theme", "language"), f"must be a language tag such as en or ja, not {language!r}{hint}")]
    if not offered or language is None or language in offered:
        return []
    by_case = {tag.lower(): tag for tag in offered}
    subtags = language.lower().split("-")
    fallback = next((by_case[tag] for tag in ("-".join(subtags[:end]) for end in range(len(subtags), 0, -1))
                     if tag in by_case), None)
    hint = suggested(fallback) or did_you_mean(language, sorted(offered))
    return [(("theme", "language"), f"the theme has no texts for '{language}'"
                                    + (hint or f"; it has {', '.join(sorted(offered))}"))]


def theme_shape_problems(config: MkDocsConfig) -> list[tuple[tuple[str | int, ...], str]]:
    """Values of ``theme`` and ``extra`` the theme's templates read as icons, lists or
    mappings, that they could not: a typo'd icon (``material/magnifyy``), ``extra.social:
    hello``, ``theme.palette: 5`` stopped the build with a template traceback after validate
    had passed. An icon is a file ``.icons/<name>.svg`` of the theme's folders (the
    custom_dir's too), named without ``..``."""
    def icon_problem(name: Any) -> str | None:
        if isinstance(name, str) and ".." not in name.split("/") and any(
                (Path(folder) / ".icons" / f"{name}.svg").is_file() for folder in config.theme.dirs):
            return None
        icon_set = posixpath.dirname(name) if isinstance(name, str) and ".." not in name.split("/") else ""
        beside = sorted({f"{icon_set}/{file.stem}" for folder in config.theme.dirs
                         for file in (Path(folder) / ".icons" / icon_set).glob("*.svg")}) if icon_set else []
        return f"the theme has no icon {name!r}" + (did_you_mean(name, beside) or " (icons are named as "
                                                    "material/magnify, fontawesome/brands/github...)")

    def icons(value: Any, keys: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
        if isinstance(value, Mapping):
            for key, inner in value.items():
                yield from icons(inner, (*keys, key))
        elif (why := icon_problem(value)) is not None:
            yield keys, why

    problems = list(icons(config.theme.get("icon") or {}, ("theme", "icon")))
    for keys, value, holds in ((("theme", "palette"), config.theme.get("palette"), "a mapping or a list of them"),
                               (("extra", "social"), config.extra.get("social"), "a list of mappings"),
                               (("extra", "alternate"), config.extra.get("alternate"), "a list of mappings")):
        entries = [value] if isinstance(value, Mapping) and keys[0] == "theme" else value
        if value is not None and (not isinstance(entries, list)
                                  or not all(isinstance(entry, Mapping) for entry in entries)):
            problems.append((keys, f"the theme reads it as {holds}, not {value!r}"[:200]))
        elif keys == ("extra", "social") and value is not None:
            for index, entry in enumerate(value):
                if "icon" not in entry:
                    problems.append(((*keys, index), "an entry needs an icon, such as fontawesome/brands/github"))
                elif (why := icon_problem(entry["icon"])) is not None:
                    problems.append(((*keys, index, "icon"), why))
                if not isinstance(entry.get("link", ""), str):
                    problems.append(((*keys, index, "link"), f"must be an address, not {entry['link']!r}"[:200]))
    return problems


SNIPPETS = "pymdownx.snippets"
CATALOG_FOLDERS = tuple(ITEM_FOLDERS.values())  # what no snippet may paste into a page
# Every folder of the catalog's own beside mkdocs.yml: its content, the texts the site keeps,
# the editor schemas (the preview watches them; no build may write into them).
SOURCE_FOLDERS = (*CATALOG_FOLDERS, "schemas", SITE_LOCALES)


def site_dir_problem(config: MkDocsConfig) -> str | None:
    """A ``site_dir`` (or ``mkdocs build -d``) that is, holds or lies in one of the catalog's
    :data:`SOURCE_FOLDERS`, the repository's .git or the theme's custom_dir: MkDocs empties
    site_dir before each build (it guards only docs_dir), so the build would delete them."""
    root = config_path(config.config_file_path).parent
    site = Path(config.site_dir).resolve()
    custom = config.theme.custom_dir
    kept = [(root / name, f"the catalog's {name}/ folder") for name in SOURCE_FOLDERS]
    kept += [(root / ".git", "the repository's .git folder")]
    kept += [(Path(custom), f"the theme's custom_dir, {os.path.relpath(custom, root)}/")] if custom else []
    for path, what in kept:
        if how := _overlap(site, path.resolve()):
            return (f"'{os.path.relpath(site, root)}' {how} {what}, which MkDocs would empty before writing the "
                    "site; write a folder of its own, such as site")
    return None


def published_folder_problems(config: MkDocsConfig) -> list[tuple[tuple[str, ...], str]]:
    """A ``docs_dir`` or ``theme.custom_dir`` that is, holds or lies in one of the catalog's
    :data:`CATALOG_FOLDERS` or the repository's .git: MkDocs publishes their files as they
    are, so ``docs_dir: courses/secret`` put an internal course's pages on the public site,
    past every check of what a course publishes."""
    root = config_path(config.config_file_path).parent
    kept = [(root / name, f"the catalog's {name}/ folder") for name in CATALOG_FOLDERS]
    kept += [(root / ".git", "the repository's .git folder")]
    problems = []
    for keys, value, instead in ((("docs_dir",), config.docs_dir, "docs"),
                                 (("theme", "custom_dir"), config.theme.custom_dir, "overrides")):
        folder = Path(value).resolve() if value else None
        for path, what in kept if folder else ():
            if how := _overlap(folder, path.resolve()):
                problems.append((keys, f"'{os.path.relpath(folder, root)}' {how} {what}: MkDocs would publish its "
                                       f"files as they are, drafts and internal ones too; write a folder of its own, "
                                       f"such as {instead}"))
                break
    # The theme's files are copied as the links among them lead (docs/ refuses links itself).
    custom = config.theme.custom_dir
    for folder, subfolders, names in os.walk(custom) if custom else ():
        problems += [(("theme", "custom_dir"), f"'{os.path.relpath(os.path.join(folder, name), root)}' is a symbolic "
                                               "link: MkDocs would publish what it leads to; copy the file in instead")
                     for name in sorted(names + subfolders) if os.path.islink(os.path.join(folder, name))]
    return problems


def _overlap(folder: Path, other: Path) -> str | None:
    """How ``folder`` stands to ``other`` (both resolved): "is", "is inside", "holds", or None;
    compared as the file system sees them (``Courses`` is ``courses`` on macOS and Windows)."""
    return "is" if _same(folder, other) else "is inside" if any(_same(up, other) for up in folder.parents) else \
        "holds" if any(_same(up, folder) for up in other.parents) else None


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one is not there (yet): as written
        return one == other


def snippet_problems(config: MkDocsConfig, docs: list[File]) -> list[tuple[tuple[str, ...], str]]:
    """What lets ``pymdownx.snippets`` paste into a published page a file no check sees as
    published: its default folder is the working directory, which holds every course, so a
    public page could paste a draft's or an internal course's text (``courses/./secret/``
    reads like no link to it). Its folders must be the repository's own and not hidden (.git),
    must hold none of the catalog's sources, must not be left (``restrict_base_path``), and the
    pasted text must come from the repository. What they hold is allowed, not screened: see
    :func:`_unpublished_under`."""
    entries = [config.mdx_configs.get(entry) or {} if isinstance(entry, str) else getattr(entry, "getConfigs", dict)()
               for entry in config.markdown_extensions if extension_name(entry) == SNIPPETS]
    if not entries:
        return []
    settings = {key: value for entry in entries for key, value in entry.items()}
    root = config_path(config.config_file_path).parent
    folders = settings.get("base_path", ["."])
    docs_root = Path(config.docs_dir).resolve()
    inclusions = {Path(file.abs_src_path or "").resolve(): file.inclusion for file in docs}
    problems = []
    for folder in [folders] if isinstance(folders, str) else folders:
        # The extension reads it from the working directory, which is mkdocs.yml's for a build.
        wheres = {Path(folder).resolve(), (root / folder).resolve()}
        overlapping = [f"{name}/" for name in CATALOG_FOLDERS
                       if any((root / name).is_relative_to(where) or where.is_relative_to(root / name)
                              for where in wheres)]
        # Where the build reads it: from mkdocs.yml's folder, where CI runs it.
        built = (root / folder).resolve()
        if overlapping:
            problems.append((("base_path",), f"base_path '{folder}' holds {', '.join(overlapping)}, "
                             "whose drafts and internal courses a public page could paste; set base_path to a "
                             "folder of shared snippets, e.g. [snippets]"))
        elif built.is_dir() and not built.is_relative_to(root):
            problems.append((("base_path",), f"base_path '{folder}' is outside the site's repository ({built}), "
                             "whose files no review of the catalog sees; put the snippets in a folder beside "
                             "mkdocs.yml, e.g. [snippets]"))
        elif built.is_dir() and any(part.startswith(".") for part in built.relative_to(root).parts):
            problems.append((("base_path",), f"base_path '{folder}' is a hidden folder "
                             f"({built.relative_to(root).as_posix()}), whose files (a repository's configuration, "
                             "a key) are no one's text to publish; put the snippets in a folder of their own, e.g. "
                             "[snippets]"))
        elif (link := next(filter(None, map(_symlink_under, sorted(wheres))), None)) is not None:
            problems.append((("base_path",), f"base_path '{folder}' holds a symlink, {link}, through which a page "
                             "could paste any file; replace it with the file itself"))
        elif (left_out := next(filter(None, (_unpublished_under(where, docs_root, inclusions)
                                             for where in sorted(wheres))), None)) is not None:
            problems.append((("base_path",), f"base_path '{folder}' holds {left_out[0]}, {left_out[1]}, which a "
                             "public page could paste; set base_path to a folder of shared snippets outside "
                             f"{Path(config.docs_dir).name}/, e.g. [snippets]"))
    if settings.get("restrict_base_path") is False:
        problems.append((("restrict_base_path",), "restrict_base_path: false lets a page paste any file of the "
                         "machine; remove it"))
    if settings.get("url_download"):
        problems.append((("url_download",), "url_download pastes text from the web, which no review saw; remove it"))
    return problems


def _unpublished_under(folder: Path, docs_root: Path,
                       inclusions: Mapping[Path, InclusionLevel]) -> tuple[str, str] | None:
    """(path, what it is) of the first file in ``folder``'s tree that the public site leaves
    out, which a page must not paste. An allowlist: in docs_dir a file may be pasted only if
    the public site publishes it anyway (MkDocs includes it and it is not a page for
    authors), so exclude_docs, draft_docs and MkDocs' own exclusions (dot files) keep their
    files unpublished however they are named; outside it, a folder of snippets holds no
    hidden (dot) files, which are no one's text to publish."""
    for parent, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(parent, name)
            shown, resolved = os.path.relpath(path, folder), path.resolve()
            if not resolved.is_relative_to(docs_root):
                if any(part.startswith(".") for part in Path(shown).parts):
                    return shown, "a hidden file"
                continue
            inclusion = inclusions.get(resolved, InclusionLevel.EXCLUDED)
            if inclusion == InclusionLevel.DRAFT:
                return shown, "a draft page (draft_docs)"
            if not inclusion.is_included():
                return shown, "a file the site leaves out (exclude_docs, or a dot file)"
            if name.endswith(MARKDOWN_SUFFIXES) and path.is_file():
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):  # reported where the page is checked
                    continue
                if for_authors(text):
                    return shown, "a page for authors (authoring: true)"
    return None


def _symlink_under(folder: Path) -> str | None:
    """The first symlink in ``folder``'s tree (not followed), if any: the extension checks
    that a pasted file is inside base_path by its path, not by where a link leads."""
    for parent, folders, names in os.walk(folder):
        for name in sorted(folders + names):
            if os.path.islink(os.path.join(parent, name)):
                return os.path.relpath(os.path.join(parent, name), folder)
    return None


def link_rules(config: MkDocsConfig) -> LinkRules:
    """mkdocs.yml's ``validation.links`` levels: a warning fails ``--strict`` (and is an
    error to validate), an info is printed (a warning to validate). The levels are logging
    levels; ``absolute_links: relative_to_docs`` is the one value below them."""
    levels = config.validation.links
    anchors = "error" if levels.anchors >= logging.WARNING else "warning" if levels.anchors >= logging.INFO else None
    return LinkRules(not_found=levels.not_found >= logging.WARNING, absolute=levels.absolute_links >= logging.WARNING,
                     unrecognized=levels.unrecognized_links >= logging.WARNING,
                     absolute_from_docs=levels.absolute_links < logging.NOTSET, anchors=anchors)


def loaded_files(config: MkDocsConfig) -> list[tuple[tuple[str | int, ...], Any]]:
    """What mkdocs.yml has the theme load into every page from an address, by its place:
    extra_css, extra_javascript, extra.polyfills (before the theme's own scripts), the logo
    and the favicon."""
    polyfills = config.extra.get("polyfills")
    return [*((("extra_css", i), value) for i, value in enumerate(config.extra_css)),
            *((("extra_javascript", i), value) for i, value in enumerate(config.extra_javascript)),
            *((("extra", "polyfills", i), value) for i, value in enumerate(polyfills or [])
              if isinstance(polyfills, list)),
            *((("theme", key), config.theme.get(key)) for key in ("logo", "favicon") if config.theme.get(key))]


def loaded_path(value: Any, site_url: str) -> str | None:
    """The site path of the file at an address :func:`loaded_files` gives, as a browser finds
    it (``js/a.js?v=2`` and ``./js/a.js``: ``js/a.js``; ``/sub/js/a.js`` under site_url
    ``https://x/sub/``: ``js/a.js``; backslashes as MkDocs turns them); None for another
    host's. An absolute path outside the site stays absolute: no file of the site."""
    address = urlsplit(str(value).replace("\\", "/"))
    if address.scheme or address.netloc:
        return None
    path = unquote(address.path)
    if path.startswith("/"):
        root = urlsplit(site_url).path or "/"
        if not path.startswith(root if root.endswith("/") else f"{root}/"):
            return path
        path = path[len(root.rstrip("/")) + 1:]
    return posixpath.normpath(path) if path else path


def unpublished_loads(config: MkDocsConfig, publishes: Callable[[str], bool],
                      leaves_out: Callable[[str], bool]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each file of the site that mkdocs.yml has every page load (:func:`loaded_files`) and
    that ``publishes`` (a site path) says the site lacks, with the problem: every visitor's
    browser would ask for it, for nothing. ``leaves_out``: whether exclude_docs or draft_docs
    leaves the path out. Another host's address is refused elsewhere; the search bundle is
    written after the pages."""
    for keys, value in loaded_files(config):
        path = loaded_path(value, config.site_url or "")
        if path is None or path.startswith(f"{BUNDLE}/") or publishes(path):
            continue
        why = ("exclude_docs or draft_docs leaves it out of the site; publish it" if leaves_out(path)
               else f"publish it in {docs_folder(config)}/ or remove the entry")
        yield keys, (f"{dotted(keys)}: '{printable(str(value)[:80])}' is no file of the site, and every page would "
                     f"ask for it; {why}")


def docs_folder(config: MkDocsConfig) -> str:
    """mkdocs.yml's ``docs_dir``, relative to the folder of mkdocs.yml (``docs``), as written:
    a symlinked docs folder stays ``docs``, for the checks to find it a symlink."""
    root = os.path.dirname(os.path.abspath(config.config_file_path or CONFIG_NAME))
    return os.path.relpath(os.path.abspath(config.docs_dir), root).replace(os.sep, "/")


def docs_inclusions(config: MkDocsConfig) -> list[File]:
    """The files of docs_dir, each with what MkDocs makes of it (``inclusion``: left out by
    exclude_docs, a draft of draft_docs, and by default dot files and templates/), by the
    rules MkDocs itself applies (``set_exclusions``); the walk does not follow symlinks, which
    the checks refuse without reading what they point at. Walked once per configuration."""
    files = [File(os.path.relpath(os.path.join(folder, name), config.docs_dir), config.docs_dir, config.site_dir,
                  config.use_directory_urls)
             for folder, _, names in os.walk(config.docs_dir) for name in names]
    set_exclusions(files, config)
    return files


def theme_files(config: MkDocsConfig) -> frozenset[str]:
    """Site paths of the files the theme publishes, as MkDocs picks them (not its templates),
    and of the plugin's page assets."""
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return frozenset({file.src_uri for file in files} | {ASSETS_SITE_FOLDER + asset for asset in ASSET_FILES})


def load_options(config_file: Path, *, with_theme_files: bool = False) -> Options:
    """Options for the CLI (see :func:`options_from_config`); configuration problems raise
    :class:`ConfigError` (exit status 2)."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: no such config file (use -f to point at mkdocs.yml)")
    config = MkDocsConfig(config_file_path=str(config_file))
    source = ConfigSource(config_file.resolve())
    if problem := source.nesting_problem() or source.inherit_problem():
        raise ConfigError("configuration errors", [problem])
    try:
        with config_file.open("rb") as handle:
            config.load_file(handle)
    except OSError as error:  # the file, or one it inherits
        raise ConfigError(f"{error.filename or config_file}: cannot read file: {error.strerror}") from None
    except TypeError as error:  # MkDocs' merge of an inherited file that holds no mapping
        if problem := source.value_problem():
            raise ConfigError("configuration errors", [problem]) from None
        raise ConfigError(f"{config_file}: cannot read the MkDocs config (or a file it inherits): {error}") from None
    except (ConfigurationError, UnicodeDecodeError, ValueError) as error:
        if isinstance(error.__context__, yaml.MarkedYAMLError):  # MkDocs words it without a place
            raise ConfigError("configuration errors", _syntax_diagnostics(config_file, error.__context__)) from None
        if isinstance(read := error.__context__, yaml.reader.ReaderError) and isinstance(read.name, str):
            raise ConfigError("configuration errors", [_undecodable(config_file, Path(read.name), read)]) from None
        if problem := source.value_problem():
            raise ConfigError("configuration errors", [problem]) from None
        raise ConfigError(f"{config_file}: cannot read the MkDocs config: {error}") from None
    raw = _plugin_entry(config.get("plugins"))
    if raw is NOT_LISTED:
        raise ConfigError(f"{config_file}: the '{PLUGIN}' plugin is not enabled under 'plugins'")
    # Options that are not a mapping (`- syllabus: on`), or a `plugins` that is no list:
    # MkDocs' own check below says what is wrong, where.
    if isinstance(raw, Mapping) and (problems := check_options(dict(raw), source)[1]):
        raise ConfigError("configuration errors", [*(problem.diagnostic for problem in problems),
                                                   *source.duplicate_keys()])
    try:
        errors, warnings = config.validate()
    except ValueError as error:  # raised by a value MkDocs' own options cannot parse (site_url: "https://[::1/")
        raise ConfigError(f"{config_file}: MkDocs cannot read a value of it: {error}") from None
    if errors:  # MkDocs' own options, positioned at the key (or the file's start, for a missing one)
        source = ConfigSource(config_file.resolve())
        # A key written twice first: MkDocs read only the last (a second `theme:` without a name).
        raise ConfigError("configuration errors", [*source.duplicate_keys(),
                                                   *(source.error((key,), f"config value '{key}': {error}")
                                                     for key, error in errors)])
    options = options_from_config(config.plugins[PLUGIN].config, config, with_theme_files=with_theme_files)
    # MkDocs' own warnings (an unknown key: "foo: 1"), which fail `mkdocs build --strict`.
    said = [Diagnostic(*source.locate((key,), at_key=True), "warning", f"config value '{key}': {warning}",
                       "config", hint=STRICT_FAILS) for key, warning in warnings]
    if with_theme_files:
        docs = Path(config.docs_dir)

        def publishes(path: str) -> bool:
            return path in options.theme_files or (path not in options.docs_unpublished and (docs / path).is_file())

        # The build warns of these once every plugin has added its files (``--strict`` fails);
        # validate runs no other plugin, so one that writes such a file is not seen here.
        said += [Diagnostic(*source.locate(keys), "warning", problem, "config",
                            hint=f"unless another plugin writes this file, {STRICT_FAILS}")
                 for keys, problem in unpublished_loads(config, publishes, options.docs_unpublished.__contains__)]
    return dataclasses.replace(options, site_problems=(*options.site_problems, *said)) if said else options


STRICT_FAILS = "`mkdocs build --strict` fails on it"


def _undecodable(config_file: Path, path: Path, error: yaml.reader.ReaderError) -> Diagnostic:
    """A byte of ``path`` (mkdocs.yml or a file it inherits) that is no UTF-8, where it is:
    PyYAML says only its offset."""
    return Diagnostic(os.path.relpath(path, config_file.parent).replace(os.sep, "/"),
                      *position_in(path.read_bytes(), error.position), "error",
                      f"{error.reason}: this is not UTF-8 text", "encoding", hint="save the file as UTF-8")


def _syntax_diagnostics(config_file: Path, error: yaml.MarkedYAMLError) -> list[Diagnostic]:
    """A YAML mistake in ``config_file`` (or a file it inherits), positioned and explained
    as in content files."""
    mark = error.problem_mark or error.context_mark
    path = Path(mark.name) if mark is not None and Path(mark.name).is_file() else config_file
    shown = os.path.relpath(path, config_file.parent).replace(os.sep, "/")
    try:
        problems = syntax_problems(path.read_text(encoding="utf-8"), error)
    except (OSError, UnicodeDecodeError):
        problems = syntax_problems("", error)
    return [Diagnostic(shown, p.line, p.column, p.severity, p.message, p.rule, p.hint) for p in problems]


NOT_LISTED = object()  # what _plugin_entry finds when the plugin is not under `plugins`


def _plugin_entry(plugins: Any) -> Any:
    """The plugin's raw options from ``plugins`` (list or mapping form; ``{}`` if listed by
    name alone), :data:`NOT_LISTED` if absent, None if ``plugins`` is neither form."""
    if isinstance(plugins, Mapping):
        entries = list(plugins.items())
    elif isinstance(plugins, list) or plugins is None:
        entries = [(p, None) if isinstance(p, str) else next(iter(p.items()), (None, None))
                   for p in plugins or [] if isinstance(p, (str, Mapping))]
    else:
        return None
    return next((value if value is not None else {} for name, value in entries if name == PLUGIN), NOT_LISTED)
