"""When a member's digest is due: their hour (and, for weekly, their weekday) in their own zone.

Everything is computed on the member's local wall clock (zoneinfo), never with a fixed UTC
offset, so a daylight-saving change moves the UTC instant and not the local one. A period is
named by the local date of its due day, so its send-log key is the same for the scheduler and
for `flask digest send`, and changing the weekday mid-week starts a new period on the new day.
The scheduler sends a period only on its due day, from the hour on: a period whose day has
passed (the member switched to weekly after it, or no server ran that day) is not sent late;
its posts go into the next digest, which starts at the member's watermark.
"""
from datetime import timedelta, timezone

from babel.dates import get_day_names

STEP = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def local_now(zone, now):
    """A naive-UTC instant on the member's wall clock."""
    return now.replace(tzinfo=timezone.utc).astimezone(zone)


def latest_due_day(period, hour, weekday, local):
    """The local date of the member's latest due time (`hour`:00 of the day) at or before `local`."""
    day = local.date()
    if period == "weekly":
        day -= timedelta(days=(day.weekday() - weekday) % 7)
    if day == local.date() and local.hour < hour:
        day -= STEP[period]
    return day


def window_key(period, day):
    """The send-log key of the period due on `day`: its date, or its ISO week date ("2026-W49-1")."""
    if period == "daily":
        return day.isoformat()
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}-{weekday}"


def weekday_choices(locale):
    """(value, name) of the seven weekdays, Monday first, named in `locale` by Babel's CLDR data."""
    names = get_day_names("wide", locale=locale)
    return tuple((str(day), names[day]) for day in range(7))
