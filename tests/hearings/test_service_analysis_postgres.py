"""The service tests again on PostgreSQL (``make test-postgres``).

Why: on PostgreSQL new passages, labels, flags and theme links are written with ``COPY`` and ids
drawn from the sequences (``hearings.services.analysis.bulk``), a path SQLite never takes; and
duplicate groups are locked and updated in place (``join_duplicates``).
"""

import pytest
from django.db import connection

from tests.conftest import service_missing

from .test_service_analysis import *  # noqa: F403
from .test_service_duplicates_incremental import *  # noqa: F403

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _needs_postgres(db):
    if connection.vendor != "postgresql":
        service_missing("DATABASE_URL does not point at PostgreSQL")
