"""``manage.py analyse_hearing SLUG [--fresh-themes]``: analyse a whole hearing with a progress bar.

A thin wrapper around :func:`hearings.services.analysis.analyse_hearing`; the run is recorded as an
AnalysisRun, so its progress is visible in the admin too. Re-running is cheap: unchanged responses
are skipped, and a run that was killed is finished where it stopped.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from hearings.models import HearingPage
from hearings.services.analysis import (
    STAGE_DUPLICATES,
    STAGE_PASSAGES,
    STAGE_THEMES,
    analyse_hearing,
)

STAGE_NAMES = {
    STAGE_PASSAGES: gettext_lazy("svar (tekstutdrag, mål, personopplysninger)"),
    STAGE_THEMES: gettext_lazy("temaer per mål"),
    STAGE_DUPLICATES: gettext_lazy("like og nesten like svar"),
}


class _Bars:
    """One tqdm bar per stage, on stderr so stdout stays a short summary."""

    def __init__(self, disable: bool, file=None) -> None:
        self.disable = disable
        self.file = file or sys.stderr
        self.stage: str | None = None
        self.bar: tqdm | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(
                total=total,
                desc=str(STAGE_NAMES.get(stage, stage)),
                file=self.file,
                disable=self.disable,
                unit="",
            )
        assert self.bar is not None
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Analyserer alle innsendte svar i en høring: tekstutdrag, mål, temaer, like svar og personopplysninger."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="høringens slug, for eksempel revisjon-2024")
        parser.add_argument(
            "--fresh-themes",
            action="store_true",
            help="grupper temaene på nytt (ellers legges nye tekstutdrag i temaene som finnes)",
        )
        parser.add_argument("--no-progress", action="store_true", help="skjul fremdriftslinjen")

    def handle(self, *args, **options):
        hearing = HearingPage.objects.filter(slug=options["slug"]).first()
        if hearing is None:
            raise CommandError(
                _("Fant ingen høring med slug «%(slug)s».") % {"slug": options["slug"]}
            )
        # tqdm redraws with "\r", so it writes to the raw stream, not Django's line wrapper.
        bars = _Bars(disable=options["no_progress"], file=getattr(self.stderr, "_out", None))
        try:
            run = analyse_hearing(hearing, fresh_themes=options["fresh_themes"], progress=bars)
        finally:
            bars.close()
        passages = hearing.passages.count()
        themes = hearing.themes.filter(theme_set__is_current=True, is_other=False).count()
        self.stdout.write(
            _(
                "Analyse ferdig for «%(slug)s»: %(passages)s tekstutdrag, %(themes)s temaer, "
                "%(groups)s grupper av like svar."
            )
            % {
                "slug": hearing.slug,
                "passages": passages,
                "themes": themes,
                "groups": hearing.duplicate_groups.count(),
            }
        )
        self.stdout.write(_("Målklassifiserer: %(v)s") % {"v": run.model_version})
        self.stdout.write(_("Språkmodell: %(v)s") % {"v": run.pipeline_version})
