"""The same hand-counted selector checks on PostgreSQL (``make test-postgres``).

The grouped counts rely on database behaviour (COUNT DISTINCT over expressions, date truncation in
the project's time zone), so they are run again on the production database engine.
"""

import pytest
from django.db import connection

from tests.conftest import service_missing

from .test_selectors import *  # noqa: F403
from .test_selectors import world  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres(db):
    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL does not point at PostgreSQL")
