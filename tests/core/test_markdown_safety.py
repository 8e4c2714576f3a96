"""Unsafe HTML, attributes and URLs in trainer Markdown are reported at their source position."""

from __future__ import annotations

import subprocess
import sys

import pytest
from syllabus.core.markdown_safety import Finding, check_markdown, is_safe_url

VIDEO_HOSTS = {"www.youtube-nocookie.com", "player.vimeo.com"}
SITE_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc", "pymdownx.superfences",
                   "pymdownx.highlight", "pymdownx.details", "pymdownx.tasklist"]


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check(text: str) -> list[Finding]:
    return check_markdown(text, allowed_iframe_hosts=VIDEO_HOSTS)


def only(text: str) -> Finding:
    findings = check(text)
    assert len(findings) == 1, findings
    return findings[0]


# (id, markdown, rule, text the finding must point at, words the message must contain)
HOSTILE = [
    (
        "script-block",
        "# Lesson\n\nIntro.\n\n<script>alert(1)</script>\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed", "fenced code block"],
    ),
    (
        "script-inline",
        "Click <script>alert(1)</script> to continue.\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed"],
    ),
    (
        "script-uppercase",
        "Intro.\n\n<SCRIPT SRC=https://evil.example/x.js></SCRIPT>\n",
        "forbidden-tag",
        "<SCRIPT",
        ["<script> is not allowed"],
    ),
    (
        "script-over-lines",
        'Intro.\n\n<script\n  src="https://evil.example/x.js">\n</script>\n',
        "forbidden-tag",
        "<script",
        ["<script> is not allowed"],
    ),
    (
        "svg-script",
        "A picture:\n\n<svg><script>alert(1)</script></svg>\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed"],
    ),
    (
        "style",
        "<style>.md-header { display: none }</style>\n",
        "forbidden-tag",
        "<style>",
        ["<style> is not allowed", "attribute list"],
    ),
    (
        "object",
        'Demo:\n\n<object data="movie.swf"></object>\n',
        "forbidden-tag",
        "<object",
        ["<object> is not allowed", "<iframe>"],
    ),
    (
        "embed",
        'Demo: <embed src="movie.swf">\n',
        "forbidden-tag",
        "<embed",
        ["<embed> is not allowed"],
    ),
    (
        "form",
        '<form action="/signup"><input name=email></form>\n',
        "forbidden-tag",
        "<form",
        ["<form> is not allowed", "link to the form"],
    ),
    (
        "iframe-other-host",
        'Watch:\n\n<iframe src="https://videos.evil.example/embed/1"></iframe>\n',
        "iframe-host",
        "<iframe",
        ["www.youtube-nocookie.com", "player.vimeo.com", "https"],
    ),
    (
        "iframe-http",
        '<iframe src="http://player.vimeo.com/video/1"></iframe>\n',
        "iframe-host",
        "<iframe",
        ["https pages from"],
    ),
    (
        "iframe-userinfo-backslash",
        '<iframe src="https://evil.example\\@www.youtube-nocookie.com/"></iframe>\n',
        "iframe-host",
        "<iframe",
        ["www.youtube-nocookie.com"],
    ),
    (
        "iframe-duplicate-src",
        '<iframe src="https://evil.example/" src="https://player.vimeo.com/video/1"></iframe>\n',
        "iframe-host",
        "<iframe",
        ["player.vimeo.com"],
    ),
    (
        "iframe-srcdoc",
        '<iframe src="https://player.vimeo.com/video/1" srcdoc="&lt;script&gt;"></iframe>\n',
        "unsafe-url",
        "srcdoc",
        ["srcdoc=", "<iframe>"],
    ),
    (
        "img-onerror",
        "See the screenshot: <img src=x onerror=alert(1)>\n",
        "event-handler",
        "onerror",
        ["onerror=", "<img>", "event handler", "remove it"],
    ),
    (
        "a-href-mixed-case-javascript",
        'Click <a href="JaVaScRiPt:alert(1)">here</a>.\n',
        "unsafe-url",
        "href",
        ["href= on <a>", '"javascript:"', "https, http or mailto"],
    ),
    (
        "a-href-decimal-reference",
        '<a href="&#106;avascript:alert(1)">here</a>\n',
        "unsafe-url",
        "href",
        ['"javascript:"'],
    ),
    (
        "a-href-tab-reference",
        '<a href="java&#x09;script:alert(1)">here</a>\n',
        "unsafe-url",
        "href",
        ['"javascript:"'],
    ),
    (
        "a-href-named-references",
        '<a href="java&Tab;script&colon;alert(1)">here</a>\n',
        "unsafe-url",
        "href",
        ['"javascript:"'],
    ),
    (
        "a-href-leading-space-and-controls",
        '<a href="  \x01\x1f javascript:alert(1)">here</a>\n',
        "unsafe-url",
        "href",
        ['"javascript:"'],
    ),
    (
        "math-href",
        '<math href="javascript:alert(1)"><mi>x</mi></math>\n',
        "unsafe-url",
        "href",
        ["href= on <math>", '"javascript:"'],
    ),
    (
        "svg-animate-href",
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/>'
        "<text>Go</text></a></svg>\n",
        "unsafe-url",
        "values",
        ["values= on <animate>"],
    ),
    (
        "img-srcset",
        '<img srcset="small.png 1x, javascript:alert(1) 2x" alt="">\n',
        "unsafe-url",
        "srcset",
        ["srcset=", '"javascript:"'],
    ),
    (
        "style-attribute-expression",
        '<span style="width: expression(alert(1))">x</span>\n',
        "unsafe-url",
        "style",
        ["style=", "expression()"],
    ),
    (
        "style-attribute-url",
        "<p style=\"background: url( 'javascript:alert(1)' )\">x</p>\n",
        "unsafe-url",
        "style",
        ["style="],
    ),
    (
        "button-formaction",
        '<button formaction="vbscript:msgbox(1)">Go</button>\n',
        "unsafe-url",
        "formaction",
        ['"vbscript:"'],
    ),
    (
        "markdown-link-javascript",
        "Read [the guide](javascript:alert(1)) first.\n",
        "unsafe-url",
        "javascript:",
        ["Link target", '"javascript:"', "relative link"],
    ),
    (
        "markdown-link-spaces-and-title",
        'Read [the guide](  javascript:alert(1) "Guide") first.\n',
        "unsafe-url",
        "javascript:",
        ["Link target", '"javascript:"'],
    ),
    (
        "markdown-link-angle-brackets",
        "Read [the guide](<javascript:alert(1)>).\n",
        "unsafe-url",
        "javascript:",
        ["Link target"],
    ),
    (
        "markdown-link-escaped-colon",
        "Read [the guide](javascript\\:alert(1)).\n",
        "unsafe-url",
        "javascript",
        ['"javascript:"'],
    ),
    (
        "markdown-link-reference-in-destination",
        "Read [the guide](java&#x09;script:alert(1)).\n",
        "unsafe-url",
        "java&",
        ['"javascript:"'],
    ),
    (
        "markdown-link-data-html",
        "Open [the lab](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).\n",
        "unsafe-url",
        "data:",
        ["Link target", '"data:"'],
    ),
    (
        "markdown-image-data",
        "![Diagram](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n",
        "unsafe-url",
        "data:",
        ["Image source", '"data:"'],
    ),
    (
        "markdown-link-vbscript",
        "[Run](VBScript:MsgBox(1))\n",
        "unsafe-url",
        "VBScript:",
        ['"vbscript:"'],
    ),
    (
        "reference-definition",
        "Read [the guide][guide].\n\n[guide]: javascript:alert(1)\n",
        "unsafe-url",
        "javascript:",
        ["Reference [guide]", '"javascript:"'],
    ),
    (
        "reference-definition-unused-next-line",
        "Intro.\n\n[spare]:\n   javascript:alert(1)\n",
        "unsafe-url",
        "javascript:",
        ["Reference [spare]"],
    ),
    (
        "autolink",
        "Go to <javascript:alert(1)> now.\n",
        "unsafe-url",
        "javascript:",
        ["Autolink", '"javascript:"'],
    ),
    (
        "attr-list-heading-onclick",
        '## Setup {: onclick="alert(1)" }\n\nText.\n',
        "event-handler",
        "onclick",
        ["onclick=", "attribute list", "remove it"],
    ),
    (
        "attr-list-paragraph-onmouseover",
        "Hover over this paragraph.\n{ onmouseover=alert(1) }\n",
        "event-handler",
        "onmouseover",
        ["onmouseover=", "attribute list"],
    ),
    (
        "attr-list-link-href",
        '[Next](#){: href="javascript:alert(1)"}\n',
        "unsafe-url",
        "href",
        ["href= in the attribute list", '"javascript:"'],
    ),
    (
        "attr-list-after-code-span",
        "Run `make`{: onclick=alert(1)} now.\n",
        "event-handler",
        "onclick",
        ["onclick="],
    ),
    (
        "superfences-attributes",
        '```{.python onclick="alert(1)"}\nprint(1)\n```\n',
        "event-handler",
        "onclick",
        ["onclick="],
    ),
    (
        "md-in-html-div-onmouseover",
        '<div markdown="1" onmouseover="alert(1)">\n\nSome **Markdown**.\n\n</div>\n',
        "event-handler",
        "onmouseover",
        ["onmouseover= on <div>"],
    ),
    (
        "md-in-html-link",
        '<div class="grid" markdown>\nRead [this](javascript:alert(1)).\n</div>\n',
        "unsafe-url",
        "javascript:",
        ["Link target"],
    ),
    (
        "admonition-body",
        '!!! warning "Careful"\n\n    Text.\n\n    <img src=x onerror=alert(1)>\n',
        "event-handler",
        "onerror",
        ["onerror= on <img>"],
    ),
    (
        "details-body-link",
        '??? note "More"\n\n    See [this](javascript:alert(1)).\n',
        "unsafe-url",
        "javascript:",
        ["Link target"],
    ),
    (
        "unclosed-fence",
        "Example:\n\n```\n<script>alert(1)</script>\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed"],
    ),
    (
        "lenient-tag-python-markdown-passes-through",
        "Look <img src=x onerror=alert(1) ~> here.\n",
        "event-handler",
        "onerror",
        ["onerror="],
    ),
    (
        "stray-lt-before-script",
        "Odd <scr<script>alert(1)</script> text.\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed"],
    ),
    (
        "tag-hidden-in-attribute-python-markdown-escapes-outer",
        'See <a title="<img src=x onerror=alert(1)>">this</a>.\n',
        "event-handler",
        "onerror",
        ["onerror= on <img>"],
    ),
    (
        "attribute-after-quoted-gt",
        'See <a title=">" href="javascript:alert(1)">this</a>.\n',
        "unsafe-url",
        "href",
        ["href= on <a>"],
    ),
    (
        "comment-closed-the-browser-way",
        "<!-- note --!><script>alert(1)</script> -->\n",
        "forbidden-tag",
        "<script>",
        ["<script> is not allowed"],
    ),
    (
        "cdata-is-a-bogus-comment-in-html",
        "Text <![CDATA[ ><img src=x onerror=alert(1)> ]]>\n",
        "event-handler",
        "onerror",
        ["onerror="],
    ),
    (
        "textarea-raw-text",
        '<textarea><p title="</textarea><img src=x onerror=alert(1)>"></textarea>\n',
        "event-handler",
        "onerror",
        ["onerror="],
    ),
    (
        "blockquote-in-list",
        '- Step one\n\n  > Then <a\n  > href="javascript:alert(1)">click</a>.\n',
        "unsafe-url",
        "href",
        ["href= on <a>"],
    ),
    (
        "table-cell",
        "| Step | Link |\n|------|------|\n| 1 | [go](javascript:alert(1)) |\n",
        "unsafe-url",
        "javascript:",
        ["Link target"],
    ),
    (
        "meta-refresh",
        '<meta http-equiv="refresh" content="0; url=https://evil.example">\n',
        "forbidden-tag",
        "<meta",
        ["<meta> is not allowed"],
    ),
]


@pytest.mark.parametrize(
    ("markdown", "rule", "needle", "words"),
    [case[1:] for case in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_markdown_is_reported_where_it_is(
    markdown: str, rule: str, needle: str, words: list[str]
) -> None:
    finding = only(markdown)
    assert (finding.line, finding.column) == at(markdown, needle)
    assert finding.rule == rule
    for word in words:
        assert word in finding.message


def test_iframe_with_javascript_src_reports_host_and_url() -> None:
    text = 'Intro.\n\n<iframe src="javascript:alert(1)"></iframe>\n'
    findings = check(text)
    assert [(f.line, f.column, f.rule) for f in findings] == [
        (*at(text, "<iframe"), "iframe-host"),
        (*at(text, "src="), "unsafe-url"),
    ]
    assert '"javascript:"' in findings[1].message


def test_iframe_without_configured_hosts_says_so() -> None:
    text = '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n'
    [finding] = check_markdown(text)
    assert finding.rule == "iframe-host"
    assert "no video hosts are configured" in finding.message


def test_every_problem_in_a_file_is_reported_in_order() -> None:
    text = (
        '# Module 1 {: onclick="steal()" }\n'
        "\n"
        "Read [the notes](javascript:alert(1)) and ![chart](data:image/png;base64,AAAA).\n"
        "\n"
        "```html\n"
        "<script>this one is only an example</script>\n"
        "```\n"
        "\n"
        '<div onmouseover="x()"><script>real()</script></div>\n'
        "\n"
        '<iframe src="https://evil.example/"></iframe>\n'
        "\n"
        "[ref]: vbscript:run\n"
    )
    findings = check(text)
    assert [(f.line, f.column, f.rule) for f in findings] == [
        (*at(text, "onclick"), "event-handler"),
        (*at(text, "javascript:"), "unsafe-url"),
        (*at(text, "data:"), "unsafe-url"),
        (*at(text, "onmouseover"), "event-handler"),
        (*at(text, "<script>real"), "forbidden-tag"),
        (*at(text, "<iframe"), "iframe-host"),
        (*at(text, "vbscript:"), "unsafe-url"),
    ]
    assert [(f.line, f.column) for f in findings][:3] == [(1, 15), (3, 18), (3, 52)]


def test_crlf_line_endings_keep_positions() -> None:
    finding = only("Intro.\r\n\r\nText <img src=x onerror=alert(1)>\r\n")
    assert (finding.line, finding.column) == (3, 17)


def test_each_occurrence_is_reported_once() -> None:
    findings = check('<a href="javascript:x">a</a> <a href="javascript:x">b</a>\n')
    assert [(f.line, f.column) for f in findings] == [(1, 4), (1, 33)]
    # Read both as paragraph Markdown and as md_in_html text: still one finding.
    [finding] = check('Press <span markdown="1">[x](javascript:alert(1))</span>\n')
    assert (finding.line, finding.column, finding.rule) == (1, 30, "unsafe-url")


SAFE = {
    "code-span": "Never write `<script>alert(1)</script>` or `[x](javascript:alert(1))`.\n",
    "code-span-attr-list": 'Attribute lists look like `{: onclick="x" }` in the source.\n',
    "fenced-code": (
        '```html\n<script>alert(1)</script>\n<a href="javascript:x" onclick="y">z</a>\n'
        '<iframe src="https://evil.example"></iframe>\n```\n'
    ),
    "tilde-fence": "~~~\n<object data=x></object>\n~~~\n",
    "fence-in-list": "1. Run:\n\n    ```html\n    <form action=x></form>\n    ```\n",
    "indented-code": "Example:\n\n    <script>alert(1)</script>\n    [x](javascript:alert(1))\n",
    "mailto": "Write to [support](mailto:training@example.com).\n",
    "relative-links": "See [unit 2](../unit-2/index.md), [top](/), [here](./a.md#b).\n",
    "anchor": "Jump to [setup](#setup).\n",
    "https-and-http": "[Docs](https://docs.example.com/x) and [old](HTTP://example.com).\n",
    "protocol-relative": "[cdn](//cdn.example.com/a.png)\n",
    "percent-encoded-scheme-is-a-path": "[odd](%6Aavascript:alert(1))\n",
    "prose": "Never add onclick= handlers or javascript: URLs; onerror is bad too.\n",
    "kbd": "Press <kbd>Ctrl</kbd>+<kbd>K</kbd> to search.\n",
    "details": "<details>\n<summary>Answer</summary>\n\nIt is **42**.\n\n</details>\n",
    "allowed-iframe": (
        '<iframe width="560" height="315" allowfullscreen\n'
        '  src="https://www.youtube-nocookie.com/embed/abc?start=5"></iframe>\n'
    ),
    "allowed-iframe-vimeo": '<iframe src="https://player.vimeo.com/video/1"></iframe>\n',
    "escaped-tag": "Type \\<script> to start a script block in the exercise.\n",
    "entity-tag": "Type &lt;script&gt; to start a script block.\n",
    "attr-list-classes": "[Start](start.md){ .md-button .md-button--primary }\n",
    "attr-list-heading-id": '## Setup {#setup .tip data-toc-label="Set up" }\n',
    "attr-list-image-size": '![Screenshot](img/a.png){ width="300" loading=lazy }\n',
    "material-icons": "-   :material-clock:{ .lg .middle } __Set up__\n",
    "braces-in-prose": "The set {one, two} is small, and {onion} is a word.\n",
    "http-autolinks": "<https://example.com/onload=1> and <training@example.com>\n",
    "comparisons": "If a < b and c > d then x<y.\n",
    "admonition-plain": "!!! tip\n\n    Use [the guide](guide.md) and `<script>` in code.\n",
    "safe-html-attributes": '<a href="https://example.com" title="online" target="_blank">x</a>\n',
    "data-attributes": '<div class="tabbed-set" data-tabs="1:2">y</div>\n',  # what pymdownx.tabbed writes
    "reference-link": 'Read [the guide][g].\n\n[g]: https://example.com/guide "Guide"\n',
    "image-relative": '![Flow](../img/flow.svg "Flow")\n',
}


@pytest.mark.parametrize("markdown", SAFE.values(), ids=SAFE.keys())
def test_safe_markdown_has_no_findings(markdown: str) -> None:
    assert check(markdown) == []


@pytest.mark.parametrize(
    "url",
    [
        "",
        "#top",
        "guide.md",
        "../a/b.md?x=1#y",
        "/abs/path",
        "//cdn.example.com/x.js",
        "https://example.com",
        "HTTP://example.com",
        "mailto:someone@example.com",
        "%6Aavascript:alert(1)",
        "java script:alert(1)",
        "./javascript:alert(1)",
    ],
)
def test_safe_urls(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " \x00\x1f javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com",
    ],
)
def test_unsafe_urls(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize(("text", "parsed"), [("# Plain\n\nA [link](page.md).\n", False),
                                              ("# Raw\n\n<script>alert(1)</script>\n", True)])
def test_markdown_it_is_loaded_only_for_text_that_needs_parsing(text: str, parsed: bool) -> None:
    """markdown-it is a costly import; a catalog of plain pages is checked without it."""
    script = ("import sys; from syllabus.core.markdown_safety import check_markdown; "
              "found = check_markdown(sys.argv[1]); print(len(found), 'markdown_it' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, text], capture_output=True, text=True, check=True)
    assert result.stdout.split() == [str(int(parsed)), str(parsed)]
