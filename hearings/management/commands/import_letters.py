"""``manage.py import_letters SLUG FOLDER [--csv META.csv] [--accept-foreign-language]``.

Registers a folder of letters (PDF, Word, ODT) as responses to the hearing SLUG, with who sent
each one read from a CSV (default ``FOLDER/metadata.csv``; columns in
:mod:`hearings.services.letter_import`). Idempotent: rows imported before are skipped. Shows a
progress bar on stderr; every row that could not be registered, and every file no row names, is
listed, and the command then exits with an error so nothing goes unnoticed. The letters are
analysed by the background tasks, or at once with ``--analyse``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from hearings.models import HearingPage
from hearings.services.analysis import analyse_hearing
from hearings.services.letter_import import letters_import, read_metadata


class Command(BaseCommand):
    help = "Register a folder of letters as responses to a hearing (metadata from a CSV)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the hearing's slug")
        parser.add_argument("folder", help="folder with the letters")
        parser.add_argument("--csv", help="metadata CSV (default: FOLDER/metadata.csv)")
        parser.add_argument(
            "--accept-foreign-language",
            action="store_true",
            help="register letters that are not in Norwegian too",
        )
        parser.add_argument("--analyse", action="store_true", help="analyse the hearing after")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, **options):
        hearing = HearingPage.objects.filter(slug=options["slug"]).first()
        if hearing is None:
            raise CommandError(f"no hearing with slug {options['slug']!r}")
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder")
        meta = Path(options["csv"]) if options.get("csv") else folder / "metadata.csv"
        try:
            rows = read_metadata(meta)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(
            total=len(rows),
            desc="brev",
            unit="",
            file=getattr(self.stderr, "_out", sys.stderr),
            disable=options["no_progress"],
        ) as bar:
            report = letters_import(
                hearing=hearing,
                folder=folder,
                rows=rows,
                accept_foreign_language=options["accept_foreign_language"],
                progress=lambda: bar.update(1),
            )
        for line in report.created:
            self.stdout.write(f"registrert: {line}")
        self.stdout.write(
            f"{len(report.created)} registrert, {len(report.skipped)} fantes fra før, "
            f"{len(report.problems)} med feil, {len(report.unlisted_files)} filer uten rad."
        )
        if options["analyse"] and report.created:
            analyse_hearing(hearing.specific)
        if report.problems or report.unlisted_files:
            lines = [f"feil: {p}" for p in report.problems]
            lines += [f"ikke i CSV-filen: {name}" for name in report.unlisted_files]
            raise CommandError("Ikke alt ble registrert:\n" + "\n".join(lines))
