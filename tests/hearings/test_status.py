from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearings.deadlines import closing_time
from hearings.selectors import HearingStatus, hearing_status

from .helpers import make_hearing

OSLO = ZoneInfo("Europe/Oslo")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("deadline", "utc_close"),
    [
        (
            date(2024, 3, 31),
            datetime(2024, 3, 31, 21, 59, 59, 999999, tzinfo=UTC),
        ),  # clocks forward
        (date(2024, 10, 27), datetime(2024, 10, 27, 22, 59, 59, 999999, tzinfo=UTC)),  # clocks back
        (
            date(2024, 5, 8),
            datetime(2024, 5, 8, 21, 59, 59, 999999, tzinfo=UTC),
        ),  # the 2024 hearing
        (date(2024, 1, 15), datetime(2024, 1, 15, 22, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_deadline_counts_to_end_of_local_day(deadline, utc_close):
    assert closing_time(deadline) == utc_close
    assert closing_time(deadline).astimezone(OSLO).strftime("%H:%M:%S") == "23:59:59"


@pytest.mark.django_db
@pytest.mark.parametrize("deadline", [date(2024, 3, 31), date(2024, 10, 27)])
def test_status_across_deadline_on_dst_days(deadline):
    hearing = make_hearing(opens_at=datetime(2024, 1, 2, 9, tzinfo=OSLO), deadline=deadline)
    last_second = datetime.combine(deadline, datetime.min.time(), tzinfo=OSLO).replace(
        hour=23, minute=59, second=59
    )
    midnight = datetime.combine(deadline + timedelta(days=1), datetime.min.time(), tzinfo=OSLO)
    assert hearing_status(hearing=hearing, now=last_second).code == HearingStatus.OPEN
    assert hearing_status(hearing=hearing, now=midnight).code == HearingStatus.CLOSED
    # An hour before local midnight in UTC terms must still be open on both kinds of day.
    assert (
        hearing_status(hearing=hearing, now=midnight - timedelta(hours=1)).code
        == HearingStatus.OPEN
    )


@pytest.mark.django_db
def test_status_transitions():
    opens = timezone.now() + timedelta(days=1)
    hearing = make_hearing(opens_at=opens, deadline=timezone.localdate() + timedelta(days=5))
    assert hearing_status(hearing=hearing).code == HearingStatus.UPCOMING
    status = hearing_status(hearing=hearing, now=opens + timedelta(hours=1))
    assert status.code == HearingStatus.OPEN
    assert status.time_left > timedelta(days=3)
    after = hearing.closes_at + timedelta(seconds=1)
    assert hearing_status(hearing=hearing, now=after).code == HearingStatus.CLOSED
    hearing.under_consideration_at = after
    assert hearing_status(hearing=hearing, now=after).code == HearingStatus.UNDER_CONSIDERATION
    hearing.concluded_at = after
    assert hearing_status(hearing=hearing, now=after).code == HearingStatus.CONCLUDED


@pytest.mark.django_db
def test_index_and_page_show_status(client):
    hearing = make_hearing()
    page = client.get(hearing.url)
    assert "Åpen for innspill" in page.content.decode()
    assert "dager igjen" in page.content.decode()
    index = client.get("/horinger/")
    assert index.status_code == 200
    assert hearing.title in index.content.decode()
    assert "23/12345" in index.content.decode()
