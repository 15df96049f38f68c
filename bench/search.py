"""Benchmark search: ``python -m bench search [--sizes 100000,1000000 | --passages N]``.

For each size in turn (ascending), INVENTED staff passage documents are added through the real
analysis and indexing code (``search.analysis`` + ``search.indexing``) to the database index, one
generator throughout, so a larger size continues where the smaller one stopped. At each size the
same queries (with facets) are timed on the database backend; when ELASTICSEARCH_URL is set, the
Elasticsearch index is then rebuilt from the database copy (new index + alias switch) and the
queries are timed alone, and again while a separate writer process keeps indexing new documents
into Elasticsearch in batches of 500. PostgreSQL when DATABASE_URL is set, otherwise a throwaway
SQLite file. The bench documents (``bench:`` rows, ``bench-documents-*`` indices) are removed
afterwards, also when the run fails.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
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
WRITER_BATCH = 500
LOAD_SECONDS = 30  # shortest query window under indexing load, so the write rate means something


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


def _use_bench_index() -> None:
    """Send Elasticsearch reads and writes to the bench's own alias, ``bench-documents``."""
    from django.conf import settings

    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = "bench"


def _remove_bench_documents() -> None:
    from django.conf import settings

    from search.models import SearchDocument

    # A raw delete: a sender-less post_delete receiver (search.signals) would otherwise make
    # Django load and signal every one of up to a million rows.
    rows = SearchDocument.objects.filter(key__startswith="bench:")
    rows._raw_delete(rows.db)
    if settings.ELASTICSEARCH_URL:
        from search.backends import elasticsearch

        elasticsearch.client().indices.delete(index="bench-documents-*", ignore_unavailable=True)
        elasticsearch.forget_alias()


def _index_database(rng: random.Random, start: int, stop: int, batch: int = 2000) -> float:
    from search.indexing import save_documents

    began = time.perf_counter()
    for offset in range(start, stop, batch):
        save_documents(dict(_document(i, rng) for i in range(offset, min(offset + batch, stop))))
    return time.perf_counter() - began


def _latencies(search, rounds: int) -> list[float]:
    from search.backends.base import STAFF_FACETS, SearchQuery

    timings = []
    for _ in range(rounds):
        for text in QUERIES:
            query = SearchQuery(text=text, audience="staff", facet_names=STAFF_FACETS, per_page=20)
            began = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - began) * 1000)
    return timings


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _percentiles(prefix: str, timings: list[float]) -> dict:
    return {
        f"{prefix}_p50_ms": round(statistics.median(timings), 1),
        f"{prefix}_p95_ms": round(_p(timings, 0.95), 1),
    }


def _keep_indexing(first: int, ready, stop, written) -> None:
    """Writer process: index new documents into Elasticsearch, 500 a request, until stopped."""
    setup_django("search-writer")
    _use_bench_index()
    from search.backends import elasticsearch

    rng = random.Random(99)
    i = first
    while not stop.is_set():
        elasticsearch.write(dict(_document(j, rng) for j in range(i, i + WRITER_BATCH)))
        i += WRITER_BATCH
        written.value += WRITER_BATCH  # the only writer of this counter
        ready.set()  # after the first batch: the window measures a writer in full swing


def _while_indexing(first: int, rounds: int) -> tuple[list[float], float]:
    """Query latencies while another process keeps indexing, and that process's docs/s."""
    from search.backends import elasticsearch

    spawn = multiprocessing.get_context("spawn")
    ready, stop, written = spawn.Event(), spawn.Event(), spawn.Value("q", 0)
    writer = spawn.Process(target=_keep_indexing, args=(first, ready, stop, written), daemon=True)
    writer.start()
    try:
        while not ready.wait(1):
            if not writer.is_alive():
                raise RuntimeError(f"the writer process failed (exit code {writer.exitcode})")
        began, before = time.perf_counter(), written.value
        timings = _latencies(elasticsearch.search, rounds)
        while time.perf_counter() - began < LOAD_SECONDS:
            timings += _latencies(elasticsearch.search, 1)
        rate = (written.value - before) / (time.perf_counter() - began)
        if not writer.is_alive():
            raise RuntimeError(f"the writer process failed (exit code {writer.exitcode})")
    finally:
        stop.set()
        writer.join(timeout=120)
        if writer.is_alive():
            writer.terminate()
    return timings, rate


def _measure(n: int, added: int, seconds: float, rounds: int) -> dict:
    from django.conf import settings

    from search.backends import database

    result = {"db_index_per_s": round(added / seconds)}
    result |= _percentiles("db", _latencies(database.search, rounds))
    if settings.ELASTICSEARCH_URL:
        from search import indexing
        from search.backends import elasticsearch
        from search.models import SearchDocument

        began = time.perf_counter()
        indexing.rebuild_elasticsearch()
        rebuild = time.perf_counter() - began
        result["es_rebuild_s"] = round(rebuild, 1)
        result["es_index_per_s"] = round(SearchDocument.objects.count() / rebuild)
        _latencies(elasticsearch.search, 1)  # warm caches
        result |= _percentiles("es", _latencies(elasticsearch.search, rounds))
        loaded, rate = _while_indexing(n, rounds)
        result |= _percentiles("es_loaded", loaded)
        result["es_loaded_queries"] = len(loaded)
        result["es_loaded_write_per_s"] = round(rate)
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    return result


def _table(vendor: str, sizes: list[int], figures: dict) -> list[tuple[str, list[str]]]:
    columns = [figures["sizes"][str(n)] for n in sizes]
    rows = [
        (
            f"{vendor} indexing (analyse + write; documents added for this size)",
            "{db_index_per_s:,} docs/s",
        ),
        (f"{vendor} query p50 / p95", "{db_p50_ms} / {db_p95_ms} ms"),
    ]
    if "es_rebuild_s" in columns[0]:
        rows += [
            ("Elasticsearch full rebuild (new index + alias)", "{es_rebuild_s:,} s"),
            ("Elasticsearch indexing during rebuild", "{es_index_per_s:,} docs/s"),
            ("Elasticsearch query p50 / p95", "{es_p50_ms} / {es_p95_ms} ms"),
            (
                "Elasticsearch query p50 / p95 while indexing continues",
                "{es_loaded_p50_ms} / {es_loaded_p95_ms} ms ({es_loaded_queries} queries)",
            ),
            (
                "Elasticsearch docs/s written meanwhile (writer process)",
                "{es_loaded_write_per_s:,}",
            ),
        ]
    rows.append(("machine load average (1 min, after the size)", "{load_average_1min}"))
    return [(label, [form.format(**column) for column in columns]) for label, form in rows]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench search")
    parser.add_argument(
        "--sizes", default="100000", help="passage counts, ascending: 100000,1000000"
    )
    parser.add_argument("--passages", type=int, help="one size (same as --sizes N)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [args.passages] if args.passages else [int(s) for s in args.sizes.split(",")]
    if sizes != sorted(set(sizes)) or sizes[0] <= 0:
        parser.error("--sizes must be positive and ascending")
    vendor = setup_django("search")
    from django.conf import settings

    from bench.report import print_table, record

    if settings.ELASTICSEARCH_URL:
        _use_bench_index()
    start_load = round(os.getloadavg()[0], 2)
    figures: dict = {"database": vendor, "load_average_1min_start": start_load, "sizes": {}}
    _remove_bench_documents()
    try:
        rng, done = random.Random(1), 0
        for n in sizes:
            seconds = _index_database(rng, done, n)
            figures["sizes"][str(n)] = _measure(n, n - done, seconds, args.rounds)
            done = n
    finally:
        _remove_bench_documents()

    rows = _table(vendor, sizes, figures)
    print_table("Search benchmark", [(label, "  |  ".join(cells)) for label, cells in rows])
    header = " | ".join(f"{n:,} passages" for n in sizes)
    table = f"| measure | {header} |\n|---|{'---|' * len(sizes)}\n" + "\n".join(
        f"| {label} | {' | '.join(cells)} |" for label, cells in rows
    )
    note = (
        f"{vendor}; load average (1 min) at the start {figures['load_average_1min_start']}; "
        f"{args.rounds} rounds of {len(QUERIES)} staff queries with six facets per measurement"
        f"; Elasticsearch refresh interval {settings.SEARCH_INDEX_REFRESH_INTERVAL}."
    )
    record("search", figures, note + "\n\n" + table)
    return 0
