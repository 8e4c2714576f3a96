"""Content safety by construction (issue 12): every hostile input is refused by
``syllabus validate`` (exit 1, path:line:col) and by ``mkdocs build --strict`` (nothing
published), in Markdown bodies, front matter, file names, materials and YAML."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
from pathlib import Path

import pytest

from .conftest import CatalogDir, build_site, plan_data, track_data

EXTENSIONS = """\
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


@pytest.fixture
def site_catalog(catalog: CatalogDir) -> CatalogDir:
    """The test catalog with the example site's Markdown extensions, footnotes and tabs."""
    catalog.config.write_text(catalog.config.read_text(encoding="utf-8") + EXTENSIONS, encoding="utf-8")
    catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}])
    catalog.write("courses/c/unit.md", "A plain unit.\n")
    return catalog


def refused(catalog: CatalogDir, run_cli, tmp_path: Path, where: str) -> str:
    """Both validate and the build refuse, at ``where`` (path:line[:col]); returns validate's text."""
    result = run_cli("validate", "-f", catalog.config)
    assert result.code == 1 and where in result.out, result.out
    site = tmp_path / "site"
    build = build_site(catalog.config, site, check=False)
    assert build.returncode == 1, build.stderr
    assert where.split(":")[0] in build.stderr
    assert not (site / "index.html").exists() and not (site / "courses").exists()
    return result.out


# Markdown only the allowlist on the rendered HTML refuses (the markdown-it hints pass it):
# the build's refusal comes from the allowlist on the page body, not from on_config.
ALLOWLIST_ONLY = {
    "style-overlay": ('Intro.\n\n<div style="position:fixed;inset:0">x</div>\n', "courses/c/unit.md:3:"),
    "svg": ("Intro.\n\n<svg><circle r=1 /></svg>\n", "courses/c/unit.md:3:"),
    "escaped-lt-is-no-escape": ("Type \\<script>x</script> here.\n", "courses/c/unit.md:1:"),
    "math": ("Intro.\n\n<math><mi>x</mi></math>\n", "courses/c/unit.md:3:"),
    "remote-image": ("Intro.\n\n![Logo](https://cdn.example/logo.png)\n", "courses/c/unit.md:3:9"),
    # The site enables Mermaid fences; Material would load Mermaid from unpkg.com for them.
    "mermaid-fence": ("Intro.\n\n```mermaid\ngraph LR\n  A --> B\n```\n", "courses/c/unit.md:"),
    # The page scripts find Syllabus' own parts by class: an empty one stopped the times being localised.
    "product-class": ('Intro.\n\n<div class="note syllabus-home-sessions"></div>\n', "courses/c/unit.md:3:18"),
    "product-class-by-attribute-list": ("Intro.\n\n[Go](https://example.com){: .md-button .syllabus-cta }\n",
                                        "courses/c/unit.md:3:41"),
    # Escaped in the body, but Material prints the table of contents' "#" + id unescaped.
    "heading-id-breakout": ("Intro.\n\n## Next {: id='b\" onmouseover=\"alert(1)\" x=\"' }\n",
                            "courses/c/unit.md:3:16"),
}


@pytest.mark.parametrize("name", list(ALLOWLIST_ONLY))
def test_the_allowlist_refuses_what_the_markdown_hints_miss(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                           name: str) -> None:
    text, where = ALLOWLIST_ONLY[name]
    site_catalog.write("courses/c/unit.md", text)
    out = refused(site_catalog, run_cli, tmp_path, where)
    assert "published pages" in out or "every visitor's browser" in out


# Characters that hide or reorder text, as in YAML: a command in a code sample read otherwise
# than it ran (Trojan Source). (unit.md, where each is refused)
HIDDEN_CHARACTERS = {
    "bidi-override-in-code": ("Then run this.\n\n```bash\nrm -rf \u202e/tmp\n```\n", ["courses/c/unit.md:4:8:"]),
    "control-in-text": ("Intro\x01 text.\n", ["courses/c/unit.md:1:6:"]),
    "as-references": ("A &#x202E; B &#8238; C\n", ["courses/c/unit.md:1:3:", "courses/c/unit.md:1:14:"]),
    # Each where it is written, whichever way; places after a letter that lowers to two ("İ") are not shifted.
    "reference-then-itself": ("İzmir &#x202E; entity\n\nİstanbul \u202e itself\n",
                              ["courses/c/unit.md:1:7:", "courses/c/unit.md:3:10:"]),
    "many": ("A\u202eB\n" * 25, [f"courses/c/unit.md:{line}:2:" for line in range(1, 22)]),
    # Dropped by the sanitiser before its check: it was "part of the text was removed" at 1:1.
    "nul": ("Intro.\n\nMore a\x00b text.\n", ["courses/c/unit.md:3:7:"]),
    "nul-in-front-matter": ('---\ntitle: "a\x00b"\n---\nIntro.\n', ["courses/c/unit.md:2:10:"]),  # said once
}


@pytest.mark.parametrize("name", list(HIDDEN_CHARACTERS))
def test_characters_that_hide_or_reorder_text_are_refused_where_written(site_catalog: CatalogDir, run_cli,
                                                                        tmp_path: Path, name: str) -> None:
    text, wheres = HIDDEN_CHARACTERS[name]
    site_catalog.write("courses/c/unit.md", text)
    out = refused(site_catalog, run_cli, tmp_path, wheres[0])
    build = build_site(site_catalog.config, tmp_path / "again", check=False)
    for where in wheres:
        assert where in out and where.rstrip(":") in build.stderr, (where, out, build.stderr)
    assert "is not allowed; delete it (it may hide or reorder text)" in out
    assert out.count(": error: ") == len(wheres), out  # each once, and nothing else


@pytest.mark.parametrize(("heading", "where"), [("## __config", "5:4"), ("## Intro {#__x}", "5:12"),
                                               ("## Intro {: #a&b }", "5:14")])
def test_a_refused_heading_id_is_one_error_at_the_heading(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                          heading: str, where: str) -> None:
    """It was placed at 1:1 ("not found as written"), beside a second error for the heading's
    own permalink leading to the id the allowlist had removed."""
    site_catalog.write("courses/c/unit.md", f"# Unit\n\nText.\n\n{heading}\n\nMore.\n")
    out = refused(site_catalog, run_cli, tmp_path, f"courses/c/unit.md:{where}: error: id= ")
    assert out.count("error:") == 1, out


def test_a_unit_that_is_no_markdown_file_is_not_read_as_a_page(site_catalog: CatalogDir, run_cli,
                                                               tmp_path: Path) -> None:
    """units: [{file: course.yml}] also reported course.yml's lines as page metadata."""
    site_catalog.course("c", units=[{"title": "Unit", "file": "course.yml"}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert out.count("error:") == 1 and "units[0].file" in out, out


def test_validate_and_the_build_name_every_refusal_of_a_page(site_catalog: CatalogDir, run_cli,
                                                                tmp_path: Path) -> None:
    """One round trip: a trainer sees each problem of the page, not the first one only."""
    site_catalog.write("courses/c/unit.md", "Intro.\n\n<svg><circle r=1 /></svg>\n\nMore.\n\n"
                       "![Logo](https://cdn.example/logo.png)\n\n<div style=\"position:fixed\">x</div>\n")
    wheres = ["courses/c/unit.md:3:1:", "courses/c/unit.md:7:9:", "courses/c/unit.md:9:"]
    out = refused(site_catalog, run_cli, tmp_path, wheres[0])
    build = build_site(site_catalog.config, tmp_path / "again", check=False)
    for where in wheres:
        assert where in out and where in build.stderr, (where, out, build.stderr)


def test_the_table_of_contents_links_only_to_word_ids_whatever_sets_them(site_catalog: CatalogDir,
                                                                          tmp_path: Path) -> None:
    """The allowlist keeps the body's ids words; another plugin may change the table of
    contents after it, and the theme prints its ids unescaped, so they are checked again."""
    site_catalog.write("courses/c/unit.md", "# Unit\n\n## Steps\n\nText.\n")
    site_catalog.write("hooks.py", "def on_page_context(context, page, config, nav):\n"
                                   "    for entry in page.toc:\n"
                                   "        entry.id = 'x\" onmouseover=\"alert(1)'\n")
    site_catalog.config.write_text(site_catalog.config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                                   encoding="utf-8")
    site = tmp_path / "site"
    build = build_site(site_catalog.config, site, check=False)
    assert build.returncode == 1 and "the table of contents links to 'x\" onmouseover" in build.stderr
    assert not [path for path in site.rglob("*.html") if "onmouseover" in path.read_text(encoding="utf-8")]


PARSER_DIFFERENCES = {
    "indented-list-html": ("- item\n\n    <img src=x onerror=alert(1)>\n", "courses/c/unit.md:3:"),
    "deep-blockquote": ("> > > > <img src=x onerror=alert(1)>\n", "courses/c/unit.md:1:"),
    "footnote": ("Text[^1]\n\n[^1]: <b onclick=alert(1)>x</b>\n", "courses/c/unit.md:3:"),
    "attr-list-tab": ('[link](x){\tonclick="alert(1)"}\n', "courses/c/unit.md:1:"),
    "longer-closing-fence": ("```\ncode\n`````\n<img src=x onerror=alert(1)>\n", "courses/c/unit.md:4:"),
    "multi-line-reference-title": ('[x][r]\n\n[r]: https://a "t\n<img src=x onerror=alert(1)>"\n',
                                   "courses/c/unit.md:4:"),
}


@pytest.mark.parametrize("name", list(PARSER_DIFFERENCES))
def test_parser_differences_are_refused_by_validate_and_build(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                              name: str) -> None:
    text, where = PARSER_DIFFERENCES[name]
    site_catalog.write("courses/c/unit.md", text)
    refused(site_catalog, run_cli, tmp_path, where)


def test_docs_pages_in_any_markdown_extension_are_checked(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    site_catalog.write("docs/guide.markdown", "# Guide\n\n<div style=\"color:red\">x</div>\n")
    refused(site_catalog, run_cli, tmp_path, "docs/guide.markdown:3:")


def test_the_home_page_is_checked(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    site_catalog.write("docs/index.md", "# Welcome\n\n<noscript><p>x</p></noscript>\n")
    refused(site_catalog, run_cli, tmp_path, "docs/index.md:3:")


def test_the_home_page_title_is_shown_as_written(site_catalog: CatalogDir, tmp_path: Path) -> None:
    """MkDocs gives the first heading's text as HTML: shown once escaped, not twice."""
    site_catalog.write("docs/index.md", '# Tips & tricks "quoted" &lt;b&gt;\n\nWelcome.\n')
    build_site(site_catalog.config, tmp_path / "site")
    page = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1 id=\"[^\"]*\">(.*?)</h1>", page)
    assert heading is not None and html.unescape(heading.group(1)) == 'Tips & tricks "quoted" <b>'


@pytest.mark.parametrize(("front", "where"), [
    ("---\ntemplate: syllabus/catalog.html\n---\n\nBody.\n", "courses/c/unit.md:2:1"),
    ("---\ntitle: [not, text]\n---\n\nBody.\n", "courses/c/unit.md:2:1"),
    ("---\na: &x [1]\nb: *x\n---\n\nBody.\n", "courses/c/unit.md:2:4"),
    ("Note: MkDocs swallows this line\n\nBody.\n", "courses/c/unit.md:1:1"),
    ("---\ntitle: x\nsearch: {exclude: maybe}\n---\n", "courses/c/unit.md:3:1"),
    # MkDocs joins an indented line to the value above: the joined value is the one checked.
    ('title: x\nlanguage: ja\n    "onclick=alert(1)//\n\nBody.\n', "courses/c/unit.md:3:5"),
    ('---\ntitle: x\nlanguage: "ja\\n"\n---\n', "courses/c/unit.md:3:1"),
    # Never closed: MkDocs would publish the block as a rule and a paragraph of text.
    ("---\ntitle: Sharing\nhide: [toc]\n\nBody.\n", "courses/c/unit.md:1:1"),
])
def test_front_matter_is_data_with_known_keys(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                              front: str, where: str) -> None:
    site_catalog.write("courses/c/unit.md", front)
    refused(site_catalog, run_cli, tmp_path, where)


def test_huge_yaml_numbers_are_positioned_errors(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    course = site_catalog.root / "courses/c/course.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("duration_minutes: 60", "duration_minutes: "
                                                                   + "9" * 5000), encoding="utf-8")
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert "Traceback" not in out and "5000 characters" in out


def test_links_to_internal_items_are_refused_in_a_public_build(site_catalog: CatalogDir, run_cli,
                                                               tmp_path: Path) -> None:
    site_catalog.course("secret", visibility="internal")
    site_catalog.write("courses/c/unit.md", "Intro.\n\nSee [it](../secret/index.md).\n")
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/unit.md:3:10")
    assert "draft or internal" in out


def test_a_unit_in_a_subfolder_is_held_to_the_public_rules(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    site_catalog.course("secret", visibility="internal")
    site_catalog.course("c", units=[{"title": "Lab", "file": "lab/guide.md"}])
    site_catalog.write("courses/c/lab/guide.md", "Intro.\n\nSee courses/secret/ first.\n\nReplace me: text\n")
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/lab/guide.md:3:5")
    assert "courses/c/lab/guide.md:5:1: error: this page still holds placeholder text" in out


@pytest.mark.parametrize("name", ["bad name.pdf", ".hidden.pdf", "x%2f.pdf", "javascript:x.pdf"])
def test_unsafe_material_names_are_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path, name: str) -> None:
    site_catalog.write(f"courses/c/{name}", "x")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Handout", "file": name}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert "not a safe file name" in out


# notes.html.gz: hosts that type files by Python's mimetypes (an `aws s3 sync`) serve it as text/html.
# notes.html.yaml, page.htm.log: Apache types a file by every suffix it knows, and knows no .yaml or .log.
@pytest.mark.parametrize("name", ["slides.html", "diagram.svg", "feed.xml", "page.xhtml", "notes.html.gz",
                                  "map.SVG.br", "notes.html.yaml", "page.htm.log", "diagram.svg.ini"])
def test_materials_browsers_run_are_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path, name: str) -> None:
    site_catalog.write(f"courses/c/{name}", "<svg onload=alert(1)></svg>")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Handout", "file": name}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert "browsers run" in out


@pytest.mark.parametrize("name", ["Intro.to.XML.pdf", "guide.svg.png", "export.xml.zip"])
def test_a_document_named_after_another_kind_is_published(site_catalog: CatalogDir, run_cli, name: str) -> None:
    """Only the suffix a host types a file by counts (its last, or the one before a compression)."""
    site_catalog.write(f"courses/c/{name}", b"%PDF-1.4\n")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Handout", "file": name}])
    result = run_cli("validate", "-f", site_catalog.config)
    assert "browsers run" not in result.out, result.out


# Served with no type (Apache knows no .yaml, .env, .ipynb...; no suffix at all for CNAME), a
# file is sniffed by its first bytes, and one beginning with "<" runs as HTML on the site.
@pytest.mark.parametrize("name", ["lab.yaml", "lab.env", "lab.ipynb", "page.xhtm.log"])
@pytest.mark.parametrize("start", ["<!DOCTYPE html><script>alert(document.domain)</script>",
                                   "\ufeff \n\t<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
                                   "<?xml version='1.0'?><x/>", "\x0b<html><script>alert(1)</script>",
                                   b"\xff\xfe" + "<html xmlns='http://www.w3.org/1999/xhtml'/>".encode("utf-16-le")],
                         ids=["html", "bom-space-svg", "xml", "vertical-tab", "utf-16"])
def test_a_material_that_begins_as_a_web_page_is_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                        name: str, start: str | bytes) -> None:
    """Chromium ran each, served with no type (Apache for a suffix it does not know) or with
    the XML type of an inner .xhtm; the vertical tab and the UTF-16 order mark got past the
    first version of the check."""
    site_catalog.write(f"courses/c/{name}", start)
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Lab", "kind": "lab", "file": name}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert f"materials[0].file: '{name}' begins with '<' as a web page does" in out


SCRIPT = b"\n <html><body><script>alert(document.domain)</script>hi</body></html>"


@pytest.mark.parametrize(("name", "packed"), [
    ("lab.tf.gz", gzip.compress(SCRIPT)), ("kit.tgz", gzip.compress(SCRIPT)), ("LOGS.GZ", gzip.compress(SCRIPT)),
    # Damaged, or followed by what no gzip reader takes: Chromium still ran what decoded.
    ("junk.tf.gz", gzip.compress(SCRIPT) + b"JUNK"), ("no-trailer.tf.gz", gzip.compress(SCRIPT)[:-8]),
    ("no-length.tf.gz", gzip.compress(SCRIPT)[:-4]), ("bad-second.tf.gz", gzip.compress(SCRIPT) + b"\x1f\x8bXX"),
    ("empty-first.tf.gz", gzip.compress(b"") + gzip.compress(SCRIPT))],
    ids=["gz", "tgz", "upper", "junk-after", "no-trailer", "no-length", "bad-second-member", "empty-first-member"])
def test_a_compressed_material_is_sniffed_as_a_browser_unpacks_it(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                                  name: str, packed: bytes) -> None:
    """Served with gzip content-encoding and no type (Apache's AddEncoding for .gz and .tgz),
    Chromium unpacked lab.tf.gz and ran its "<script>" (attack, stop 45): the check read the
    compressed bytes, then stopped at damage after the script had decoded. A gzip of plain
    text still publishes."""
    site_catalog.write(f"courses/c/{name}", packed)
    site_catalog.write("courses/c/plain.log.gz", gzip.compress(b"2027-01-04 started <pid 4>\n"))
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Lab", "kind": "lab", "file": name},
                                   {"title": "Logs", "kind": "other", "file": "plain.log.gz"}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert f"materials[0].file: '{name}' begins with '<' as a web page does" in out
    assert "materials[1]" not in out


def test_a_docs_cname_that_begins_as_a_web_page_is_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """Served with no type (no suffix), it ran as HTML; the other files docs/ publishes have
    suffixes every server types."""
    site_catalog.write("docs/CNAME", "\n<html><body><script>alert(document.domain)</script>")
    out = refused(site_catalog, run_cli, tmp_path, "docs/CNAME:1:1")
    assert "begins with '<' as a web page does" in out


def test_a_material_beginning_otherwise_is_published(site_catalog: CatalogDir, run_cli) -> None:
    """Text that holds markup later on is text: a browser sniffs only how a file begins; and a
    file every server types (.txt: text/plain) is never sniffed, whatever it begins with."""
    site_catalog.write("courses/c/values.yaml", "# Helm values\nbanner: '<b>hello</b>'\n")
    site_catalog.write("courses/c/keys.txt", "<Ctrl>+K opens search\n")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Values", "kind": "lab", "file": "values.yaml"},
                                   {"title": "Keys", "kind": "cheat-sheet", "file": "keys.txt"}])
    result = run_cli("validate", "-f", site_catalog.config)
    assert result.code == 0, result.out


def test_hard_links_are_refused_like_symlinks(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    site_catalog.course("secret", visibility="internal")
    secret = site_catalog.write("courses/secret/answers.pdf", "internal answers")
    os.link(secret, site_catalog.root / "courses/c/answers.pdf")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Answers", "file": "answers.pdf"}])
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert "hard link" in out


@pytest.mark.parametrize("folder", ["courses", "tracks", "plans", "docs"])
def test_a_symlinked_content_folder_is_refused_and_written_through_by_nothing(site_catalog: CatalogDir, run_cli,
                                                                               tmp_path: Path, folder: str) -> None:
    """A committed `docs -> /somewhere` published the CI runner's files (secret.txt), and
    `syllabus new` wrote outside the repository; what refers to an item in it is not said too."""
    site_catalog.track("path", track_data("path", ["c"]))
    start = {"title": "Start", "start_day": 0, "end_day": 29, "items": [{"day": 0, "type": "track", "track": "path"}]}
    site_catalog.plan("plan", plan_data("plan", phases=[start]))
    site_catalog.write("docs/secret.txt", "RUNNER-SECRET\n")
    outside = tmp_path / "outside" / folder
    outside.parent.mkdir()
    (site_catalog.root / folder).rename(outside)
    (site_catalog.root / folder).symlink_to(outside, target_is_directory=True)
    result = run_cli("validate", "--format", "json", "-f", site_catalog.config)
    assert result.code == 1
    assert [(d["path"], d["line"], d["column"], d["rule"]) for d in json.loads(result.out)] == [
        (folder, 1, 1, "symlink")]
    build = build_site(site_catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and f"{folder} is a symlink" in build.stderr
    assert not (tmp_path / "site").exists()
    if folder != "docs":
        made = run_cli("new", folder[:-1], "brand-new", "--owner", "@trainer", "-f", site_catalog.config)
        assert made.code == 2 and f"{folder} is a symlink" in made.err
        assert sorted(path.name for path in outside.iterdir()) == sorted(
            {"courses": ["c"], "tracks": ["path.yml"], "plans": ["plan.yml"]}[folder])


LFS_POINTER = ("version https://git-lfs.github.com/spec/v1\n"
               "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 48213\n")


@pytest.mark.parametrize(("path", "where"), [
    ("courses/c/slides.pdf", "courses/c/course.yml:"), ("courses/c/diagram.png", "courses/c/unit.md:3:"),
    ("docs/assets/team.png", "docs/assets/team.png:1:1"),
])
def test_git_lfs_pointers_are_not_published_as_the_files_they_name(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                                  path: str, where: str) -> None:
    """A checkout without `git lfs pull` holds a pointer where a PDF or picture should be;
    published, customers would download a file no one can open."""
    site_catalog.write(path, LFS_POINTER)
    site_catalog.write("courses/c/unit.md", "# Unit\n\n![Diagram](diagram.png)\n" if "diagram" in path else "# Unit\n")
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}],
                        materials=[{"title": "Slides", "file": "slides.pdf"}] if "slides" in path else [])
    if "diagram" in path:  # a picture no page can show: a broken link, as MkDocs reports it after the pages
        out = run_cli("validate", "-f", site_catalog.config).out
        build = build_site(site_catalog.config, tmp_path / "site", check=False)
        assert build.returncode == 1 and "'diagram.png'" in build.stderr
        assert not (tmp_path / "site/courses/c/diagram.png").exists()
    else:
        out = refused(site_catalog, run_cli, tmp_path, where)
    assert where in out
    assert "is a Git LFS pointer, not the file: this checkout did not fetch Git LFS files (run git lfs pull" in out


def test_docs_files_browsers_run_are_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    site_catalog.write("docs/assets/logo.svg", "<svg onload=alert(1)></svg>")
    refused(site_catalog, run_cli, tmp_path, "docs/assets/logo.svg:1:1")


@pytest.mark.parametrize("name", ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/stylesheets/main.css",
                                  "extra.mjs", "data.json", "font.woff2", "run.wasm"])
def test_docs_holds_no_script_or_stylesheet_the_theme_would_load(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                                  name: str) -> None:
    """A docs/ file wins over the theme's at the same path: Material's bundle replaced by a
    contributor's script would run on every page. docs/ publishes pages, pictures and
    downloads only."""
    site_catalog.write(f"docs/{name}", "alert('pwned')\n")
    out = refused(site_catalog, run_cli, tmp_path, f"docs/{name}:1:1")
    assert "docs/ publishes pages, pictures and downloads only" in out


def test_the_docs_folder_is_mkdocs_yml_s_and_what_it_publishes_is_checked(site_catalog: CatalogDir, run_cli,
                                                                          tmp_path: Path) -> None:
    """The allowlist follows docs_dir, and the build applies it to every file it publishes
    from there, a dot file exclude_docs brings back included."""
    (site_catalog.root / "docs").rename(site_catalog.root / "content")
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8") + "docs_dir: content\n")
    site_catalog.write("content/assets/javascripts/bundle.a5f9d56c.min.js", "alert('pwned')\n")
    out = refused(site_catalog, run_cli, tmp_path, "content/assets/javascripts/bundle.a5f9d56c.min.js:1:1")
    assert "publishes pages, pictures and downloads only" in out
    (site_catalog.root / "content/assets/javascripts/bundle.a5f9d56c.min.js").unlink()
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8") + "exclude_docs: '!.htaccess'\n")
    site_catalog.write("content/.htaccess", "AddType text/html .txt\n")
    out = refused(site_catalog, run_cli, tmp_path / "dot-file", "content/.htaccess:1:1")
    assert "not a safe file name" in out


def test_files_mkdocs_leaves_out_are_not_checked(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """templates/ and dot files by default, and what exclude_docs names, are never published."""
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8") + "exclude_docs: /drafts/\n")
    site_catalog.write("docs/templates/layout.js", "not published\n")
    site_catalog.write("docs/drafts/notes.json", "{}\n")
    site_catalog.write("docs/.editorconfig", "root = true\n")
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    assert not (tmp_path / "site/templates").exists() and not (tmp_path / "site/drafts").exists()


def test_scripts_and_stylesheets_mkdocs_yml_names_are_published(site_catalog: CatalogDir, run_cli,
                                                                 tmp_path: Path) -> None:
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8")
                       + "extra_css: [stylesheets/brand.css]\nextra_javascript: [javascripts/analytics.js]\n")
    site_catalog.write("docs/stylesheets/brand.css", ":root { --md-primary-fg-color: #123456; }\n")
    site_catalog.write("docs/javascripts/analytics.js", "window.analytics = true;\n")
    site_catalog.write("docs/CNAME", "academy.example.com\n")
    site_catalog.write("docs/handout.pdf", "%PDF-1.4\n")
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    assert (tmp_path / "site/stylesheets/brand.css").is_file() and (tmp_path / "site/CNAME").is_file()

    # Listing a file lifts the rule on scripts and stylesheets only: an SVG stays a document browsers run.
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8").replace(
        "extra_css: [stylesheets/brand.css]", "extra_css: [stylesheets/brand.css, logo.svg]"))
    site_catalog.write("docs/logo.svg", "<svg onload=alert(1)></svg>")
    refused(site_catalog, run_cli, tmp_path / "again", "docs/logo.svg:1:1")


PATHOLOGICAL = {
    "unclosed-tags": ("<div>" * 20000, "courses/c/unit.md:1:1"),
    "unclosed-inline-tags": ("<span><b><i>" * 7000, "courses/c/unit.md:1:1"),
    "nested-brackets": ("[" * 30000 + "]" * 30000, "courses/c/unit.md:1:1"),
    "link-openers": ("<a" * 30000, "courses/c/unit.md:1:1"),
    # No input limit models it ("(" after "[a]" never closed): the page's render budget stops it.
    "unclosed-link-destinations": ("[a](x " * 4000 + "\n" + "prose line\n" * 2000, "courses/c/unit.md:1:1"),
    # Each block under every per-block limit, the page's unclosed "[" together past what may be read.
    "open-brackets-in-blocks": (("[a" * 800 + "\n\n") * 10, "courses/c/unit.md:7:1"),
    "attr-list-braces": ("# h {" * 20000, "courses/c/unit.md:1:1"),
    "cdata-openers": ("<![CDATA[" * 10000, "courses/c/unit.md:1:1"),
    "deep-blockquotes": ("Intro.\n\n" + ">" * 50000, "courses/c/unit.md:3:1"),
    # Python-Markdown parses nested blocks recursively: these ended the build in a RecursionError.
    "deep-lists": ("Intro.\n\n" + "- " * 500 + "deep\n", "courses/c/unit.md:3:1"),
    "deep-mixed-blocks": ("Intro.\n\n" + "> 1. " * 300 + "deep\n", "courses/c/unit.md:3:1"),
    "deep-indentation": ("Intro.\n\n- a\n" + "".join("    " * i + "- x\n" for i in range(1, 40)),
                         "courses/c/unit.md:33:1"),
}


def test_lines_of_other_spaces_do_not_split_a_block(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """Python-Markdown ends a block at a line of spaces or tabs only: a line of U+00A0 does not
    reset what the block's brackets may make it read."""
    site_catalog.write("courses/c/unit.md", "[a " * 800 + "\n" + "prose\n\u00a0\n" * 2000)
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/unit.md:1:1")
    assert "close late or never" in out


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_markdown_is_refused_with_a_position(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                          name: str) -> None:
    """Sizes well under the file limit; benchmarks/pathological.py measures the full-size ones."""
    text, where = PATHOLOGICAL[name]
    site_catalog.write("courses/c/unit.md", text)
    out = refused(site_catalog, run_cli, tmp_path, where)
    assert "Traceback" not in out


def test_private_use_characters_are_published_as_text(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """An icon font shows them; YAML refuses them (the plan downloads mark placeholders with them)."""
    site_catalog.write("courses/c/unit.md", "Icons \ue000\U000f0000 and wzxhzdk:0 placeholders.\n")
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    page = (tmp_path / "site/courses/c/unit/index.html").read_text(encoding="utf-8")
    assert "\ue000" in page


@pytest.mark.parametrize(("units", "materials", "where"), [
    ([{"title": "A", "file": "welcome.md"}, {"title": "B", "file": "welcome/README.md"}], [], "units[1]"),
    ([{"title": "A", "file": "unit.md"}], [{"title": "M", "kind": "other", "file": "sessions/x.ics"}], "materials[0]"),
    ([{"title": "A", "file": "unit.md"}], [{"title": "M", "kind": "other", "file": "unit"}], "materials[0]"),
])
def test_no_output_path_is_written_twice(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                         units: list, materials: list, where: str) -> None:
    for entry in units + materials:
        site_catalog.write(f"courses/c/{entry['file']}", "# x\n")
    site_catalog.course("c", units=units, materials=materials or None)
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert f"{where}.file" in out and "where" in out


# (docs file, what the site generates at its output, that output)
GENERATED_OUTPUTS = [
    ("courses/c/index.md", "courses/c/index.md", "courses/c/index.html"),
    ("courses/c/unit.md", "courses/c/unit.md", "courses/c/unit/index.html"),
    ("courses/c/unit/index.md", "courses/c/unit.md", "courses/c/unit/index.html"),
    ("courses/c/README.md", "courses/c/index.md", "courses/c/index.html"),
    ("catalog/index.md", "catalog/index.md", "catalog/index.html"),
    ("catalog.md", "catalog/index.md", "catalog/index.html"),
    ("plans/onboarding/plan.csv", "plans/onboarding/plan.csv", "plans/onboarding/plan.csv"),
    ("courses/old-c.md", "courses/old-c/index.html", "courses/old-c/index.html"),
    # The same on macOS and Windows, where Courses/C/ is courses/c/.
    ("Courses/C/index.md", "courses/c/index.md", "courses/c/index.html"),
    ("Catalog.md", "catalog/index.md", "catalog/index.html"),
]


@pytest.mark.parametrize(("docs_file", "generated", "output"), GENERATED_OUTPUTS,
                         ids=[case[0] for case in GENERATED_OUTPUTS])
def test_a_docs_file_where_the_site_generates_one_is_refused_where_it_is(
        site_catalog: CatalogDir, run_cli, tmp_path: Path, docs_file: str, generated: str, output: str) -> None:
    """However its path is spelled: MkDocs publishes catalog.md as catalog/index.html. Said
    once: the generated page's links to its own headings are not checked against the file."""
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}], redirect_from=["old-c"])
    with site_catalog.config.open("a", encoding="utf-8") as config:
        config.write("validation:\n  anchors: warn\n")
    site_catalog.write("courses/c/index.md", "## Labs\n\nSee [the labs](#labs).\n")
    site_catalog.write("courses/c/unit.md", "## Steps\n\nSee [the steps](#steps).\n")
    site_catalog.plan("onboarding", plan_data("onboarding"))
    site_catalog.write(f"docs/{docs_file}", "# Impostor\n")
    out = refused(site_catalog, run_cli, tmp_path, f"docs/{docs_file}:1:1")
    assert f"the site generates {generated} at {output}; rename or move this file" in out
    assert out.count(": error: ") == 1, out


# (docs files, the file reported, what it is told)
DOCS_CLASHES = [
    (["courses/secret/notes.txt"], "courses/secret/notes.txt",
     "courses/secret/ is where course 'secret' is published; put the file in the course's own folder "
     "(courses/secret/)"),
    (["courses/c/handout.pdf"], "courses/c/handout.pdf", "courses/c/ is where course 'c' is published"),
    (["tracks/hidden/extra.md"], "tracks/hidden/extra.md",
     "tracks/hidden/ is where track 'hidden' is published; put the file elsewhere in docs/: this site does not "
     "publish track 'hidden'"),
    (["guide/index.md", "guide/README.md"], "guide/README.md",
     "MkDocs leaves this page out: docs/guide/index.md is published at guide/index.html; merge the two"),
    (["page.md", "page/index.md"], "page/index.md", "docs/page.md is published at page/index.html too; rename one"),
    (["Guide.md", "guide.md"], "guide.md", "docs/Guide.md is published at Guide/index.html; rename one of them (the "
     "two differ only in case: one file on macOS and Windows)"),
    (["Courses/Secret/notes.txt"], "Courses/Secret/notes.txt", "courses/secret/ is where course 'secret' is published"),
]


@pytest.mark.parametrize(("docs", "reported", "message"), DOCS_CLASHES, ids=[case[1] for case in DOCS_CLASHES])
def test_a_docs_file_at_a_catalog_items_place_or_another_files_is_refused(
        site_catalog: CatalogDir, run_cli, tmp_path: Path, docs: list[str], reported: str, message: str) -> None:
    """A draft's folder in docs/ published its id (only leak-check saw it); two docs pages at
    one address passed validate, then failed the build without a position."""
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}])
    site_catalog.course("secret", status="draft")
    site_catalog.track("hidden", track_data("hidden", ["c"], visibility="internal"))
    for name in docs:
        site_catalog.write(f"docs/{name}", "# Page\n" if name.endswith(".md") else "notes\n")
    out = refused(site_catalog, run_cli, tmp_path, f"docs/{reported}:1:1")
    assert message in out


def test_a_docs_page_beside_a_generated_download_is_no_clash(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """plan.md is a download written as it is, not a page: docs/plans/<id>/plan.md is published
    as plans/<id>/plan/index.html, beside it."""
    site_catalog.plan("onboarding", plan_data("onboarding"))
    site_catalog.write("docs/plans/onboarding/plan.md", "# About the plan\n")
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    assert (tmp_path / "site" / "plans/onboarding/plan.md").is_file()
    assert (tmp_path / "site" / "plans/onboarding/plan/index.html").is_file()


def test_hostile_unit_and_docs_file_names_are_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    unit = "x'onmouseover=alert(1).md"
    site_catalog.write(f"courses/c/{unit}", "Body.\n")
    site_catalog.course("c", units=[{"title": "Unit", "file": unit}])
    site_catalog.write("docs/<img src=x onerror=alert(1)>.md", "# Page\n")
    out = refused(site_catalog, run_cli, tmp_path, "courses/c/course.yml:")
    assert "not a safe file name" in out and "docs/<img src=x onerror=alert(1)>.md:1:1" in out


@pytest.mark.parametrize("name", ["notes.MD", "guide.Markdown"])
def test_a_docs_page_whose_suffix_is_not_in_lower_case_is_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                                   name: str) -> None:
    """MkDocs tells pages by a lower-case suffix: notes.MD, a page for authors, was published
    as it is, front matter and text, past the allowlist."""
    site_catalog.write(f"docs/{name}", "---\nauthoring: true\n---\n\n# For authors only\n")
    out = refused(site_catalog, run_cli, tmp_path, f"docs/{name}:1:1")
    assert "MkDocs takes only" in out and "in lower case for a page" in out


@pytest.mark.parametrize("folder", ["x' onmouseover='alert(1)", "a&amp;b #1 %41", "{{ 7 }}", "with space"])
def test_a_docs_folder_with_an_unsafe_name_is_refused(site_catalog: CatalogDir, run_cli, tmp_path: Path,
                                                      folder: str) -> None:
    """The contract holds folder names to the file names' rule: docs/ folders were not checked,
    and published at addresses with quotes, '#', '%' and spaces."""
    site_catalog.write(f"docs/{folder}/page.md", "# Page\n")
    out = refused(site_catalog, run_cli, tmp_path, f"docs/{folder}/page.md:1:1")
    assert "in a folder whose name is not safe" in out


def test_the_course_overview_page_is_refused_at_its_markdown_file(site_catalog: CatalogDir, tmp_path: Path) -> None:
    site_catalog.write("courses/c/index.md", "Overview.\n\n<math><mi>x</mi></math>\n")
    build = build_site(site_catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and "courses/c/index.md:3:1: <math> is not allowed" in build.stderr


def test_the_header_escapes_the_pages_language_whatever_sets_it(site_catalog: CatalogDir, tmp_path: Path) -> None:
    """The value is checked where content sets it; the theme's header escapes it too, as
    another plugin may set it after the checks."""
    site_catalog.write("hooks.py", "def on_page_context(context, page, config, nav):\n"
                                   "    page.meta['language'] = 'ja\" onclick=\"alert(1)'\n")
    site_catalog.config.write_text(site_catalog.config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                                   encoding="utf-8")
    site = tmp_path / "site"
    build = build_site(site_catalog.config, site, check=False)
    pages = list(site.rglob("*.html"))
    assert pages and not [path for path in pages if 'onclick="alert(1)"' in path.read_text(encoding="utf-8")]
    # Nor is the search index filed under it: it was, as 'ja&#34; onclick=&#34;alert(1)', a
    # name as long as those Pagefind has panicked on; in one CI run this build left no page.
    assert build.returncode == 0, build.stderr
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]


def test_snippets_paste_only_from_folders_without_the_catalogs_sources(
        site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """pymdownx.snippets reads from the working directory by default: a public page could
    paste a draft course's text through a path no link check reads (``courses/./secret/``)."""
    site_catalog.course("secret", status="draft")
    site_catalog.write("courses/secret/index.md", "Unannounced roadmap.\n")
    site_catalog.write("docs/notes.md", '# Notes\n\n--8<-- "courses/./secret/index.md"\n')
    with_snippets = site_catalog.config.read_text(encoding="utf-8") + "  - pymdownx.snippets\n"
    site_catalog.write("mkdocs.yml", with_snippets)
    line = with_snippets.splitlines().index("  - pymdownx.snippets") + 1
    result = run_cli("validate", "-f", site_catalog.config)
    assert (result.code, result.err.splitlines()[0]) == (2, (
        f"mkdocs.yml:{line}:5: error: pymdownx.snippets: base_path '.' holds courses/, tracks/, "
        "plans/, whose drafts and internal courses a public page could paste; set base_path to a folder of shared "
        "snippets, e.g. [snippets]"))
    build = build_site(site_catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and f"mkdocs.yml:{line}:5: error: pymdownx.snippets: base_path '.'" in build.stderr
    assert not (tmp_path / "site").exists()

    # A folder of shared snippets (given absolute: the extension reads from the working directory).
    site_catalog.write("snippets/support.md", "Write to support@example.test.\n")
    site_catalog.write("mkdocs.yml", with_snippets.replace(
        "  - pymdownx.snippets\n", f"  - pymdownx.snippets:\n      base_path: [{site_catalog.root / 'snippets'}]\n"))
    # Nothing from outside it (a path naming the draft, however spelt, is refused as its path).
    site_catalog.write("docs/notes.md", '# Notes\n\n--8<-- "support.md"\n\n--8<-- "../docs/index.md"\n')
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    page = (tmp_path / "site/notes/index.html").read_text(encoding="utf-8")
    assert "support@example.test" in page and "Training for our customers" not in page

    # Named by its class, or reaching the course through a symlink in the snippets folder.
    site_catalog.write("mkdocs.yml", with_snippets.replace("pymdownx.snippets", "pymdownx.snippets:SnippetExtension"))
    assert "base_path '.' holds courses/" in run_cli("validate", "-f", site_catalog.config).err
    def refusal(folder: Path, extra: str = "") -> tuple[int, str]:
        site_catalog.write("mkdocs.yml", with_snippets.replace(
            "  - pymdownx.snippets\n", f"  - pymdownx.snippets:\n      base_path: [{folder}]\n") + extra)
        result = run_cli("validate", "-f", site_catalog.config)
        return result.code, result.err.splitlines()[0].split(": error: ", 1)[1]

    (site_catalog.root / "snippets/secret").symlink_to(site_catalog.root / "courses/secret")
    assert refusal(site_catalog.root / "snippets") == (2, (
        f"pymdownx.snippets: base_path '{site_catalog.root / 'snippets'}' holds a symlink, secret, through which a "
        "page could paste any file; replace it with the file itself"))
    (site_catalog.root / "snippets/secret").unlink()
    # What base_path holds is allowed, not screened: in docs/ only what the public site publishes anyway. Not a
    # page for authors, which only the internal site publishes; not a draft, which only the preview publishes;
    # nor what exclude_docs or MkDocs leaves out, a folder or a dot file (attack, stop 42).
    held = ("which a public page could paste; set base_path to a folder of shared snippets outside docs/, e.g. "
            "[snippets]")
    left_out = "a file the site leaves out (exclude_docs, or a dot file)"
    for path, text, extra, what in (
        ("authors/notes.md", "---\nauthoring: true\n---\n\n# Roadmap\n", "", "a page for authors (authoring: true)"),
        ("drafts/roadmap.md", "# Unannounced roadmap\n", "draft_docs: drafts/\n", "a draft page (draft_docs)"),
        ("internal/pricing.md", "Internal pricing.\n", "exclude_docs: /internal/\n", left_out),
        (".env", "DEPLOY_TOKEN=secret\n", "", left_out),
    ):
        site_catalog.write(f"docs/{path}", text)
        assert refusal(site_catalog.root / "docs", extra) == (
            2, f"pymdownx.snippets: base_path '{site_catalog.root / 'docs'}' holds {path}, {what}, {held}"), path
        (site_catalog.root / "docs" / path).unlink()
    # Outside docs/, a folder of snippets holds no hidden files.
    site_catalog.write("snippets/.secrets/token.txt", "secret\n")
    assert refusal(site_catalog.root / "snippets")[1] == (
        f"pymdownx.snippets: base_path '{site_catalog.root / 'snippets'}' holds .secrets/token.txt, a hidden file, "
        f"{held}")
    (site_catalog.root / "snippets/.secrets/token.txt").unlink()
    build = build_site(site_catalog.config, tmp_path / "site-excluded", check=False)
    assert build.returncode == 0, build.stderr
    # Nor a hidden folder itself, however named, nor one outside the repository (attack, stop 42: .git/config
    # with a deploy token was pasted into the public site).
    site_catalog.write(".git/config", "[remote]\n  url = https://deploy:token@example.test/\n")
    for folder in (site_catalog.root / ".git", site_catalog.root / "docs/../.git"):
        assert "is a hidden folder (.git), whose files" in refusal(folder)[1]
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("Not the catalog's.\n", encoding="utf-8")
    assert f"is outside the site's repository ({outside})" in refusal(outside)[1]


THEME_TEXTS = [  # (mkdocs.yml lines, the diagnostic's place and message)
    ('site_name: "Academy <img src=x onerror=alert(1)>"\n', "1:12: error: site_name: onerror= on <img> is an "
     "event handler, which runs JavaScript; remove it"),
    ('site_name: Academy" onmouseover="alert(1)\n', "1:12: error: site_name: a straight double quote (\") would end "
     "the HTML attribute the theme may print it in (aria-label=\"...\"); write “…”, or quote HTML attributes with '"),
    ("extra:\n  homepage: javascript:alert(1)\n", "{line}:13: error: extra.homepage: 'javascript:alert(1)' is not "
     "an address a page may link to; use a relative link or an https, http or mailto URL"),
    # Material prints it unescaped: the browser reads the character reference, and ran it.
    ("extra:\n  homepage: java&#x73;cript:alert(1)\n", "{line}:13: error: extra.homepage: 'java&#x73;cript:alert(1)' "
     "is not an address a page may link to; use a relative link or an https, http or mailto URL"),
    ("extra:\n  alternate:\n    - {name: X, lang: ja, link: 'javascript&colon;alert(1)'}\n", "{line}:33: error: "
     "extra.alternate[0].link: 'javascript&colon;alert(1)' is not an address a page may link to; use a relative "
     "link or an https, http or mailto URL"),
    ("extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: \"java\\tscript:alert(1)\"\n",
     "{line}:13: error: extra.social[0].link: 'java\\tscript:alert(1)' is not an address a page may link to; use a "
     "relative link or an https, http or mailto URL"),
    ("copyright: <a href='https://x.test' onclick='alert(1)'>X</a>\n", "{line}:12: error: copyright: onclick= on "
     "<a> is an event handler, which runs JavaScript; remove it"),
    ("extra:\n  polyfills: ['data:text/javascript,alert(1)']\n", "{line}:15: error: extra.polyfills[0]: "
     "'data:text/javascript,alert(1)' is loaded into every page from another host, which every visitor's browser "
     "would ask for; publish the file with the site (docs/)"),
    ("nav:\n  - index.md\n  - 'javascript:alert(1)'\n", "{line}:5: error: nav[1]: 'javascript:alert(1)' is not an "
     "address a page may link to; use a relative link or an https, http or mailto URL"),
    ("extra_javascript:\n  - https://cdn.example.test/x.js\n", "{line}:5: error: extra_javascript[0]: "
     "'https://cdn.example.test/x.js' is loaded into every page from another host, which every visitor's browser "
     "would ask for; publish the file with the site (docs/)"),
    ("extra_javascript:\n  - ///cdn.example.test/x.js\n", "{line}:5: error: extra_javascript[0]: "  # browsers: a host
     "'///cdn.example.test/x.js' is loaded into every page from another host, which every visitor's browser "
     "would ask for; publish the file with the site (docs/)"),
    ("extra:\n  analytics: {provider: google, property: G-ABCDEF1234}\n", "{line}:14: error: "
     "extra.analytics: loads the analytics provider's script from its host into every page, which every visitor's "
     "browser would run; Syllabus sites make no requests to other hosts, so remove it"),
]


@pytest.mark.parametrize(("lines", "expected"), THEME_TEXTS,
                         ids=["html", "attribute", "homepage", "homepage-reference", "alternate-reference",
                              "social", "copyright", "polyfills", "nav",
                              "external-script", "external-script-three-slashes", "analytics"])
def test_mkdocs_yml_texts_the_theme_prints_raw_pass_the_allowlist(
        site_catalog: CatalogDir, run_cli, tmp_path: Path, lines: str, expected: str) -> None:
    """Material prints site_name, copyright, extra values (and more) into every page
    unescaped, some inside attributes: they are held to the page bodies' allowlist."""
    config = site_catalog.config.read_text(encoding="utf-8")
    if lines.startswith("site_name:"):
        config = lines + "\n".join(config.splitlines()[1:]) + "\n"
    else:
        expected = expected.format(line=len(config.splitlines()) + lines.count("\n"))
        config += lines
    site_catalog.write("mkdocs.yml", config)
    result = run_cli("validate", "-f", site_catalog.config)
    assert (result.code, result.err.splitlines()[0]) == (2, f"mkdocs.yml:{expected}")
    build = build_site(site_catalog.config, tmp_path / "site", check=False)
    assert build.returncode == 1 and f"mkdocs.yml:{expected}" in build.stderr
    assert not (tmp_path / "site").exists()


def test_theme_values_printed_in_attributes_hold_no_double_quote(site_catalog: CatalogDir, run_cli) -> None:
    """Material prints a palette toggle's name in aria-label="...", the direction in dir="..."."""
    config = site_catalog.config.read_text(encoding="utf-8").replace("  name: material\n", (
        "  name: material\n  direction: 'ltr\" onload=\"alert(1)'\n  palette:\n"
        "    - {toggle: {icon: material/brightness-7, name: 'Dark\" onfocus=\"alert(1)'}}\n"))
    site_catalog.write("mkdocs.yml", config)
    errors = run_cli("validate", "-f", site_catalog.config).err.splitlines()
    assert [line.split(": error: ")[1].split(":")[0] for line in errors] == ["theme.direction",
                                                                           "theme.palette[0].toggle.name"]


def test_the_logo_and_favicon_are_files_of_the_site(site_catalog: CatalogDir, run_cli) -> None:
    """Every page loads them: from another host, a tracking pixel on every visit."""
    config = site_catalog.config.read_text(encoding="utf-8")
    site_catalog.write("mkdocs.yml", config.replace("  name: material\n", (
        "  name: material\n  favicon: https://tracker.example.test/icon.png\n  logo: ///tracker.example.test/a.png\n")))
    errors = run_cli("validate", "-f", site_catalog.config).err.splitlines()
    assert [line.split(": error: ")[1].split(":")[0] for line in errors] == ["theme.favicon", "theme.logo"]
    site_catalog.write("mkdocs.yml", config.replace("  name: material\n", (
        "  name: material\n  favicon: assets/icon.png\n  logo: assets/logo.svg\n  icon: {logo: material/school}\n")))
    assert run_cli("validate", "-f", site_catalog.config).code == 0


def test_mkdocs_yml_texts_a_site_commonly_sets_pass(site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """HTML the theme prints as content (a copyright link with quoted attributes), relative and
    mailto addresses, nav links to another site: all pass, and the build publishes them."""
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8") + (
        'copyright: Copyright &copy; 2026 <a href="https://example.test/">Example &amp; Co</a>\n'
        "repo_url: https://git.example.test/academy\n"
        "extra:\n  homepage: /?from=logo&amp;v=2\n"
        "  social:\n    - icon: fontawesome/solid/envelope\n      link: mailto:hi@example.test\n"
        "      name: R&D team\n"
        # "&region" is no character reference to a browser (a letter follows "&reg"): refused once.
        "nav:\n  - Home: index.md\n  - Status: https://status.example.test/?product=keystone&region=emea\n"))
    assert run_cli("validate", "-f", site_catalog.config).code == 0
    build_site(site_catalog.config, tmp_path / "site")
    assert '<a href="https://example.test/">Example &amp; Co</a>' in (tmp_path / "site/index.html").read_text(
        encoding="utf-8")


def test_a_page_for_authors_whose_front_matter_mkdocs_cannot_read_is_never_published(
        site_catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """MkDocs ignores front matter PyYAML cannot build (a date that does not exist), so it
    took `authoring: true` for a public page: both refuse it, nothing is built."""
    site_catalog.course("c", units=[{"title": "Unit", "file": "unit.md"}])
    site_catalog.write("docs/pricing-notes.md", "---\nauthoring: true\nsubtitle: 2026-02-29\n---\n\n# Pricing\n\n"
                                                "The discount floor is zebraquokka.\n")
    out = refused(site_catalog, run_cli, tmp_path, "docs/pricing-notes.md:3:11")
    assert "MkDocs cannot read this front matter (day is out of range for month)" in out


def test_a_picture_without_text_is_a_warning_where_it_is_written(site_catalog: CatalogDir, run_cli) -> None:
    """`![](flow.png)` published alt="": screen readers skip it, and nothing said so."""
    for name in ("flow.png", "map.png", "a b.png"):
        site_catalog.write(f"courses/c/{name}", b"\x89PNG\r\n\x1a\n")
    site_catalog.write("courses/c/unit.md", "# Unit\n\nflow.png: ![](flow.png) and ![The map](map.png).\n\n"
                                            '<img src="../map.png" alt="  ">\n\n![ ](flow.png)\n')
    result = run_cli("validate", "--format", "json", "-f", site_catalog.config)
    said = [(d["line"], d["column"], d["message"], d["severity"]) for d in json.loads(result.out)
            if d["rule"] == "picture-text"]
    message = "the picture '{}' has no text for those who cannot see it (a screen reader skips it)"
    # Each at its address, not at the first 'map' or 'flow' of the text before it.
    assert said == [(3, 15, message.format("flow.png"), "warning"), (5, 11, message.format("../map.png"), "warning"),
                    (7, 6, message.format("flow.png"), "warning")]
    assert result.code == 0


@pytest.mark.parametrize("css", ['@import url("https://fonts.example/css2?family=Inter");',
                                 '@import "//cdn.example/theme.css";',
                                 ".hero { background: url(//pixel.example/p.png) }",
                                 "@font-face { src: url(https://fonts.example/f.woff2) format('woff2') }",
                                 ".a { cursor: u\\72l(https://escaped.example/c) }",
                                 '.b { background: url("\\\\\\\\backslashes.example/x") }',
                                 '.c { background-image: image-set("https://set.example/a.png" 1x) }',
                                 ':root { --a: "https://var.example/v.png" } '
                                 "html { background-image: image-set(var(--a) 1x) }",
                                 "utf-16:body { background: url(https://utf16.example/u.png) }"],
                         ids=["import-url", "import-string", "url", "font-face", "escaped", "backslashes", "image-set",
                              "custom-property", "utf-16"])
def test_a_stylesheet_every_page_loads_fetches_nothing_from_another_host(site_catalog: CatalogDir, run_cli,
                                                                        tmp_path: Path, css: str) -> None:
    """extra_css must be the site's own file, and was, but what it fetched was not checked:
    every visitor's browser asked other hosts for it. A custom property's string reaches
    image-set() through var(); a UTF-16 file is read as its byte-order mark says."""
    text = f"/* https://ok.example/ in a comment */\n{css.removeprefix('utf-16:')}\n"
    site_catalog.write("docs/stylesheets/extra.css", b"\xff\xfe" + text.encode("utf-16-le")
                       if css.startswith("utf-16:") else text)
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8")
                       + "extra_css: [stylesheets/extra.css]\n")
    out = refused(site_catalog, run_cli, tmp_path, "docs/stylesheets/extra.css:1:1")
    assert "which every page loads, has every visitor's browser fetch" in out


def test_a_stylesheet_fetching_its_own_files_is_published(site_catalog: CatalogDir, run_cli) -> None:
    site_catalog.write("docs/stylesheets/extra.css", '.a { content: "Note: see the guide"; background: '
                       'url(../img/x.png), url("data:image/png;base64,AAAA") }\n@import "more.css";\n')
    site_catalog.write("docs/stylesheets/more.css", "a { color: red }\n")
    site_catalog.write("mkdocs.yml", site_catalog.config.read_text(encoding="utf-8")
                       + "extra_css: [stylesheets/extra.css, stylesheets/more.css]\n")
    result = run_cli("validate", "-f", site_catalog.config)
    assert result.code == 0, result.out
