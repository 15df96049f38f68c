"""Hearing times in Norwegian local time: a deadline date counts to the end of that day."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings

END_OF_DAY = time(23, 59, 59, 999999)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def closing_time(deadline: date) -> datetime:
    """The last moment a response is accepted: 23:59:59.999999 Oslo time on the deadline day.

    Built with zoneinfo rather than by adding hours, so the offset is right on the days the clocks
    change (+01:00 in winter, +02:00 in summer).
    """
    return datetime.combine(deadline, END_OF_DAY, tzinfo=local_zone())
