"""``manage.py evaluate_goals``: goal classification scores on the fixed test split.

Prints per-goal precision/recall/F1 and macro-F1 for the keyword baseline, the TF-IDF +
logistic-regression baseline and the shipped classifier, computed in the same run; the last
line is one JSON object. Logic: :mod:`hearings.nlp.goal_eval` (no Django needed).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from hearings.nlp.goal_eval import evaluate_all, format_table


class Command(BaseCommand):
    help = "Evaluate goal classification (two baselines + shipped model) on the fixed test split."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def handle(self, *args, **options):
        report = evaluate_all()
        self.stdout.write(format_table(report))
        self.stdout.write(json.dumps(report, ensure_ascii=False))
