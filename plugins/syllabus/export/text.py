"""Display text shared by the site's pages and the exported files, so a value reads the same
on a course page, in a pasted plan and in a spreadsheet."""

from __future__ import annotations


def format_minutes(minutes: int | None) -> str:
    """``90`` → ``1 h 30 min``; learners compare effort, not raw minutes."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
