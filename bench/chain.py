"""The whole chain on one hearing: ``python -m bench chain [--responses N]``.

Checks the per-stage figures of the other benchmarks against one run through every stage, on the
same INVENTED hearing (``bench/generate.py``: realistic sizes, a quarter nynorsk, campaign copies):

1. store N submitted responses (bulk, as the database sees submissions; the HTTP cost of a
   submission is measured by ``bench submissions``);
2. the hearing analysis (``analyse_hearing``: passages, goals, personal data, themes, duplicates);
3. the search indexing the finished run queues;
4. the review workspace's reads (``bench.review.measure``) and staff searches through the service;
5. deleting the hearing, whose passages leave the search index in batches (search/signals.py).

Every stage is reported per response, so ``docs/scaling.md`` can compare them with its plan.
PostgreSQL when DATABASE_URL is set (the sizes this is for), otherwise a throwaway SQLite file;
with ELASTICSEARCH_URL set, indexing and search go to Elasticsearch too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.analysis import _timed, analyse_then_index
from bench.django_setup import bench_hearing, setup_django

STAFF_QUERIES = ["ventetider", "forløpskoordinator", "pårørande", "somatisk helse"]


def _staff_search_ms() -> list[float]:
    """The staff search page's query (passages, facets) as a reviewer runs it."""
    from bench.review import _reviewer
    from search.service import search_feedback

    user = _reviewer()
    timings = []
    for _round in range(3):
        for text in STAFF_QUERIES:
            began = time.perf_counter()
            search_feedback(text, user=user)
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench chain")
    parser.add_argument("--responses", type=int, default=10_000)
    args = parser.parse_args(argv or [])
    vendor = setup_django("chain")
    from django.db import connection

    from bench.generate import store
    from bench.report import print_table, record
    from bench.review import measure
    from hearings.models import GoalLabel, Passage, Response
    from hearings.services import analysis as service
    from search.models import SearchDocument
    from search.service import active_backend

    load_start = os.getloadavg()[0]
    hearing = bench_hearing(title="[OPPDIKTET] Hele kjeden", slug_prefix="bench-chain")
    n, store_s = _timed(store, hearing=hearing, count=args.responses, seed=5)
    engine = service.analysis_engine()
    _run, _marks, analysis_s, analysis_cpu_s, index_s = analyse_then_index(hearing, engine)
    index_s = index_s or 0.0
    passages = Passage.objects.filter(hearing=hearing).count()
    labels = GoalLabel.objects.filter(passage__hearing=hearing).count()
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    reads = measure(hearing)
    search_ms = sorted(_staff_search_ms())
    hearing_keys = [
        f"passage:{pk}"
        for pk in Passage.objects.filter(hearing=hearing).values_list("pk", flat=True)
    ]

    def delete():
        Response.objects.filter(hearing=hearing).delete()
        hearing.delete()

    _none, delete_s = _timed(delete)
    left_in_index = SearchDocument.objects.filter(key__in=hearing_keys).count()

    def per(seconds: float) -> str:
        return f"{seconds:,.1f} s ({seconds / n * 1000:,.1f} ms per response)"

    overview_s = dict(reads)["overview page total (5 selectors)"]
    slowest_read = max(seconds for label, seconds in reads if not label.startswith("overview"))
    rows = [
        ("database / search backend", f"{vendor} / {active_backend()}"),
        ("responses / passages / goal labels", f"{n:,} / {passages:,} / {labels:,}"),
        ("machine load average (1 min, at the start)", f"{load_start:.1f}"),
        ("1. store submitted responses (bulk)", per(store_s)),
        ("2. analysis (wall)", per(analysis_s)),
        ("2. analysis (CPU of this process)", per(analysis_cpu_s)),
        ("3. search indexing of the passages", per(index_s)),
        (
            "4. review overview (5 reads) / slowest other read",
            f"{overview_s * 1000:.0f} / {slowest_read * 1000:.0f} ms",
        ),
        (
            "4. staff search p50 / p95 (with facets)",
            f"{statistics.median(search_ms):.0f} / {search_ms[int(0.95 * (len(search_ms) - 1))]:.0f} ms",
        ),
        ("5. delete the hearing (and its index entries)", per(delete_s)),
        ("search documents of the hearing left after deleting", f"{left_in_index:,}"),
        ("machine load average (1 min, at the end)", f"{os.getloadavg()[0]:.1f}"),
    ]
    print_table("The whole chain on one invented hearing", rows)
    table = "| stage | measured |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    table += (
        "\n\nGenerated by `python -m bench chain --responses N`; all responses are invented "
        "(`[OPPDIKTET]`). Review reads are listed in full in the figures line."
    )
    figures = {
        "database": vendor,
        "search_backend": active_backend(),
        "responses": n,
        "passages": passages,
        "store_s": round(store_s, 1),
        "analysis_s": round(analysis_s, 1),
        "analysis_cpu_s": round(analysis_cpu_s, 1),
        "index_s": round(index_s, 1),
        "reads_ms": {label: round(seconds * 1000) for label, seconds in reads},
        "staff_search_ms": [round(v, 1) for v in search_ms],
        "delete_s": round(delete_s, 1),
        "left_in_index": left_in_index,
        "load_average_1min_start": round(load_start, 2),
        "load_average_1min_end": round(os.getloadavg()[0], 2),
    }
    record("chain", figures, table)
    return 0
