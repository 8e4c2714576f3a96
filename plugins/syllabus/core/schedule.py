"""Date rules of an enablement plan: which calendar day a plan day falls on, and when a
live session happens for someone in another time zone.

A plan is written in day offsets from the kickoff (day 0). By default an item or milestone
that would fall on a weekend day or a public holiday moves to the next working day; with
calendar days it stays on kickoff + day. Weekends differ by region (Saturday-Sunday,
Friday-Saturday). Public holidays come from the ``holidays`` package for a bounded range of
years, so the plan page can carry them as data and agree with the command line.

Every exporter and the plan page (``plan.js``, its twin) read these rules; none of them
decides a date itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .zones import time_zone

# Weekend days by region, as ``date.weekday()`` numbers (Monday is 0).
WEEKENDS = {"sat-sun": (5, 6), "fri-sat": (4, 5)}
DEFAULT_WEEKEND = "sat-sun"
# Hours at night in the customer's zone: a session touching them is offered only when no
# daytime session of the phase fits.
NIGHT_STARTS, NIGHT_ENDS = 22, 7
# Holidays are known for the years from one before "today" to this many after, on the
# page and on the command line alike.
HOLIDAY_YEARS_BEFORE, HOLIDAY_YEARS_AFTER = 1, 5
# A shift never runs longer than this (a holiday season plus a weekend), whatever the data.
MAX_SHIFT_DAYS = 31


@dataclass(frozen=True)
class WorkingDays:
    """Which dates are working days for one personalisation of a plan."""

    weekend: str = DEFAULT_WEEKEND
    holidays: frozenset[dt.date] = frozenset()
    shift: bool = True  # False: calendar days, kickoff + day
    country: str = ""  # whose public holidays ``holidays`` are

    @classmethod
    def choose(cls, *, shift: bool, weekend: str, country: str, kickoff: dt.date, length_days: int,
               years: tuple[int, int]) -> WorkingDays:
        """What a customer engineer chose; ``ValueError`` says what is wrong."""
        if weekend not in WEEKENDS:
            raise ValueError(f"weekend {weekend!r} is not one of {', '.join(WEEKENDS)}")
        if not country or not shift:
            return cls(weekend, frozenset(), shift)
        country = country.upper()
        holidays = holiday_dates(country, years)
        check_holiday_range(kickoff, length_days, years)
        return cls(weekend, holidays, shift, country)

    def is_working(self, date: dt.date) -> bool:
        return date.weekday() not in WEEKENDS[self.weekend] and date not in self.holidays

    def date_of(self, kickoff: dt.date, day: int) -> dt.date:
        """The date of plan day ``day``: counted from the kickoff as held (the first working
        day from the date given), moved to the next working day. Counted from a kickoff on a
        holiday, days 0, 1 and 2 of a plan starting on a Friday holiday all fell on Monday."""
        return self._working(self.unmoved(kickoff, day))

    def unmoved(self, kickoff: dt.date, day: int) -> dt.date:
        """The date of plan day ``day`` before it moves off a weekend or holiday: the
        kickoff date given for day 0, the kickoff as held + ``day`` for the others."""
        return kickoff if day == 0 else self._working(kickoff) + dt.timedelta(days=day)

    def _working(self, date: dt.date) -> dt.date:
        if not self.shift:
            return date
        for _ in range(MAX_SHIFT_DAYS):
            if self.is_working(date):
                break
            date += dt.timedelta(days=1)
        return date


def template_kickoff(today: dt.date) -> dt.date:
    """The undated plan calendar's placeholder kickoff: the first Monday after "today"."""
    return today + dt.timedelta(days=7 - today.weekday())


def holiday_years(today: dt.date) -> tuple[int, int]:
    """The first and last year whose public holidays are known."""
    return today.year - HOLIDAY_YEARS_BEFORE, today.year + HOLIDAY_YEARS_AFTER


@cache
def holiday_dates(country: str, years: tuple[int, int]) -> frozenset[dt.date]:
    """National public holidays of ``country`` (ISO 3166 alpha-2) in the years, inclusive;
    ``ValueError`` for a country the ``holidays`` package does not know."""
    if not knows_holidays(country):
        raise ValueError(f"no public holidays are known for country code {country!r} (use an ISO code such as DE)")
    import holidays

    return frozenset(holidays.country_holidays(country, years=range(years[0], years[1] + 1)))


def knows_holidays(country: str) -> bool:
    """Whether the ``holidays`` package knows ``country``'s (ISO 3166 alpha-2) public holidays."""
    import holidays  # a large import; only plans with holidays need it

    return country in holidays.list_supported_countries()


def check_holiday_range(kickoff: dt.date, length_days: int, years: tuple[int, int]) -> None:
    """``ValueError`` unless the whole plan (and a final shift) lies in the known years."""
    last = kickoff + dt.timedelta(days=length_days + MAX_SHIFT_DAYS)
    if kickoff.year < years[0] or last.year > years[1]:
        raise ValueError(f"public holidays are known from {years[0]} to {years[1]}; a plan starting on "
                         f"{kickoff.isoformat()} runs past them (choose calendar days or no holidays)")


def in_zone(moment: dt.datetime, zone: str) -> dt.datetime:
    """An aware instant as wall-clock time in ``zone``."""
    return moment.astimezone(time_zone(zone))


def is_night(start: dt.datetime, end: dt.datetime) -> bool:
    """Whether a session (local start and end) touches the night hours."""
    if start.date() != end.date():
        return True
    minutes = [t.hour * 60 + t.minute for t in (start, end)]
    return minutes[0] < NIGHT_ENDS * 60 or minutes[1] > NIGHT_STARTS * 60


def holidays_by_country(countries: Iterable[str], years: tuple[int, int]) -> dict[str, list[str]]:
    """ISO dates per country, for the plan page."""
    return {c: sorted(d.isoformat() for d in holiday_dates(c, years)) for c in countries}
