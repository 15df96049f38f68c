"""load_demo leaves the closed demo hearing analysed, and loading again changes nothing."""

from __future__ import annotations

import io

import pytest

from hearings.demo import REVISION_SLUG, load_hearing_demo
from hearings.models import AnalysisRun, GoalLabel, HearingPage, Passage, ThemeSet

from .helpers import _child, home, make_pathway


@pytest.mark.django_db
def test_demo_hearing_is_analysed_once():
    from guidelines.models import ProposalIndexPage

    make_pathway()
    _child(home(), ProposalIndexPage, title="Endringsforslag", slug="forslag")
    out = io.StringIO()
    load_hearing_demo(stdout=out)
    hearing = HearingPage.objects.get(slug=REVISION_SLUG)
    passages = set(Passage.objects.filter(hearing=hearing).values_list("pk", flat=True))
    assert len(passages) > 200
    assert GoalLabel.objects.filter(passage__hearing=hearing, is_effective=True).count() > 200
    assert ThemeSet.objects.filter(hearing=hearing, is_current=True).count() == 5
    assert "analysis done" in out.getvalue()

    load_hearing_demo(stdout=out)
    assert set(Passage.objects.filter(hearing=hearing).values_list("pk", flat=True)) == passages
    assert ThemeSet.objects.filter(hearing=hearing).count() == 5
    runs = AnalysisRun.objects.filter(hearing=hearing)
    assert runs.count() == 2 and all(r.status == "done" for r in runs)
