"""Benchmark: worst CPU time and peak memory of validating and building pathological inputs.

Each input is one file as large as the loader allows (256 KiB) built to hit a known
super-linear path: thousands of unclosed tags, nested or open brackets, ``<`` link openers,
attribute-list braces, CDATA openers, Private Use Area characters, odd front-matter keys,
huge YAML numbers, pictures. Each runs in its own process (``syllabus validate``, ``mkdocs
build --strict`` and ``syllabus leak-check`` of that build, which reads the pages of draft
course d that no build renders), measured with ``getrusage`` (CPU seconds, max RSS), and
compared with the same
run on the catalog without the input (the baseline, in the same session). Target: each at
most 2 s CPU (or, for an input only the page render budget stops, that budget and 0.5 s; it
grows with the page's size) and 256 MiB more than the baseline; a refusal must be a
positioned error.

    python benchmarks/pathological.py [--only NAME] [--kib 256]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from syllabus.core.pages import render_seconds

REPO = Path(__file__).resolve().parent.parent
MKDOCS = """\
site_name: Bench
site_url: https://bench.test/
theme: {name: material}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - footnotes
  - toc: {permalink: true}
  - pymdownx.details
  - pymdownx.superfences
plugins:
  - search
  - syllabus:
      roles: {admin: {title: Administrator}}
"""
COURSE = """\
id: c
title: Course
summary: A course.
level: beginner
roles: [admin]
format: self-paced
duration_minutes: 60
owners: ["@trainer"]
visibility: public
units:
  - {title: Unit, file: unit.md}
"""
# A plan whose 50 items all take course c: with c live, each item offered every session
# (the live-sessions input: 1,000 of them made a 139 MB plan page and a build past 2 GB).
PLAN = ("id: p\ntitle: Plan\nsummary: A plan.\nlength_days: 90\nvisibility: public\nphases:\n"
        "  - {title: All, start_day: 0, end_day: 90, items: ["
        + ", ".join(f"{{day: {day}, type: course, course: c}}" for day in range(50)) + "]}\n")
CPU_TARGET = 2.0  # extra CPU seconds an input may cost, where no render budget is involved
POSITIONED = re.compile(r"^\S+:\d+:\d+: error: ", re.M)


def inputs(size: int) -> dict[str, tuple[str, str]]:
    """name -> (file relative to the catalog, content), each about ``size`` bytes."""

    def fill(piece: str) -> str:
        return piece * (size // len(piece.encode("utf-8")))

    unit = "courses/c/unit.md"
    return {
        "unclosed-tags": (unit, fill("<div>")),
        "unclosed-spans": (unit, fill("<span><b><i>")),
        "nested-brackets": (unit, fill("[") + fill("]")),
        "open-brackets": (unit, fill("[a](")),
        "open-brackets-in-blocks": (unit, fill("[a" * 2400 + "\n\n")),  # each block under the opener limit
        # No input limit models these; the render budget (core/pages.py RENDER_SECONDS) stops them.
        "open-link-destinations": (unit, "[a](x " * 1000 + "\n" + fill("prose line\n")[6000:]),
        "unclosed-tag-blocks": (unit, fill("<a " * 1000 + "\n\n")),
        "draft-unclosed-tag-blocks": ("courses/d/unit.md", fill("<a " * 1000 + "\n\n")),  # 3 minutes once
        "escapes": (unit, fill("\\.")),
        "link-openers": (unit, fill("<a")),
        "autolink-openers": (unit, fill("<http://")),
        "attr-list-braces": (unit, fill("# h {")),
        "attr-list-pairs": (unit, "# h {" + fill('a="b" ') + "}\n"),
        "cdata-openers": (unit, fill("<![CDATA[")),
        "comment-openers": (unit, fill("<!--")),
        "unclosed-fences": (unit, fill("```x\n")),  # each searched on for its close: 4 minutes once
        # Each broken link's "did you mean" compared every heading's id: 4 minutes once.
        "broken-anchors": (unit, "".join(f"## Heading {i} of the page\n\n" for i in range(size // 64))
                           + "".join(f"[a](#heading-{i}-of-the-pgae) " for i in range(size // 64))),
        # Foreign-Markdown candidates the page renders otherwise (in a comment): each searched
        # the whole rendered page once (31 s for 13,000).
        "hidden-table-candidates": (unit, "prose\n\n<!--\n" + fill("|a|\n|b|\n\n") + "-->\n"),
        "emphasis": (unit, fill("*a _")),
        "pictures": (unit, fill("![](<a.png>)\n\n")),  # each searched the rest of the page: 17 s once
        "backticks": (unit, fill("`` `")),
        "entities": (unit, fill("&#x41;&amp")),
        "blockquotes": (unit, fill(">")),
        "list-nesting": (unit, "".join(f"{'  ' * i}- x\n" for i in range(size // 200))),
        "private-use": (unit, fill("\ue000\U000f0000 ")),
        "front-matter-keys": (unit, "---\n" + "".join(f"k{i}: v\n" for i in range(size // 12)) + "---\n"),
        "mmd-metadata-lines": (unit, "".join(f"Key{i}: value\n" for i in range(size // 16))),
        # A value full of " - ", then items: each line is compared with the value once (7 s once).
        "yaml-dashed-items": ("courses/c/course.yml", COURSE + "outcomes:\n  - Search " + "- " * (size // 4)
                              + "end\n" + "  - z\n" * (size // 12)),
        "live-sessions": ("courses/c/course.yml", COURSE.replace("self-paced", "virtual-ilt") + "sessions:\n"
                          + "".join(f'  - {{start: "{2027 + i // 365}-{1 + i % 365 // 31:02d}-{1 + i % 31 % 28:02d}'
                                    f'T{8 + i % 9:02d}:00", timezone: Europe/Berlin, registration_url: '
                                    f'"https://events.test/{i}"}}\n' for i in range(min(1000, size // 120)))),
        "yaml-huge-int": ("courses/c/course.yml", COURSE.replace("60", "9" * (size - 400))),
        "yaml-huge-hex": ("courses/c/course.yml", COURSE.replace("60", "0x" + "f" * (size - 400))),
    }


def write_catalog(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (root / "courses/c").mkdir(parents=True)
    (root / "courses/c/course.yml").write_text(COURSE, encoding="utf-8")
    (root / "courses/c/unit.md").write_text("A unit.\n", encoding="utf-8")
    (root / "courses/c/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "courses/d").mkdir()
    (root / "courses/d/course.yml").write_text(COURSE.replace("id: c", "id: d") + "status: draft\n",
                                               encoding="utf-8")
    (root / "courses/d/unit.md").write_text("A unit.\n", encoding="utf-8")
    (root / "plans").mkdir()
    (root / "plans/p.yml").write_text(PLAN, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    return root / "mkdocs.yml"


def measured(command: list[str]) -> tuple[float, float, int, str]:
    """(CPU seconds, peak RSS in MiB, exit status, output) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, after.ru_maxrss / 1024, result.returncode, result.stdout + result.stderr


def run(config: Path, site: Path) -> dict[str, tuple[float, float, int, str]]:
    """validate, build and leak-check, each in a fresh process (so max RSS is this run's)."""
    python = sys.executable
    # RUSAGE_CHILDREN's max RSS is the largest child so far: one wrapper process per run.
    wrap = [python, "-c", "import resource,subprocess,sys;r=subprocess.run(sys.argv[1:]).returncode;"
            "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
            "print(f'@@{u.ru_utime+u.ru_stime} {u.ru_maxrss}',file=sys.stderr);sys.exit(r)"]
    results = {}
    for name, command in (("validate", [python, "-m", "syllabus", "validate", "-f", str(config)]),
                          ("build", [python, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config),
                                     "-d", str(site)]),
                          ("leak", [python, "-m", "syllabus", "leak-check", str(site), "-f", str(config)])):
        _, _, code, output = measured(wrap + command)
        cpu_text, rss_text = output.rsplit("@@", 1)[1].split()
        results[name] = (float(cpu_text), int(rss_text) / 1024, code, output.rsplit("@@", 1)[0])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run just this input")
    parser.add_argument("--kib", type=int, default=256)
    args = parser.parse_args()
    cases = inputs(args.kib * 1024 - 1024)
    if args.only:
        cases = {args.only: cases[args.only]}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "catalog"
        config = write_catalog(root)
        baseline = run(config, Path(folder) / "site")
        print(f"{'input':22} {'step':8} {'CPU s':>7} {'+CPU s':>7} {'+MiB':>7}  result")
        for step, (cpu, rss, code, _) in baseline.items():
            print(f"{'(baseline)':22} {step:8} {cpu:7.2f} {0:7.2f} {0:7.1f}  exit {code} ({rss:.0f} MiB)")
        worst_cpu = worst_mib = 0.0
        failures = []
        for name, (relative, content) in cases.items():
            path = root / relative
            original = path.read_text(encoding="utf-8")
            path.write_text(content, encoding="utf-8")
            try:
                results = run(config, Path(folder) / "site")
            finally:
                path.write_text(original, encoding="utf-8")
            for step, (cpu, rss, code, output) in results.items():
                extra_cpu, extra_mib = cpu - baseline[step][0], rss - baseline[step][1]
                worst_cpu, worst_mib = max(worst_cpu, extra_cpu), max(worst_mib, extra_mib)
                traceback = "Traceback" in output
                positioned = bool(POSITIONED.search(output)) or "syllabus: " in output
                verdict = "ok" if code == 0 else ("refused, positioned" if positioned and not traceback
                                                  else "REFUSED WITHOUT POSITION")
                # An input only the render budget stops may take that budget (which grows with size).
                allowed = max(CPU_TARGET, render_seconds(content) + CPU_TARGET / 4)
                if traceback or extra_cpu > allowed or extra_mib > 256 or verdict.startswith("REFUSED WITHOUT"):
                    failures.append(f"{name}/{step}")
                print(f"{name:22} {step:8} {cpu:7.2f} {extra_cpu:7.2f} {extra_mib:7.1f}  exit {code}, {verdict}"
                      f"{', TRACEBACK' if traceback else ''}")
        print(f"\nworst extra CPU {worst_cpu:.2f} s, worst extra peak memory {worst_mib:.1f} MiB "
              f"(targets: {CPU_TARGET:g} s, or the page's render budget and 0.5 s, 256 MiB); over "
              f"target or unpositioned: {', '.join(failures) or 'none'}")
        raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
