"""Analyse one batch of responses and write the results (stage ``passages``).

Why it is shaped like this: a batch of whole responses is split, classified and scanned for
personal data together (the models are much faster on many texts at once) and written in one
transaction with a fixed, small number of bulk statements, whatever the batch size: no query and
no signal per passage, and a killed run leaves whole responses only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ...models import GoalLabel, Passage, PersonalDataFlag, Response, ResponseAnalysis, Source
from ...nlp.goals import GOALS
from ...nlp.language import text_language
from ...nlp.passages import split_passages
from ...nlp.personal_data import find_personal_data_many
from .bulk import insert
from .engine import Engine, confidence
from .questions import (
    machine_question_id,
    propose_letter_stances,
    read_questions,
    store_question_labels,
)
from .sources import SourceText, _is_current, content_hash, response_sources


@dataclass
class _NewPassage:
    response: Response
    source: SourceText
    index: int
    start: int
    end: int
    text: str
    language: str


def _split(todo: Sequence[tuple[Response, list[SourceText], str]]) -> list[_NewPassage]:
    out = []
    for response, sources, _digest in todo:
        for src in sources:
            language = text_language(src.text)
            for p in split_passages(src.text):
                out.append(_NewPassage(response, src, p.index, p.start, p.end, p.text, language))
    return out


def _passage_fields(new: _NewPassage, result, reading, engine: Engine, hearing_id: int) -> dict:
    src = new.source
    question_id = src.question_id or machine_question_id(hearing_id, reading, engine)
    return {
        "index": new.index,
        "start": new.start,
        "end": new.end,
        "text": new.text,
        "language": new.language,
        "question_id": question_id,
        "pathway_id": src.pathway_id,
        "proposal_id": src.proposal_id,
        "section_id": src.section_id,
        "category": new.response.category,
        "stance": src.stance,
        "scores": {g: round(float(result.scores[g]), 4) for g in GOALS},
        "confidence": confidence(result.scores, engine.classifier.thresholds),
        "model_version": engine.model_version,
    }


_UPDATE_FIELDS = [
    "index",
    "start",
    "end",
    "language",
    "question",
    "pathway",
    "proposal",
    "section_id",
    "category",
    "stance",
    "scores",
    "confidence",
    "model_version",
]


def _store_passages(
    hearing_id: int, todo, news, results, readings, engine: Engine
) -> list[Passage]:
    """Keep passages whose text is unchanged, rebuild the rest; returns passages in ``news`` order."""
    response_ids = [r.pk for r, _, _ in todo]
    # Serialise with a concurrent run on the same responses (the submission task and a hearing
    # run): the second one then finds the first one's passages and keeps them.
    list(Response.objects.select_for_update().filter(pk__in=response_ids).values_list("pk"))
    old: dict[tuple, list[Passage]] = {}
    for p in Passage.objects.filter(response_id__in=response_ids).order_by("pk"):
        old.setdefault((p.response_id, p.source, p.source_id, p.text), []).append(p)
    stored: list[Passage] = []
    to_create, to_update = [], []
    for new, result, reading in zip(news, results, readings, strict=True):
        fields = _passage_fields(new, result, reading, engine, hearing_id)
        key = (new.response.pk, new.source.source, new.source.source_id, new.text)
        kept = old.get(key)
        if kept:
            passage = kept.pop(0)
            for name, value in fields.items():
                setattr(passage, name, value)
            to_update.append(passage)
        else:
            passage = Passage(
                hearing_id=hearing_id,
                response_id=new.response.pk,
                source=new.source.source,
                source_id=new.source.source_id,
                **fields,
            )
            to_create.append(passage)
        stored.append(passage)
    stale = [p.pk for rest in old.values() for p in rest]
    for start in range(0, len(stale), 500):
        Passage.objects.filter(pk__in=stale[start : start + 500]).delete()
    GoalLabel.objects.filter(passage__response_id__in=response_ids, source=Source.MACHINE).delete()
    if to_update:
        Passage.objects.bulk_update(to_update, _UPDATE_FIELDS, batch_size=500)
    insert(Passage, to_create, need_ids=True)
    return stored


def _store_labels(response_ids, passages: Sequence[Passage], results, engine: Engine) -> None:
    human = set(
        GoalLabel.objects.filter(
            passage__response_id__in=response_ids, source=Source.HUMAN
        ).values_list("passage_id", "goal")
    )
    insert(
        GoalLabel,
        [
            GoalLabel(
                passage_id=p.pk,
                goal=goal,
                source=Source.MACHINE,
                assigned=True,
                is_effective=(p.pk, goal) not in human,
                score=round(float(r.scores[goal]), 4),
                evidence=list(r.evidence.get(goal, [])),
                model_version=engine.model_version,
            )
            for p, r in zip(passages, results, strict=True)
            for goal in r.labels
        ],
    )


def _store_flags(todo, flags_per_source) -> None:
    """Replace proposed flags; flags staff have decided on stay as they are."""
    existing = {
        (f.response_id, f.source, f.source_id, f.start, f.end, f.kind): f
        for f in PersonalDataFlag.objects.filter(response_id__in=[r.pk for r, _, _ in todo])
    }
    wanted: dict[tuple, PersonalDataFlag] = {}
    it = iter(flags_per_source)
    for response, sources, _digest in todo:
        for src in sources:
            for flag in next(it):
                key = (response.pk, src.source, src.source_id, flag.start, flag.end, flag.kind)
                wanted[key] = PersonalDataFlag(
                    response_id=response.pk,
                    source=src.source,
                    source_id=src.source_id,
                    start=flag.start,
                    end=flag.end,
                    kind=flag.kind,
                    reason=flag.reason[:300],
                )
    drop = [
        f.pk
        for key, f in existing.items()
        if key not in wanted and f.decision == PersonalDataFlag.Decision.PROPOSED
    ]
    if drop:
        PersonalDataFlag.objects.filter(pk__in=drop).delete()
    insert(PersonalDataFlag, [f for key, f in wanted.items() if key not in existing])


def _store_response_analyses(todo, engine: Engine) -> None:
    now = timezone.now()
    existing = {
        a.response_id: a
        for a in ResponseAnalysis.objects.filter(response_id__in=[r.pk for r, _, _ in todo])
    }
    to_update, to_create = [], []
    for response, _sources, digest in todo:
        analysis = existing.get(response.pk) or ResponseAnalysis(response_id=response.pk)
        analysis.text_hash = digest
        analysis.pipeline_version = engine.pipeline_version
        analysis.model_version = engine.model_version
        analysis.analysed_at = now
        (to_update if analysis.pk else to_create).append(analysis)
    ResponseAnalysis.objects.bulk_update(
        to_update, ["text_hash", "pipeline_version", "model_version", "analysed_at"]
    )
    ResponseAnalysis.objects.bulk_create(to_create)


def _analyse_batch(hearing_id: int, responses: Sequence[Response], engine: Engine) -> list[int]:
    """Analyse the responses that changed; returns the ids of the passages written."""
    todo = []
    for response in responses:
        sources = response_sources(response)
        digest = content_hash(response, sources, engine.question_salt(hearing_id))
        if not _is_current(response, digest, engine):
            todo.append((response, sources, digest))
    if not todo:
        return []
    started = time.perf_counter()
    news = _split(todo)
    engine.timed("split", started)
    started = time.perf_counter()
    results = engine.classifier.classify([n.text for n in news], engine.vocabularies)
    readings = read_questions(hearing_id, news, engine)
    engine.timed("classify", started)
    started = time.perf_counter()
    texts = [src.text for _, sources, _ in todo for src in sources]
    flags = list(find_personal_data_many(texts, use_ner=engine.use_ner))
    engine.timed("personal_data", started)
    started = time.perf_counter()
    with transaction.atomic():
        passages = _store_passages(hearing_id, todo, news, results, readings, engine)
        response_ids = [r.pk for r, _, _ in todo]
        _store_labels(response_ids, passages, results, engine)
        stances = store_question_labels(hearing_id, response_ids, passages, readings, engine)
        propose_letter_stances(todo, passages, stances)
        _store_flags(todo, flags)
        _store_response_analyses(todo, engine)
    engine.timed("store", started)
    return [p.pk for p in passages]
