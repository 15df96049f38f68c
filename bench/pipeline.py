"""Throughput of the shipped Norwegian pipeline: words per second with ``nlp.pipe``.

Why: consultation analysis runs every response through the full pipeline (tagging, lemmas,
parse, entities), so its speed bounds how fast a hearing can be analysed. One process, the
thread settings of the caller, a realistic mixed bokmål/nynorsk consultation-style text.
"""

from __future__ import annotations

import argparse
import time

from bench.report import print_table, record
from hearings.nlp.pipeline import load_pipeline, pipeline_info

PARAGRAPHS = [
    "Vi støtter i hovedsak forslaget til pakkeforløp for psykiske lidelser hos barn og unge, "
    "men ventetidene i Helse Sør-Øst er fortsatt for lange. Fastlegen må få en tydeligere rolle "
    "i koordineringen, og kommunen bør sikre at pasienten får et tilbud innen fire uker.",
    "Norsk Psykologforening mener at evalueringen av forløpet bør gjøres av et uavhengig "
    "fagmiljø. Erfaringene fra Oslo universitetssykehus viser at brukermedvirkning krever tid, "
    "og at pårørende må involveres tidligere enn i dag.",
    "Vi meiner at forløpstida i tverrfagleg spesialisert rusbehandling må bli kortare. "
    "Helse Vest har gode erfaringar med felles inntaksteam, og Kari Nordmann frå "
    "brukarorganisasjonen peikar på at samhandlinga med kommunane framleis er for svak.",
    "Høyringa frå Helsedirektoratet seier at pasientane skal få vite kven som er "
    "forløpskoordinator. Det er viktig at tenestene i Bergen kommune og ved Haukeland "
    "universitetssjukehus blir samordna, særleg for unge med samtidig rus og psykisk liding.",
    "Direktoratet foreslår at kartleggingen skal omfatte somatisk helse, levevaner og "
    "sosiale forhold. Flere høringsinstanser påpeker at dette krever mer ressurser, og "
    "Legeforeningen advarer mot økt rapportering uten at kvaliteten i behandlingen bedres.",
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pipeline")
    parser.add_argument("--words", type=int, default=60_000, help="approximate words to parse")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)

    nlp = load_pipeline()
    info = pipeline_info()
    words_per_round = sum(len(nlp.make_doc(p)) for p in PARAGRAPHS)
    rounds = max(1, args.words // words_per_round)
    texts = PARAGRAPHS * rounds
    list(nlp.pipe(PARAGRAPHS))  # warm-up

    def timed(disable: tuple[str, ...] = ()) -> tuple[int, float]:
        with nlp.select_pipes(disable=[name for name in disable if name in nlp.pipe_names]):
            started = time.perf_counter()
            words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
            return words, time.perf_counter() - started

    words, elapsed = timed()
    wps = round(words / elapsed)
    # The lemma tables' cost as a ratio in the same run: two rounds without them interleaved
    # with a second full round; the better round of each is compared (the machine is noisy).
    without = None
    if "lemma_lookup" in nlp.pipe_names:
        without = timed(("lemma_lookup",))[1]
        elapsed = min(elapsed, timed()[1])
        without = min(without, timed(("lemma_lookup",))[1])
        wps = round(words / elapsed)
    figures = {
        "pipeline": info["name"],
        "version": info["version"],
        "fallback": info["fallback"],
        "components": list(nlp.pipe_names),
        "texts": len(texts),
        "words": words,
        "seconds": round(elapsed, 2),
        "words_per_second": wps,
        "goal_words_per_second": 8000,
        "lemma_tables_time_ratio": round(elapsed / without, 3) if without else None,
    }
    rows = [
        ("pipeline", f"{info['name']} {info['version']}" + (" (FALLBACK)" * info["fallback"])),
        ("components", ", ".join(nlp.pipe_names)),
        ("texts / words", f"{len(texts)} / {words}"),
        ("batch size", args.batch_size),
        ("seconds", f"{elapsed:.2f}"),
        ("words/s", f"{wps} (goal ≥ 8000)"),
    ]
    if without:
        rows.append(("time with / without lemma tables", f"{elapsed / without:.3f}"))
    print_table("NLP pipeline throughput (nlp.pipe, one process)", rows)
    table = "| measure | value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
    record("pipeline", figures, table)
    return 0
