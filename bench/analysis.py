"""Benchmark the DB-free analysis stages: ``python -m bench analysis [--passages N]``.

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
    "", " Dette gjelder særlig for gravide med rusproblemer.", " Det gjeld særleg i TSB.",
    " Vi viser ellers til vedlegget.", " Dette bør presiseres i kap. 4, jf. pkt. 4.2.",
    " Vi ber om at dette vurderes i det videre arbeidet.", " Dette gjeld òg psykosebehandling.",
]
_SIGNATURES = ["", "", "", "\nMed vennlig hilsen\nKari Nordmann", "\nKontakt: 912 34 567",
               "\nSpørsmål kan rettes til post@eksempel.no", "\nHelsing\nOla Nordmann"]
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
            letter = _CAMPAIGN if rng.random() < 0.7 else _CAMPAIGN.replace("halveres", "kortes ned")
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
    from hearings.analysis.duplicates import find_duplicates
    from hearings.analysis.goal_eval import load_split
    from hearings.analysis.goals import GOALS, GoalClassifier
    from hearings.analysis.passages import split_passages
    from hearings.analysis.personal_data import find_personal_data
    from hearings.analysis.themes import find_themes

    parser = argparse.ArgumentParser(prog="python -m bench analysis")
    parser.add_argument("--passages", type=int, default=100_000)
    args = parser.parse_args(argv or [])

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
    for goal in GOALS:
        members = [t for t, r in zip(texts, results, strict=True) if goal in r.labels]
        model, secs = _timed(find_themes, members)
        themes_total += secs
        theme_rows.append((goal, len(members), len(model.themes), secs))
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
        "themes_per_goal": {g: {"passages": n, "themes": k, "s": round(s, 2)}
                            for g, n, k, s in theme_rows},
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
        *[(f"themes {g} ({n:,} passages -> {k} themes)", f"{s:.2f} s")
          for g, n, k, s in theme_rows],
        (f"duplicates ({len(dup.groups)} groups)", f"{dup_s:.2f} s"),
        (f"personal data ({n_flags:,} flags)", f"{pd_s:.2f} s"),
    ]
    print_table("Analysis benchmark (one process, OMP_NUM_THREADS=1; generated text is invented)",
                rows)
    table = "| stage | result |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
    table += ("\n\nGenerated passages are invented by `bench/analysis.py` from fixed fragments "
              "(marked `[OPPDIKTET]`); real-text throughput uses the labelled test split.")
    record("analysis", figures, table)
    return 0
