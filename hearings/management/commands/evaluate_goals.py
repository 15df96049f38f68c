"""``manage.py evaluate_goals [--real FOLDER]``: how well goals are found, measured honestly.

Without ``--real``: per-goal precision/recall/F1 and macro-F1 on the fixed invented test split for
the keyword baseline, the TF-IDF + logistic-regression baseline and the shipped classifier.

With ``--real FOLDER`` (labelled real passages, kept outside the repository): the shipped recipe
in nested 5-fold cross-validation grouped by source page, next to the keyword baseline, TF-IDF +
logistic regression, the recipe trained without the real set and the previous model; per written
standard, calibration per goal, confidence bands and a learning curve; and the question reader's
P/R/F1 per hearing question on the passages that carry a ``question`` label (``questions`` in
the JSON; all passages and the keyword baseline under ``details.questions``). The last line is
one JSON object. Logic: :mod:`hearings.nlp.goal_eval`, :mod:`hearings.nlp.goal_training` and
:mod:`hearings.nlp.question_training`.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hearings.nlp.goal_eval import evaluate_all, format_table
from hearings.nlp.goal_training import evaluate_real
from hearings.nlp.goals import GOALS
from hearings.nlp.question_training import evaluate_real_questions
from hearings.nlp.questions import QUESTIONS


def real_table(report: dict) -> str:
    """Markdown: one row per system, P/R/F1 per goal and macro-F1."""
    head = "| system | " + " | ".join(f"{g} P/R/F1" for g in GOALS) + " | macro-F1 |"
    lines = [head, "|---" * (len(GOALS) + 2) + "|"]
    systems = {"recipe (CV)": report["cv"], **report["baselines"]}
    systems.update({f"recipe, {k}": v for k, v in report["cv_by_standard"].items()})
    for name, m in systems.items():
        cells = [f"{m[g]['p']:.2f}/{m[g]['r']:.2f}/**{m[g]['f1']:.2f}**" for g in GOALS]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{m['macro_f1']:.3f}** |")
    return "\n".join(lines)


def calibration_table(report: dict) -> str:
    lines = ["| goal | ECE | bins (mean score → share true, n) |", "|---|---|---|"]
    for goal, row in report["calibration"].items():
        bins = "; ".join(
            f"{b['mean_score']:.2f}→{b['share_true']:.2f} ({b['n']})" for b in row["table"]
        )
        lines.append(f"| {goal} | {row['ece']:.3f} | {bins} |")
    return "\n".join(lines)


def question_table(report: dict) -> str:
    """Markdown: question P/R/F1 on the real passages that carry a question, and on all."""
    head = "| system | " + " | ".join(f"{q} P/R/F1 (n)" for q in QUESTIONS) + " | macro-F1 |"
    lines = [head, "|---" * (len(QUESTIONS) + 2) + "|"]
    rows = {
        "reader (CV), labelled": report["labelled"],
        "reader (CV), all": report["all"],
        "keywords, labelled": report["keyword_labelled"],
        "keywords, all": report["keyword_all"],
    }
    for name, m in rows.items():
        cells = [
            f"{m[q]['p']:.2f}/{m[q]['r']:.2f}/**{m[q]['f1']:.2f}** ({m[q]['n']})" for q in QUESTIONS
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{m['macro_f1']:.3f}** |")
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Evaluate goal classification: the invented test split, or real text by cross-validation."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--real", help="folder with the labelled real passages")
        parser.add_argument(
            "--independent",
            help=(
                "JSONL of other labelled real passages (same fields): score the recipe "
                "trained on all of --real on them"
            ),
        )
        parser.add_argument(
            "--second-reading",
            help=(
                "JSONL of id and goals: another reader's labels of the --real passages; "
                "report how the readers agree and the model against each"
            ),
        )

    def handle(self, *args, **options):
        if not options.get("real"):
            report = evaluate_all()
            self.stdout.write(format_table(report))
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        folder = Path(options["real"])
        if not folder.exists():
            raise CommandError(f"{folder}: no such folder")
        independent = options.get("independent")
        if independent and not Path(independent).exists():
            raise CommandError(f"{independent}: no such file")
        second = options.get("second_reading")
        if second and not Path(second).exists():
            raise CommandError(f"{second}: no such file")
        try:
            report = evaluate_real(
                folder,
                progress=lambda m: self.stderr.write(f"… {m}"),
                independent=independent,
                second=second,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Real passages: {report['real_passages']}\n")
        self.stdout.write(real_table(report))
        self.stdout.write("\nCalibration on real text (out-of-fold):\n" + calibration_table(report))
        self.stdout.write("\nConfidence bands: " + json.dumps(report["confidence_bands"]))
        self.stdout.write("Learning curve (macro-F1): " + json.dumps(report["learning_curve"]))
        if "independent" in report:
            self.stdout.write("Independent set: " + json.dumps(report["independent"]))
        if "second_reading" in report:
            self.stdout.write("Second reading: " + json.dumps(report["second_reading"]))
        questions = evaluate_real_questions(folder)
        self.stdout.write("\nHearing questions (grouped CV on real passages):\n")
        self.stdout.write(question_table(questions))
        summary = {
            "cv": report["cv"],
            "baselines": report["baselines"],
            "questions": questions["labelled"],
        }
        self.stdout.write(
            json.dumps(
                {
                    **summary,
                    "details": {
                        **{
                            k: report[k]
                            for k in (
                                "cv_by_standard",
                                "calibration",
                                "confidence_bands",
                                "learning_curve",
                                "real_passages",
                                "independent",
                                "second_reading",
                            )
                            if k in report
                        },
                        "questions": questions,
                    },
                },
                ensure_ascii=False,
            )
        )
