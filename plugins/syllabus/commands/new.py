"""``syllabus new course|track|plan ID``: a valid, commented starting file; ``syllabus new
unit ID`` a course's next unit page, listed in its course.yml.

Trainers start from a file that already validates, with the editor schema hint on its
first line and the catalog's own taxonomy values in the comments. New files are internal
drafts, so nothing half-written can reach the public site by accident. A unit is added to
course.yml as one more line of its ``units``, the rest of the file kept byte for byte, and
only once the file is read back with exactly that unit more.

Exit status: 0 created; 1 the id is taken (nothing is ever overwritten); 2 an invalid id,
no owner, or a track in a catalog without courses.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

try:  # POSIX; elsewhere two runs at once are told to run again only when one renamed first
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

from ..core.catalog import linked_folder, load_catalog
from ..core.config import Options
from ..core.diagnostics import bounded, printable
from ..core.model import ITEM_KINDS
from ..core.report import Report
from ..core.rules import COURSE_FILE, COURSE_PAGE, PLACEHOLDER, windows_name_problem
from ..core.schema_messages import messages_for
from ..core.schemas import SchemaSet, build_schema_set, packaged_schemas
from ..core.taxonomy import Taxonomy
from ..core.yamlsafe import MAX_BYTES, YamlDocument, YamlRejected, forbidden_text, load_text, read_text
from . import EXIT_OK, EXIT_USAGE
from .schemas import FOLDER, editor_schemas, write_schemas

DRAFT_NOTE = """\
# New content starts as an internal draft, so nothing half-written can reach the
# public site. When it is ready for customers, change both lines to
# `status: active` and `visibility: public` and ask the owners for a review.
status: draft
visibility: internal
"""


class ScaffoldError(Exception):
    """Why a scaffold cannot be written; the message is for the trainer."""


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> str:
    """An id as YAML: written as it is where it reads back as that text, quoted where YAML
    would read another type (``404``, ``1e5``, ``no``, ``null``)."""
    try:
        reads_as_text = load_text(f"value: {text}\n").data == {"value": text}
    except YamlRejected:
        reads_as_text = False
    return text if reads_as_text else _q(text)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(map(_q, values)) + "]"


def _choices(taxonomy: Taxonomy, kind: str) -> str:
    return ", ".join(getattr(taxonomy, kind))


def _first(taxonomy: Taxonomy, kind: str) -> str:
    return _plain(next(iter(getattr(taxonomy, kind))))


def _header(kind: str, item_id: str, depth: int) -> str:
    schema = "../" * depth + f"schemas/{kind}.schema.json"
    return f"""\
# yaml-language-server: $schema={schema}
#
# A new {kind}, "{item_id}". Your editor completes and explains each field from the
# schema named above (VS Code: install the recommended YAML extension); the field
# reference on the site lists them all. Check your work with `syllabus validate`
# and preview it with `syllabus serve`.
"""


def _title(item_id: str) -> str:
    return item_id.replace("-", " ").capitalize()


def course_yaml(course_id: str, taxonomy: Taxonomy, owners: list[str]) -> str:
    products = (f"products: [{_first(taxonomy, 'products')}]  # optional; any of: "
                f"{_choices(taxonomy, 'products')}\n") if taxonomy.products else ""
    return f"""\
{_header("course", course_id, 2)}
id: {_plain(course_id)}  # must equal the folder name; it becomes the page address
title: {_q(_title(course_id))}  # at most 120 characters
summary: {_q(f"{PLACEHOLDER} one or two sentences on what learners can do after this course.")}
level: {_first(taxonomy, "levels")}  # one of: {_choices(taxonomy, "levels")}
roles: [{_first(taxonomy, "roles")}]  # one or more of: {_choices(taxonomy, "roles")}
format: {_first(taxonomy, "formats")}  # one of: {_choices(taxonomy, "formats")}
duration_minutes: 60  # learner effort in minutes; write 90, not 1:30
owners: {_flow(owners)}  # GitHub handles (@name, @org/team) or emails; they review changes
{products}outcomes:  # what learners can do afterwards, each starting with a verb
  - {_q(f"{PLACEHOLDER} an outcome learners can demonstrate")}
{DRAFT_NOTE}
# Optional fields: uncomment what you need.
# prerequisites: [another-course-id]  # courses to take first
# units:  # one Markdown page per lesson, stored in this folder
#   - {{title: Introduction, file: 01-introduction.md, minutes: 15}}
# materials:  # files in this folder, or links
#   - {{title: Slides, kind: slides, file: slides.pdf}}
# sessions:  # live formats only: local start time and IANA time zone
#   - {{start: "2027-01-19T14:00", timezone: Europe/Berlin}}
# last_reviewed: "2026-11-22"  # when you last checked the course is accurate
"""


COURSE_INDEX = f"""\
{PLACEHOLDER} describe the course for learners here: what it covers, who it is for and what to
prepare. The title, summary, level, format, duration and sessions are shown above
this text automatically, from `course.yml`.

## Who this is for

## What you need
"""


def track_yaml(track_id: str, taxonomy: Taxonomy, owners: list[str], course_id: str) -> str:
    return f"""\
{_header("track", track_id, 1)}
id: {_plain(track_id)}  # must equal the file name without .yml
title: {_q(_title(track_id))}  # at most 120 characters
summary: {_q(f"{PLACEHOLDER} one or two sentences on who this path is for and where it leads.")}
role: {_first(taxonomy, "roles")}  # one of: {_choices(taxonomy, "roles")}
owners: {_flow(owners)}  # GitHub handles (@name, @org/team) or emails
outcomes:
  - {_q(f"{PLACEHOLDER} what learners can do after the whole path")}
sections:  # in order; durations are computed from the courses, never written here
  - title: Get started
    courses:  # course ids, each after its prerequisites; optional ones as
              # {{course: some-id, required: false, note: why it is optional}}
      - {_plain(course_id)}
{DRAFT_NOTE}
# Optional: target_days: 30  # complete the required courses within this many days
"""


PHASE_DAYS = 30  # a new plan's phases: the 30/60/90-day convention customer engineers plan in
PHASE_TITLES = ("Get started", "Build momentum", "Expand")  # at most this many; the last takes the rest
DEFAULT_PLAN_DAYS = PHASE_DAYS


def plan_phases(length_days: int) -> list[tuple[int, int]]:
    """A new plan's phases as (start day, end day): one per 30 days, the last to the plan's
    end, so a 90-day plan gets 0-30, 31-60 and 61-90, each ending with a milestone. A rest
    shorter than half a phase joins the phase before (a 31-day plan is one phase, not 0-30
    and a one-day 31-31)."""
    ends = [day for day in range(PHASE_DAYS, length_days, PHASE_DAYS) if length_days - day >= PHASE_DAYS // 2]
    ends = [*ends[:len(PHASE_TITLES) - 1], length_days]
    return [(0 if index == 0 else ends[index - 1] + 1, end) for index, end in enumerate(ends)]


def plan_yaml(plan_id: str, taxonomy: Taxonomy, owners: list[str], length_days: int = DEFAULT_PLAN_DAYS) -> str:
    spans = plan_phases(length_days)
    phases = "".join(_phase_yaml(index, start, end) for index, (start, end) in enumerate(spans))
    milestones = "".join(
        f"  - {{day: {end}, title: {_q('First results' if index == 0 else f'Day {end} review')}, "
        f"success_criteria: {_q(f'{PLACEHOLDER} a measurable check')}}}\n" for index, (_, end) in enumerate(spans))
    return f"""\
{_header("plan", plan_id, 1)}
id: {_plain(plan_id)}  # must equal the file name without .yml
title: {_q(_title(plan_id))}  # at most 120 characters
summary: {_q(f"{PLACEHOLDER} one or two sentences on what the customer achieves and by when.")}
length_days: {length_days}  # the plan runs from day 0 (kickoff) to day {length_days}
audience: [{_first(taxonomy, "roles")}]  # any of: {_choices(taxonomy, "roles")}
owners: {_flow(owners)}  # GitHub handles (@name, @org/team) or emails
outcomes:
  - {_q(f"{PLACEHOLDER} a result the customer can see at the end")}
phases:  # in order, with day ranges that do not overlap
{phases}milestones:
{milestones}{DRAFT_NOTE}"""


def _phase_yaml(index: int, start: int, end: int) -> str:
    """The first phase opens with the kickoff and shows each kind of item; later ones with a check-in."""
    title = _q(PHASE_TITLES[index])
    if index == 0:
        items = f"""\
    items:  # each on a day inside its phase
      - {{day: {start}, type: meeting, title: Kickoff call}}
      # - {{day: 1, type: course, course: some-course-id}}
      # - {{day: 2, type: track, track: some-track-id}}
      # - {{day: 3, type: task, title: Connect the code host, owner: customer-admin}}
"""
    else:
        items = f"    items:\n      - {{day: {start}, type: meeting, title: Check-in call}}\n"
    return f"  - title: {title}\n    start_day: {start}\n    end_day: {end}\n{items}"


def check_id(item_id: str) -> None:
    """Apply the contract's own id rule, so the message matches what validation says."""
    rule = packaged_schemas()["common"]["$defs"]["id"]
    if not re.fullmatch(rule["pattern"], item_id) or len(item_id) > rule["maxLength"]:
        raise ScaffoldError(f"'{item_id}' is not a valid id: use lowercase letters a-z, digits and "
                            f"single hyphens between words, at most {rule['maxLength']} characters "
                            f"(for example {', '.join(rule['examples'])})")
    if problem := windows_name_problem(item_id):
        raise ScaffoldError(problem)


def git_email(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "config", "user.email"],
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout.strip() or None


def check_days(kind: str, length_days: int | None) -> None:
    """``--days`` is a plan's length, within the bounds the plan schema sets."""
    if length_days is None:
        return
    if kind != "plan":
        raise ScaffoldError(f"--days sets a plan's length; a {kind} has none")
    rule = packaged_schemas()["plan"]["properties"]["length_days"]
    if not rule["minimum"] <= length_days <= rule["maximum"]:
        raise ScaffoldError(f"--days {length_days}: a plan runs {rule['minimum']} to {rule['maximum']} days")


def scaffold(kind: str, item_id: str, owners: list[str], options: Options,
             length_days: int = DEFAULT_PLAN_DAYS) -> dict[str, str]:
    """Catalog-relative path to text for the new files; checked against the schema."""
    taxonomy = options.taxonomy
    if kind == "course":
        files = {f"courses/{item_id}/course.yml": course_yaml(item_id, taxonomy, owners),
                 f"courses/{item_id}/index.md": COURSE_INDEX}
    elif kind == "track":
        loaded = load_catalog(options)
        courses = loaded.catalog.courses
        role = _first(taxonomy, "roles")
        fitting = [c.id for c in courses.values() if role in c.roles] or list(courses)
        if not fitting and loaded.report.has_errors:  # courses there may be unreadable or invalid
            raise ScaffoldError("a track lists courses, and no course of this catalog can be read yet; "
                                "run `syllabus validate` and fix what it reports")
        if not fitting:
            raise ScaffoldError("a track lists courses, and this catalog has none yet; "
                                "start with `syllabus new course ID`")
        files = {f"tracks/{item_id}.yml": track_yaml(item_id, taxonomy, owners, fitting[0])}
    else:
        files = {f"plans/{item_id}.yml": plan_yaml(item_id, taxonomy, owners, length_days)}
    text = next(text for path, text in files.items() if path.endswith(".yml"))
    if problem := _schema_problem(kind, text, build_schema_set(taxonomy)):
        raise ScaffoldError(f"the new {kind} would not be valid ({problem}); check --owner and the "
                            "taxonomy in mkdocs.yml")
    return files


def _schema_problem(kind: str, text: str, schemas: SchemaSet) -> str | None:
    """Guard against writing a file that would fail validation (e.g. a malformed --owner)."""
    try:
        errors = schemas.errors(kind, load_text(text).data)
    except YamlRejected as rejected:
        return rejected.problems[0].message
    return next(messages_for(errors[0], {})).message if errors else None  # as validate words it


def write_new(root: Path, files: dict[str, str]) -> list[str]:
    """Create the files, or none if the id is taken (its YAML file exists); never overwrites.
    A course folder without course.yml (which validate reports, naming this command) gets
    one, and the overview page only if it has none. Returns the paths written."""
    first = Path(next(path for path in files if path.endswith(".yml")))
    if linked_folder(root, first.parts[0], linked := Report()):  # it would write outside the repository
        raise ScaffoldError(linked.diagnostics[0].message)
    top = root / first.parts[0]
    if top.exists() and not top.is_dir():
        raise ScaffoldError(f"{first.parts[0]} is a file, where the catalog keeps a folder of them; nothing was "
                            f"written (move it away and make {first.parts[0]}/ a folder)")
    folder = root / first.parent
    if folder != top and (folder.is_symlink() or (folder.exists() and not folder.is_dir())):
        raise ScaffoldError(f"{first.parent.as_posix()} is {'a symlink' if folder.is_symlink() else 'a file'}, "
                            "not a course folder; nothing was written (remove it, or pick another id)")
    if (root / first).exists() or (root / first).is_symlink():
        raise FileExistsError(first.as_posix())
    written = []
    for path, text in files.items():
        destination = root / path
        if destination != root / first and (destination.exists() or destination.is_symlink()):
            continue  # the folder's own overview page, kept as it is
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as error:
            done = f"; written before it: {', '.join(written)}" if written else "; nothing was written"
            raise ScaffoldError(f"cannot write {path}: {error.strerror}{done}") from None
        written.append(path)
    return written


UNIT = "unit"  # what `syllabus new` makes besides the ITEM_KINDS
UTF8_BOM = b"\xef\xbb\xbf"


def unit_markdown(title: str) -> str:
    return f"# {title}\n\n{PLACEHOLDER} what learners do in this unit, step by step.\n"


def unit_entry(unit_id: str, title: str, minutes: int | None) -> str:
    """The unit as one flow mapping, the way the scaffold's own example writes it."""
    minutes_field = f", minutes: {minutes}" if minutes is not None else ""
    return "{" + f"title: {_q(title)}, file: {unit_id}.md{minutes_field}" + "}"


def with_unit(text: str, document: YamlDocument, entry: str) -> str | None:
    """``text`` (a course.yml, read as ``document``) with ``entry`` as its last unit: a line
    after the last item of a block ``units`` list, in its indentation and line ends, or a new
    ``units`` at the end of a file that has none. None where the list is written otherwise
    (in brackets, empty)."""
    units = document.data.get("units")
    newline = _line_end(text.splitlines(keepends=True)[-1:] or ["\n"])
    if units is None:
        return text + ("" if text.endswith("\n") or not text else newline) + f"units:{newline}  - {entry}{newline}"
    if not isinstance(units, list) or not units:
        return None
    lines = text.splitlines(keepends=True)
    line, column = document.marks[("units", len(units) - 1)]
    dash = lines[line - 1][:column - 1].rstrip()
    if not dash.endswith("-") or dash[:-1].strip():  # not "  - item" on its own line (a flow list)
        return None
    indent = len(dash) - 1
    end = line  # past the last item's own lines: those indented deeper than its dash
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent):
        end += 1
    while end > line and not lines[end - 1].strip():  # blank lines after the item stay after the new one
        end -= 1
    newline = _line_end(lines[end - 1:end])  # the last item's own
    ending = "" if lines[end - 1].endswith(("\n", "\r")) else newline
    return "".join([*lines[:end - 1], lines[end - 1] + ending, " " * indent + f"- {entry}{newline}", *lines[end:]])


def _line_end(lines: list[str]) -> str:
    """The line end of the first of ``lines`` that has one (LF where none has)."""
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith(("\r", "\n")):
            return line[-1]
    return "\n"


def add_unit(root: Path, course_id: str, unit_id: str, title: str, minutes: int | None,
             schemas: SchemaSet) -> list[str]:
    """Write the unit's page and list it in course.yml; nothing when anything is in the way.
    Returns the paths written."""
    if unit_id == PurePosixPath(COURSE_PAGE).stem:
        raise ScaffoldError(f"{COURSE_PAGE} is a course's overview page, not a unit; pick another id")
    if problem := forbidden_text(title) or ("a title is one line" if any(c in title for c in "\r\n") else None):
        raise ScaffoldError(f"--title: {problem}")
    folder = f"courses/{course_id}"
    course_file, page = f"{folder}/{COURSE_FILE}", f"{folder}/{unit_id}.md"
    if linked_folder(root, "courses", linked := Report()):  # it would write outside the repository
        raise ScaffoldError(linked.diagnostics[0].message)
    if (root / folder).is_symlink():
        raise ScaffoldError(f"{folder} is a symlink, not a course folder; nothing was written")
    try:
        text = read_text(root / course_file)
        document = load_text(text)
    except FileNotFoundError:
        raise ScaffoldError(f"no course '{course_id}' ({course_file} does not exist); start it with "
                            f"`syllabus new course {course_id}`") from None
    except (OSError, YamlRejected):
        raise ScaffoldError(f"{course_file} cannot be read as it is; run `syllabus validate` and fix what it "
                            "reports") from None
    data = document.data
    units = data.get("units") if isinstance(data.get("units"), list) else []
    listed = {PurePosixPath(unit.get("file")) for unit in units if isinstance(unit, dict)
              and isinstance(unit.get("file"), str)}  # as validate compares them: ./a.md is a.md
    if PurePosixPath(f"{unit_id}.md") in listed:
        raise FileExistsError(f"{course_file} lists {unit_id}.md")
    if (root / page).exists() or (root / page).is_symlink():
        raise FileExistsError(f"{page} exists")
    entry = unit_entry(unit_id, title, minutes)
    expected = {**data, "units": [*units, load_text(f"unit: {entry}\n").data["unit"]]}
    new_unit = ["units", len(units)]
    for error in schemas.errors("course", expected):
        if list(error.absolute_path)[:2] == new_unit:  # as validate words it
            raise ScaffoldError(f"the new unit would not be valid: {next(messages_for(error, {})).message}")
    edited = with_unit(text, document, entry)
    try:
        readable = edited is not None and load_text(edited).data == expected
    except YamlRejected:
        readable = False
    if not readable:
        raise ScaffoldError(f"{course_file} writes its units in a way this command does not edit; nothing was "
                            f"written (add `- {entry}` to its units, and the page {page})")
    if len(edited.encode("utf-8")) + len(UTF8_BOM) > MAX_BYTES:
        raise ScaffoldError(f"{course_file} would be larger than {MAX_BYTES // 1024} KiB; split the course")
    write_unit_files(root, course_file, text, edited, page, unit_markdown(title))
    return [page, course_file]


def write_unit_files(root: Path, course_file: str, text: str, edited: str, page: str, markdown: str) -> None:
    """Write the page (never over a file), then course.yml whole, through a new file renamed
    over it (its mode and byte-order mark kept), unless it changed since it was read (another
    edit, or another `syllabus new unit` at the same time): then neither is left."""
    original = root / course_file
    try:
        with (root / page).open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(markdown)
    except FileExistsError:
        raise FileExistsError(f"{page} exists") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {page}: {error.strerror}; nothing was written") from None
    replacement: Path | None = None  # this run's own, to remove if anything fails
    try:
        mark = UTF8_BOM if original.read_bytes().startswith(UTF8_BOM) else b""
        descriptor, name = tempfile.mkstemp(prefix=f".{COURSE_FILE}.", suffix=".syllabus-new", dir=original.parent)
        replacement = Path(name)  # made anew (O_EXCL): never through a link or over a file left there
        with open(descriptor, "wb") as handle:
            handle.write(mark + edited.encode("utf-8"))
        os.chmod(replacement, stat.S_IMODE(os.stat(original, follow_symlinks=False).st_mode))
        with _locked(original):  # another run checks and renames after this one, and sees its unit
            if read_text(original) != text:
                raise ScaffoldError(f"{course_file} changed while the unit was being added; nothing was written "
                                    "(run the command again)")
            os.replace(replacement, original)
    except (OSError, YamlRejected, ScaffoldError) as error:
        if replacement is not None:
            replacement.unlink(missing_ok=True)
        (root / page).unlink(missing_ok=True)
        if isinstance(error, ScaffoldError):
            raise
        why = getattr(error, "strerror", None) or "it cannot be read"
        raise ScaffoldError(f"cannot write {course_file} ({why}); nothing was written") from None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on the file at ``path`` (where the system has flock): two
    runs that rename over it take turns at checking it first."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock


def course_here(root: Path) -> str | None:
    """The course whose folder the command runs in (or below), if any."""
    here, courses = Path.cwd().resolve(), (root / "courses").resolve()
    return here.relative_to(courses).parts[0] if courses in here.parents else None


def openable(path: str, root: Path) -> str:
    """``path`` (from the catalog's root) as the trainer opens it from the folder they ran the
    command in, when that is inside the catalog (courses/: "x/course.yml"); else as it is."""
    here, top = Path.cwd().resolve(), root.resolve()
    if here != top and top not in here.parents:
        return path
    return Path(os.path.relpath(top / path, here)).as_posix()


def run(args: argparse.Namespace, options: Options) -> int:
    if args.kind == UNIT:
        return _run_unit(args, options)
    try:
        check_id(args.id)
        check_days(args.kind, args.days)
        owners = args.owner or [email for email in [git_email(options.root)] if email]
        if not owners:
            raise ScaffoldError("no owner: pass --owner @your-github-handle (or set git's user.email)")
        files = scaffold(args.kind, args.id, owners, options, args.days or DEFAULT_PLAN_DAYS)
        written = write_new(options.root, files)
    except ScaffoldError as error:  # it quotes what was typed: an id may hold a terminal escape or a line break
        sys.stderr.write(f"syllabus new: error: {printable(bounded(str(error)))}\n")
        return EXIT_USAGE
    except FileExistsError as error:
        sys.stderr.write(f"syllabus new: error: {openable(str(error), options.root)} already exists; nothing was "
                         "written (edit it, or pick another id)\n")
        return EXIT_USAGE  # the id asked for is taken: a usage error, as a malformed one is
    for path in files:
        shown = openable(path, options.root)
        sys.stdout.write(f"created {shown}\n" if path in written else f"kept {shown}, which was there already\n")
    if args.kind == "plan":
        length = args.days or DEFAULT_PLAN_DAYS
        sys.stdout.write(f"a {length}-day plan: day 0 (kickoff) to day {length}"
                         f"{'' if args.days else '; --days N makes another length'}\n")
    _write_missing_schemas(options)
    sys.stdout.write("next: fill it in, then run `syllabus validate`\n")
    return EXIT_OK


def _run_unit(args: argparse.Namespace, options: Options) -> int:
    try:
        check_id(args.id)
        course_id = args.course or course_here(options.root)
        if not course_id:
            raise ScaffoldError("which course? pass --course COURSE-ID, or run this in the course's folder")
        check_id(course_id)
        written = add_unit(options.root, course_id, args.id, args.title or _title(args.id), args.minutes,
                           build_schema_set(options.taxonomy))
    except ScaffoldError as error:
        sys.stderr.write(f"syllabus new: error: {printable(bounded(str(error)))}\n")
        return EXIT_USAGE
    except FileExistsError as error:
        sys.stderr.write(f"syllabus new: error: {openable(str(error), options.root)} already; nothing was written "
                         "(pick another id)\n")
        return EXIT_USAGE
    page, course_file = (openable(path, options.root) for path in written)
    sys.stdout.write(f"created {page}\nlisted it as the last unit in {course_file}\n"
                     "next: write the unit, then run `syllabus validate`, and `syllabus serve` to see it\n")
    return EXIT_OK


def _write_missing_schemas(options: Options) -> None:
    """The editor schemas the new file's first line points editors at, where the catalog has
    none yet (a new catalog): without them an editor offers nothing and says it cannot load
    the schema. Files there are left as they are (``syllabus schemas`` refreshes them)."""
    folder = options.root / FOLDER
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return
    files = editor_schemas(options.taxonomy)
    missing = {name: text for name, text in files.items()
               if not (folder / name).exists() and not (folder / name).is_symlink()}  # one to nowhere: kept
    try:
        write_schemas(options.root, missing)
    except OSError as error:
        sys.stderr.write(f"syllabus new: note: cannot write {FOLDER}/ ({error.strerror}); run `syllabus schemas` "
                         "for your editor's autocomplete\n")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("new", parents=[common], help="scaffold a course, track, plan or a course's unit")
    parser.add_argument("kind", choices=(*ITEM_KINDS, UNIT))
    parser.add_argument("id", help="lowercase-kebab-case id, e.g. k8s-install (a unit's: its file name without .md)")
    parser.add_argument("--course", metavar="COURSE-ID",
                        help="a unit's course (default: the course folder the command runs in)")
    parser.add_argument("--title", help="a unit's title (default: from its id)")
    parser.add_argument("--minutes", type=int, metavar="N", help="a unit's expected minutes (optional)")
    parser.add_argument("--owner", action="append", metavar="OWNER",
                        help="a GitHub handle or email of an owner (repeatable; default: git's user.email)")
    parser.add_argument("--days", type=int, metavar="N",
                        help=f"a plan's length: day 0 (kickoff) to day N (default {DEFAULT_PLAN_DAYS}), in up to "
                             f"{len(PHASE_TITLES)} phases (0-30, 31-60, 61-N), each ending with a milestone")
    parser.set_defaults(run=run)
