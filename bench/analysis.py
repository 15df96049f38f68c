"""Benchmark the analysis: ``python -m bench analysis [--passages N] [--end-to-end [--no-ner]]``.

Without ``--end-to-end``: the DB-free stages (below). With it: a whole hearing through the
Django service (:func:`hearings.services.analysis.analyse_hearing`) into a database: a fresh
SQLite file (or the PostgreSQL database in DATABASE_URL, where the generated hearing is deleted
again afterwards), with invented responses giving about N passages; it reports seconds and
passages/s per stage and in total, and records them as ``analysis-e2e`` in docs/performance.md.
Search indexing of the passages (queued by the search app when the run is done) is run after the
analysis and reported on its own line, not inside the run's total.

Measures, in one process with one thread:

* goal classification throughput on the real labelled test passages (repeated), with evidence;
* every stage over N (default 100,000) passages of GENERATED text: passage splitting,
  classification, themes per goal, duplicate grouping and personal-data flags.

All generated text is INVENTED by this script from fixed sentence fragments and a fixed seed
(``[OPPDIKTET]`` marks every generated answer); it is not from any real consultation. It
includes campaign letters (copies with small edits), phone numbers and e-mail addresses so that
the duplicate and personal-data stages have work to do.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from bench.django_setup import setup_django

os.environ.setdefault("OMP_NUM_THREADS", "1")

INVENTED_MARK = "[OPPDIKTET]"

_OPENINGS = [
    "Vi stiller oss i utgangspunktet positive til forslaget, men",
    "Kommunen mener at",
    "Helseforetaket vil understreke at",
    "Vi meiner at",
    "Foreningen er bekymret for at",
    "Etter vår erfaring er det slik at",
    "Det er viktig at",
    "Vi saknar at",
    "Statsforvalteren ser at",
    "Som pårørende opplever jeg at",
]
_CLAIMS = [
    "ventetiden for utredning i BUP er altfor lang",
    "pasientane må vente i fleire månader på første samtale",
    "forløpskoordinatoren må få et tydelig mandat i overgangene",
    "pasientene blir kasteballer mellom kommunen og spesialisthelsetjenesten",
    "brukermedvirkning må bli reell og ikke bare symbolsk",
    "pasienten sin stemme må kome tydelegare fram i evalueringspunkta",
    "tilbudet i distriktene er dårligere enn i byene",
    "kvaliteten på hjelpa ikkje skal avhenge av postnummer",
    "somatisk helse og levevaner følges for dårlig opp",
    "røyking, kosthold og fysisk aktivitet må kartlegges ved oppstart",
    "registreringen av forløpskoder gir mye merarbeid",
    "finansieringen av forløpene ikke er avklart",
    "begrepsbruken i dokumentet bør bli mer konsekvent",
    "IKT-systemene ikke støtter uttrekk av målepunkter",
    "implementeringen bør skje trinnvis med god tid til opplæring",
    "samarbeidet med fastlegen om blodprøver og medisiner må bli bedre",
    "barn med spiseforstyrrelser får hjelp for seint",
    "pårørande må involverast tidlegare i forløpet",
    "tolketjenester må være tilgjengelige for alle pasienter",
    "epikrisen må sendes til kommunen samme dag som pasienten skrives ut",
]
_TAILS = [
    "",
    " Dette gjelder særlig for gravide med rusproblemer.",
    " Det gjeld særleg i TSB.",
    " Vi viser ellers til vedlegget.",
    " Dette bør presiseres i kap. 4, jf. pkt. 4.2.",
    " Vi ber om at dette vurderes i det videre arbeidet.",
    " Dette gjeld òg psykosebehandling.",
]
_SIGNATURES = [
    "",
    "",
    "",
    "\nMed vennlig hilsen\nKari Nordmann",
    "\nKontakt: 912 34 567",
    "\nSpørsmål kan rettes til post@eksempel.no",
    "\nHelsing\nOla Nordmann",
]
_CAMPAIGN = (
    "Vi i aksjonen for bedre psykisk helse krever at ventetiden i BUP halveres, at alle får en "
    "fast forløpskoordinator, og at tilbudet skal være like godt uansett hvor i landet man bor."
)


def generate_answers(n_passages: int, seed: int = 7) -> list[str]:
    """Invented answers until about ``n_passages`` passages (3 sentences ~ 1-2 passages)."""
    rng = random.Random(seed)
    answers: list[str] = []
    estimated = 0
    while estimated < n_passages:
        if rng.random() < 0.05:
            letter = (
                _CAMPAIGN if rng.random() < 0.7 else _CAMPAIGN.replace("halveres", "kortes ned")
            )
            answers.append(f"{INVENTED_MARK} {letter}")
            estimated += 1
            continue
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            sentences = [
                f"{rng.choice(_OPENINGS)} {rng.choice(_CLAIMS)}.{rng.choice(_TAILS)}"
                for _ in range(rng.randint(1, 3))
            ]
            paragraphs.append(" ".join(sentences))
        answers.append(f"{INVENTED_MARK} " + "\n\n".join(paragraphs) + rng.choice(_SIGNATURES))
        estimated += len(paragraphs) * 1.4
    return answers


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table, record
    from hearings.nlp.duplicates import find_duplicates
    from hearings.nlp.goal_eval import load_split
    from hearings.nlp.goals import GOALS, GoalClassifier
    from hearings.nlp.passages import split_passages
    from hearings.nlp.personal_data import find_personal_data
    from hearings.nlp.theme_names import name_occurs
    from hearings.nlp.themes import find_themes

    parser = argparse.ArgumentParser(prog="python -m bench analysis")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="run a generated hearing through the Django service and database",
    )
    parser.add_argument(
        "--no-ner",
        action="store_true",
        help="end-to-end: personal data without the pipeline's NER (rules only)",
    )
    args = parser.parse_args(argv or [])
    if args.end_to_end:
        return end_to_end(args.passages, use_ner=not args.no_ner)

    clf, load_s = _timed(GoalClassifier)
    real = [r["text"] for r in load_split("test")]
    clf.classify(real[:50])  # warm the lemma cache like a long-running worker
    reps = max(1, 5000 // len(real))
    _, real_s = _timed(clf.classify, real * reps)
    real_rate = len(real) * reps / real_s

    answers = generate_answers(args.passages)
    split, split_s = _timed(lambda: [p for a in answers for p in split_passages(a)])
    texts = [p.text for p in split][: args.passages]
    results, classify_s = _timed(lambda: list(clf.iter_classify(texts)))
    gen_rate = len(texts) / classify_s

    theme_rows = []
    themes_total = 0.0
    names: list[tuple[str, str, bool]] = []
    for goal in GOALS:
        members = [t for t, r in zip(texts, results, strict=True) if goal in r.labels]
        model, secs = _timed(find_themes, members)
        themes_total += secs
        theme_rows.append((goal, len(members), len(model.themes), secs))
        for theme in model.themes:
            written = name_occurs(theme.label, [members[i] for i in theme.members])
            names.append((goal, theme.label, written))
    dup, dup_s = _timed(find_duplicates, texts)
    flags, pd_s = _timed(lambda: [find_personal_data(t, use_ner=False) for t in texts])
    n_flags = sum(len(f) for f in flags)

    figures = {
        "classify_real_passages_per_s": round(real_rate, 1),
        "classify_generated_passages_per_s": round(gen_rate, 1),
        "model_load_s": round(load_s, 2),
        "model_version": clf.model_version,
        "generated_answers": len(answers),
        "passages": len(texts),
        "split_s": round(split_s, 2),
        "classify_s": round(classify_s, 2),
        "themes_s_total": round(themes_total, 2),
        "themes_per_goal": {
            g: {"passages": n, "themes": k, "s": round(s, 2)} for g, n, k, s in theme_rows
        },
        "theme_names_written_in_their_passages": f"{sum(w for *_, w in names)}/{len(names)}",
        "theme_names_sample": [f"{g}: {n}" for g, n, _ in names[:20]],
        "duplicates_s": round(dup_s, 2),
        "duplicate_groups": len(dup.groups),
        "largest_duplicate_group": max((g.size for g in dup.groups), default=0),
        "personal_data_s": round(pd_s, 2),
        "personal_data_flags": n_flags,
        "goal_target_met": real_rate >= 500 and gen_rate >= 500,
    }
    rows = [
        ("classification, real test passages", f"{real_rate:,.0f} passages/s"),
        ("classification, generated passages", f"{gen_rate:,.0f} passages/s"),
        ("model load", f"{load_s:.2f} s"),
        (f"split {len(answers):,} invented answers", f"{split_s:.2f} s"),
        (f"classify {len(texts):,} passages", f"{classify_s:.2f} s"),
        *[
            (f"themes {g} ({n:,} passages -> {k} themes)", f"{s:.2f} s")
            for g, n, k, s in theme_rows
        ],
        ("theme names written in their passages", f"{sum(w for *_, w in names)}/{len(names)}"),
        (f"duplicates ({len(dup.groups)} groups)", f"{dup_s:.2f} s"),
        (f"personal data ({n_flags:,} flags)", f"{pd_s:.2f} s"),
    ]
    print_table(
        "Analysis benchmark (one process, OMP_NUM_THREADS=1; generated text is invented)", rows
    )
    table = "| stage | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    table += (
        "\n\nGenerated passages are invented by `bench/analysis.py` from fixed fragments "
        "(marked `[OPPDIKTET]`); real-text throughput uses the labelled test split."
    )
    record("analysis", figures, table)
    return 0


# -- end to end through Django and the database ----------------------------------------------


def _make_hearing(n_passages: int) -> tuple[object, int, int]:
    """An invented hearing whose responses split into about ``n_passages`` passages."""
    from django.utils import timezone

    from bench.django_setup import bench_hearing
    from hearings.models import Answer, Response
    from hearings.nlp.passages import split_passages

    hearing = bench_hearing(title=f"{INVENTED_MARK} Ytelsestest", slug_prefix="bench")
    questions = list(hearing.questions.order_by("sort_order"))
    answers = generate_answers(int(n_passages * 1.1))
    categories = ["bruker", "kommune", "helseforetak", "profesjon", "privatperson", "annet"]
    now = timezone.now()
    responses, texts, total = [], [], 0
    position = 0
    while total < n_passages and position < len(answers):
        # a campaign letter is a response of its own; other answers come four to a response
        if _CAMPAIGN[:40] in answers[position]:
            chunk = answers[position : position + 1]
        else:
            chunk = []
            while position + len(chunk) < len(answers) and len(chunk) < len(questions):
                if _CAMPAIGN[:40] in answers[position + len(chunk)]:
                    break
                chunk.append(answers[position + len(chunk)])
        position += len(chunk)
        number = len(responses)
        responses.append(
            Response(
                hearing=hearing,
                reference=f"B{number:09d}",
                status="submitted",
                respondent_kind="organisasjon",
                organisation_name=f"{INVENTED_MARK} Virksomhet {number}",
                category=categories[number % len(categories)],
                publication_choice="full",
                updated_at=now,
                submitted_at=now,
                is_demo=True,
            )
        )
        texts.append(chunk)
        total += sum(len(split_passages(t)) for t in chunk)
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(
        [
            Answer(response=r, question=q, stance="delvis", text=t)
            for r, chunk in zip(responses, texts, strict=True)
            for q, t in zip(questions, chunk, strict=False)
        ],
        batch_size=2000,
    )
    return hearing, len(responses), total


def analyse_then_index(hearing, engine):
    """Analyse ``hearing`` as a worker would, then run the search indexing it queued, timed apart.

    Search indexing is not part of the analysis: a finished run only ENQUEUES
    index_hearing_passages (search/signals.py). With the in-process "immediate" backend that task
    would run inside analyse_hearing's wall time, so the run gets a queue that only records (as
    the database queue in production does), and the recorded task is then run on its own.

    Returns (run, stage marks, analysis wall s, analysis CPU s, indexing s or None if not queued);
    ``marks["_start"]`` holds the start time, the others each stage's first and last progress.
    """
    from django.test.utils import override_settings
    from django_tasks import default_task_backend

    from hearings.services import analysis as service

    marks: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        marks.setdefault(stage, [now, now])[1] = now

    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        started, cpu_started = time.perf_counter(), time.process_time()
        marks["_start"] = [started, started]
        run = service.analyse_hearing(hearing, progress=progress, engine=engine)
        total_s = time.perf_counter() - started
        cpu_s = time.process_time() - cpu_started
        queued = [
            r for r in default_task_backend.results if r.task.name == "index_hearing_passages"
        ]
    index_s = None
    if queued:
        _, index_s = _timed(queued[0].task.call, *queued[0].args, **queued[0].kwargs)
    return run, marks, total_s, cpu_s, index_s


def end_to_end(n_passages: int, use_ner: bool = True) -> int:
    vendor = setup_django("analysis")
    from django.conf import settings

    from bench.report import print_table, record
    from hearings.models import DuplicateGroup, GoalLabel, Passage, PersonalDataFlag, Theme
    from hearings.services import analysis as service

    settings.ANALYSIS_PERSONAL_DATA_NER = use_ner
    (hearing, n_responses, expected), make_s = _timed(_make_hearing, n_passages)
    engine, load_s = _timed(service.analysis_engine)
    run, marks, total_s, cpu_s, index_s = analyse_then_index(hearing, engine)
    # after the last stage: marking the run done (the search task is only queued)
    finish_s = total_s - (marks[service.STAGE_DUPLICATES][1] - marks["_start"][0])
    queued = index_s is not None
    index_s = index_s or 0.0
    passages = Passage.objects.filter(hearing=hearing).count()
    stage_s = {stage: end - begin for stage, (begin, end) in marks.items()}
    # themes start when the last response batch is done; duplicates when themes are done
    themes_s = marks[service.STAGE_THEMES][1] - marks[service.STAGE_PASSAGES][1]
    duplicates_s = marks[service.STAGE_DUPLICATES][1] - marks[service.STAGE_THEMES][1]
    steps = {k: round(v, 2) for k, v in engine.timings.items()}
    figures = {
        "database": vendor,
        "responses": n_responses,
        "passages": passages,
        "labels": GoalLabel.objects.filter(passage__hearing=hearing).count(),
        "themes": Theme.objects.filter(hearing=hearing, is_other=False).count(),
        "duplicate_groups": DuplicateGroup.objects.filter(hearing=hearing).count(),
        "personal_data_flags": PersonalDataFlag.objects.filter(response__hearing=hearing).count(),
        "ner": use_ner,
        "pipeline_version": run.pipeline_version,
        "model_version": run.model_version,
        "generate_hearing_s": round(make_s, 1),
        "engine_load_s": round(load_s, 2),
        "responses_stage_s": round(stage_s.get(service.STAGE_PASSAGES, 0.0), 1),
        "steps_s": steps,
        "themes_s": round(themes_s, 1),
        "duplicates_s": round(duplicates_s, 1),
        "finish_run_s": round(finish_s, 1),
        "search_index_queued": bool(queued),
        "search_index_s_separate": round(index_s, 1),
        "total_s": round(total_s, 1),
        # CPU seconds of this process: on a shared, loaded machine wall time can be several times more
        "cpu_s": round(cpu_s, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "passages_per_s_total": round(passages / total_s, 1),
        "classify_passages_per_s": round(
            passages / max(engine.timings.get("classify", 0), 1e-9), 1
        ),
        "target_met": total_s <= 600 * passages / 100_000
        and passages / max(engine.timings.get("classify", 0), 1e-9) >= 500,
    }

    def rate(seconds: float) -> str:
        return f"{seconds:,.1f} s ({passages / seconds:,.0f} passages/s)" if seconds else "-"

    rows = [
        ("database", vendor),
        ("responses / passages", f"{n_responses:,} / {passages:,}"),
        ("personal data", "rules + pipeline NER" if use_ner else "rules only (no NER)"),
        ("load responses", rate(engine.timings.get("load", 0))),
        ("split into passages", rate(engine.timings.get("split", 0))),
        ("classify goals", rate(engine.timings.get("classify", 0))),
        ("personal data", rate(engine.timings.get("personal_data", 0))),
        ("store (bulk writes)", rate(engine.timings.get("store", 0))),
        ("themes, five goals", rate(themes_s)),
        ("duplicates", rate(duplicates_s)),
        ("finish run (search indexing only queued)", rate(finish_s)),
        ("total analyse_hearing", rate(total_s)),
        ("search indexing of the passages (queued task, run after; not analysis)", rate(index_s)),
        ("CPU time of the run (this process)", rate(cpu_s)),
        ("machine load average (1 min, 2 cores)", f"{os.getloadavg()[0]:.1f}"),
    ]
    print_table(f"End-to-end analysis of an invented hearing ({vendor})", rows)
    table = "| stage | time (throughput) |\n|---|---|\n" + "\n".join(
        f"| {a} | {b} |" for a, b in rows
    )
    table += (
        "\n\nGenerated by `python -m bench analysis --end-to-end --passages N`; all "
        "responses are invented (`[OPPDIKTET]`)."
    )
    record("analysis-e2e" if use_ner else "analysis-e2e-no-ner", figures, table)
    if vendor != "sqlite":  # leave a shared database as it was
        from hearings.models import Response

        Response.objects.filter(hearing=hearing).delete()
        hearing.delete()
    return 0
