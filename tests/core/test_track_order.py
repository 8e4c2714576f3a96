"""A track's order against its courses' prerequisites, as the model reports it: each course
listed too early once, with the nearest prerequisite it needs, however long the chain."""

from __future__ import annotations

from syllabus.core.model import Course, Track, TrackItem, TrackSection


def chain(length: int) -> dict[str, Course]:
    """c00000 <- c00001 <- ...: each course needs the one before."""
    return {f"c{i:05d}": Course(id=f"c{i:05d}", title="T", summary="S", level="beginner", roles=("admin",),
                                format="self-paced", duration_minutes=60, owners=("@t",), visibility="public",
                                source=f"courses/c{i:05d}/course.yml",
                                prerequisites=(f"c{i - 1:05d}",) if i else ()) for i in range(length)}


def track(ids: list[str]) -> Track:
    return Track(id="t", title="T", summary="S", role="admin", visibility="public", source="tracks/t.yml",
                 sections=(TrackSection("All", tuple(TrackItem(course_id) for course_id in ids)),))


def test_a_reversed_chain_is_one_problem_per_course() -> None:
    """300 courses listed newest first gave 44,851 errors (every pair, each naming the courses
    between) in 10.7 s; 1,000 ran out of memory."""
    courses = chain(2000)
    found = list(track(sorted(courses, reverse=True)).misordered(courses))
    assert len(found) == 1999 and all(not f.through for f in found)
    assert (found[0].course, found[0].prerequisite) == ("c01999", "c01998")


def test_a_course_needing_one_through_courses_the_track_leaves_out_names_them() -> None:
    courses = chain(5)
    found = list(track(["c00004", "c00001"]).misordered(courses))
    assert [(f.course, f.prerequisite, f.through) for f in found] == [("c00004", "c00001", ("c00003", "c00002"))]
    assert list(track(["c00001", "c00004"]).misordered(courses)) == []
