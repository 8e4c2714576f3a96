"""Early, exactly positioned hints about script-capable HTML, attributes and URLs in Markdown.

This is not what keeps customers safe: that is the allowlist on the HTML each page publishes
(:mod:`syllabus.core.html_allowlist`), which ``syllabus validate`` and the build both apply.
Reading the Markdown itself gives a trainer the exact line and column of most problems; each
becomes a :class:`Finding`.

Markdown structure and positions come from ``markdown-it-py``; tags and attributes from the
standard library's HTMLParser, set up to split raw-text elements the way browsers do. The site
renders with Python-Markdown (attr_list, md_in_html, admonition, superfences, ...), so where
the two disagree we lean towards reporting: attribute lists are read with Python-Markdown's own
attr_list scanner, admonition bodies and unclosed fences (code to CommonMark, not to
Python-Markdown) are checked as Markdown, and paragraph text goes to the HTML parser whole and
tag by tag, so tags Python-Markdown would pass through raw are seen too.

Speed: a cheap pre-check lets pages without raw HTML, risky attribute lists or unusual link
targets skip parsing, and inline parsing only runs for the paragraphs that need it.
markdown-it itself is imported with the first page that needs parsing (otherwise every build
and every ``syllabus validate`` would pay for the import).
"""

from __future__ import annotations

import functools
import html
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from html import parser as html_parser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs

from .html_allowlist import SCHEME, URL_SCHEMES, as_browsers_read, embed_refusal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token


@dataclass(frozen=True)
class Finding:
    """One unsafe construct, 1-based within the checked text.

    ``rule`` is one of ``forbidden-tag``, ``event-handler``, ``unsafe-url`` or ``iframe-host``.
    """

    line: int
    column: int
    message: str
    rule: str


_Hit = tuple[int, str, str]  # (offset in the scanned string, message, rule)
_InlineRule = Callable[["StateInline", bool], bool]

_ADVICE = f"use a relative link or an {', '.join(URL_SCHEMES[:-1])} or {URL_SCHEMES[-1]} URL"

_FORBIDDEN_TAGS = {
    "script": "show code samples in a fenced code block instead",
    "style": "the site theme provides the styling; add classes with an attribute list",
    "object": "embed videos with an <iframe> from an allowed video host",
    "embed": "embed videos with an <iframe> from an allowed video host",
    "applet": "embed videos with an <iframe> from an allowed video host",
    "frame": "link to the page instead",
    "frameset": "link to the page instead",
    "form": "link to the form instead",
    "base": "it changes where every link on the page points",
    "meta": "page metadata belongs in the course or unit YAML",
    "link": "the site theme loads stylesheets and scripts",
}
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset"}
)
# <animate attributeName="href" values="javascript:..."> sets a link target too
_ANIMATED_URL_ATTRIBUTES = _URL_ATTRIBUTES | {"from", "to", "values"}
_CSS_URL = re.compile(r"url\(([^)]*)\)")
_ATTR_LIST = re.compile(AttrListTreeprocessor.BASE_RE)  # Python-Markdown's own `{: ... }` pattern
_CONTAINER_START = re.compile(r"(?:!!!|\?\?\?\+?)")  # admonition / details: body indented 4 spaces
_DESTINATION = re.compile(r"\]\(\s*|\]:\s*")
_PLAIN_DESTINATION = re.compile(r"https?://|mailto:|[#/.?]|[\w.~+-]+(?:[/?#)\s]|$)", re.I | re.A)
# One line only: in "<a\n> href=..." the ">" is a blockquote marker, not the end of the tag.
_PLAIN_ANGLE = re.compile(
    r"<(?:/[A-Za-z][A-Za-z0-9]*|([A-Za-z][A-Za-z0-9]*))[ \t]*/?>"
    r"|<(?:https?://|mailto:)[^\x00-\x20<>]*>"
)
_UNSAFE_BARE_TAGS = frozenset(_FORBIDDEN_TAGS) | {"iframe"}
_RISKY_ATTRIBUTES = re.compile(r"=|(?<![A-Za-z0-9_])(?:on|srcdoc)", re.I)
_MAX_DEPTH = 8  # nested re-checks (comments, admonition bodies, md_in_html text)


def is_safe_url(url: str) -> bool:
    """True when a browser would resolve ``url`` as relative, http(s) or mailto."""
    scheme = _scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def check_markdown(text: str, *, allowed_iframe_hosts: Collection[str] = ()) -> list[Finding]:
    """Every unsafe construct in a Markdown document, sorted by position."""
    text = _normalise_newlines(text)
    return _findings(text, _scan_markdown(text, _hosts(allowed_iframe_hosts), 0))


# --- URLs --------------------------------------------------------------------------------------


def _scheme(url: str) -> str | None:
    """The scheme a browser sees: references decoded, the address read as browsers read it.

    Percent-escapes are left alone because browsers never decode them in a scheme.
    """
    match = SCHEME.match(as_browsers_read(html.unescape(url)))
    return match.group(1).lower() if match else None


def _url_message(what: str, url: str) -> str:
    return f'{what} uses the "{_scheme(url)}:" scheme, which is not allowed; {_ADVICE}'


def _iframe_problem(src: str | None, hosts: frozenset[str]) -> str | None:
    """Why an iframe is not an embed from an allowed video host, or None when it is."""
    try:
        parts = urlsplit(as_browsers_read(html.unescape(src or "")))
        host = parts.hostname
    except ValueError:
        return embed_refusal(None, hosts)
    return None if parts.scheme == "https" and host in hosts else embed_refusal(host, hosts)


def _attribute_problem(
    where: str, name: str, value: str | None, url_names: frozenset[str] = _URL_ATTRIBUTES
) -> tuple[str, str] | None:
    """(message, rule) when one attribute can run script, else None."""
    if name.startswith("on"):
        message = f"{name}= {where} is an event handler, which runs JavaScript; remove it"
        return message, "event-handler"
    if name == "srcdoc":
        return f"srcdoc= {where} embeds a whole HTML document; remove it", "unsafe-url"
    if value is None:
        return None
    if name in url_names:
        if name == "srcset":
            urls = [(c.split() or [""])[0] for c in value.split(",")]
        else:
            urls = value.split(";") if name == "values" else [value]
        bad = next((url for url in urls if not is_safe_url(url)), None)
        if bad is not None:
            return _url_message(f"{name}= {where}", bad), "unsafe-url"
    if name == "style":
        css = "".join(value.lower().split())
        urls = [url.strip("'\"") for url in _CSS_URL.findall(css)]
        if "expression(" in css or not all(map(is_safe_url, urls)):
            message = f"style= {where} contains a CSS expression() or script URL; remove it"
            return message, "unsafe-url"
    return None


# --- HTML --------------------------------------------------------------------------------------


class _HtmlScanner(html_parser.HTMLParser):
    """Collects tag and attribute problems as offsets into the fragment it is fed."""

    # Browsers read these elements' content as text up to the closing tag, so
    # <textarea><p title="</textarea><img onerror=...>"> runs the <img>. Parse them the same
    # way, and re-check their text as HTML too, for when they sit inside <svg> or <math>.
    CDATA_CONTENT_ELEMENTS = (
        *("script", "style", "iframe", "noembed", "noframes", "noscript"),
        *("textarea", "title", "xmp"),
    )

    def __init__(self, source: str, hosts: frozenset[str], in_markdown: bool, depth: int):
        super().__init__(convert_charrefs=True)
        self.source, self.hosts, self.depth = source, hosts, depth
        self.starts = _line_starts(source)
        self.in_markdown = in_markdown  # md_in_html: text may itself be Markdown
        self.markdown_on = False
        self.raw_text = False
        self.text_start: int | None = None
        self.whole_tags: set[int] = set()  # tags the per-tag pass would read the same way
        self.hits: list[_Hit] = []

    def here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.end_text()
        self.raw_text = tag in self.CDATA_CONTENT_ELEMENTS
        start, values = self.here(), dict(reversed(attrs))  # browsers keep the first duplicate
        text = self.get_starttag_text() or ""
        if text.find(">") == len(text) - 1 and "<" not in text[1:]:
            self.whole_tags.add(start)
        if tag in _FORBIDDEN_TAGS:
            hint = _FORBIDDEN_TAGS[tag]
            message = f"<{tag}> is not allowed in course Markdown; remove it ({hint})"
            self.hits.append((start, message, "forbidden-tag"))
        if tag == "iframe" and (problem := _iframe_problem(values.get("src"), self.hosts)):
            self.hits.append((start, problem, "iframe-host"))
        animated = tag in ("animate", "set") and str(values.get("attributename")).lower() in (
            "href",
            "xlink:href",
        )
        url_names = _ANIMATED_URL_ATTRIBUTES if animated else _URL_ATTRIBUTES
        problems = [
            (index, problem)
            for index, (name, value) in enumerate(attrs)
            if (problem := _attribute_problem(f"on <{tag}>", name, value, url_names))
        ]
        if problems:
            offsets = _attribute_offsets(text)
            offsets = offsets if len(offsets) == len(attrs) else [0] * len(attrs)
            self.hits.extend((start + offsets[index], *problem) for index, problem in problems)
        if "markdown" in values and values["markdown"] not in ("0", "off"):
            self.markdown_on = True

    def handle_endtag(self, tag: str) -> None:
        self.end_text()
        self.raw_text = False

    def handle_data(self, data: str) -> None:
        if self.raw_text:
            self.rescan(self.here(), data)
        elif self.text_start is None:
            self.text_start = self.here()

    def handle_comment(self, data: str) -> None:
        # Browsers also end comments at "--!>" and "<!-->"; re-check what the parser hid.
        self.end_text()
        self.rescan(self.here() + len("<!--"), data)

    def unknown_decl(self, data: str) -> None:
        self.end_text()  # "<![CDATA[...]]>" is a bogus comment ending at the first ">" in HTML
        self.rescan(self.here() + len("<!["), data)

    def handle_decl(self, decl: str) -> None:
        self.end_text()

    def handle_pi(self, data: str) -> None:
        self.end_text()

    def rescan(self, start: int, source: str) -> None:
        if "<" in source:
            hits = _scan_html(source, self.hosts, in_markdown=False, depth=self.depth + 1)
            self.hits.extend((start + offset, message, rule) for offset, message, rule in hits)

    def end_text(self, end: int | None = None) -> None:
        """Check text inside ``markdown="1"`` HTML as Markdown, the way md_in_html renders it."""
        start, self.text_start = self.text_start, None
        if start is None or not (self.in_markdown and self.markdown_on):
            return
        text = self.source[start : self.here() if end is None else end]
        for offset, message, rule in _scan_text(text, self.hosts, self.depth + 1):
            self.hits.append((start + offset, message, rule))


def _scan_html(source: str, hosts: frozenset[str], *, in_markdown: bool, depth: int) -> list[_Hit]:
    if depth > _MAX_DEPTH:
        return _too_deep()
    hits: list[_Hit] = []
    whole_tags: set[int] = set()
    base = 0
    while base < len(source):
        scanner = _HtmlScanner(source[base:], hosts, in_markdown, depth)
        try:
            scanner.feed(scanner.source)
            if scanner.rawdata.startswith("<"):  # an unfinished tag may end in later content
                scanner.feed(">")
            scanner.close()
            scanner.end_text(len(scanner.source))
            resume = len(source)
        except AssertionError:  # HTMLParser before 3.13 gives up on "<![ "; go on after it
            resume = base + scanner.here() + 1
        hits.extend((base + offset, message, rule) for offset, message, rule in scanner.hits)
        whole_tags.update(base + offset for offset in scanner.whole_tags)
        base = resume
    if in_markdown:
        hits.extend(_scan_each_tag(source, hosts, depth, whole_tags))
    return hits


def _scan_each_tag(
    source: str, hosts: frozenset[str], depth: int, already_read: set[int]
) -> Iterator[_Hit]:
    """Check every ``<...>`` without a ``<`` inside on its own, as Python-Markdown finds them.

    Python-Markdown escapes a stray ``<`` and passes the next such span through raw, so in
    ``<a title="<img onerror=...>">`` it is the ``<img>`` that reaches the browser.
    """
    pos = source.find("<")
    while pos >= 0:
        after = source.find("<", pos + 1)
        end = source.find(">", pos, after if after >= 0 else len(source))
        if end >= 0 and pos not in already_read and _plain_tag_end(source, pos) is None:
            tag = source[pos : end + 1]
            for offset, message, rule in _scan_html(tag, hosts, in_markdown=False, depth=depth):
                yield pos + offset, message, rule
        pos = after


def _too_deep() -> list[_Hit]:
    message = "This content nests HTML or Markdown too deeply to check safely; simplify it"
    return [(0, message, "forbidden-tag")]


def _attribute_offsets(tag_text: str) -> list[int]:
    """Where each attribute of a start tag begins, using HTMLParser's own patterns."""
    tag_pattern = getattr(html_parser, "tagfind_tolerant", None)
    attr_pattern = getattr(html_parser, "attrfind_tolerant", None)
    match = tag_pattern.match(tag_text, 1) if tag_pattern and attr_pattern else None
    if match is None:
        return []
    offsets, pos = [], match.end()
    while (found := attr_pattern.match(tag_text, pos)) and found.end() > pos:
        offsets.append(found.start(1))
        pos = found.end()
    return offsets


# --- Markdown ----------------------------------------------------------------------------------


def _tracked(rule: _InlineRule, name: str) -> _InlineRule:
    """Wrap an inline rule so its tokens remember where they start and end in the source.

    markdown-it only maps blocks to lines; these offsets give exact columns and tell us which
    text is code (never HTML) and where a link's destination starts.
    """

    def tracked(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        new = state.tokens[count:]
        for token in new:
            if "start" not in token.meta:
                token.meta.update(start=start, end=state.pos)
        target = next((t for t in new if t.type in ("link_open", "image")), None)
        if target is None or target.meta.get("start") != start:
            return True
        if target.markup == "autolink":
            target.meta.update(url=start + 1, hidden=(start, state.pos))
            return True
        is_image = name == "image"
        label_end = state.md.helpers.parseLinkLabel(state, start + is_image, not is_image)
        pos = label_end + 1
        if label_end < 0 or state.src[pos : pos + 1] != "(":
            return True  # reference link: its definition is checked instead
        pos += 1
        while state.src[pos : pos + 1] in (" ", "\t", "\n"):
            pos += 1
        pos += state.src[pos : pos + 1] == "<"
        hidden = (start if is_image else label_end, state.pos)
        target.meta.update(url=pos, hidden=hidden)
        return True

    return tracked


@functools.cache
def _parser() -> MarkdownIt:
    """One CommonMark parser that keeps every link, even ones markdown-it would refuse."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import autolink, backtick, escape, image, link

    md = MarkdownIt("commonmark", {"inline_definitions": True}).enable("table")
    md.disable(["inline", "text_join", "emphasis"])  # inline runs lazily; emphasis never matters
    md.validateLink = lambda url: True  # report javascript: links instead of dropping them
    md.normalizeLink = lambda url: url  # check destinations as written, not percent-encoded
    for name, rule in (
        ("backticks", backtick),
        ("escape", escape),
        ("link", link),
        ("image", image),
        ("autolink", autolink),
    ):
        md.inline.ruler.at(name, _tracked(rule, name))
    return md


def _may_be_unsafe(text: str) -> bool:
    """Cheap conservative pre-check so plain pages skip parsing (it never reports anything).

    Only raw HTML with attributes or a forbidden tag, comments, an attribute list setting a
    value or an ``on...`` name, or a link target that is not obviously relative/http(s)/mailto
    can lead to a finding; text with none of these cannot.
    """
    pos = text.find("<")
    while pos >= 0:
        end = _plain_tag_end(text, pos)
        if end is None:
            return True
        pos = text.find("<", end)
    pos = text.find("{")
    while pos >= 0:  # from the first "{" of each line to its end
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if _RISKY_ATTRIBUTES.search(text, pos, line_end):
            return True
        pos = text.find("{", line_end)
    return any(not _PLAIN_DESTINATION.match(text, m.end()) for m in _DESTINATION.finditer(text))


def _plain_tag_end(text: str, pos: int) -> int | None:
    """End of a harmless ``<kbd>``/``</kbd>``/``<https://...>`` at ``pos``, else None."""
    plain = _PLAIN_ANGLE.match(text, pos)
    if plain is None or (plain.group(1) or "").lower() in _UNSAFE_BARE_TAGS:
        return None
    return plain.end()


def _scan_markdown(text: str, hosts: frozenset[str], depth: int) -> Iterator[_Hit]:
    if not _may_be_unsafe(text):
        return
    if depth > _MAX_DEPTH:
        yield from _too_deep()
        return
    env: dict = {}
    md = _parser()
    tokens = md.parse(text, env)
    lines, starts = text.split("\n"), _line_starts(text)

    def remap(hits: Iterable[_Hit], content: str, first_line: int) -> Iterator[_Hit]:
        offset = _region(content, first_line, lines, starts)
        return ((offset(pos), message, rule) for pos, message, rule in hits)

    for index, token in enumerate(tokens):
        first_line = token.map[0] if token.map else 0
        if token.type == "inline" and _may_be_unsafe(token.content):
            children: list[Token] = []
            md.inline.parse(token.content, md, env, children)
            heading_like = tokens[index - 1].type in ("heading_open", "th_open", "td_open")
            hits = _scan_inline(token.content, children, hosts, heading_like, depth)
            yield from remap(hits, token.content, first_line)
        elif token.type == "html_block" and _may_be_unsafe(token.content):
            hits = _scan_html(token.content, hosts, in_markdown=True, depth=depth)
            yield from remap(hits, token.content, first_line)
        elif token.type == "definition" and not is_safe_url(token.meta["url"]):
            message = _url_message(f"Reference [{token.meta['label']}]", token.meta["url"])
            yield _definition_offset(token, lines, starts), message, "unsafe-url"
        elif token.type == "fence":
            yield from _scan_fence_info(token, lines, starts)
            closed = token.map and token.map[1] - token.map[0] == token.content.count("\n") + 2
            if not closed:  # superfences needs the closing fence; without it this is Markdown
                hits = _scan_markdown(token.content, hosts, depth + 1)
                yield from remap(hits, token.content, first_line + 1)
        elif token.type == "code_block" and _is_container_body(tokens, index):
            hits = _scan_markdown(token.content, hosts, depth + 1)
            yield from remap(hits, token.content, first_line)


def _is_container_body(tokens: list[Token], index: int) -> bool:
    """Indented text after ``!!! note``/``??? note`` or an HTML block is not code to the site."""
    before = tokens[index - 1] if index else None
    if before is not None and before.type == "html_block":
        return True
    return (
        before is not None
        and before.type == "paragraph_close"
        and _CONTAINER_START.match(tokens[index - 2].content) is not None
    )


def _scan_fence_info(token: Token, lines: list[str], starts: list[int]) -> Iterator[_Hit]:
    """superfences applies ``{.lang key=value}`` after the fence as attributes."""
    line = lines[token.map[0]] if token.map else ""
    brace = line.find("{")
    match = _ATTR_LIST.match(line, brace) if brace >= 0 else None
    if match:
        base = starts[token.map[0]] if token.map else 0
        yield from _scan_attr_list(line, match, base)


def _definition_offset(token: Token, lines: list[str], starts: list[int]) -> int:
    """Offset of a reference definition's URL (or the definition's start as a fallback)."""
    first, last = token.map or (0, 1)
    text = "\n".join(lines[first:last])
    label = "[" + token.meta["label"] + "]:"
    pos = text.find(label)
    if pos < 0:
        return starts[first] + len(text) - len(text.lstrip())
    pos += len(label)
    while text[pos : pos + 1] in (" ", "\t", "\n"):
        pos += 1
    return starts[first] + pos + (text[pos : pos + 1] == "<")


def _scan_text(text: str, hosts: frozenset[str], depth: int) -> Iterator[_Hit]:
    """Inline Markdown checks for text inside ``markdown="1"`` HTML."""
    if not _may_be_unsafe(text):
        return iter(())
    if depth > _MAX_DEPTH:
        return iter(_too_deep())
    children: list[Token] = []
    md = _parser()
    md.inline.parse(text, md, {}, children)
    return _scan_inline(text, children, hosts, True, depth)


def _scan_inline(
    content: str, children: list[Token], hosts: frozenset[str], heading_like: bool, depth: int
) -> Iterator[_Hit]:
    """Links, images, autolinks, raw HTML and attribute lists in one paragraph, heading or cell."""
    hidden: list[tuple[int, int]] = []  # code, escapes and URLs: never read as HTML
    for token in children:
        if token.type == "code_inline" or (token.type == "text_special" and token.info == "escape"):
            hidden.append((token.meta["start"], token.meta["end"]))
        elif "url" in token.meta:
            url = str(token.attrGet("src" if token.type == "image" else "href") or "")
            hidden.append(token.meta["hidden"])
            if not is_safe_url(url):
                what = "Image source" if token.type == "image" else "Link target"
                what = "Autolink" if token.markup == "autolink" else what
                yield token.meta["url"], _url_message(what, url), "unsafe-url"
    visible = _blank(content, hidden)
    if "<" in visible:
        yield from _scan_html(visible, hosts, in_markdown=True, depth=depth)
    if "{" in visible:
        for brace in (m.start() for m in re.finditer(r"\{", visible)):
            match = _ATTR_LIST.match(visible, brace)
            if match and _attr_list_applies(content, match, heading_like):
                yield from _scan_attr_list(visible, match, 0)


def _attr_list_applies(content: str, match: re.Match[str], heading_like: bool) -> bool:
    """Where attr_list reads ``{...}``: own line, right after an inline element, end of heading."""
    line_start = content.rfind("\n", 0, match.start()) + 1
    before = content[line_start : match.start()]
    if not before.strip() or not (before[-1].isspace() or before[-1].isalnum()):
        return True
    line_end = content.find("\n", match.end())
    rest = content[match.end() : line_end if line_end >= 0 else len(content)]
    return heading_like and not rest.strip()


def _scan_attr_list(text: str, match: re.Match[str], base: int) -> Iterator[_Hit]:
    cursor = match.start(1)
    for name, value in get_attrs(match.group(1)):
        found = text.find(name, cursor, match.end())
        cursor = found + len(name) if found >= 0 else cursor
        problem = _attribute_problem("in the attribute list", name.lower(), value)
        if problem:
            yield base + (found if found >= 0 else match.start()), *problem


# --- positions ---------------------------------------------------------------------------------


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _hosts(hosts: Collection[str]) -> frozenset[str]:
    return frozenset(host.lower() for host in hosts)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace spans with spaces, keeping newlines so offsets and lines stay put."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for pos in range(start, end):
            if chars[pos] != "\n":
                chars[pos] = " "
    return "".join(chars)


def _region(
    content: str, first_line: int, lines: list[str], starts: list[int]
) -> Callable[[int], int]:
    """Map offsets in a block's content back to the text it was cut from.

    markdown-it strips container prefixes (``> ``, list indentation) and heading markers from
    each line, so each content line is located in its source line.
    """
    content_starts = _line_starts(content)
    shifts = []
    for number, content_line in enumerate(content.split("\n")):
        index = min(first_line + number, len(lines) - 1)
        shifts.append(starts[index] + _shift(content_line, lines[index]))

    def offset(pos: int) -> int:
        number = bisect_right(content_starts, pos) - 1
        return shifts[number] + pos - content_starts[number]

    return offset


def _shift(content_line: str, source_line: str) -> int:
    body = content_line.strip()
    if not body:
        return 0
    if source_line.rstrip().endswith(content_line.rstrip()):
        return len(source_line.rstrip()) - len(content_line.rstrip())
    found = source_line.find(body)
    return max(found - (len(content_line) - len(content_line.lstrip())), 0) if found >= 0 else 0


def _findings(text: str, hits: Iterable[_Hit]) -> list[Finding]:
    hits = list(hits)
    if not hits:  # nearly every page: no need to index its lines
        return []
    starts = _line_starts(text)
    unique: set[Finding] = set()
    for offset, message, rule in hits:
        line = bisect_right(starts, offset) - 1
        unique.add(Finding(line + 1, offset - starts[line] + 1, message, rule))
    return sorted(unique, key=lambda f: (f.line, f.column, f.rule, f.message))
