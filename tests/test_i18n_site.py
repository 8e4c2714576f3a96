"""The example catalog built in Japanese speaks Japanese: no English text of the message
catalog is left on the pages Syllabus writes, and the same check finds those texts on the
English build, so it can fail. Content keeps its own language either way."""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import yaml
from syllabus.core.messages import PACKAGE_LOCALES, Text

from .conftest import CatalogDir, build_site, example_catalog, plan_data, track_data
from .sitetools import Element, html_pages, page

# Which pages are of which kind; the insights page is published with an option.
PAGE_KINDS = {
    "home": lambda url: url == "",
    "catalog": lambda url: url == "catalog/",
    "course": lambda url: re.fullmatch(r"courses/[^/]+/", url) is not None,
    "unit": lambda url: re.fullmatch(r"courses/[^/]+/[^/]+/", url) is not None,
    "track": lambda url: url.startswith("tracks/"),
    "insights": lambda url: url == "insights/",
    "404": lambda url: url == "404.html",
}
# Trainer-written text and what repeats it (the table of contents): content, whatever its language.
CONTENT_CLASSES = {"syllabus-body", "syllabus-home-prose", "md-nav--secondary"}
READER_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
DEFAULT_TAXONOMY = "taxonomy."
UNAMBIGUOUS_LENGTH = 10  # a shorter one-word text ("Level") may well occur in English content


def forms(text: Text) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def english_fragments() -> dict[str, str]:
    """Each stretch of English text between placeholders, of the texts Japanese words
    differently, that is long enough not to occur in content by chance, with its key."""
    english = yaml.safe_load((PACKAGE_LOCALES / "en.yml").read_text(encoding="utf-8"))
    japanese = yaml.safe_load((PACKAGE_LOCALES / "ja.yml").read_text(encoding="utf-8"))
    fragments: dict[str, str] = {}
    for key, text in english.items():
        # The default taxonomy's titles ("Administrator") are content words in the example,
        # which names its own terms; test_the_default_taxonomy_follows_the_sites_language.
        if forms(text) == forms(japanese[key]) or key.startswith(DEFAULT_TAXONOMY):
            continue
        for form in forms(text):
            for part in re.split(r"\{[a-z_]+\}", form):
                part = part.strip(" .:;,()")
                if " " in part or len(part) >= UNAMBIGUOUS_LENGTH:
                    fragments.setdefault(part, key)
    return fragments


def reader_text(element: Element) -> Iterator[str]:
    """What a reader sees or hears of the page outside its content: text and labels."""
    if element.tag in ("script", "style", "template") or element.classes & CONTENT_CLASSES:
        return
    yield from (element.attrs[name] or "" for name in READER_ATTRIBUTES if element.attrs.get(name))
    for child in element.children:
        yield from [child] if isinstance(child, str) else reader_text(child)


def english_left(document: Element, fragments: dict[str, str]) -> dict[str, str]:
    text = " ".join(" ".join(reader_text(document)).split())
    return {key: fragment for fragment, key in fragments.items()
            if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)}


def built(root: Path, language: str) -> Path:
    """The example catalog built in ``language``, insights included."""
    config = example_catalog(root / "catalog", language)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      audience: public\n", "      audience: public\n      publish_insights: true\n"), encoding="utf-8")
    build_site(config, root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def site_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {language: built(tmp_path_factory.mktemp(f"example-{language}"), language) for language in ("en", "ja")}


@pytest.fixture(scope="module")
def sites(site_dirs: dict[str, Path]) -> dict[str, dict[str, Element]]:
    """Every HTML page of each build, by URL."""
    return {language: dict(html_pages(site)) for language, site in site_dirs.items()}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_english_text_of_the_catalog_is_left_on_japanese_pages(sites: dict[str, dict[str, Element]],
                                                                   kind: str) -> None:
    fragments = english_fragments()
    urls = [url for url in sites["ja"] if PAGE_KINDS[kind](url)]
    assert urls, f"no {kind} page in the Japanese build"
    for url in urls:
        assert english_left(sites["ja"][url], fragments) == {}, url
        assert english_left(sites["en"][url], fragments), f"{url}: the English build shows none either"


def test_a_course_keeps_its_language_inside_the_sites(sites: dict[str, dict[str, Element]]) -> None:
    """A Japanese course on the English site: English chrome, Japanese content; and the
    other way round on the Japanese site."""
    cases = (("en", "keystone-101-ja", "ja", "Level"), ("ja", "keystone-101", "en", "レベル"))
    for site, course, content, label in cases:
        document = sites[site][f"courses/{course}/"]
        # The page is the site's language, chrome included (header, navigation, table of
        # contents, skip link); what the course wrote is marked with its own, and the site
        # search files the page under the course's language.
        assert document.find("html").attrs["lang"] == site
        assert document.find("header", cls="md-header").attrs["lang"] == site
        article = document.find("article", cls="syllabus-course")
        assert article.attrs["lang"] == site
        assert article.find("dt").text == label and "lang" not in article.find("dl").attrs
        for part in (article.find("h1"), article.find("p", cls="syllabus-lead"),
                     article.find("div", cls="syllabus-body"), *article.find("ol", cls="syllabus-units").find_all("a")):
            assert part.attrs["lang"] == content, part.tag
        # The table of contents: the body's headings in the course's language, the page's own sections not.
        body_ids = {h.attrs["id"] for h in article.find("div", cls="syllabus-body").find_all("h2", id=True)}
        toc = document.find("nav", cls="md-nav--secondary")
        entries = {a.attrs["href"][1:]: a for a in toc.find_all("a", cls="md-nav__link")}
        assert body_ids and body_ids < set(entries)
        for anchor, link in entries.items():
            assert bool(link.find_all("span", lang=content)) is (anchor in body_ids), anchor
        units = [url for url in sites[site] if url.startswith(f"courses/{course}/") and url != f"courses/{course}/"]
        frame = sites[site][units[0]].find("div", cls="syllabus-unit")
        assert frame.attrs["lang"] == site
        assert frame.find("div", cls="syllabus-body").attrs["lang"] == content
        assert frame.find("nav", cls="syllabus-breadcrumb").find("a").attrs["lang"] == content



def test_the_example_home_pages_english_text_is_marked_english_on_the_japanese_site(
        sites: dict[str, dict[str, Element]]) -> None:
    """docs/index.md is English ("Welcome to Keystone Academy"): inside lang="ja" it was read
    with a Japanese voice; its front matter says its language, as the guide now tells."""
    body = sites["ja"][""].find("article")
    marked = [e for e in body.iter() if e.attrs.get("lang") == "en" and "Welcome to Keystone Academy" in e.text]
    assert marked, "the home page's English text is not marked English"


def test_titles_in_the_sites_chrome_are_marked_with_their_language(sites: dict[str, dict[str, Element]]) -> None:
    """The English tracks the Japanese site's 404 page lists, and the course a plan's hidden
    "（…）" after "登録" names, were read as Japanese."""
    missing = sites["ja"]["404.html"].find("div", cls="syllabus-not-found")
    tracks = [a for a in missing.find_all("a") if "tracks/" in a.attrs["href"]]
    assert tracks and {a.attrs["lang"] for a in tracks} == {"en"}
    plan = next(document for url, document in sites["ja"].items() if url.startswith("plans/"))
    labels = plan.find_all("span", cls="syllabus-visually-hidden")
    assert labels and all(label.find("span").attrs["lang"] == "en" for label in labels)
    assert labels[0].text.startswith("（") and labels[0].text.endswith("）")


def test_the_default_taxonomy_follows_the_sites_language(catalog: CatalogDir, tmp_path: Path) -> None:
    """A catalog that names no levels or formats gets the default ones, titled in its language."""
    config = catalog.config.read_text(encoding="utf-8")
    catalog.write("mkdocs.yml", config.replace("name: material", "name: material\n  language: ja"))
    catalog.course("intro", level="advanced", format="in-person")
    build_site(catalog.config, tmp_path / "site")
    facts = page(tmp_path / "site", "courses/intro/").find("dl", cls="syllabus-facts")
    assert [dd.text for dd in facts.find_all("dd")[:2]] == ["上級", "対面"]


def test_a_track_and_a_plan_keep_their_own_language_inside_the_sites(catalog: CatalogDir, tmp_path: Path) -> None:
    """A Japanese track and plan on the English site: English chrome, their own text marked
    Japanese and found in Japanese, each course they list in its own language."""
    catalog.course("intro", title="Intro")
    catalog.track("start-ja", track_data("start-ja", [{"course": "intro", "note": "最初に"}], title="はじめの一歩",
                                         summary="管理者のための道。", language="ja", outcomes=["使える"]))
    plan = plan_data("plan-ja", title="導入計画", summary="三十日の計画。", language="ja")
    plan["phases"][0]["items"] += [{"day": 1, "type": "course", "course": "intro", "note": "必須"},
                                   {"day": 2, "type": "track", "track": "start-ja"}]
    plan["milestones"] = [{"day": 29, "title": "完了", "success_criteria": "全員が受講"}]
    catalog.plan("plan-ja", plan)
    build_site(catalog.config, tmp_path / "site")

    track = page(tmp_path / "site", "tracks/start-ja/")
    assert track.find("html").attrs["lang"] == "en"
    article = track.find("article", cls="syllabus-track")
    assert article.attrs["lang"] == "en" and article.find("dt").text == "For"
    for part in (article.find("h1"), article.find("p", cls="syllabus-lead"), article.find("span", cls="syllabus-note"),
                 article.find("h2").find("span"), article.find_all("ul")[-1]):
        assert part.attrs["lang"] == "ja", part.tag
    assert article.find("a", href="../../courses/intro/").attrs["lang"] == "en"

    plan_page = page(tmp_path / "site", "plans/plan-ja/")
    article = plan_page.find("article", cls="syllabus-plan")
    assert article.attrs["lang"] == "en"
    titles = {row.attrs["data-key"].split("-")[0]: row.find_all("td")[1] for row in article.find_all("tr", cls=None)
              if "data-key" in row.attrs}
    assert titles["meeting"].find("span", lang="ja").text == "Kickoff"
    assert titles["course"].find("a").attrs["lang"] == "en" and titles["course"].find("span", lang="ja").text == "必須"
    assert titles["track"].find("a").attrs["lang"] == "ja"
    assert titles["milestone"].find("span", lang="ja").text == "完了"
    assert article.find("h1").attrs["lang"] == article.find("h2", id="phase-1").find("span").attrs["lang"] == "ja"

    home = page(tmp_path / "site", "")
    cards = home.find_all("li", cls="syllabus-home-card")
    assert [card.attrs["class"].split()[-1] for card in cards] == [
        "syllabus-course-card", "syllabus-track-card", "syllabus-plan-card"]
    for card, language in zip(cards, ("en", "ja", "ja"), strict=True):  # the English course among the latest
        assert card.find("a").attrs.get("lang", "en") == card.find("p").attrs.get("lang", "en") == language
    document = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert [item["language"] for kind in ("tracks", "plans") for item in document[kind]] == ["ja", "ja"]
    assert set(json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_bytes())["languages"]) == {
        "en", "ja"}  # the course and the home page, the track and the plan


BOXES = ('!!! tip\n    a\n\n??? note\n    b\n\n!!! warning "Mind the gap"\n    c\n\n!!! tip ""\n    d\n\n'
         '!!! recipe\n    e\n\n!!! hint inline end\n    f\n')


@pytest.mark.parametrize("site_language", ["en", "ja"])
def test_an_untitled_box_is_titled_in_its_pages_language(catalog: CatalogDir, tmp_path: Path,
                                                          site_language: str) -> None:
    """``!!! tip`` reads "Tip" on an English page and "ヒント" on a Japanese one, whatever the
    site's language; a title the author wrote stays, and so does an unknown type's default."""
    config = catalog.config.read_text(encoding="utf-8").replace("name: material", f"name: material\n  language: "
                                                                f"{site_language}")
    catalog.write("mkdocs.yml", config + "markdown_extensions: [admonition, pymdownx.details]\n")
    catalog.course("english", language="en")
    catalog.write("courses/english/index.md", "# English\n\n" + BOXES)
    catalog.course("japanese", language="ja")
    catalog.write("courses/japanese/index.md", "# 日本語\n\n" + BOXES)
    catalog.write("docs/guide.md", "---\nlanguage: ja\n---\n\n# ガイド\n\n" + BOXES)
    build_site(catalog.config, tmp_path / "site")

    def titles(url: str) -> list[str]:
        document = page(tmp_path / "site", url)
        return [title.text for title in document.find_all("p", cls="admonition-title") + document.find_all("summary")]

    assert titles("courses/english/") == ["Tip", "Mind the gap", "Recipe", "Hint", "Note"]
    for url in ("courses/japanese/", "guide/"):
        assert titles(url) == ["ヒント", "Mind the gap", "Recipe", "ヒント", "メモ"], url


def test_feeds_and_session_calendars_speak_the_sites_language(site_dirs: dict[str, Path]) -> None:
    site = site_dirs["ja"]
    feed = ET.fromstring((site / "courses.xml").read_bytes())
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == "Keystone Academy: 新規・更新コース"
    calendars = {path.name: icalendar.Calendar.from_ical(path.read_bytes()) for path in site.glob("sessions*.ics")}
    assert str(calendars["sessions-admin.ics"]["X-WR-CALNAME"]) == "Keystone Academy: 管理者向けの今後の開催"
    downloads = sorted(site.glob("courses/*/sessions/*.ics"))
    assert downloads
    for path in downloads:
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            assert "に開催予定。" in str(event["DESCRIPTION"]) and "Scheduled for" not in str(event["DESCRIPTION"])


def test_a_catalog_in_several_languages_offers_materials_language_switch(catalog: CatalogDir, tmp_path: Path) -> None:
    """Syllabus replaces Material's header; the switch of ``extra.alternate`` stays in it."""
    catalog.course("intro")
    catalog.write("mkdocs.yml", catalog.config.read_text(encoding="utf-8") + (
        "extra:\n  alternate:\n"
        "    - {name: English, link: /en/, lang: en}\n"
        "    - {name: 日本語, link: /ja/, lang: ja}\n"))
    build_site(catalog.config, tmp_path / "site")
    for url in ("", "catalog/", "courses/intro/"):
        header = page(tmp_path / "site", url).find("header", cls="md-header")
        switch = [(a.attrs["href"], a.attrs["hreflang"], a.text) for a in header.find_all("a", hreflang=True)]
        assert switch == [("/en/", "en", "English"), ("/ja/", "ja", "日本語")], url


def test_heading_permalinks_are_titled_in_the_sites_language(sites: dict[str, dict[str, Element]]) -> None:
    """mkdocs.yml turns the toc extension's permalinks on without naming them."""
    for site, title in (("en", "Permanent link"), ("ja", "この見出しへのリンク")):
        titles = {link.attrs.get("title") for document in sites[site].values()
                  for link in document.find_all("a", cls="headerlink")}
        assert titles == {title}, site


def test_lists_are_separated_as_the_sites_language_writes_them(sites: dict[str, dict[str, Element]]) -> None:
    for site, separator in (("en", ", "), ("ja", "、")):
        joined = 0
        for url, document in sites[site].items():
            if not PAGE_KINDS["course"](url):
                continue
            roles = next(dd for dd in document.find("dl", cls="syllabus-facts").find_all("dd")
                         if any("?role=" in link.attrs["href"] for link in dd.find_all("a", href=True)))
            names = [link.text for link in roles.find_all("a")]
            assert roles.text == separator.join(names), url
            joined += len(names) > 1
        assert joined, f"no course of the {site} build has two roles"


def test_side_notes_take_the_sites_brackets(sites: dict[str, dict[str, Element]]) -> None:
    """A unit's length after its title: "(1 h)" in English, "（1時間）" in Japanese."""
    for site, pattern in (("en", r"\(\d[^()]*\)"), ("ja", r"（\d[^（）]*）")):
        notes = [note.text for document in sites[site].values()
                 for units in document.find_all("ol", cls="syllabus-units")
                 for note in units.find_all("span", cls="syllabus-muted")]
        assert notes and all(re.fullmatch(pattern, note) for note in notes), (site, notes)


def test_japanese_pages_set_full_width_brackets_without_a_space_and_quote_titles(
        sites: dict[str, dict[str, Element]]) -> None:
    """Full-width brackets carry their own space: "管理者（7）", "29時間（6週間）", not "管理者 （7）".
    A particle never sticks to an English title: 「Keystone 101: …」のユニット."""
    spaced = {url: re.findall(r".{0,12} [（「]", "".join(reader_text(document)))
              for url, document in sites["ja"].items()}
    assert {url: found for url, found in spaced.items() if found} == {}
    program = sites["ja"]["courses/keystone-certified-admin/"].find("dl", cls="syllabus-facts")
    assert re.search(r"29時間（6週間）", program.text), program.text
    unit_of = sites["ja"]["courses/keystone-101/first-search/"].find("h2", id="units-of-course")
    assert re.fullmatch(r"「Keystone 101: [^」]+」のユニット", unit_of.text), unit_of.text
    english = sites["en"]["courses/keystone-certified-admin/"].find("dl", cls="syllabus-facts")
    assert "29 h over 6 weeks" in english.text.replace("\u00a0", " ")


INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "strong", "time"}  # and spans, unless set apart


def runs_of_text(element: Element) -> list[str]:
    """The text of each run of inline content a reader reads as one line of words: a block,
    a form control or a label set on a line of its own ends one."""
    def pieces(element: Element) -> Iterator[str | None]:  # None: a run ends
        for child in element.children:
            if isinstance(child, str):
                yield child
            elif child.tag in ("script", "style", "template") or child.classes & CONTENT_CLASSES:
                continue
            elif (child.tag in INLINE or child.tag == "span") and "syllabus-pager-label" not in child.classes:
                yield from pieces(child)
            else:
                yield None
                yield from pieces(child)
                yield None
    runs = [""]
    for piece in pieces(element):
        if piece is None:
            runs.append("")
        else:
            runs[-1] += piece
    return runs


def test_japanese_sentences_have_no_space_between_their_parts(sites: dict[str, dict[str, Element]]) -> None:
    """Pieces of one sentence joined with the space English needs: "パスを選ぶ。 役割ごとに",
    "カタログ では、", "減らすか、 すべての絞り込みを解除"."""
    def wide(character: str) -> bool:
        return unicodedata.east_asian_width(character) in ("F", "W")
    spaced = {url: [found.group() for run in runs_of_text(document)
                    for found in re.finditer(r".{0,8}(\S) (\S).{0,8}", run) if wide(found[1]) and wide(found[2])]
              for url, document in sites["ja"].items()}
    assert {url: found for url, found in spaced.items() if found} == {}


def translations_offered(document: Element) -> dict[str, tuple[str, str, str]]:
    """For each course a track or plan lists, the translation it offers beside it: (link,
    its hreflang, what the note says)."""
    offered = {}
    items = document.find_all("li", cls="syllabus-track-item") + document.find_all("tr", cls="syllabus-plan-row")
    for item in items:
        if not (links := item.find_all("a")):
            continue  # a task
        listed = links[0].attrs["href"]
        for note in item.find_all("span", cls="syllabus-translation"):
            if links := note.find_all("a", hreflang=True):
                offered[listed] = (links[0].attrs["href"], links[0].attrs["hreflang"], note.text)
    return offered


def test_tracks_and_plans_offer_a_course_in_the_readers_language(site_dirs: dict[str, Path]) -> None:
    """keystone-101 (English) has a Japanese translation, keystone-101-ja: the Japanese site
    offers it beside the English course wherever a track or plan lists it, in the plan's
    downloads too, unless the track lists both."""
    ja, en = site_dirs["ja"], site_dirs["en"]
    japanese = ("../../courses/keystone-101-ja/", "ja", "日本語版: Keystone 101：コードの検索とナビゲーション")
    assert translations_offered(page(ja, "tracks/admin-path/")) == {"../../courses/keystone-101/": japanese}
    assert translations_offered(page(ja, "plans/team-quickstart-30/")) == {"../../courses/keystone-101/": japanese}
    assert translations_offered(page(en, "tracks/admin-path/")) == {}
    # This track lists both versions: neither offers the other.
    assert translations_offered(page(ja, "tracks/end-user-path/")) == {}
    assert translations_offered(page(en, "tracks/end-user-path/")) == {}
    url = "https://academy.keystone.example/courses/keystone-101-ja/"
    assert f"    - 日本語版: [Keystone 101：コードの検索とナビゲーション]({url})\n" in (
        ja / "plans/team-quickstart-30/plan.md").read_text(encoding="utf-8")
    # The language's own brackets, the URL in angle brackets: a linker took "）" as part of it.
    assert f"日本語版: Keystone 101：コードの検索とナビゲーション（<{url}>）" in (
        ja / "plans/team-quickstart-30/plan.csv").read_text(encoding="utf-8-sig")
    assert "keystone-101-ja" not in (en / "plans/team-quickstart-30/plan.md").read_text(encoding="utf-8")


def test_a_course_and_each_unit_lead_to_their_translation(catalog: CatalogDir, tmp_path: Path) -> None:
    """The translation was linked only at the foot of a course page, and not at all from its
    units: a reader of the other language landed on a unit with no way across. The course's
    facts name it in the first screen; a unit leads to the unit of the same file in the
    translation, or to the translated course where it has none."""
    units = [{"title": "Welcome", "file": "welcome.md"}, {"title": "Extra", "file": "extra.md"}]
    catalog.course("intro", units=units, translations={"ja": "intro-ja"})
    catalog.course("intro-ja", title="入門", language="ja", units=[{"title": "ようこそ", "file": "welcome.md"}],
                   translations={"en": "intro"})
    for course, unit in (("intro", "welcome"), ("intro", "extra"), ("intro-ja", "welcome")):
        catalog.write(f"courses/{course}/{unit}.md", f"# {unit}\n\nText.\n")
    site = tmp_path / "site"
    build_site(catalog.config, site)

    def offered(url: str, where: str) -> list[tuple[str, str, str]]:
        box = page(site, url).find(*where.split("."))
        return [(a.attrs["href"], a.attrs["hreflang"], a.text) for a in box.find_all("a", hreflang=True)]

    assert offered("courses/intro/", "dl.syllabus-facts") == [("../intro-ja/", "ja", "Japanese")]
    assert offered("courses/intro-ja/", "dl.syllabus-facts") == [("../intro/", "en", "English")]
    assert offered("courses/intro/welcome/", "p.syllabus-translation-note") == [
        ("../../intro-ja/welcome/", "ja", "ようこそ")]
    assert offered("courses/intro/extra/", "p.syllabus-translation-note") == [("../../intro-ja/", "ja", "入門")]
    assert offered("courses/intro-ja/welcome/", "p.syllabus-translation-note") == [
        ("../../intro/welcome/", "en", "Welcome")]


def test_a_plans_checklist_and_on_demand_alternative_are_in_the_readers_language(site_dirs: dict[str, Path],
                                                                                  run_cli) -> None:
    """The checklist left out the 日本語版 link the other downloads give; the Japanese plan
    offered the English Keystone 101 as the bootcamp's on-demand alternative."""
    config = site_dirs["ja"].parent / "catalog" / "mkdocs.yml"
    args = ("plan", "-f", config, "--customer", "Acme", "--timezone", "Asia/Tokyo")
    checklist = run_cli(*args, "team-quickstart-30", "--start", "2027-01-04", "--format", "checklist").out
    assert "日本語版: [Keystone 101：コードの検索とナビゲーション](https://academy.keystone.example/courses/" \
           "keystone-101-ja/)" in checklist
    later = run_cli(*args, "enterprise-onboarding-90", "--start", "2030-01-07").out  # no session left
    assert "代わりにオンデマンドで受講: [Keystone 101：コードの検索とナビゲーション](https://academy.keystone." \
           "example/courses/keystone-101-ja/)" in later


def test_lists_of_course_titles_are_joined_as_the_language_joins_them(site_dirs: dict[str, Path]) -> None:
    """A track's required courses in the downloads: "; " in English (titles hold commas), "、" in Japanese."""
    for language, separator in (("en", "; "), ("ja", "、")):
        csv = (site_dirs[language] / "plans/enterprise-onboarding-90/plan.csv").read_text(encoding="utf-8-sig")
        assert f"{separator}Admin essentials" in csv, language
    assert "; Admin essentials" not in csv



@pytest.mark.parametrize("site_language", ["en", "he"])
def test_text_written_the_other_way_from_the_sites_keeps_its_direction(catalog: CatalogDir, tmp_path: Path,
                                                                       site_language: str) -> None:
    """An Arabic course on an English site (or an English one on a Hebrew site): each element
    marked with its language carries the direction it is written in where that differs from
    the site's, so its punctuation and numbers sit where its reader expects them."""
    config = catalog.config.read_text(encoding="utf-8")
    catalog.write("mkdocs.yml", config.replace("name: material", f"name: material\n  language: {site_language}"))
    catalog.course("arabic", title="مقدمة في البحث (٢٠٢٧)", summary="دورة قصيرة.", language="ar")
    catalog.course("english", title="Search basics (2027)", summary="A short course.", language="en")
    catalog.write("courses/arabic/index.md", "## الخطوة الأولى\n\nابدأ هنا.\n")
    build_site(catalog.config, tmp_path / "site")
    other = {"en": "ar", "he": "en"}[site_language]
    direction = {"ar": "rtl", "en": "ltr"}
    for course in ("arabic", "english"):
        language = "ar" if course == "arabic" else "en"
        expected = direction[language] if language == other else None
        document = page(tmp_path / "site", f"courses/{course}/")
        title = document.find("h1")
        assert (title.attrs["lang"], title.attrs.get("dir")) == (language, expected), course
        card = page(tmp_path / "site", "catalog/").find("li", cls="syllabus-card", **{"data-id": course})
        heading = card.find("h2")
        assert (heading.attrs["lang"], heading.attrs.get("dir")) == (language, expected), course
    body = page(tmp_path / "site", "courses/arabic/").find("div", cls="syllabus-body")
    toc = page(tmp_path / "site", "courses/arabic/").find("nav", cls="md-nav--secondary")
    marked = [span for span in toc.find_all("span", lang="ar")]
    assert marked and all(span.attrs.get("dir") == direction["ar"] if other == "ar" else "dir" not in span.attrs
                          for span in marked)
    assert body is not None


def test_a_translation_link_names_its_language_without_taking_its_direction(catalog: CatalogDir,
                                                                          tmp_path: Path) -> None:
    """The link's text is the language's name in the site's language: it carries hreflang, and
    lang/dir only around the translation's own title (it printed dir twice, invalid HTML)."""
    catalog.course("intro", translations={"ar": "intro-ar"})
    catalog.course("intro-ar", title="مقدمة", language="ar", translations={"en": "intro"})
    build_site(catalog.config, tmp_path / "site")
    course = page(tmp_path / "site", "courses/intro/")  # the parser refuses a repeated attribute
    also = course.find("dl", cls="syllabus-facts").find("a", hreflang="ar")
    assert (also.text, also.attrs.get("lang"), also.attrs.get("dir")) == ("Arabic", None, None)
    title = next(a for a in course.find_all("a", hreflang="ar") if a.text == "مقدمة")
    assert (title.attrs["lang"], title.attrs["dir"]) == ("ar", "rtl")
