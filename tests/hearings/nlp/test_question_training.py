"""Training and honest evaluation of the question reader (real passages stay outside the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hearings.nlp import question_training
from hearings.nlp.questions import CLASSES, QuestionModel, QuestionReader

REAL = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "real-feedback"


def test_fit_on_invented_passages_gives_a_usable_model():
    rows = question_training.read_invented()
    assert {r["question"] for r in rows} == set(CLASSES)
    model = QuestionModel(question_training.fit(rows))
    reader = QuestionReader(model=model)
    assert reader.predict("Målepunktene og forløpstidene må evalueres.").question == "Q4"


def test_grouped_folds_keep_a_page_together():
    rows = [{"group": g} for g in "aabbbcdde"]
    folds = question_training.grouped_folds(rows, k=3)
    for group in "abcde":
        assert len({f for f, r in zip(folds, rows, strict=True) if r["group"] == group}) == 1


@pytest.mark.skipif(
    not REAL.exists() and os.environ.get("CI") != "true", reason="real passages not on machine"
)
def test_real_question_evaluation_reports_each_question():
    report = question_training.evaluate_real_questions(REAL, k=3)
    assert report["passages"]["labelled"] > 40
    for part in ("labelled", "all", "keyword_labelled", "keyword_all"):
        assert set(report[part]) == {"Q1", "Q2", "Q3", "Q4", "macro_f1"}
    assert report["labelled"]["macro_f1"] > 0.2
