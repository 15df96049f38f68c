"""``manage.py evaluate_pipeline --data DIR``: score the shipped NLP pipeline on NorNE UD test.

Why a thin wrapper: the logic lives in :mod:`hearings.nlp.pipeline_eval` so it can run
without Django; this command only loads the application's pipeline and prints the results.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hearings.nlp.pipeline import load_pipeline, pipeline_info
from hearings.nlp.pipeline_eval import evaluate, format_table


class Command(BaseCommand):
    help = "Evaluate the NLP pipeline on the NorNE UD test sets (bokmål and nynorsk)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", required=True, help="the norwegian-ud folder (holds norne/ud/{nob,nno}/)"
        )

    def handle(self, *args, **options):
        data = Path(options["data"])
        if not (data / "norne" / "ud").is_dir():
            raise CommandError(f"{data} has no norne/ud/ folder")
        nlp = load_pipeline()
        info = pipeline_info()
        self.stdout.write(
            f"Pipeline {info['name']} {info['version']}"
            + (" (FALLBACK)" if info["fallback"] else "")
        )
        results = evaluate(nlp, data)
        self.stdout.write(format_table(results))
        self.stdout.write(json.dumps(results, ensure_ascii=False))
