"""Dates, times, durations, numbers and language names in English, Japanese and German,
from Babel's CLDR data (the page scripts' side: tests/browser/test_locale_format.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from syllabus.core.locale_format import (
    ENGLISH_FORMAT,
    LocaleFormat,
    in_usual_case,
    intl_options,
    unknown_language,
    writing_direction,
)
from syllabus.core.messages import load_messages

JA = LocaleFormat(load_messages("ja")[0])
DE = LocaleFormat(load_messages("de")[0])
THIN = "\u2009"  # CLDR's range separator in English and German: thin space, en dash, thin space


@pytest.mark.parametrize(("formats", "expected"), [
    (ENGLISH_FORMAT, ["Thu, Jan 14, 2027", "Sun, Mar 28, 2027", "Fri, Dec 31, 1999"]),
    (JA, ["2027年1月14日(木)", "2027年3月28日(日)", "1999年12月31日(金)"]),
    (DE, ["Do., 14. Jan. 2027", "So., 28. März 2027", "Fr., 31. Dez. 1999"]),
])
def test_dates_carry_the_weekday_in_the_readers_language(formats: LocaleFormat, expected: list[str]) -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    dates = [dt.date(2027, 1, 14), dt.datetime(2027, 3, 28, 23, 59, tzinfo=tokyo), dt.date(1999, 12, 31)]
    assert [formats.date(date) for date in dates] == expected


def test_times_are_on_the_24_hour_clock_padded_as_the_language_pads() -> None:
    morning, evening = dt.time(9, 5), dt.datetime(2027, 1, 14, 21, 30)
    assert [ENGLISH_FORMAT.time(morning), ENGLISH_FORMAT.time(evening)] == ["09:05", "21:30"]
    assert [JA.time(morning), JA.time(evening)] == ["9:05", "21:30"]
    assert DE.time(morning) == "09:05"


def test_sessions_name_the_date_once_unless_they_end_another_day() -> None:
    start = dt.datetime(2027, 1, 14, 9, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    same_day, next_day = start + dt.timedelta(minutes=85), start + dt.timedelta(hours=25)
    assert ENGLISH_FORMAT.session(start, same_day) == f"Thu, Jan 14, 2027, 09:05{THIN}–{THIN}10:30"
    assert JA.session(start, same_day) == "2027年1月14日(木) 9:05～10:30"
    assert DE.session(start, same_day) == f"Do., 14. Jan. 2027, 09:05{THIN}–{THIN}10:30"
    assert JA.session(start, next_day) == "2027年1月14日(木) 9:05～2027年1月15日(金) 10:05"


@pytest.mark.parametrize(("minutes", "english", "japanese"), [
    (90, "1 h 30 min", "1時間30分"), (60, "1 h", "1時間"), (45, "45 min", "45分"), (1505, "25 h 5 min", "25時間5分"),
    (0, "", ""), (None, "", ""),
])
def test_durations_read_as_hours_and_minutes(minutes: int | None, english: str, japanese: str) -> None:
    assert (ENGLISH_FORMAT.duration(minutes), JA.duration(minutes)) == (english, japanese)


def test_a_site_rewords_durations_in_its_own_catalog(tmp_path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "de.yml").write_text(
        'format.hours: "{count} Std."\nformat.hours_minutes: "{hours} {minutes}"\n', encoding="utf-8")
    messages, problems = load_messages("de", tmp_path)
    assert problems == []
    assert LocaleFormat(messages).duration(150) == "2 Std. 30 min"


def test_numbers_group_and_separate_decimals_as_the_language_does() -> None:
    assert [f.number(1234.5) for f in (ENGLISH_FORMAT, JA, DE)] == ["1,234.5", "1,234.5", "1.234,5"]
    assert LocaleFormat(load_messages("fr")[0]).number(1234) == "1\u202f234"


@pytest.mark.parametrize(("tag", "english", "japanese", "german"), [
    ("ja", "Japanese", "日本語", "Japanisch"),
    ("en", "English", "英語", "Englisch"),
    ("pt-BR", "Portuguese (Brazil)", "ポルトガル語 (ブラジル)", "Portugiesisch (Brasilien)"),
    ("zh-Hant-TW", "Chinese (Traditional, Taiwan)", "中国語 (繁体字, 台湾)", "Chinesisch (Traditionell, Taiwan)"),
    ("und", "Unknown language", "言語不明", "Unbekannte Sprache"),  # not "English (United States)"
    ("iw", "Hebrew", "ヘブライ語", "Hebräisch"),  # the old code for he: not "Hebrew (Israel)"
    ("sh", "Serbo-Croatian", "セルボ・クロアチア語", "Serbo-Kroatisch"),  # named itself, not as its alias sr-Latn
    ("zz-<b>", "zz-<b>", "zz-<b>", "zz-<b>"),  # not a language: shown as written (and escaped by the page)
])
def test_language_names_are_in_the_readers_language(tag: str, english: str, japanese: str, german: str) -> None:
    assert (ENGLISH_FORMAT.language_name(tag), JA.language_name(tag), DE.language_name(tag)) == (
        english, japanese, german)


def test_the_script_options_ask_intl_for_the_skeletons_fields_padded_as_cldr_pads() -> None:
    assert intl_options("yMMMEd", "y年M月d日(E)") == {"year": "numeric", "month": "short", "weekday": "short",
                                                     "day": "numeric"}
    assert intl_options("Hm", "HH:mm") == {"hour": "2-digit", "hourCycle": "h23", "minute": "2-digit"}
    assert intl_options("Hm", "H:mm") == {"hour": "numeric", "hourCycle": "h23", "minute": "2-digit"}
    assert JA.for_scripts() == {
        "language": "ja", "date": {"year": "numeric", "month": "short", "weekday": "short", "day": "numeric"},
        "time": {"hour": "numeric", "hourCycle": "h23", "minute": "2-digit"}, "date_time": "{1} {0}",
        "range": "{0}～{1}"}


@pytest.mark.parametrize(("zone", "english", "japanese"), [
    ("America/New_York", "New York", "ニューヨーク"), ("Asia/Tokyo", "Tokyo", "東京"),
    ("America/Sao_Paulo", "São Paulo", "サンパウロ"), ("UTC", "UTC", "UTC"),
    ("Etc/GMT+5", "UTC-5", "UTC-5"), ("Etc/GMT-14", "UTC+14", "UTC+14"),  # POSIX signs: GMT+5 is 5 h behind
    ("Mars/Olympus_Mons", "Olympus Mons", "Olympus Mons"),  # unknown to Babel: its last part
])
def test_time_zones_go_by_their_city_in_the_readers_language(zone: str, english: str, japanese: str) -> None:
    assert (ENGLISH_FORMAT.city(zone), JA.city(zone)) == (english, japanese)


@pytest.mark.parametrize(("written", "usual"), [
    ("EN", "en"), ("en-gb", "en-GB"), ("ZH-HANT-tw", "zh-Hant-TW"), ("es-419", "es-419"),
    ("sl-ROZAJ", "sl-rozaj"), ("pt-BR", "pt-BR"),
])
def test_language_tags_are_written_in_bcp47s_case(written: str, usual: str) -> None:
    """Tags are compared as written (facets, translations): one language, one spelling."""
    assert in_usual_case(written) == usual
    assert (unknown_language(written) is None) == (written == usual)


@pytest.mark.parametrize(("tag", "direction"), [
    ("ar", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("en", "ltr"), ("ja", "ltr"), ("zz", "ltr"),
    # A script subtag decides, not the language's usual script (attack, stop 42).
    ("az-Arab", "rtl"), ("en-Arab", "rtl"), ("ar-Latn", "ltr"), ("he-Latn", "ltr"), ("sr-Cyrl", "ltr"),
])
def test_a_language_is_written_in_its_scripts_direction(tag: str, direction: str) -> None:
    assert writing_direction(tag) == direction


def test_a_session_across_a_change_of_the_clocks_says_each_ends_offset() -> None:
    """The night Sydney's clocks go back an hour from 02:30 ends at 02:30: the organiser's time
    read "02:30 – 02:30" (customer review, stop 42)."""
    sydney = ZoneInfo("Australia/Sydney")
    start = dt.datetime(2027, 4, 4, 2, 30, tzinfo=sydney)
    end = (start.astimezone(dt.UTC) + dt.timedelta(hours=1)).astimezone(sydney)
    assert ENGLISH_FORMAT.session(start, end) == "Sun, Apr 4, 2027, 02:30 GMT+11\u2009–\u200902:30 GMT+10"
    assert JA.session(start, end) == "2027年4月4日(日) 2:30 GMT+11～2:30 GMT+10"
    same = dt.datetime(2027, 4, 5, 9, 0, tzinfo=sydney)
    assert ENGLISH_FORMAT.session(same, same + dt.timedelta(hours=1)) == "Mon, Apr 5, 2027, 09:00\u2009–\u200910:00"
