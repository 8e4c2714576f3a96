"""Reading a built site in tests: a tiny DOM over ``html.parser``, every file, every link.

Structure is asserted on parsed elements, not on regular expressions over the markup, so a
test can tell text that merely looks like a tag from an element a browser would create.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import json
import posixpath
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from syllabus.plugin.site_search import pagefind_binary

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
LINK_ATTRIBUTES = ("href", "src", "xlink:href", "action", "poster")
EXTERNAL_SCHEMES = ("http", "https", "mailto")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def matches(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> bool:
        """``attrs`` values: a string must be equal, ``True`` means present (``_`` reads ``-``)."""
        if tag is not None and self.tag != tag:
            return False
        if cls is not None and cls not in self.classes:
            return False
        for name, expected in attrs.items():
            name = name.replace("_", "-")
            if name not in self.attrs or (expected is not True and self.attrs[name] != expected):
                return False
        return True

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> list[Element]:
        return [e for e in self.iter() if e is not self and e.matches(tag, cls, **attrs)]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> Element:
        """The first match; fails the test (naming the query) when there is none."""
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} in <{self.tag}>"
        return found[0]

    def children_named(self, tag: str) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element) and c.tag == tag]

    @property
    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text for c in self.children)

    @property
    def text(self) -> str:
        """Text content with whitespace collapsed, as a reader sees it."""
        return " ".join(self.raw_text.split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Invalid HTML, which browsers read by dropping all but the first: every parsed page is checked.
        names = [name for name, _ in attrs]
        assert len(set(names)) == len(names), f"<{tag}> repeats an attribute: {attrs}"
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag closes nothing.
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(markup: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def page(site: Path, url: str) -> Element:
    """The parsed page at a site URL such as ``courses/x/`` (``""`` is the home page)."""
    return parse_html((site / url / "index.html").read_text(encoding="utf-8"))


def site_files(site: Path) -> list[str]:
    """Every file under the site, as sorted site-relative POSIX paths (dot files included)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def site_paths(site: Path) -> list[str]:
    """Every file and folder under the site, as site-relative POSIX paths."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))


def file_bytes(path: Path) -> bytes:
    """A file's bytes, decompressed when it is gzip (``sitemap.xml.gz``)."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def html_pages(site: Path) -> Iterator[tuple[str, Element]]:
    """``(url, document)`` for every HTML file, the URL being the page's directory URL."""
    for relative in site_files(site):
        if relative.endswith(".html"):
            url = relative.removesuffix("index.html")
            yield url, parse_html((site / relative).read_text(encoding="utf-8"))


def resolve(site: Path, page_url: str, reference: str) -> Path | None:
    """The file a relative reference on ``page_url`` points at; ``None`` for external links,
    pure fragments and empty references. Fails for other schemes and for paths leaving the site."""
    parts = urlsplit(reference)
    if parts.scheme in EXTERNAL_SCHEMES or (not parts.scheme and not parts.path and not parts.netloc):
        return None
    assert not parts.scheme and not parts.netloc, f"unexpected link {reference!r} on {page_url or '/'}"
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, unquote(parts.path)))
    assert not joined.startswith("/.."), f"{reference!r} on {page_url or '/'} leaves the site"
    target = site / joined.lstrip("/")
    return target / "index.html" if parts.path.endswith("/") or target.is_dir() else target


def internal_references(site: Path) -> Iterator[tuple[str, str, Path]]:
    """``(page url, reference, target file)`` for every relative href/src of every HTML page."""
    for url, document in html_pages(site):
        for element in document.iter():
            for name in LINK_ATTRIBUTES:
                reference = element.attrs.get(name)
                target = None if reference is None else resolve(site, url, reference)
                if target is not None:
                    yield url, reference, target


def nav_tree(document: Element) -> list[tuple[str, str | None, list]]:
    """The primary navigation as ``(label, href, children)``, children in the same shape."""
    primary = document.find("nav", cls="md-nav--primary")
    return _nav_items(primary.find("ul", cls="md-nav__list"))


def _nav_items(listing: Element) -> list[tuple[str, str | None, list]]:
    items = []
    for item in listing.children_named("li"):
        label = item.find("span", cls="md-ellipsis").text
        links = [e for e in item.iter() if e.matches("a", cls="md-nav__link")]
        nested = [n for n in item.children_named("nav") if "md-nav--secondary" not in n.classes]
        children = _nav_items(nested[0].find("ul", cls="md-nav__list")) if nested else []
        items.append((label, links[0].attrs.get("href") if links and not children else None, children))
    return items


def embedded_json(document: Element, name: str) -> object:
    """The JSON a page embeds for its script under ``data-<name>``: the text of such a
    ``<script type="application/json">`` or the value of the attribute itself."""
    element = document.find(**{f"data_{name}": True})
    if element.tag == "script":
        assert element.attrs.get("type") == "application/json"
        return json.loads(element.raw_text)
    return json.loads(element.attrs[f"data-{name}"] or "")


@functools.cache
def pagefind_is_reproducible() -> bool:
    """Whether the Pagefind that builds use writes the same bundle for the same pages: 1.6.0 does
    (two builds of the example compared), earlier releases name and order their filter and
    meta chunks differently on each run (upstream: Pagefind/pagefind#638)."""
    output = subprocess.run([str(pagefind_binary()), "--version"], capture_output=True, text=True, check=True).stdout
    major, minor = output.split()[-1].split(".")[:2]  # "pagefind 1.5.2"
    return (int(major), int(minor)) >= (1, 6)


def reproducible_files(site: Path) -> list[str]:
    """``site_files``, without Pagefind's bundle where :func:`pagefind_is_reproducible` says
    it is not; what the bundle finds is tested through ``pagefind_pages`` and in the browser."""
    return [f for f in site_files(site) if pagefind_is_reproducible() or not f.startswith("pagefind/")]


def pagefind_pages(site: Path) -> dict[str, dict]:
    """Pagefind's record of every indexed page (its gzip fragments), by site-relative URL:
    ``content`` (the indexed text), ``filters`` and ``meta``."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"].lstrip("/")] = record
    return pages


def schema_org_problems(value: Any, where: str = "$") -> Iterator[str]:
    """Properties that schema.org does not define for the ``@type`` they sit on (the
    vocabulary as ``pydantic2-schemaorg`` generates it, inherited properties included)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from schema_org_problems(item, f"{where}[{index}]")
        return
    if not isinstance(value, dict):
        return
    kind = value.get("@type")
    model = importlib.import_module(f"pydantic2_schemaorg.{kind}")
    defined = {field.alias for field in getattr(model, kind).__fields__.values()}
    for key, item in value.items():
        if key not in defined and key not in ("@context", "@id"):
            yield f"{where}: {kind} has no property {key!r}"
        yield from schema_org_problems(item, f"{where}.{key}")


ID_REFERENCES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list")


def id_problems(url: str, document: Element) -> list[str]:
    """Ids used twice on a page, and fragment links, labels and ARIA references that name no
    id on it: what link checkers and screen readers trip on."""
    ids = [element.attrs["id"] for element in document.find_all(id=True)]
    problems = [f"{url or '/'}: id {anchor!r} twice" for anchor in sorted({a for a in ids if ids.count(a) > 1})]
    fragments = {a.attrs["href"][1:] for a in document.find_all("a", href=True) if a.attrs["href"].startswith("#")}
    problems += [f"{url or '/'}: no id {fragment!r}" for fragment in sorted(fragments - set(ids) - {""})]
    named = {(name, ref) for element in document.iter() for name in ID_REFERENCES
             for ref in (element.attrs.get(name) or "").split()}
    problems += [f"{url or '/'}: {name} names no id {ref!r}" for name, ref in sorted(named) if ref not in ids]
    return problems
