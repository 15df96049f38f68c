"""Start Django for a benchmark: PostgreSQL when DATABASE_URL is set, else a fresh SQLite file.

Why a fresh file: benchmarks create hundreds of thousands of rows and must neither read nor pollute
the developer's demo database.
"""

from __future__ import annotations

import os
import tempfile


def setup_django(name: str) -> str:
    """Configure and migrate; return the database vendor ("sqlite" or "postgresql")."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = os.path.join(
            tempfile.mkdtemp(prefix=f"bench-{name}-"), "bench.sqlite3"
        )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor
