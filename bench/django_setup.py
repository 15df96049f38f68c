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


def bench_hearing(*, title: str, slug_prefix: str):
    """An open, invented hearing with the four standard questions, under the site's hearing index.

    Shared by the benchmarks that write straight into the analysis tables; call after
    :func:`setup_django`. Creates the home and index pages on an empty database.
    """
    import time

    from django.utils import timezone
    from wagtail.models import Page

    from cms.models import HomePage
    from hearings.models import HearingIndexPage, HearingPage, HearingQuestion
    from hearings.questions import default_question_rows

    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Forside", slug="forside")
    )
    index = HearingIndexPage.objects.first() or home.add_child(
        instance=HearingIndexPage(title="Høringer", slug="horinger")
    )
    hearing = HearingPage(
        title=title,
        slug=f"{slug_prefix}-{int(time.time())}",
        reference_number="00/00000",
        hearing_letter="<p>Oppdiktet høring for ytelsestest.</p>",
        contact_name="Ytelsestest",
        contact_email="ytelse@eksempel.invalid",
        opens_at=timezone.now(),
        deadline=timezone.localdate(),
    )
    for order, row in enumerate(default_question_rows()):
        hearing.questions.add(HearingQuestion(sort_order=order, **row))
    index.add_child(instance=hearing)
    return hearing
