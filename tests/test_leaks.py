"""No byte of draft or internal content reaches a public site.

A canary string sits in every field, body, material, file name and folder name of a draft
course, an internal course, an internal track, a draft plan and an internal plan. Public
courses, a track and a plan live alongside (without referencing hidden items, which is a
validation error of its own). The public site is searched byte by byte, gzip decompressed,
and path by path; then an internal build goes into the same folder, which must contain the
canary (so the search can fail) and show banners, and a public build after it must again be
clean: nothing of the internal build may survive in the folder.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from .conftest import CatalogDir, CliResult, build_site, course_data, plan_data, track_data
from .sitetools import file_bytes, page, reproducible_files, site_files, site_paths

CANARY = "zqcanary7"  # lowercase letters and digits, so it fits ids, file names and handles
INTERNAL = {"SYLLABUS_AUDIENCE": "internal"}


def secret(text: str) -> str:
    return f"{text} {CANARY}"


def hidden_course(course_id: str, **fields: Any) -> dict[str, Any]:
    """A course with the canary in every free-text field, file name and link."""
    return course_data(
        course_id, title=secret("Title"), summary=secret("Summary"), owners=[f"@{CANARY}-owner", f"{CANARY}@corp.test"],
        tags=[secret("tag")], outcomes=[secret("Outcome")], prerequisites=["public-basics"],
        recommended_next=["public-live"], products=["code-search", f"{CANARY}-product"], last_reviewed="2026-11-01",
        roles=["admin", f"{CANARY}-role"],
        units=[{"title": secret("Unit"), "file": f"{CANARY}-unit.md", "minutes": 20}],
        materials=[{"title": secret("Slides"), "kind": "slides", "file": f"{CANARY}-slides.txt"},
                   {"title": secret("Recording"), "kind": "recording", "url": f"https://{CANARY}.example/rec"}],
        credential={"type": "certificate", "title": secret("Certificate"), "criteria": secret("Criteria")},
        redirect_from=[f"{CANARY}-old-{course_id[-4:]}"], **fields,
    )


def write_hidden_course(catalog: CatalogDir, course_id: str, data: dict[str, Any]) -> None:
    catalog.course(course_id, data)
    folder = f"courses/{course_id}"
    catalog.write(f"{folder}/index.md", f"# Body {CANARY}\n\nOverview {CANARY}.\n")
    catalog.write(f"{folder}/{CANARY}-unit.md", f"Unit body {CANARY}.\n")
    catalog.write(f"{folder}/{CANARY}-slides.txt", f"slides {CANARY}\n")
    catalog.write(f"{folder}/{CANARY}-stray.txt", f"not a material {CANARY}\n")
    catalog.write(f"{folder}/{CANARY}-folder/notes.txt", f"notes {CANARY}\n")


def write_catalog(catalog: CatalogDir) -> None:
    # An unreleased product and a role that only hidden content names: mkdocs.yml is public in no way.
    config = catalog.config.read_text(encoding="utf-8")
    for line, kind in (("        code-search: {title: Code search}\n", "product"),
                       ("        end-user: {title: End user}\n", "role")):
        config = config.replace(line, f"{line}        {CANARY}-{kind}: {{title: {kind} {CANARY}}}\n")
    catalog.write("mkdocs.yml", config)
    # Public content, allowed in both audiences; none of it names hidden items.
    catalog.course("public-basics", title="Public basics", units=[{"title": "Start", "file": "start.md"}])
    catalog.write("courses/public-basics/start.md", "Start here.\n")
    catalog.course("public-live", title="Public live class", format="virtual-ilt",
                   sessions=[{"start": "2026-12-08T11:00", "timezone": "America/New_York", "instructors": ["Ann"]}])
    catalog.track("public-path", track_data("public-path", ["public-basics", "public-live"]))
    catalog.plan("public-plan", plan_data("public-plan", phases=[{"title": "Start", "start_day": 0, "end_day": 29,
                                                                  "items": [{"day": 1, "type": "track",
                                                                             "track": "public-path"}]}]))
    # Hidden content, the canary everywhere (ids and therefore folder and file names included).
    draft, internal = f"{CANARY}-draft", f"{CANARY}-internal"
    write_hidden_course(catalog, draft, hidden_course(
        draft, status="draft", format="virtual-ilt", translations={"ja": internal},
        on_demand={"url": f"https://{CANARY}.example/on-demand"},
        sessions=[{"start": "2026-12-09T10:00", "timezone": "Europe/Berlin", "instructors": [secret("Instructor")],
                   "registration_url": f"https://{CANARY}.example/register"}],
    ))
    write_hidden_course(catalog, internal, hidden_course(
        internal, visibility="internal", language="ja", translations={"en": draft},
    ))
    catalog.track(f"{CANARY}-track", track_data(
        f"{CANARY}-track", [], title=secret("Track"), summary=secret("Summary"), visibility="internal",
        outcomes=[secret("Outcome")], owners=[f"@{CANARY}-owner"], target_days=30,
        credential={"type": "badge", "title": secret("Badge"), "criteria": secret("Criteria")},
        sections=[{"title": secret("Section"), "description": secret("Description"), "courses": [
            "public-basics", {"course": draft, "required": False, "note": secret("Note")}, internal]}],
    ))
    for plan_id, fields in ((f"{CANARY}-draft-plan", {"status": "draft"}),
                            (f"{CANARY}-plan", {"visibility": "internal"})):
        catalog.plan(plan_id, plan_data(
            plan_id, title=secret("Plan"), summary=secret("Summary"), audience=["admin"],
            owners=[f"@{CANARY}-owner"], outcomes=[secret("Outcome")],
            milestones=[{"day": 5, "title": secret("Milestone"), "success_criteria": secret("Criteria")}],
            phases=[{"title": secret("Phase"), "start_day": 0, "end_day": 29, "items": [
                {"day": 0, "type": "meeting", "title": secret("Meeting"), "note": secret("Note")},
                {"day": 1, "type": "task", "title": secret("Task"), "owner": "ce"},
                {"day": 2, "type": "course", "course": "public-basics", "note": secret("Note")},
                {"day": 3, "type": "course", "course": draft},
                {"day": 4, "type": "track", "track": f"{CANARY}-track"}]}],
            **fields,
        ))


def canary_hits(site: Path) -> list[str]:
    """Every path, and every file's bytes (gzip decompressed), that holds the canary."""
    hits = [f"path {p}" for p in site_paths(site) if CANARY in p.lower()]
    hits += [f"bytes {f}" for f in site_files(site) if CANARY.encode() in file_bytes(site / f).lower()]
    return hits


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Public, then internal, then public again, all into one site folder (copies kept)."""
    root = tmp_path_factory.mktemp("leaks")
    catalog = CatalogDir.new(root / "catalog")
    write_catalog(catalog)
    site = root / "site"
    result: dict[str, Path] = {}
    for name, env in (("public", None), ("internal", INTERNAL), ("public-again", None)):
        build_site(catalog.config, site, env=env)
        result[name] = shutil.copytree(site, root / name)
    return result


def test_the_fixture_plants_the_canary_in_names_and_bodies(builds: dict[str, Path]) -> None:
    sources = builds["public"].parent / "catalog"
    names = [p.relative_to(sources).as_posix() for p in sources.rglob(f"*{CANARY}*")]
    assert {f"courses/{CANARY}-draft", f"courses/{CANARY}-internal/{CANARY}-unit.md",
            f"courses/{CANARY}-draft/{CANARY}-slides.txt", f"tracks/{CANARY}-track.yml",
            f"plans/{CANARY}-plan.yml", f"plans/{CANARY}-draft-plan.yml"} <= set(names)


@pytest.mark.parametrize("build", ["public", "public-again"])
def test_public_site_holds_no_byte_and_no_path_of_hidden_content(builds: dict[str, Path], build: str) -> None:
    site = builds[build]
    files = site_files(site)
    for expected in ("index.html", "404.html", "catalog.json", "pagefind/pagefind-entry.json", "sitemap.xml",
                     "sitemap.xml.gz", "courses/public-basics/start/index.html", "plans/public-plan/plan.ics",
                     "plans/public-plan/plan.md", "plans/public-plan/plan.csv"):
        assert expected in files
    assert [f for f in files if f.startswith("courses/public-live/sessions/")]
    assert canary_hits(site) == []


def test_public_sites_before_and_after_an_internal_build_are_identical(builds: dict[str, Path]) -> None:
    first, again = builds["public"], builds["public-again"]
    assert reproducible_files(first) == reproducible_files(again)
    assert [f for f in reproducible_files(first) if (first / f).read_bytes() != (again / f).read_bytes()] == []


def test_public_pages_do_not_count_or_list_hidden_items(builds: dict[str, Path]) -> None:
    site = builds["public"]
    catalog = page(site, "catalog/")
    assert [c.attrs["data-id"] for c in catalog.find_all("li", cls="syllabus-card")] == ["public-basics", "public-live"]
    assert [i.attrs["value"] for i in catalog.find_all("input", name="language")] == ["en"]
    assert not (site / "insights").exists()
    assert not catalog.find_all(cls="syllabus-tag--unpublished")
    for url in ("courses/public-basics/", "tracks/public-path/", "plans/public-plan/"):
        assert not page(site, url).find_all(cls="syllabus-banner"), url


def test_internal_build_holds_the_canary_and_marks_hidden_items(builds: dict[str, Path]) -> None:
    site = builds["internal"]
    hits = canary_hits(site)
    expected = [f"path courses/{CANARY}-draft/{CANARY}-slides.txt", f"path courses/{CANARY}-internal/{CANARY}-unit",
                f"bytes courses/{CANARY}-draft/sessions/20261209T1000-europe-berlin.ics", "bytes catalog.json",
                "bytes sitemap.xml", "bytes sitemap.xml.gz", "bytes index.html",
                f"bytes plans/{CANARY}-plan/plan.ics", f"bytes plans/{CANARY}-draft-plan/plan.md"]
    assert [e for e in expected if e not in hits] == []
    assert [h for h in hits if h.startswith("bytes pagefind/fragment/")]  # the search index is scanned too
    assert not [h for h in hits if "stray" in h or f"{CANARY}-folder" in h]  # never named as materials
    banners = {
        f"courses/{CANARY}-draft/": "Draft: not on the public site",
        f"courses/{CANARY}-draft/{CANARY}-unit/": "Draft: not on the public site",
        f"courses/{CANARY}-internal/": "Internal: not on the public site",
        f"tracks/{CANARY}-track/": "Internal: not on the public site",
        f"plans/{CANARY}-draft-plan/": "Draft: not on the public site",
        f"plans/{CANARY}-plan/": "Internal: not on the public site",
    }
    for url, title in banners.items():
        banner = page(site, url).find("div", cls="syllabus-banner")
        assert banner.find("p", cls="admonition-title").text == title, url
    assert not page(site, "courses/public-basics/").find_all(cls="syllabus-banner")
    # The catalog's cards say which courses not to send a customer.
    marks = {card.attrs["data-id"]: [mark.text for mark in card.find_all("span", cls="syllabus-tag--unpublished")]
             for card in page(site, "catalog/").find_all("li", cls="syllabus-card")}
    assert marks[f"{CANARY}-draft"] == ["Draft"] and marks[f"{CANARY}-internal"] == ["Internal"]
    assert marks["public-basics"] == []


def test_public_content_referencing_hidden_content_fails_the_build(catalog: CatalogDir, tmp_path: Path) -> None:
    catalog.course("secret", visibility="internal")
    catalog.course("open")
    catalog.track("path", track_data("path", ["open", "secret"]))
    site = tmp_path / "site"
    result = build_site(catalog.config, site, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "tracks/path.yml:" in result.stderr and "course 'secret' is internal" in result.stderr
    assert not site.exists()
    build_site(catalog.config, site, env=INTERNAL)  # fine where internal content may be seen
    assert (site / "tracks/path/index.html").is_file()


# --- syllabus leak-check: what it reads as public, and what it cannot read ---------------

SECRET_SENTENCE = "The quokka connector ships to every region in March 2027."


def leak_check_site(catalog: CatalogDir, tmp_path: Path) -> Path:
    """A public build of an open course beside a draft whose page holds SECRET_SENTENCE."""
    catalog.course("open-course")
    catalog.course("secret-course", status="draft")
    catalog.write("courses/secret-course/index.md", f"# Plans\n\n{SECRET_SENTENCE}\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)
    return site


def leaks(result: CliResult) -> list[str]:
    """The findings (the summary line left out); no traceback, whatever was read."""
    assert "Traceback" not in result.err and result.out.endswith("checked)\n"), (result.out, result.err)
    return result.out.splitlines()[:-1]


def test_leak_check_counts_as_public_only_the_docs_pages_the_public_site_publishes(
        catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """A hidden course's page copied into docs/.notes/ (or into a page for authors) made its
    sentences public to leak-check, which read every docs/**/*.md, so the same text pasted into
    a public material passed (attack review); a folder docs/dir.md crashed it."""
    site = leak_check_site(catalog, tmp_path)
    catalog.write("docs/.notes/scratch.md", f"{SECRET_SENTENCE}\n")  # MkDocs leaves dot folders out
    catalog.write("docs/for-authors.md", f"---\nauthoring: true\n---\n\n# Notes\n\n{SECRET_SENTENCE}\n")
    catalog.write("docs/dir.md/a.txt", "x\n")
    (site / "demo-stories.txt").write_text(f"Stories.\n{SECRET_SENTENCE}\n", encoding="utf-8")
    assert leaks(run_cli("leak-check", site, "-f", catalog.config)) == [
        f"demo-stories.txt: text of draft course 'secret-course' (1 sentence, such as '{SECRET_SENTENCE}')"]
    catalog.write("docs/news.md", f"# News\n\n{SECRET_SENTENCE}\n")  # published: no evidence any more
    assert leaks(run_cli("leak-check", site, "-f", catalog.config)) == []



def test_leak_check_reads_legacy_and_utf16_text_and_follows_links(catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """Found by an attack: a draft's text in a material saved as Windows-1252 or as UTF-16 with
    its byte order mark (Notepad's "Unicode") passed, as leak-check read UTF-8 text only; and a
    page published beside the courses linked a draft by its id alone (``secret-course/``),
    which no file spells as ``courses/secret-course/``. Text is read as an editor opens it,
    and each page's links and pictures where a browser takes them."""
    site = leak_check_site(catalog, tmp_path)
    (site / "notes-1252.txt").write_bytes(f"Caf\u00e9 notes \u2013 draft.\n{SECRET_SENTENCE}\n".encode("cp1252"))
    (site / "notes-utf16.txt").write_bytes(f"Notes.\n{SECRET_SENTENCE}\n".encode("utf-16"))
    (site / "courses" / "soon.html").write_text("<p><a href='secret-course/'>Soon</a></p>\n", encoding="utf-8")
    (site / "deep.html").write_text('<img src="courses/./x/../secret-course/lab/pic.png" alt="">\n', encoding="utf-8")
    (site / "courses" / "more.html").write_text(
        '<img srcset="a.png 1x, secret-course/b.png 2x"><meta http-equiv=refresh content="0;url=secret-course/">'
        "<object data=secret-course/x.svg></object>\n", encoding="utf-8")
    (site / "courses" / "style.css").write_text("p { background: url('secret-course/x.png') }\n", encoding="utf-8")
    (site / "courses" / "print.css").write_text('@import "\\73 ecret-course/print.css";\n', encoding="utf-8")
    (site / "courses" / "set.css").write_text('.y { background: image-set("Secret-Course/a.png" 1x) }\n',
                                              encoding="utf-8")
    (site / "courses" / "refresh.html").write_text(
        """<meta http-equiv=refresh content="0; url='secret-course/'">\n""", encoding="utf-8")
    (site / "courses" / "frame.html").write_text(
        '<iframe srcdoc="&lt;a href=&quot;secret-course/&quot;&gt;x&lt;/a&gt;"></iframe>'
        '<link rel=preload as=image imagesrcset="secret-course/x.png 1x">\n', encoding="utf-8")
    (site / "courses" / "hosts.html").write_text(  # the URL standard's hosts after a scheme without "//"
        '<a href="http:/academy.test/courses/x/../secret-course/">a</a>\n', encoding="utf-8")
    (site / "flawed-utf16.txt").write_bytes(f"{SECRET_SENTENCE}\n".encode("utf-16") + b"x")  # an odd byte at the end
    found = f"text of draft course 'secret-course' (1 sentence, such as '{SECRET_SENTENCE}')"
    assert leaks(run_cli("leak-check", site, "-f", catalog.config)) == [
        *(f"courses/{name}: page path of draft course 'secret-course'" for name in (
            "frame.html", "hosts.html", "more.html", "print.css", "refresh.html", "set.css", "soon.html", "style.css")),
        "deep.html: page path of draft course 'secret-course'",
        f"flawed-utf16.txt: {found}", f"notes-1252.txt: {found}", f"notes-utf16.txt: {found}"]

def test_leak_check_never_opens_what_the_build_does_not_publish_from_docs(
        catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """A FIFO named like a page in a dot folder hung leak-check, and a sparse 4 GB one took
    ~24 GB of memory: neither is published, so neither is read. One the build would publish
    is refused as validate refuses it (the gate fails, no traceback)."""
    site = leak_check_site(catalog, tmp_path)
    os.mkfifo(catalog.write("docs/.drafts/x", "").parent / "pipe.md")
    with (catalog.root / "docs/.drafts/huge.md").open("wb") as sparse:
        sparse.truncate(4 << 30)
    assert run_cli("leak-check", site, "-f", catalog.config).code == 0
    os.mkfifo(catalog.root / "docs/pipe.md")
    refused = run_cli("leak-check", site, "-f", catalog.config)
    assert refused.code == 1 and "docs/pipe.md:1:1: error: not a regular file" in refused.err


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, contents in files.items():
            archive.writestr(name, contents)
    return buffer.getvalue()


def test_leak_check_reads_a_gzip_file_within_a_limit_and_fails_past_it(catalog: CatalogDir, run_cli, tmp_path: Path,
                                                                       monkeypatch) -> None:
    """A 6 GB gzip of zeros, published as a material, took leak-check 19 GB (gzip.decompress
    unbounded): it is read a step at a time up to MAX_DECOMPRESSED (1 MB here), past which the
    file is a finding, as a truncated one is; every member of a concatenated one is read."""
    site = leak_check_site(catalog, tmp_path)
    monkeypatch.setattr("syllabus.core.archives.MAX_DECOMPRESSED", 1024 * 1024)
    (site / "bomb.gz").write_bytes(gzip.compress(b"\0" * (2 * 1024 * 1024), compresslevel=1))
    (site / "logs.gz").write_bytes(gzip.compress(b"Logs. ") + gzip.compress(f"<p>{SECRET_SENTENCE}</p>".encode()))
    (site / "cut.gz").write_bytes(gzip.compress(b"x" * 100_000)[:-20])
    assert leaks(run_cli("leak-check", site, "-f", catalog.config)) == [
        "bomb.gz: decompresses to more than 1 MB; leak-check cannot read it whole",
        "cut.gz: is a truncated gzip file; leak-check cannot read it whole",
        f"logs.gz: text of draft course 'secret-course' (1 sentence, such as '{SECRET_SENTENCE}')"]


def test_leak_check_reads_zip_archives_member_by_member(catalog: CatalogDir, run_cli, tmp_path: Path,
                                                        monkeypatch) -> None:
    """A hidden course's folder zipped with deflate and published as a material passed
    leak-check, which only saw inside stored zips (attack review). Zip archives (.docx, .epub,
    ... too, by their first bytes) are read member by member, one archive inside another
    once; what cannot be read is a finding."""
    site = leak_check_site(catalog, tmp_path)
    monkeypatch.setattr("syllabus.core.archives.MAX_DECOMPRESSED", 1024 * 1024)
    secret = f"Plans.\n{SECRET_SENTENCE}\n".encode()  # a heading with no full stop runs into the sentence
    (site / "kit.docx").write_bytes(zipped({"secret-course/index.md": secret, "courses/secret-course/": b"",
                                            "inner.zip": zipped({"notes.txt": secret}),
                                            "logs.tgz": gzip.compress(secret)}))
    (site / "deep.zip").write_bytes(zipped({"a.zip": zipped({"b.zip": zipped({"c.txt": secret})})}))
    (site / "bomb.zip").write_bytes(zipped({"zeros.txt": b"\0" * (2 * 1024 * 1024)}))
    (site / "cut.zip").write_bytes(zipped({"index.md": secret})[:-30])
    stored = zipped({"index.md": secret}, zipfile.ZIP_STORED)
    locked = bytearray(stored)
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the encryption bit, as a password sets it
        locked[locked.index(header) + flags] |= 1
    (site / "locked.zip").write_bytes(bytes(locked))
    odd = bytearray(stored)
    odd[odd.index(b"PK\x01\x02") + 10] = 99  # a compression method zipfile does not know
    (site / "odd.zip").write_bytes(bytes(odd))
    found = leaks(run_cli("leak-check", site, "-f", catalog.config))
    sentence = f"text of draft course 'secret-course' (1 sentence, such as '{SECRET_SENTENCE}')"
    assert found == [
        "bomb.zip: decompresses to more than 1 MB; leak-check cannot read it whole",
        "cut.zip: is a damaged zip archive (File is not a zip file); leak-check cannot read it",
        "deep.zip: holds archives inside archives deeper than leak-check reads",
        "kit.docx: page path of draft course 'secret-course'",  # a zip's names are not compressed
        f"kit.docx!secret-course/index.md: {sentence}",
        "kit.docx!courses/secret-course/: page path of draft course 'secret-course'",
        f"kit.docx!inner.zip!notes.txt: {sentence}",
        f"kit.docx!logs.tgz: {sentence}",
        "locked.zip: holds an encrypted member (index.md); leak-check cannot read it",
        "odd.zip: holds a member (index.md) compressed in a way leak-check cannot read (method 99)"]
    monkeypatch.setattr("syllabus.core.archives.MAX_MEMBERS", 2)
    assert "kit.docx: holds more than 2 files; leak-check cannot read them all" in leaks(
        run_cli("leak-check", site, "-f", catalog.config))


def test_leak_check_reads_what_a_zip_or_gzip_tool_would_and_refuses_what_it_cannot_open(
        catalog: CatalogDir, run_cli, tmp_path: Path) -> None:
    """The attack on the archive reading found four ways past it: a .7z (an allowed material)
    was never opened; a zip with a script in front of it was not taken for one; a member whose
    header understated its size was read only that far (unzip prints it whole); a gzip
    header's file name was not searched. And a member's name with a line break printed a
    report line of its own (the attack on the CLI's outputs: so did one that could not be
    read, and a site file's name: "::error ..." on a line of its own is a CI workflow command)."""
    site = leak_check_site(catalog, tmp_path)
    secret = f"Plans.\n{SECRET_SENTENCE}\n".encode()
    sentence = f"text of draft course 'secret-course' (1 sentence, such as '{SECRET_SENTENCE}')"
    (site / "labs.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(range(40)))
    (site / "setup.sh").write_bytes(b"#!/bin/sh\nexit 0\n" + zipped({"notes.txt": secret}))
    short = bytearray(zipped({"readme.txt": b"Welcome!! " + secret}))
    for header, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):  # CRC, then sizes: the first 10 bytes'
        at = short.index(header) + crc_at
        short[at:at + 4] = zlib.crc32(b"Welcome!! ").to_bytes(4, "little")
        short[at + 8:at + 12] = (10).to_bytes(4, "little")
    (site / "short.zip").write_bytes(bytes(short))
    named = io.BytesIO()
    with gzip.GzipFile(filename="Course secret-course", mode="wb", fileobj=named) as packed:  # its title
        packed.write(b"Nothing to see.\n")
    (site / "named.gz").write_bytes(named.getvalue())
    (site / "lines.zip").write_bytes(zipped({"x\n0 leaks of draft or internal content\ny": secret}))
    forged = "a\n::error file=README.md::forged\x1b[2J"  # and in the reasons a member cannot be read
    locked = bytearray(zipped({forged: secret}, zipfile.ZIP_STORED))
    for header, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        locked[locked.index(header) + flags] |= 1
    (site / "locked.zip").write_bytes(bytes(locked))
    (site / "b\n::warning::forged.gz").write_bytes(b"\x1f\x8b\x08\x00damaged")
    assert leaks(run_cli("leak-check", site, "-f", catalog.config)) == [
        "b\\n::warning::forged.gz: is a truncated gzip file; leak-check cannot read it whole",
        "labs.7z: is a 7z archive, which leak-check cannot open; publish a .zip or .tar.gz instead",
        f"lines.zip!x\\n0 leaks of draft or internal content\\ny: {sentence}",
        "locked.zip: holds an encrypted member (a\\n::error file=README.md::forged\\x1b[2J); leak-check cannot "
        "read it",
        "named.gz: title of draft course 'secret-course'",
        f"setup.sh!notes.txt: {sentence}",
        "short.zip: holds a member (readme.txt) whose data runs on past the size it states; leak-check cannot "
        "tell what it holds"]
