"""``manage.py evaluate_names --data DIR``: how many person names the screening finds on NorNE.

Why a thin wrapper: the counting lives in :mod:`hearings.nlp.name_eval`, without Django; this
command runs the screening as answers get it (rules, name list and the configured pipeline's
NER) and prints a table and, as its last line, JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hearings.nlp.name_eval import (
    DOCUMENT_SENTENCES,
    TARGET_PRECISION,
    TARGET_RECALL,
    evaluate_names,
)
from hearings.nlp.personal_data import find_personal_data_many


def _person_spans(texts: list[str]):
    for flags in find_personal_data_many(texts):
        yield [(f.start, f.end) for f in flags if f.kind == "person_name"]


class Command(BaseCommand):
    help = "Person-name recall and precision of the personal-data screening on NorNE."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", required=True, help="the norwegian-ud folder (holds norne/ud/{nob,nno}/)"
        )
        parser.add_argument(
            "--split", action="append", choices=["dev", "test"], help="default: test"
        )

    def handle(self, *args, **options):
        data = Path(options["data"])
        if not (data / "norne" / "ud").is_dir():
            raise CommandError(f"{data} has no norne/ud/ folder")
        results = evaluate_names(data, _person_spans, splits=options["split"] or ["test"])
        self.stdout.write(
            f"target: recall ≥ {TARGET_RECALL}, precision ≥ {TARGET_PRECISION}, judged on "
            f"documents of {DOCUMENT_SENTENCES} consecutive sentences (rows without a suffix); "
            "rows ending in _sentences screen each sentence on its own; dev_heldout rows are the "
            "quarter of dev the pipeline's NER did not train on"
        )
        self.stdout.write(f"{'set':<26} {'recall':>7} {'precision':>9} {'names':>6} {'words/s':>8}")
        for name, row in results.items():
            self.stdout.write(
                f"{name:<26} {row['recall']:>7.3f} {row['precision']:>9.3f} "
                f"{row['gold_names']:>6} {row['words_per_s'] or 0:>8}"
            )
        self.stdout.write(json.dumps(results, ensure_ascii=False))
