"""``syllabus plan ID --customer NAME --start YYYY-MM-DD``: a personalised plan on stdout.

It prints exactly what the plan page's "Copy as Markdown", "Copy as checklist" and downloads
give for the same inputs, in the site's language (``theme.language``): both fill the templates
of :mod:`syllabus.export.plans`, under the date rules of :mod:`syllabus.core.schedule`
(working days by default). Its error messages are for the person running it and stay English.
"""

from __future__ import annotations

import argparse
import sys

from ..core.config import ConfigError, Options
from ..core.schedule import WEEKENDS, WorkingDays, holiday_years
from ..core.schema_messages import did_you_mean
from ..export.placeholders import Personalisation, parse_kickoff
from ..export.plans import FORMATS, plan_checklist, plan_csv, plan_ics, plan_markdown, plan_rows
from . import EXIT_CONTENT, EXIT_OK, load_checked


def run(args: argparse.Namespace, options: Options) -> int:
    result = load_checked(options)
    if result is None:
        return EXIT_CONTENT
    # The audience's view only: a public run knows nothing of draft or internal plans.
    catalog = result.catalog.visible_to(options.audience)
    plan = catalog.plans.get(args.plan_id)
    hidden = result.catalog.plans.get(args.plan_id)
    if plan is None and hidden is not None:  # the repository has it: whoever runs this can read it anyway
        state = "a draft" if hidden.hidden_as == "draft" else hidden.hidden_as
        raise ConfigError(f"plan '{args.plan_id}' is {state}, which the {options.audience} site does not publish; "
                          "to print it for review, run with SYLLABUS_AUDIENCE=internal")
    if plan is None:
        known = ", ".join(catalog.plans) or "none"
        raise ConfigError(f"unknown plan '{args.plan_id}'{did_you_mean(args.plan_id, catalog.plans)}; plans: {known}")
    if args.timezone is not None and not args.timezone.strip():  # the page's empty field means UTC; an option not
        raise ConfigError("--timezone is empty; give an IANA time zone such as Europe/Berlin, or leave the option "
                          "out for UTC")
    if not args.working_days and (given := [f"--{name}" for name in ("holidays", "weekend") if getattr(args, name)]):
        raise ConfigError(f"--calendar-days dates every item kickoff + day, so {' and '.join(given)} would move "
                          "nothing; leave out one or the other")
    try:
        days = WorkingDays.choose(shift=args.working_days, weekend=args.weekend or plan.weekend,
                                  country=args.holidays or "", kickoff=parse_kickoff(args.start),
                                  length_days=plan.length_days, years=holiday_years(options.today))
        who = Personalisation.parse(args.customer, args.start, args.timezone, args.ce, days=days,
                                    language=options.messages.language)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    rows = plan_rows(plan, catalog, options.today, options.site, language=options.site_language)
    messages = options.messages  # the site's language, as on the plan page
    if args.format == "checklist":
        text = plan_checklist(plan, rows, who, today=options.today, messages=messages)
    elif args.format == "csv":
        text = plan_csv(plan, rows, who, today=options.today, messages=messages)
    elif args.format == "ics":
        text = plan_ics(plan, rows, who, today=options.today, messages=messages)
    else:
        text = plan_markdown(plan, rows, who, site=options.site, today=options.today, messages=messages)
    if not options.site_url:  # a plan is read away from the site: its links then lead nowhere
        sys.stderr.write("syllabus plan: note: mkdocs.yml sets no site_url, so the plan links to pages by paths "
                         "relative to the site; set site_url to make the links work wherever the plan is read\n")
    sys.stdout.write(text)
    return EXIT_OK


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "plan", parents=[common], help="print a personalised enablement plan with real dates",
        description="Print an enablement plan for one customer, with the kickoff date turned into real dates.",
    )
    parser.add_argument("plan_id", metavar="ID", help="the plan's id (its file name under plans/)")
    parser.add_argument("--customer", required=True, metavar="NAME",
                        help="the customer's name (one that starts with '-' as --customer=-Name)")
    parser.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="the kickoff date (day 0)")
    parser.add_argument("--timezone", metavar="TZ", help="the customer's IANA time zone, such as Asia/Tokyo, or its "
                        "place (Tokyo, or its city as the plan page names it: 東京 on a Japanese site; default: UTC)")
    parser.add_argument("--ce", metavar="NAME", help="the customer engineer's name (optional)")
    days = parser.add_mutually_exclusive_group()
    days.add_argument("--working-days", dest="working_days", action="store_true", default=True,
                      help="move items on a weekend day or public holiday to the next working day (default)")
    days.add_argument("--calendar-days", dest="working_days", action="store_false",
                      help="date every item kickoff + day, weekends included")
    parser.add_argument("--weekend", choices=tuple(WEEKENDS),
                        help="the customer's weekend (default: the plan's, else sat-sun)")
    parser.add_argument("--holidays", metavar="CC",
                        help="also skip the public holidays of this country (ISO code, e.g. DE)")
    parser.add_argument("--format", choices=FORMATS, default=FORMATS[0],
                        help="output format (default: md); checklist: Markdown task lists for an issue")
    parser.set_defaults(run=run)
