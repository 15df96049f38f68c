"""``manage.py retrain_goals [--hearing SLUG] [--save] [--export FILE]``: learn from reviewers.

Reviewers' decisions (human GoalLabel rows) become extra training examples: for every passage a
reviewer has labelled, its effective goals (the reviewer's where they decided, the machine's
where they left them) form one example. The committed training data is not changed; the examples
go to a temporary file that the training script reads next to it. Training runs in a subprocess
(:func:`hearings.nlp.goals.retrain`), which prints the scores on the FIXED test split before
and after; the new model replaces the shipped one only with ``--save`` (and only if the test
macro-F1 did not drop). Passages whose text is in the test split are left out, so the test split
stays unseen.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hearings.models import GoalLabel, HearingPage, Passage
from hearings.nlp.goal_eval import load_split
from hearings.nlp.goals import GOALS, retrain


def reviewer_examples(*, hearing: HearingPage | None = None) -> list[dict]:
    """One ``{"id", "text", "labels"}`` example per passage with a human decision."""
    reviewed = GoalLabel.objects.filter(source="human")
    if hearing is not None:
        reviewed = reviewed.filter(passage__hearing=hearing)
    passage_ids = set(reviewed.values_list("passage_id", flat=True))
    test_texts = {row["text"].strip() for row in load_split("test")}
    effective: dict[int, set[str]] = {pid: set() for pid in passage_ids}
    for pid, goal in GoalLabel.objects.filter(
        passage_id__in=passage_ids, is_effective=True, assigned=True
    ).values_list("passage_id", "goal"):
        effective[pid].add(goal)
    examples = []
    for pid, text in (
        Passage.objects.filter(pk__in=passage_ids).order_by("pk").values_list("pk", "text")
    ):
        if text.strip() in test_texts:
            continue
        labels = [g for g in GOALS if g in effective[pid]]
        examples.append({"id": f"review-{pid}", "text": text, "labels": labels})
    return examples


class Command(BaseCommand):
    help = (
        "Trener målklassifisereren på nytt med saksbehandlernes vurderinger og viser resultatet "
        "på det faste testsettet før og etter."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hearing", help="bare vurderinger fra denne høringen (slug)")
        parser.add_argument("--save", action="store_true", help="ta i bruk den nye modellen")
        parser.add_argument("--export", help="skriv eksemplene til denne JSONL-filen og stopp")
        parser.add_argument("--timeout", type=int, default=3600)

    def handle(self, *args, **options):
        hearing = None
        if options.get("hearing"):
            hearing = HearingPage.objects.filter(slug=options["hearing"]).first()
            if hearing is None:
                raise CommandError(
                    _("Fant ingen høring med slug «%(slug)s».") % {"slug": options["hearing"]}
                )
        examples = reviewer_examples(hearing=hearing)
        self.stdout.write(
            _("%(n)s tekstutdrag med saksbehandlers vurdering.") % {"n": len(examples)}
        )
        if options.get("export"):
            _write(Path(options["export"]), examples)
            return
        if not examples:
            raise CommandError(_("Ingen vurderinger å lære av ennå."))
        with tempfile.TemporaryDirectory(prefix="retrain-goals-") as tmp:
            path = Path(tmp) / "reviewer_examples.jsonl"
            _write(path, examples)
            result = retrain(path, install=options["save"], timeout=options["timeout"])
        self.stdout.write(result.stdout)
        if result.returncode != 0:
            raise CommandError(_("Treningen feilet:") + "\n" + result.stderr[-3000:])


def _write(path: Path, examples: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example, ensure_ascii=False) + "\n")
