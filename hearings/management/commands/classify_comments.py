"""``manage.py classify_comments --input IN.jsonl --output OUT.jsonl`` (DESIGN §6 contract).

Why a thin wrapper: the streaming logic lives in :func:`hearings.nlp.goals.classify_jsonl`
so it runs and is tested without Django or a database.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from hearings.nlp.goals import classify_jsonl, get_classifier, load_vocabulary


class Command(BaseCommand):
    help = "Assign the five pathway goals to each {id, text} line of a JSONL file (no database)."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help='JSONL with {"id", "text"} lines')
        parser.add_argument("--output", required=True, help="JSONL to write results to")
        parser.add_argument("--vocabulary", help="goal vocabulary JSON (default: shipped file)")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, **options):
        vocab = load_vocabulary(options["vocabulary"]) if options.get("vocabulary") else None
        try:
            count = classify_jsonl(
                options["input"],
                options["output"],
                classifier=get_classifier(),
                vocabularies=vocab,
                progress=not options["no_progress"],
            )
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"classified {count} passages -> {options['output']}")
