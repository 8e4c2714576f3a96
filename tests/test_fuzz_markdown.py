"""Property: whatever Markdown a trainer writes, the page is either refused with a positioned
error, or the HTML Python-Markdown renders for it (with the site's extensions) passes the
allowlist unchanged and holds nothing that runs script, as read by an independent check.

Rendered in-process with the same renderer and allowlist ``syllabus validate`` and the build
use. ``SYLLABUS_FUZZ_EXAMPLES`` raises the example count (benchmarks/fuzz_markdown.py).
Hypothesis keeps its example database in ``.hypothesis/`` (git-ignored).
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syllabus.core.html_allowlist import URL_SCHEMES, Allowlist
from syllabus.core.pages import MarkdownSettings, PageRenderer, split_page

SITE = MarkdownSettings(
    ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "footnotes", "abbr", "def_list",
     "pymdownx.details", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.tasklist"),
    {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}},
)
RENDERER = PageRenderer(SITE, Allowlist(["www.youtube-nocookie.com"]))
EXAMPLES = int(os.environ.get("SYLLABUS_FUZZ_EXAMPLES", "300"))

INLINE = st.sampled_from([
    "text", "more words", "&lt;", "&#60;", "&#x3C;", "&amp;", "&colon;", "&Tab;", "&quot;", "\\<", "\\\\", "<",
    ">", '"', "'", "`", "*", "_", "[", "]", "(", ")", "{", "}", "<b>", "</b>", "<div>", "</div>",
    '<div markdown="1">', "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">', "</a>",
    "<script>alert(1)</script>", '<span style="color:red">', "<!--", "-->", "<![CDATA[", "]]>", "<svg onload=alert(1)>",
    '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>', '<iframe src="https://evil.test/">',
    "[t](javascript:alert(1))", "[t](https://example.com/)", "[t](java&#x09;script:alert(1))", "[t][r]", "[^1]",
    "<javascript:alert(1)>", "<https://example.com>", "{: onclick=\"alert(1)\" }", "{ .cls }", "{\tonclick=x}",
    '{: href="javascript:alert(1)" }', "`<script>`", "**bold**", "![i](x.png)", '![i](x.png "t\\" onerror=x")',
])
PREFIX = st.sampled_from(["", "- ", "1. ", "> ", "> > > ", "    ", "\t", "!!! note\n    ", '??? tip "T"\n    ',
                          "# ", "## ", "| a | b |\n|---|---|\n| ", "Term\n:   ", "=== \"Tab\"\n    ",
                          "- [ ] ", "[^1]: ", "*[HTML]: "])
FENCE = st.sampled_from(["```", "````", "~~~", "```python", '``` {.x onclick="y"}'])


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:  # a fence, possibly closed by a longer or different fence
        body = " ".join(draw(st.lists(INLINE, max_size=4)))
        return f"{draw(FENCE)}\n{body}\n{draw(FENCE)}"
    if kind == 1:  # a reference definition, possibly with a multi-line title
        target = draw(st.sampled_from(["javascript:alert(1)", "https://a.test/", "x.md", "<javascript:x>"]))
        title = draw(st.sampled_from(["", ' "t"', ' "t\n<img src=x onerror=alert(1)>"', " 't\n'"]))
        return f"[r]: {target}{title}"
    line = " ".join(draw(st.lists(INLINE, min_size=1, max_size=6)))
    return draw(PREFIX) + line


markdown_pages = st.lists(blocks(), min_size=1, max_size=8).flatmap(
    lambda parts: st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(parts), max_size=len(parts)).map(
        lambda breaks: "".join(part + brk for part, brk in zip(parts, breaks, strict=True))))

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


# Elements whose content HTML5 reads as text (Python's parser knows only script and style).
RAW_TEXT = ("iframe", "noembed", "noframes", "xmp", "textarea", "title")


class ScriptFinder(HTMLParser):
    """An independent reading of the rendered HTML: anything here would run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in RAW_TEXT:  # browsers read what follows as text up to its end tag, as html5ever does
            self.set_cdata_mode(tag)
        if tag in ("script", "style", "svg", "math", "object", "embed", "form", "base", "meta", "link", "noscript"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "xlink:href") and value is not None:
                url = "".join(ch for ch in html.unescape(value) if ch not in "\t\n\r").strip("\x00- ")
                scheme = _SCHEME.match(url)
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    self.found.append(f"{name}={url[:30]} on <{tag}>")
            if tag == "iframe" and name == "src" and not (value or "").startswith("https://www.youtube-nocookie.com/"):
                self.found.append("foreign iframe")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_pages)
def test_markdown_is_refused_with_a_position_or_published_unchanged(text: str) -> None:
    page = split_page(text)
    refusals = page.problems + RENDERER.check(page).problems
    if refusals:
        lines = text.count("\n") + 1
        assert all(1 <= p.line <= lines and p.column >= 1 and p.message for p in refusals), refusals
        return
    rendered = RENDERER.render(page.body)
    finder = ScriptFinder()
    finder.feed(rendered)
    finder.close()
    assert finder.found == [], f"passed the allowlist but would run: {finder.found}\n{rendered}"
