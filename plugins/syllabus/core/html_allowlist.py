"""The one allowlist every published page body from content passes through.

Course, unit and docs Markdown is rendered by Python-Markdown with whatever extensions the
site enables, so what reaches a visitor is decided by the final HTML, not by any reading of
the Markdown. That HTML is run through ``nh3`` (ammonia, an html5ever-based sanitiser) with
the tags, attributes and URL schemes below, which are all Python-Markdown, its bundled
extensions (attr_list, toc permalinks, tables, footnotes, abbr, def_list, md_in_html),
pymdownx (details, superfences, tabbed, highlight, tasklist) and Material's styling need.

The sanitised HTML is what gets published, and if sanitising *removed* anything (a tag, an
attribute or text) the page is refused: :meth:`Allowlist.removals` names every removal so
the trainer can fix the source in one go. Additions by the sanitiser's HTML5 tree builder (an
implied ``<tbody>``, closing tags) are harmless and not reported.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import SplitResult, unquote, urlsplit

import nh3
from pygments.token import STANDARD_TYPES

from .yamlsafe import MAX_CHARACTER_PROBLEMS, hiding_in, more_characters, refused_character

URL_SCHEMES = ("https", "http", "mailto")  # in the order messages name them

# Tag -> attributes allowed on it (besides GENERIC_ATTRIBUTES).
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "em", "strong", "b", "i", "s", "u", "code",
         "pre", "span", "div", "table", "thead", "tbody", "tfoot", "tr", "caption", "colgroup", "blockquote",
         "hr", "br", "sup", "sub", "dl", "dt", "dd", "summary", "mark", "kbd", "small", "figure",
         "figcaption", "q", "cite", "var", "samp", "wbr", "section", "abbr"),
        frozenset(),
    ),
    "a": frozenset({"href", "name", "rel"}),  # and target, of TAG_ATTRIBUTE_VALUES
    "img": frozenset({"src", "alt", "width", "height", "loading", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "col": frozenset({"span", "width"}),
    "details": frozenset({"open"}),
    "del": frozenset({"datetime"}),
    "ins": frozenset({"datetime"}),
    "label": frozenset({"for"}),
    "input": frozenset({"checked", "disabled", "name"}),  # pymdownx.tabbed and tasklist
    "iframe": frozenset({"src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading",
                         "referrerpolicy"}),
}
GENERIC_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
DATA_ATTRIBUTE_PREFIX = "data-"
# The data-* attributes Markdown extensions write (pymdownx.tabbed, pymdownx.highlight's
# inline line numbers); no others. The page's scripts act on data attributes: Material's
# on data-md-* and, through its copy buttons, data-clipboard-text (a copy button that puts
# another command on the clipboard), the site search on data-pagefind-*, Syllabus' on its own.
CONTENT_DATA_ATTRIBUTES = frozenset({"data-tabs", "data-linenos"})
# Material reads its config from the first "#__config" in the page (an element in the content
# would come first) and toggles by "#__drawer", "#__search"...: content ids may not start with
# "__", except those the tabbed and highlight extensions generate. Syllabus' own ids on every
# page (#__syllabus-messages, the search box's) start with "__" for the same reason.
_THEME_ID_PREFIX = "__"
# The theme prints a heading's id outside the body too, unescaped (the table of contents links
# to "#" + id), and its script passes the link through decodeURIComponent into a selector, so an
# id, and what names one, is a word: letters, digits and "-_.:", what every slugify and extension
# writes ("getting-started", "fn:1", "_2"), or such a word UTF-8 percent-encoded ("%E6%97%A5"),
# on which that script neither throws nor writes a quote (it highlights no such heading, though).
_ID_ATTRIBUTES = ("id", "for", "name")
_ID_VALUE = re.compile(r"(?:[\w.:-]|%[0-9A-Fa-f]{2})+")
_WORD = re.compile(r"[\w.:-]+")
# Material's script loads Mermaid from unpkg.com for any element of this class: every visitor's
# browser would ask another host for a script.
_THEME_FETCHES = "mermaid"
# Syllabus' own page parts: its scripts find them by class, and one written in a page (an empty
# <div class="syllabus-home-sessions">) stopped the page's times being shown in the visitor's zone.
_PRODUCT_CLASS_PREFIX = "syllabus-"
_EXTENSION_IDS = ("__tabbed_", "__codelineno-")
# Attributes allowed only with these exact values. A link may open a new tab, but never a
# named window: a page opened in one gets window.opener, and can send this tab elsewhere
# (to a look-alike sign-in page); browsers deny it that for target="_blank" alone.
TAG_ATTRIBUTE_VALUES = {"input": {"type": {"radio", "checkbox"}},
                        "a": {"target": {"_blank", "_self", "_parent", "_top"}}}
_BY_VALUE = ("rel", "target", "allow")  # allowed with some values only (a link's, an embed's)
# A link's rel may say these only: rel="opener" hands a tab opened by it window.opener back.
LINK_RELATIONS = frozenset({"noopener", "noreferrer", "nofollow", "external", "ugc", "sponsored", "license",
                            "help", "tag", "author", "bookmark", "next", "prev"})
# What an embedded video may be allowed to use (YouTube's and Vimeo's embed codes ask for
# these); not the camera, microphone, location or clipboard reading a page could be granted.
EMBED_FEATURES = frozenset({"accelerometer", "autoplay", "clipboard-write", "encrypted-media", "fullscreen",
                            "gyroscope", "picture-in-picture", "web-share"})
# Tables use ``style`` for column alignment only.
_TABLE_STYLE = re.compile(r"text-align:\s*(?:left|right|center);?")
_ATTRIBUTE_NOTES = {
    "id": "ids starting with '__' belong to the theme (e.g. #__config); rename it",
    "for": "ids starting with '__' belong to the theme; rename it",
    "style": "only text-align in table cells is allowed; use an attribute list class instead",
    "rel": (f"a link's rel may say {', '.join(sorted(LINK_RELATIONS))} only (opener would give the page it "
            "opens control of this one); remove the rest"),
    "target": ("a link opens in this tab or a new one only (_blank): a named window gives the page it opens "
               "control of this one; write target=\"_blank\" or remove it"),
    "allow": (f"an embedded video may use {', '.join(sorted(EMBED_FEATURES))} only (not the camera, microphone "
              "or location); remove the rest"),
    "class": ("it makes the theme load Mermaid from unpkg.com in every visitor's browser; "
              "draw the diagram as an image beside the page and show it with a relative path"),
    _PRODUCT_CLASS_PREFIX: (f"classes starting with '{_PRODUCT_CLASS_PREFIX}' belong to the catalog's own page "
                            "parts, which its scripts act on; name yours otherwise"),
}


def _refused_class(value: str) -> str | None:
    """The word of a class attribute that content may not use, if any."""
    return next((word for word in value.split()
                 if word == _THEME_FETCHES or word.startswith(_PRODUCT_CLASS_PREFIX)), None)


# html5ever (in nh3) and the search plugin's parser both do work per open element for every
# tag, so a page nesting tens of thousands of elements takes minutes; no page needs this many.
MAX_NESTING = 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# Elements that never hold themselves open in a browser's tree: void, or ended by the next sibling.
_NOT_NESTING = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                          "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rt",
                          "rp", "thead", "tbody", "tfoot", "colgroup"})


@dataclass(frozen=True)
class Removal:
    """What the sanitiser took out of a page: ``message`` for the trainer, ``needles`` to find
    its source line (the attribute's value, else its name, or the tag), best first."""

    message: str
    needles: tuple[str, ...]
    in_code_too: bool = False  # a character, found wherever it is written, code included


def is_id(value: str) -> bool:
    """Whether ``value`` may name a place in a published page (an ``id``, a ``for``)."""
    if _ID_VALUE.fullmatch(value) is None:
        return False
    try:
        return "%" not in value or _WORD.fullmatch(unquote(value, errors="strict")) is not None
    except UnicodeDecodeError:  # "%E6" alone: the theme's script would throw on it
        return False


class Allowlist:
    """The page-body sanitiser, made once per site (the iframe hosts come from its options)."""

    def __init__(self, video_hosts: Collection[str] = ()) -> None:
        self.video_hosts = frozenset(host.lower() for host in video_hosts)
        attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
        attributes["*"] = set(GENERIC_ATTRIBUTES)
        self._cleaner = nh3.Cleaner(
            tags=set(TAG_ATTRIBUTES), attributes=attributes, tag_attribute_values=TAG_ATTRIBUTE_VALUES,
            generic_attribute_prefixes={DATA_ATTRIBUTE_PREFIX}, url_schemes=set(URL_SCHEMES),
            attribute_filter=self._filter, link_rel=None, strip_comments=True,
            clean_content_tags={"script", "style"},
        )

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if attribute.startswith(DATA_ATTRIBUTE_PREFIX) and attribute not in CONTENT_DATA_ATTRIBUTES:
            return None
        if attribute in _ID_ATTRIBUTES and not is_id(value):
            return None
        if attribute in _ID_ATTRIBUTES and value.startswith(_THEME_ID_PREFIX) \
                and not value.startswith(_EXTENSION_IDS):
            return None
        if attribute == "style":
            return value if _TABLE_STYLE.fullmatch(value.strip()) else None
        if attribute == "rel":
            return value if set(value.lower().split()) <= LINK_RELATIONS else None
        if tag == "iframe" and attribute == "src":
            return value if self.allows_embed(value) else None
        if tag == "iframe" and attribute == "allow":  # "autoplay; fullscreen *": each directive's feature
            features = {directive.split()[0].lower() for directive in value.split(";") if directive.strip()}
            return value if features <= EMBED_FEATURES else None
        if tag == "img" and attribute == "src":
            return value if _from_the_site(value) else None
        if attribute == "class" and _refused_class(value) is not None:
            return None
        return value

    def allows_embed(self, url: str) -> bool:
        parts = _split_as_browsers_read(url)
        return parts is not None and parts.scheme == "https" and parts.hostname in self.video_hosts

    def clean(self, html: str) -> str:
        """The HTML to publish: only allowed tags, attributes and URLs, well formed."""
        return self._cleaner.clean(html)

    @staticmethod
    def from_the_site(url: str) -> bool:
        """Whether ``url`` names a file of this site (no scheme, no host), as browsers read it."""
        return _from_the_site(url)

    def refusal(self, value: str, *, address: bool = False) -> str | None:
        """Why ``value``, published as HTML (or, ``address``, as a link's ``href``), would
        not pass unchanged; None if it would. An address is tried as the theme prints it,
        unescaped, and kept or not by the sanitiser itself, which reads character references
        as browsers do (``java&#x73;cript:`` is javascript:, ``?a=1&region=eu`` is as written);
        only a '"', which would end the attribute, is written as a reference."""
        if address:
            kept = self.clean(f'<a href="{value.replace(chr(34), "&quot;")}">link</a>')
            return None if " href=" in kept else (f"'{value}' is not an address a page may link to; use a relative "
                                                  "link or an https, http or mailto URL")
        _, removals = self.removals(value)
        return "; ".join(removal.message for removal in removals) or None

    def removals(self, html: str) -> tuple[str, list[Removal]]:
        """(the sanitised HTML, everything sanitising removed from ``html``, in page order).

        HTML nesting more than :data:`MAX_NESTING` elements is refused before sanitising
        (and the empty string is returned for it), so the work per page stays bounded; so is
        comment-like markup other than a plain comment, which the comparison would misread.
        """
        if (refused := _too_deep(html) or _odd_comment(html)) is not None:
            return "", [refused]
        cleaned = self.clean(html)
        # Characters the sanitiser keeps: control and bidirectional-override characters hide
        # or reorder text (a command in a code sample reads otherwise than it runs), as in YAML.
        hiding = list(hiding_in(cleaned))
        characters = [Removal(refused_character(description), _written(character), in_code_too=True)
                      for character, description in hiding[:MAX_CHARACTER_PROBLEMS]]
        if len(hiding) > MAX_CHARACTER_PROBLEMS:
            characters.append(Removal(more_characters(len(hiding) - MAX_CHARACTER_PROBLEMS),
                                      _written(hiding[MAX_CHARACTER_PROBLEMS][0]), in_code_too=True))
        characters += [Removal(f"{what} is not allowed inside code: it may hide or shrink text, so a reader would "
                               "copy other text than they see; code takes the highlighter's markup only", needles)
                       for what, needles in (
                           (f"class {word[:40]}", (word, "class=")) if kind == "class" else (f"<{word}>", (f"<{word}",))
                           for kind, word in hiding_in_code(cleaned))]
        if cleaned == html:
            return cleaned, characters
        return cleaned, [*removed(_Tokens.of(html), _Tokens.of(cleaned), self.video_hosts), *characters]


def _written(character: str) -> tuple[str, str, str]:
    """How a page may write ``character``: as itself, or as a hex or decimal reference."""
    return character, f"&#x{ord(character):x};", f"&#{ord(character)};"


# A link or picture as the sanitiser serialises it: every attribute name="value", with the
# value's '"' and '&' escaped, so each attribute is found whole, whatever its value holds.
_LINKING_TAG = re.compile(r'<(?:a|img)((?:\s+[^\s="<>/]+="[^"]*")*)\s*/?>')
_LINK_ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')


# The classes a highlighter writes in code: Pygments' token types (k, s2, l-Scalar-Plain, and
# -Pitch for a lexer's own root types) and pymdownx.highlight's parts. Any other class in code
# could be one of the theme's that hides text (Material's md-option has no width), which
# copying or the copy button still takes.
_HIGHLIGHTER_CLASS = re.compile(r"(?:{})?(?:-[A-Z][A-Za-z]*)*|language-[\w+#.-]+|highlight|highlighttable|"
                                r"linenos|linenodiv|normal|special|filename|hll".format(
                                    "|".join(sorted(filter(None, STANDARD_TYPES.values()), key=len, reverse=True))))
# What code may hold besides text: what highlighters write, and emphasis that hides nothing;
# nested <sub> shrank a "; curl ... | sh" to 0.14 px, still copied.
_IN_CODE = frozenset({"pre", "code", "span", "a", "br", "b", "strong", "i", "em", "mark", "kbd", "var", "samp", "u"})
# A tag as the allowlist and Syllabus' templates write them: each attribute a name, or
# name="value" (a '<' in text is written &lt;, so each '<' starts a tag; a '>' in a value does not end it).
_ATTRIBUTES = r'((?:\s+[^\s="<>/]+(?:="[^"]*")?)*)\s*/?>'
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)" + _ATTRIBUTES)  # start and end tags
_START_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)" + _ATTRIBUTES)
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


def hiding_in_code(sanitised: str) -> list[tuple[str, str]]:
    """("class", word) for each class no highlighter writes (:data:`_HIGHLIGHTER_CLASS`) and
    ("tag", name) for each element code may not hold (:data:`_IN_CODE`), in page order, on a
    ``<pre>`` or ``<code>`` element or inside one, of HTML the allowlist returned (every
    attribute name="value", '<' in text escaped)."""
    if "<pre" not in sanitised and "<code" not in sanitised:
        return []
    found, depth = [], 0
    for closing, name, attributes in _ANY_TAG.findall(sanitised):
        tag = name.lower()
        if tag in ("pre", "code"):
            depth = max(depth + (-1 if closing else 1), 0)
        if not depth or closing:
            continue
        if tag not in _IN_CODE:
            found.append(("tag", tag))
        if value := _CLASS_ATTRIBUTE.search(attributes):
            found += [("class", word) for word in unescape(value.group(1)).split()
                      if word and not _HIGHLIGHTER_CLASS.fullmatch(word)]
    return found


_PICTURE_SOURCE = re.compile(r'\ssrc="([^"]*)"')
_PICTURE_TEXT = re.compile(r'\salt="([^"]*)"')


def pictures(sanitised: str) -> list[tuple[str, str]]:
    """(address, alternative text) of each ``<img>`` of HTML the allowlist returned, as a
    browser reads them, in page order ("" where there is none)."""
    return [(unescape(source.group(1)) if (source := _PICTURE_SOURCE.search(attributes)) else "",
             unescape(text.group(1)) if (text := _PICTURE_TEXT.search(attributes)) else "")
            for name, attributes in _START_TAG.findall(sanitised) if name.lower() == "img"]


def linked_addresses(sanitised: str) -> list[str]:
    """The ``href`` of each ``<a>`` and ``src`` of each ``<img>`` of HTML the allowlist
    returned (:meth:`Allowlist.removals`), as a browser reads them, in page order."""
    return [unescape(value) for tag in _LINKING_TAG.finditer(sanitised)
            for value in _LINK_ATTRIBUTE.findall(tag.group(1))]


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')
_NAME_ATTRIBUTE = re.compile(r'\sname="([^"]*)"')


def element_ids(written: str) -> set[str]:
    """The places a link's ``#fragment`` can reach in HTML the allowlist returned or a
    template wrote: each element's ``id`` and each ``<a>``'s ``name``, as MkDocs collects
    them to check links to anchors (``validation.links.anchors``)."""
    ids = set()
    for name, attributes in _START_TAG.findall(written):  # tuples: no match object made per tag
        if 'id="' in attributes:
            ids.update(map(unescape, _ID_ATTRIBUTE.findall(attributes)))
        if 'name="' in attributes and name.lower() == "a":
            ids.update(map(unescape, _NAME_ATTRIBUTE.findall(attributes)))
    return ids


class _Tokens(HTMLParser):
    """Start tags (with their attributes) and text, as a browser-like tokenizer reads them.

    End tags and comments are left out: the sanitiser may add the former and always drops
    the latter, and neither is content a reader sees.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, frozenset[tuple[str, str]]]] = []
        self.text: list[str] = []

    @classmethod
    def of(cls, html: str) -> _Tokens:
        tokens = cls()
        tokens.feed(html)
        tokens.close()
        return tokens

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        first = dict(reversed(attrs))  # browsers keep the first of duplicate attributes
        self.tags.append((tag, frozenset((name, value or "") for name, value in first.items())))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def visible_text(self) -> str:
        return "".join("".join(self.text).split())


# Formatting elements a browser closes out of order by moving what was opened after them
# ("<b><div></b>" leaves the <div> open, with a new <b> in it for what follows).
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
                         "tt", "u"})


def _too_deep(html: str) -> Removal | None:
    """A refusal if ``html`` may nest more than MAX_NESTING elements: it counts the start
    tags still open, as a browser holds them at the most, where an end tag closes the
    innermost open element of its name and what was opened after it, one that closes
    nothing is ignored, and one that closes a formatting element out of order closes that
    element alone."""
    if html.count("<") <= MAX_NESTING:  # too few tags to nest that deep: no need to follow them
        return None
    open_elements: list[str] = []
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _NOT_NESTING:
            continue
        if not match.group(1):
            open_elements.append(name)
            if len(open_elements) > MAX_NESTING:
                return Removal(f"HTML nested more than {MAX_NESTING} elements deep (<{name}> here is one of "
                               "many left open); close the tags you open", (f"<{name}",))
        elif name in open_elements:  # at most MAX_NESTING names to look through
            innermost = len(open_elements) - 1 - open_elements[::-1].index(name)
            del open_elements[innermost:innermost + 1 if name in _FORMATTING else None]
    return None


# A comment as every parser reads it alike: "<!--", text, the first "-->". HTML5 also ends
# comments at "<!-->", "<!--->" and "--!>" and reads "<!x>" and "<?x>" as comments, where
# other tokenizers (Python's, which finds what the sanitiser removed) keep reading markup;
# Python's ends one at "-- >" too, where HTML5 does not.
_PLAIN_COMMENT_OR_DECLARATION = re.compile(r"<!--(?!-?>)(?:(?!--!>|--\s+>).)*?-->|<[!?]", re.DOTALL)


def _odd_comment(html: str) -> Removal | None:
    """A refusal for the first comment-like markup of ``html`` that is not a plain comment."""
    for match in _PLAIN_COMMENT_OR_DECLARATION.finditer(html):
        if not match.group().endswith("-->"):
            snippet = html[match.start():match.start() + 12]
            return Removal("write an HTML comment as <!-- text --> (not '<!-->', '<!--->', '--!>' or '-- >', which "
                           "parsers end in different places); other '<!' and '<?' markup is not allowed in published "
                           "pages",
                           (snippet, "<!", "<?"))
    return None


def as_browsers_read(url: str) -> str:
    r"""``url`` as a browser reads it in a page, by the URL standard's rules for http(s): C0
    controls and spaces around it and tabs and line breaks in it are dropped, and "\" is read
    as "/" ("https://evil\@good/" is evil's, "\\evil/x" names a host). Every check of an
    address reads it so: one that read it otherwise would judge another address."""
    return _TAB_OR_NEWLINE.sub("", url.strip(C0_AND_SPACE)).replace("\\", "/")


def as_text_read(text: str) -> str:
    """``text`` with HTML's character references and URLs' percent-encoding undone, as a
    browser reads the addresses in it (``courses&#x2F;x`` and ``courses%2Fx`` are courses/x).
    Each run of percent-escapes is decoded as UTF-8 in one step: ``unquote`` splits the text
    at every '%', taking memory many times a file dense with them."""
    return _PERCENT_ESCAPES.sub(_decoded_percent_escapes, unescape(text))


def _decoded_percent_escapes(run: re.Match[str]) -> str:
    return bytes.fromhex(run.group().replace("%", "")).decode("utf-8", "replace")


_PERCENT_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})++")  # possessive: a greedy run keeps a mark per escape
C0_AND_SPACE = "".join(map(chr, range(0x21)))
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")  # at the start of an address
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def _split_as_browsers_read(url: str) -> SplitResult | None:
    """``url`` as browsers read it, split (None if it cannot be), with any run of slashes
    before a host read as two ("///evil/x" is evil's too)."""
    try:
        return urlsplit(_SLASHES_BEFORE_HOST.sub(r"\1//", as_browsers_read(url)))
    except ValueError:
        return None


_SLASHES_BEFORE_HOST = re.compile(rf"^({SCHEME.pattern})?/{{2,}}")


def _from_the_site(url: str) -> bool:
    """A relative URL: the file is published with the site. An image from anywhere else is a
    request to another host from every visitor's browser (a tracking pixel, at worst)."""
    parts = _split_as_browsers_read(url)
    return parts is not None and not parts.scheme and not parts.netloc


def embed_refusal(host: str | None, video_hosts: Collection[str]) -> str:
    """Why an ``<iframe>`` from ``host`` is not published, and what to embed instead."""
    if not video_hosts:
        return "<iframe> embeds are not allowed: no video hosts are configured (video_hosts); remove it"
    if host in _COOKIE_SETTING_HOSTS and _COOKIE_SETTING_HOSTS[host] in video_hosts:
        return (f"<iframe> embeds from {host}, which sets cookies in every visitor's browser; write "
                f"{_COOKIE_SETTING_HOSTS[host]} in its place (the same video)")
    return (f"<iframe> may only embed https pages from {', '.join(sorted(video_hosts))}; "
            "remove it or embed the video from one of those hosts")


# Video sites whose embeds set cookies, with their embeds that do not.
_COOKIE_SETTING_HOSTS = {"www.youtube.com": "www.youtube-nocookie.com", "youtube.com": "www.youtube-nocookie.com"}


def removed(original: _Tokens, cleaned: _Tokens, video_hosts: Collection[str] = ()) -> list[Removal]:
    """Each tag and attribute of ``original`` that ``cleaned`` no longer has, in page order;
    else, if text went missing, that.

    Tags are matched as multisets, not in sequence: the sanitiser's tree builder may add
    tags (an implied ``<tbody>``) and move them (content a table cannot hold goes before
    it), and neither is a removal. A tag kept with fewer attributes lost those attributes.
    """
    unmatched = Counter(cleaned.tags)
    for token in original.tags:
        unmatched[token] -= 1
    # What of the sanitised page matches no original tag exactly: original tags that lost
    # attributes, or tags the tree builder added.
    trimmed: dict[str, list[frozenset[tuple[str, str]]]] = defaultdict(list)
    for (tag, attributes), count in unmatched.items():
        trimmed[tag].extend([attributes] * max(count, 0))
    found: list[Removal] = []
    for token in original.tags:
        if unmatched[token] >= 0:  # kept as it was (one of its copies, if it repeats)
            continue
        unmatched[token] += 1
        tag, attributes = token
        candidates = trimmed[tag]
        names = {name for name, _ in attributes}
        # Kept with fewer attributes (the most of its own, when tags alike were each trimmed
        # differently: <a href=https> is the trimmed <a href=https target=win>, not the <a> a
        # javascript: link became), else with some values changed (and maybe fewer).
        kept = max((index for index, other in enumerate(candidates) if other < attributes),
                   key=lambda index: len(candidates[index]), default=None)
        if kept is None:
            kept = next((index for index, other in enumerate(candidates) if {n for n, _ in other} <= names), None)
        if kept is None:
            found.append(Removal(f"<{tag}> is not allowed in published pages; remove it", (f"<{tag}",)))
            continue
        other = dict(candidates.pop(kept))
        for name, value in sorted(attributes - other.items()):
            if name in other:
                found.append(_reread(tag, name, other[name]))
            elif tag == "iframe" and name == "src":
                parts = _split_as_browsers_read(value)
                found.append(Removal(embed_refusal(parts.hostname if parts else None, video_hosts), (value, "src=")))
            else:
                found.append(_attribute_removal(tag, name, value))
    if not found and original.visible_text() != cleaned.visible_text():
        found.append(Removal("part of the text was removed by the HTML sanitiser (it sits in markup browsers "
                             "would not show as text); simplify the HTML around it", ("<",)))
    return found


def _reread(tag: str, name: str, as_published: str) -> Removal:
    """An attribute value the sanitiser kept as browsers read it, which is not as Python's
    tokenizer does: "&section=" in a URL is no character reference to a browser."""
    if "&" in as_published:
        message = f"the value of {name}= on <{tag}> reads differently in browsers; write each '&' in it as '&amp;'"
    else:
        message = f"the value of {name}= on <{tag}> was changed by the HTML sanitiser; simplify it"
    return Removal(message, (f"{name}=", name))


def _attribute_removal(tag: str, name: str, value: str) -> Removal:
    if name.startswith("on"):
        message = f"{name}= on <{tag}> is an event handler, which runs JavaScript; remove it"
    elif name in ("href", "src", "cite") and tag != "iframe":
        parts = _split_as_browsers_read(value)
        scheme = value.split(":", 1)[0].strip().lower() if ":" in value else value
        if tag == "img" and parts is not None and parts.netloc:
            message = (f"<img> loads from {parts.netloc[:60]}, a request every visitor's browser would make; "
                       "save the image beside the page (the course folder, or docs/) and use its relative path")
        elif tag == "img":
            message = (f'src= on <img> uses a URL that is not allowed ("{scheme[:40]}"); save the image beside '
                       "the page (the course folder, or docs/) and use its relative path")
        else:
            message = (f'{name}= on <{tag}> uses a URL that is not allowed ("{scheme[:40]}"); use a relative '
                       "link or an https, http or mailto URL")
    elif name in _ID_ATTRIBUTES and not is_id(value):
        message = (f"{name}= on <{tag}> in published pages must be a word of letters, digits and - _ . : "
                   "(the theme prints ids unescaped in the table of contents); rename it")
    elif name in _BY_VALUE:
        message = f"{name}=\"{value[:40]}\" is not allowed on <{tag}> in published pages; {_ATTRIBUTE_NOTES[name]}"
    else:
        note = ("the page's scripts act on data attributes (the theme's copy buttons, the site search, the "
                "catalog's own); remove it") if name.startswith(DATA_ATTRIBUTE_PREFIX) else \
            _ATTRIBUTE_NOTES.get(name, "remove it")
        message = f"{name}= is not allowed on <{tag}> in published pages; {note}"
    if name in ("href", "src", "cite", *_BY_VALUE) and value:  # its value finds it, not the first name= of the page
        return Removal(message, (value, f"{name}="))
    if name in _ID_ATTRIBUTES and value:  # written as {#value}, or a heading's words made it
        return Removal(message, (value, f"{name}=", name))
    if name == "class":
        word = _refused_class(value) or _THEME_FETCHES
        note = _ATTRIBUTE_NOTES["class" if word == _THEME_FETCHES else _PRODUCT_CLASS_PREFIX]
        return Removal(f"class {word[:40]} is not allowed on <{tag}> in published pages; {note}", (word, "class="))
    return Removal(message, (f"{name}=", name))


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_MARKUP_BEFORE_VALUE = ("](", '="', "='", "=", "")


# A code span: a run of backticks (not after a "\"), text with no blank line, the same run again.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)\1(?!`)")


def _code_regions(source: str) -> list[tuple[int, int]]:
    """Where ``source``'s Markdown code fences and code spans run (start and end offsets, in
    order): markup there is shown as text, never what the sanitiser removed."""
    blocks = []
    position = 0
    while (opening := _FENCE.search(source, position)) is not None:
        fence = opening.group(1)
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        end = closing.search(source, source.find("\n", opening.end()) + 1 or len(source))
        position = end.end() if end else len(source)
        blocks.append((opening.start(), position))
        if end is None or position >= len(source):
            break
    regions, position = [], 0
    for begin, end in [*blocks, (len(source), len(source))]:
        regions += [span.span() for span in _CODE_SPAN.finditer(source, position, begin)]
        regions.append((begin, end))
        position = end
    return regions[:-1]


def positioned(source: str, removals: list[Removal]) -> list[tuple[int, int, str]]:
    """Each removal's message at its 1-based (line, column) in ``source``, where the first of
    its needles is found (ignoring case) outside code, else at (1, 1), saying that the page
    does not write it as such. A removal that repeats is placed at the next occurrence of
    what it names, so each copy points at its own line."""
    if not removals:
        return []
    # Lower case letter for letter: "İ" lowers to two characters, which shifted every later place.
    lowered = source.lower() if source.isascii() else "".join(c if len(low := c.lower()) != 1 else low
                                                              for c in source)
    code = _code_regions(source)
    starts = [begin for begin, _ in code]

    def outside_code(text: str, start: int) -> int:
        while (at := lowered.find(text, start)) >= 0:
            region = bisect.bisect_right(starts, at) - 1
            if region < 0 or at >= code[region][1]:
                return at
            start = code[region][1]
        return -1

    def find(needle: str, start: int) -> int:
        """Where markup writes ``needle`` (a URL after "](" or "="), else anywhere."""
        for before in _MARKUP_BEFORE_VALUE:
            if (at := outside_code(before + needle, start)) >= 0:
                return at + len(before)
        return -1

    searched_from: dict[tuple[str, ...], int] = {}
    found = []
    for removal in removals:
        start = searched_from.get(removal.needles, 0)
        if removal.in_code_too:  # a character: the first place it is written, as itself or as a reference
            pos = min((at for needle in removal.needles if (at := lowered.find(needle.lower(), start)) >= 0),
                      default=-1)
        else:
            pos = next((at for needle in removal.needles if (at := find(needle.lower(), start)) >= 0), -1)
        if pos < 0:
            found.append((1, 1, f"{removal.message} (not found as written in the page: a Markdown extension "
                                "in mkdocs.yml, or a character written as an entity, made it)"))
            continue
        searched_from[removal.needles] = pos + 1
        line = source.count("\n", 0, pos) + 1
        found.append((line, pos - (source.rfind("\n", 0, pos) + 1) + 1, removal.message))
    return found
