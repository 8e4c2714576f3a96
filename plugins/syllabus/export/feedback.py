"""Feedback links: "Report a problem" and "Request a session" on course, track and plan pages.

The site's ``feedback`` option is the catalog's repository (``https://github.com/ORG/REPO``)
or an email address. For a repository, each link opens one of the catalog's GitHub issue
forms (``.github/ISSUE_TEMPLATE/``) with its fields prefilled from the query: GitHub fills a
form field from the query parameter named like the field's ``id``. For an address, each
link is a ``mailto:`` with the same facts in the body.

The visitor's time zone is only known in the browser, so a session request's link ends
with its time-zone value and ``syllabus.js`` appends the zone to it. Owners' GitHub handles
are prefilled too: mentioning them notifies the same people ``syllabus codeowners`` makes
reviewers of the course's files (email owners are never put in a public link).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..core.config import SiteAddress

REPORT_FORM = "report-a-problem.yml"
SESSION_FORM = "request-a-session.yml"
# Issue form field ids, as declared in .github/ISSUE_TEMPLATE/*.yml.
ITEM_ID, ITEM_TITLE, PAGE_URL, OWNERS, TIME_ZONE = "item-id", "item-title", "page-url", "owners", "time-zone"
KIND_NAMES = {"course": "Course", "track": "Track", "plan": "Plan"}


@dataclass(frozen=True)
class FeedbackLinks:
    report: str
    session: str  # ends with the time-zone value, which the page script appends


def _query(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in pairs)


def feedback_links(target: str, *, kind: str, item_id: str, title: str, path: str, site: SiteAddress,
                   owners: tuple[str, ...] = ()) -> FeedbackLinks | None:
    """The two links for the page at the site folder ``path`` about ``kind`` ``item_id``; None when the
    site has no feedback target."""
    if not target:
        return None
    page_url = site.page(path)
    handles = " ".join(owner for owner in owners if owner.startswith("@"))
    name = KIND_NAMES[kind]
    if target.startswith("mailto:"):
        facts = f"{name}: {item_id}\nTitle: {title}\nPage: {page_url}\n"
        report = _query([("subject", f"Problem with {name.lower()} {item_id}"),
                         ("body", f"{facts}\nWhat is wrong:\n\n")])
        session = _query([("subject", f"Session request: {name.lower()} {item_id}"),
                          ("body", f"{facts}\nPreferred dates and number of attendees:\n\nTime zone: ")])
        return FeedbackLinks(f"{target}?{report}", f"{target}?{session}")
    common = [(ITEM_ID, item_id), (ITEM_TITLE, title), (PAGE_URL, page_url)]
    if handles:  # an empty field would only clutter the link
        common.append((OWNERS, handles))
    report = _query([("template", REPORT_FORM), ("title", f"[{item_id}] Problem: "), *common])
    session = _query([("template", SESSION_FORM), ("title", f"[{item_id}] Session request"), *common,
                      (TIME_ZONE, "")])
    return FeedbackLinks(f"{target}/issues/new?{report}", f"{target}/issues/new?{session}")
