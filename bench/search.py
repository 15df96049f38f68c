"""Benchmark search: ``python -m bench search [--passages N] [--queries Q]``.

Writes N INVENTED staff passage documents (default 100,000) through the real analysis and
indexing code (``search.analysis`` + ``search.indexing``) into the database index, then, when
ELASTICSEARCH_URL is set, rebuilds the Elasticsearch index from it (new index + alias switch),
and times the same queries (with facets) on both backends. On Elasticsearch it also times the
queries while indexing continues in a background thread. PostgreSQL when DATABASE_URL is set,
otherwise a throwaway SQLite file. The bench documents are removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time

from bench.django_setup import setup_django

WORDS = (  # noqa: SIM905 - readable word list
    "ventetid ventetider ventetida forløpskoordinator forløpskoordinatoren brukermedvirkning "
    "brukarmedverknad somatisk helse levevaner pårørende pårørande kommune kommunane distrikt "
    "evaluering målepunkt forløpstid henvisning utredning behandling avslutning samhandling "
    "fastlege tverrfaglig spesialisert rusbehandling psykose spiseforstyrrelser tvangslidelser "
    "barn unge voksne likeverdig tilbud koordinering samarbeid digital konsultasjon oppfølging "
    "pasientforløp tjenestene viktig kortere lange trenger bedre støtte fagmiljø"
).split()
FILLER = "og i på til for med av som er det den at vi de ikke kan skal må bør".split()  # noqa: SIM905
QUERIES = [
    "ventetider",
    "koordinator",
    "brukermedvirkning kommune",
    "somatisk helse",
    "pårørande",
    "digital konsultasjon distrikt",
    "forløpstid henvisning",
    "spiseforstyrrelser barn",
]
GOALS = ["G1", "G2", "G3", "G4", "G5"]
CATEGORIES = ["bruker", "kommune", "helseforetak", "profesjon", "privatperson", "annet"]
STANCES = ["ja", "delvis", "nei", "vet_ikke"]


def _text(rng: random.Random) -> str:
    words = [
        rng.choice(WORDS if rng.random() < 0.45 else FILLER) for _ in range(rng.randint(15, 45))
    ]
    return " ".join(words).capitalize() + ". [OPPDIKTET]"


def _document(i: int, rng: random.Random) -> tuple[str, dict]:
    from search.documents import _document as make

    facets = {
        "goal": sorted(rng.sample(GOALS, rng.randint(0, 2))),
        "theme": [f"Tema {rng.randint(1, 30)}"],
        "question": [f"Q{rng.randint(1, 4)}"],
        "pathway": [],
        "category": [rng.choice(CATEGORIES)],
        "stance": [rng.choice(STANCES)],
    }
    return f"bench:{i}", make(
        kind="passage",
        audience="staff",
        title=f"Oppdiktet høringssvar {i // 5}",
        body=_text(rng),
        url="",
        year=2024,
        facets=facets,
    )


def _index_database(start: int, n: int, seed: int, batch: int = 2000) -> float:
    from search.indexing import save_documents

    rng = random.Random(seed)
    began = time.perf_counter()
    for offset in range(start, start + n, batch):
        docs = dict(_document(i, rng) for i in range(offset, min(offset + batch, start + n)))
        save_documents(docs)
    return time.perf_counter() - began


def _latencies(search, queries: list[str], rounds: int) -> list[float]:
    from search.backends.base import STAFF_FACETS, SearchQuery

    timings = []
    for _ in range(rounds):
        for text in queries:
            query = SearchQuery(text=text, audience="staff", facet_names=STAFF_FACETS, per_page=20)
            began = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench search")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    vendor = setup_django("search")
    from django.conf import settings

    from bench.report import print_table, record
    from search.backends import database
    from search.models import SearchDocument

    n = args.passages
    SearchDocument.objects.filter(key__startswith="bench:").delete()
    figures: dict = {"passages": n, "database": vendor}
    figures["load_average_1min_start"] = round(os.getloadavg()[0], 2)
    seconds = _index_database(0, n, seed=1)
    figures["db_index_per_s"] = round(n / seconds)
    db_times = _latencies(database.search, QUERIES, args.rounds)
    figures["db_p50_ms"] = round(statistics.median(db_times), 1)
    figures["db_p95_ms"] = round(_p(db_times, 0.95), 1)
    rows = [
        ("database", vendor),
        ("passages", f"{n:,}"),
        ("machine load average (1 min, at the start)", f"{os.getloadavg()[0]:.1f}"),
        (f"{vendor} indexing (analyse + write)", f"{figures['db_index_per_s']:,} docs/s"),
        (f"{vendor} query p50 / p95", f"{figures['db_p50_ms']} / {figures['db_p95_ms']} ms"),
    ]

    if settings.ELASTICSEARCH_URL:
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.SEARCH_INDEX_PREFIX = "bench"
        from search import indexing
        from search.backends import elasticsearch

        began = time.perf_counter()
        indexing.rebuild_elasticsearch()
        rebuild = time.perf_counter() - began
        figures["es_rebuild_s"] = round(rebuild, 1)
        figures["es_index_per_s"] = round(SearchDocument.objects.count() / rebuild)
        _latencies(elasticsearch.search, QUERIES, 1)  # warm caches
        es_times = _latencies(elasticsearch.search, QUERIES, args.rounds)
        figures["es_p50_ms"] = round(statistics.median(es_times), 1)
        figures["es_p95_ms"] = round(_p(es_times, 0.95), 1)

        stop = threading.Event()
        written = [0]

        def keep_indexing():
            rng = random.Random(99)
            i = n
            while not stop.is_set():
                elasticsearch.write(dict(_document(j, rng) for j in range(i, i + 500)))
                i += 500
                written[0] += 500

        writer = threading.Thread(target=keep_indexing, daemon=True)
        writer.start()
        loaded = _latencies(elasticsearch.search, QUERIES, args.rounds)
        stop.set()
        writer.join()
        figures["es_p95_while_indexing_ms"] = round(_p(loaded, 0.95), 1)
        figures["es_docs_written_meanwhile"] = written[0]
        rows += [
            ("Elasticsearch full rebuild (new index + alias)", f"{rebuild:.1f} s"),
            ("Elasticsearch indexing", f"{figures['es_index_per_s']:,} docs/s"),
            (
                "Elasticsearch query p50 / p95",
                f"{figures['es_p50_ms']} / {figures['es_p95_ms']} ms",
            ),
            (
                "Elasticsearch p95 while indexing",
                f"{figures['es_p95_while_indexing_ms']} ms ({written[0]:,} docs written meanwhile)",
            ),
        ]
        es = elasticsearch.client()
        es.indices.delete(index="bench-documents-*", ignore_unavailable=True)
    SearchDocument.objects.filter(key__startswith="bench:").delete()

    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    rows.append(("machine load average (1 min, at the end)", f"{os.getloadavg()[0]:.1f}"))
    print_table("Search benchmark", rows)
    table = "| measure | value |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    record("search", figures, table)
    return 0
