"""What one run analyses with, and the shapes shared by the other modules of the package.

Why a module of its own: the classifier, the editors' vocabularies and the pipeline are loaded
once per run (loading them per response would dominate a submission task), and the versions they
yield are what makes a stored result "current" (see :mod:`.sources`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from guidelines.models import Goal

from ...models.pages import HearingQuestion
from ...nlp.goals import GOALS, GoalClassifier, get_classifier, load_vocabulary
from ...nlp.pipeline import pipeline_info
from ...nlp.questions import QuestionReader, get_question_reader

STAGE_PASSAGES = "passages"
STAGE_THEMES = "themes"
STAGE_DUPLICATES = "duplicates"

Progress = Callable[[str, int, int], None]


@dataclass
class Engine:
    """What one run analyses with: loaded once per run."""

    classifier: GoalClassifier
    vocabularies: dict[str, list[str]]
    model_version: str
    pipeline_version: str
    use_ner: bool
    #: Reads which hearing question each passage of free text or a letter answers.
    question_reader: QuestionReader = field(default_factory=get_question_reader)
    #: Per hearing: question code -> (id, text); loaded once per run.
    questions: dict[int, dict[str, tuple[int, str]]] = field(default_factory=dict)
    #: Seconds spent per step (split, classify, personal_data, store), for the benchmark.
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, started: float) -> None:
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started

    def hearing_questions(self, hearing_id: int) -> dict[str, tuple[int, str]]:
        """The hearing's questions by code: ``{"Q1": (id, text), ...}``."""
        if hearing_id not in self.questions:
            self.questions[hearing_id] = {
                code: (pk, text)
                for pk, code, text in HearingQuestion.objects.filter(hearing_id=hearing_id)
                .order_by("sort_order")
                .values_list("pk", "code", "text")
            }
        return self.questions[hearing_id]

    def question_salt(self, hearing_id: int) -> str:
        """What the question reading depends on besides the text: reader and question texts."""
        texts = sorted((c, t) for c, (_pk, t) in self.hearing_questions(hearing_id).items())
        return f"{self.question_reader.version}:{texts}"


# -- setup ------------------------------------------------------------------------------------


def goal_vocabularies() -> dict[str, list[str]]:
    """The editors' vocabularies from the Goal snippets; the shipped one for a goal with no row."""
    shipped = load_vocabulary()
    stored = {goal.code: goal.terms for goal in Goal.objects.filter(code__in=GOALS)}
    return {code: stored.get(code, shipped[code]) for code in GOALS}


def _pipeline_version(use_ner: bool) -> str:
    if not use_ner:
        return "regler-uten-ner"

    info = pipeline_info()
    return f"{info['name']}-{info['version']}"[:80]


def analysis_engine() -> Engine:
    classifier = get_classifier()
    vocabularies = goal_vocabularies()
    use_ner = bool(getattr(settings, "ANALYSIS_PERSONAL_DATA_NER", True))
    return Engine(
        classifier=classifier,
        vocabularies=vocabularies,
        model_version=classifier.version_for(vocabularies)[:80],
        pipeline_version=_pipeline_version(use_ner),
        use_ner=use_ner,
    )


def confidence(scores: dict[str, float], thresholds: dict[str, float]) -> float:
    """How likely the least certain of the five goal decisions is right.

    Scores are calibrated probabilities (the classifier's real-text layer), so a goal assigned
    with score p is right with probability p and a goal left out with probability 1 - p. Below
    0.5 some decision is more likely wrong than right: that is the review queue's "low" band.
    """
    worst = 1.0
    for goal in GOALS:
        score = scores[goal]
        worst = min(worst, score if score >= thresholds[goal] else 1.0 - score)
    return round(worst, 4)
