"""Benchmark the review workspace's reads: ``python -m bench review [--passages N]``.

Builds an INVENTED hearing (``[OPPDIKTET]``) with N passages (default 100,000) written straight
into the analysis tables (machine goals, themes, stances, duplicate groups), then times each
overview selector and a filtered, paginated passage list, as the admin screens call them. The
goal is under one second each on PostgreSQL (set DATABASE_URL; ``bash .ci/postgres.sh`` starts
a local server); without DATABASE_URL it runs on a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from bench.django_setup import setup_django

INVENTED_MARK = "[OPPDIKTET]"
GOAL_WEIGHTS = {"G1": 0.35, "G2": 0.3, "G3": 0.4, "G4": 0.2, "G5": 0.15}
CATEGORIES = ["bruker", "kommune", "helseforetak", "profesjon", "privatperson", "annet", "statlig"]
STANCES = ["ja", "delvis", "nei", "vet_ikke"]
WORDS = [
    "ventetid",
    "brukermedvirkning",
    "forløpskoordinator",
    "somatisk",
    "distrikt",
    "pårørende",
    "evaluering",
    "målepunkt",
    "kommune",
    "overgang",
    "rus",
    "utredning",
    "levevaner",
]


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def _hearing():
    from bench.django_setup import bench_hearing

    return bench_hearing(
        title=f"{INVENTED_MARK} Ytelsestest av innspillsanalysen", slug_prefix="bench-review"
    )


def build(n_passages: int, seed: int = 7):
    """Write the invented hearing; four passages per response, one per question."""
    from datetime import timedelta

    from django.utils import timezone

    from hearings.models import (
        Answer,
        DuplicateGroup,
        GoalLabel,
        Passage,
        PassageTheme,
        Response,
        ResponseAnalysis,
        Theme,
        ThemeSet,
    )

    rng = random.Random(seed)
    hearing = _hearing()
    questions = list(hearing.questions.order_by("sort_order"))
    n_responses = max(1, n_passages // len(questions))
    now = timezone.now()
    responses = [
        Response(
            hearing=hearing,
            reference=f"RV{hearing.pk}-{i:07d}",
            status="submitted",
            respondent_kind="organisasjon",
            organisation_name=f"{INVENTED_MARK} Virksomhet {i}",
            category=CATEGORIES[i % len(CATEGORIES)],
            publication_choice="full",
            review_status="approved" if i % 3 else "pending",
            updated_at=now,
            submitted_at=now - timedelta(days=i % 40, minutes=i % 600),
            is_demo=True,
        )
        for i in range(n_responses)
    ]
    Response.objects.bulk_create(responses, batch_size=5000)
    groups = DuplicateGroup.objects.bulk_create(
        [
            DuplicateGroup(hearing=hearing, key=f"g{i}", kind="exact", size=5)
            for i in range(n_responses // 50)
        ]
    )
    ResponseAnalysis.objects.bulk_create(
        [
            ResponseAnalysis(
                response=r,
                text_hash=str(i),
                analysed_at=now,
                duplicate_group=groups[i % len(groups)] if groups and i % 10 == 0 else None,
            )
            for i, r in enumerate(responses)
        ],
        batch_size=5000,
    )
    answers = [
        Answer(
            response=r,
            question=q,
            stance=rng.choice(STANCES),
            text=f"{INVENTED_MARK} svar {q.code}",
        )
        for r in responses
        for q in questions
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    themes = {}
    for goal in GOAL_WEIGHTS:
        theme_set = ThemeSet.objects.create(hearing=hearing, goal=goal)
        themes[goal] = Theme.objects.bulk_create(
            [
                Theme(
                    theme_set=theme_set,
                    hearing=hearing,
                    goal=goal,
                    key=f"{goal}-{k}",
                    label=f"{WORDS[k]} ({goal})",
                    terms=[WORDS[k]],
                )
                for k in range(8)
            ]
        )
    categories = {r.pk: r.category for r in responses}
    passages = []
    for answer in answers:
        passages.append(
            Passage(
                hearing=hearing,
                response_id=answer.response_id,
                source="answer",
                source_id=answer.pk,
                index=0,
                start=0,
                end=10,
                text=f"{INVENTED_MARK} {rng.choice(WORDS)} og {rng.choice(WORDS)}",
                question_id=answer.question_id,
                category=categories[answer.response_id],
                stance=answer.stance,
                confidence=round(rng.random(), 3),
            )
        )
    Passage.objects.bulk_create(passages, batch_size=5000)
    labels, links = [], []
    for p in passages:
        for goal, weight in GOAL_WEIGHTS.items():
            if rng.random() < weight:
                labels.append(GoalLabel(passage=p, goal=goal, source="machine", score=0.8))
                links.append(
                    PassageTheme(
                        passage=p,
                        theme=rng.choice(themes[goal]),
                        goal=goal,
                        source="machine",
                        similarity=rng.random(),
                    )
                )
    GoalLabel.objects.bulk_create(labels, batch_size=5000)
    PassageTheme.objects.bulk_create(links, batch_size=5000)
    return hearing, len(passages), len(labels)


def index_passages(hearing, batch: int = 2000) -> int:
    """Put the hearing's passages in the search index, as the analysis run's signal would."""
    from hearings.models import Passage
    from search.documents import passage_documents_batch
    from search.indexing import save_documents

    ids = list(Passage.objects.filter(hearing=hearing).values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        save_documents(passage_documents_batch(ids[start : start + batch]))
    return len(ids)


def _reviewer():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username="bench-reviewer", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


#: The filters of the benchmarked list; TEXT_QUERY is inflected ("ventetid" in the texts) so
#: it only matches through the search service's lemmas.
LIST_FILTERS = {"goal": "G3", "category": "kommune", "confidence": "lav"}
TEXT_QUERY = "ventetider"


def measure(hearing) -> list[tuple[str, float]]:
    from django.core.paginator import Paginator

    from hearings.review import selectors

    user = _reviewer()

    def listed(filters):
        qs = selectors.passages_filtered(hearing=hearing, filters=filters, user=user)
        page = Paginator(qs.select_related("response", "question"), 50).get_page(1)
        return selectors.passage_list_rows(passages=list(page.object_list)), page.paginator.count

    def filtered_list():
        return listed(LIST_FILTERS)

    def text_search():
        # The lazy id query is evaluated here so its cost shows on its own line.
        matches = selectors.passage_text_matches(query=TEXT_QUERY, user=user, hearing_id=hearing.pk)
        return len(list(matches.ids))

    def filtered_list_with_text():
        return listed({**LIST_FILTERS, "q": TEXT_QUERY})

    def queue_page():
        page = Paginator(selectors.review_queue(hearing=hearing), 50).get_page(1)
        return selectors.passage_list_rows(passages=list(page.object_list)), page.paginator.count

    cases = [
        ("responses per day", lambda: selectors.response_counts_by_day(hearing=hearing)),
        ("responses per category", lambda: selectors.response_counts_by_category(hearing=hearing)),
        ("stance per question", lambda: selectors.stance_counts(hearing=hearing)),
        ("goal × question matrix", lambda: selectors.goal_question_matrix(hearing=hearing)),
        ("review progress", lambda: selectors.review_progress(hearing=hearing)),
        ("goal view (G3 themes)", lambda: selectors.goal_themes(hearing=hearing, goal="G3")),
        (
            "stance by category (G3)",
            lambda: selectors.goal_stance_by_category(hearing=hearing, goal="G3"),
        ),
        ("filtered passage list, page 1", filtered_list),
        (f"text search via search service ({TEXT_QUERY!r})", text_search),
        ("filtered passage list + text search, page 1", filtered_list_with_text),
        ("review queue, page 1", queue_page),
    ]
    results = []
    for label, fn in cases:
        fn()  # warm caches once, as a second page view would
        _result, seconds = _timed(fn)
        results.append((label, seconds))
    overview = sum(s for label, s in results[:5])
    results.insert(5, ("overview page total (5 selectors)", overview))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench review")
    parser.add_argument("--passages", type=int, default=100_000)
    args = parser.parse_args(argv or [])
    vendor = setup_django("review")
    from bench.report import print_table, record
    from search.service import active_backend

    (hearing, n_passages, n_labels), build_s = _timed(build, args.passages)
    _indexed, index_s = _timed(index_passages, hearing)
    from django.db import connection

    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    results = measure(hearing)
    rows = [
        ("database", vendor),
        ("passages", n_passages),
        ("goal labels", n_labels),
        ("build (s)", f"{build_s:.1f}"),
        ("search indexing (s)", f"{index_s:.1f}"),
        ("load average (1 min)", f"{os.getloadavg()[0]:.1f}"),
    ]
    from hearings.review.selectors import passage_text_matches

    matches = passage_text_matches(query=TEXT_QUERY, user=_reviewer(), hearing_id=hearing.pk)
    text_hits = len(list(matches.ids))
    rows += [("text search hits in the hearing", f"{text_hits:,}")]
    rows += [(label, f"{seconds * 1000:.0f} ms") for label, seconds in results]
    print_table("Review workspace reads", rows)
    slowest = max(s for label, s in results if not label.startswith("overview page"))
    table = "| read | time |\n|---|---|\n" + "\n".join(
        f"| {label} | {seconds * 1000:.0f} ms |" for label, seconds in results
    )
    table = (
        f"{n_passages:,} invented passages, {n_labels:,} goal labels, database: {vendor}, "
        f"search backend: {active_backend()}, load average (1 min) {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores. Text search {TEXT_QUERY!r}: {text_hits:,} passages of the "
        "hearing match. Goal: each read under 1 s.\n\n" + table
    )
    figures = {
        "database": vendor,
        "passages": n_passages,
        "goal_labels": n_labels,
        **{label: round(seconds, 4) for label, seconds in results},
        "slowest_s": round(slowest, 4),
        "search_backend": active_backend(),
        "text_hits": text_hits,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "under_1s": slowest < 1.0,
    }
    record("review", figures, table)
    return 0
