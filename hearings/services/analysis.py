"""Run the goal analysis on submitted responses and store the results (flow 4 in DESIGN.md).

Why it is shaped like this:

* **Idempotent and resumable.** Each response's analysed content (texts, and the fields copied
  onto passages) is hashed; with the pipeline and model versions it is stored in
  :class:`ResponseAnalysis`. A response whose hash and versions are unchanged is skipped. Work is
  committed per batch of whole responses, so a killed run leaves complete responses only and the
  next run finishes the rest with the same results (every step is deterministic).
* **Human decisions win.** Only machine rows are written. A machine :class:`GoalLabel` or
  :class:`PassageTheme` is stored with ``is_effective=False`` where a human row exists. When a
  response's text changes, passages whose text is unchanged are kept (with their human labels,
  notes and review state); only changed passages are rebuilt. Staff decisions on personal-data
  flags are kept.
* **Stable themes.** The first run groups each goal's passages afresh; later runs place new
  passages in the existing themes (:func:`~hearings.analysis.themes.assign_to_existing`) so what
  reviewers have seen is not reshuffled, until someone asks for a fresh grouping.
* **Editors' vocabulary.** Goal vocabularies come from the ``guidelines.Goal`` snippets; the
  vocabulary hash is part of the model version, so an edit re-analyses every response.
* **Fast.** Batches of responses are split, classified and scanned together, written with
  ``bulk_create``; no query per passage.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Prefetch
from django.utils import timezone

from ..analysis.duplicates import find_duplicates
from ..analysis.goals import GOALS, GoalClassifier, get_classifier, load_vocabulary
from ..analysis.passages import split_passages
from ..analysis.personal_data import find_personal_data_many
from ..analysis.themes import OTHER, ThemeModel, assign_to_existing, find_themes
from ..language import text_language
from ..models import (
    AnalysisRun,
    Answer,
    DuplicateGroup,
    GoalLabel,
    HearingPage,
    Passage,
    PassageSource,
    PassageTheme,
    PersonalDataFlag,
    Response,
    ResponseAnalysis,
    ResponseStatus,
    Source,
    Theme,
    ThemeSet,
)

logger = logging.getLogger(__name__)

#: Responses per transaction: large enough for fast bulk writes, small enough to lose little on a crash.
BATCH_SIZE = 200
#: Recorded on theme sets; bump when the grouping method changes.
THEMES_VERSION = "themes-1"
STAGE_PASSAGES = "passages"
STAGE_THEMES = "themes"
STAGE_DUPLICATES = "duplicates"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SourceText:
    """One analysed text of a response with the fields copied onto its passages."""

    source: str
    source_id: int | None
    text: str
    question_id: int | None = None
    pathway_id: int | None = None
    proposal_id: int | None = None
    section_id: str = ""
    stance: str = ""


@dataclass
class Engine:
    """What one run analyses with: loaded once per run."""

    classifier: GoalClassifier
    vocabularies: dict[str, list[str]]
    model_version: str
    pipeline_version: str
    use_ner: bool
    #: Seconds spent per step (split, classify, personal_data, store), for the benchmark.
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, started: float) -> None:
        self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - started


# -- setup ------------------------------------------------------------------------------------


def goal_vocabularies() -> dict[str, list[str]]:
    """The editors' vocabularies from the Goal snippets; the shipped one for a goal with no row."""
    from guidelines.models import Goal

    shipped = load_vocabulary()
    stored = {goal.code: goal.terms for goal in Goal.objects.filter(code__in=GOALS)}
    return {code: stored.get(code, shipped[code]) for code in GOALS}


def _pipeline_version(use_ner: bool) -> str:
    if not use_ner:
        return "regler-uten-ner"
    from ..analysis.pipeline import pipeline_info

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


# -- reading a response -------------------------------------------------------------------------


def _responses(ids: Sequence[int]) -> list[Response]:
    answers = Answer.objects.select_related("question").order_by("question__sort_order", "pk")
    return list(
        Response.objects.filter(pk__in=ids)
        .select_related("analysis")
        .prefetch_related(Prefetch("answers", queryset=answers), "pathway_comments")
        .order_by("pk")
    )


def response_sources(response: Response) -> list[SourceText]:
    """Every text of a response that is analysed, in a fixed order."""
    out = [
        SourceText(PassageSource.ANSWER, a.pk, a.text, question_id=a.question_id, stance=a.stance)
        for a in response.answers.all()
        if a.text.strip()
    ]
    if response.general_comment.strip():
        out.append(SourceText(PassageSource.GENERAL_COMMENT, None, response.general_comment))
    out += [
        SourceText(
            PassageSource.PATHWAY_COMMENT,
            c.pk,
            c.text,
            pathway_id=c.pathway_id,
            proposal_id=c.proposal_id,
            section_id=c.section_id,
        )
        for c in sorted(response.pathway_comments.all(), key=lambda c: c.pk)
        if c.text.strip()
    ]
    if response.attachment_text.strip():
        out.append(SourceText(PassageSource.ATTACHMENT, None, response.attachment_text))
    return out


def content_hash(response: Response, sources: Sequence[SourceText]) -> str:
    """Hash of everything the analysis of ``response`` depends on besides the versions."""
    payload = json.dumps([response.category, [astuple(s) for s in sources]], ensure_ascii=False)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def _is_current(response: Response, digest: str, engine: Engine) -> bool:
    analysis = getattr(response, "analysis", None)  # the reverse one-to-one may be missing
    return bool(
        analysis
        and analysis.text_hash == digest
        and analysis.model_version == engine.model_version
        and analysis.pipeline_version == engine.pipeline_version
    )


def confidence(scores: dict[str, float], thresholds: dict[str, float]) -> float:
    """How far the least certain goal is from its threshold, scaled so 0 = on it, 1 = far off."""
    worst = 1.0
    for goal in GOALS:
        score, cut = scores[goal], thresholds[goal]
        span = (1.0 - cut) if score >= cut else cut
        worst = min(worst, abs(score - cut) / span if span > 0 else 1.0)
    return round(worst, 4)


# -- the per-batch work -----------------------------------------------------------------------


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


def _passage_fields(new: _NewPassage, result, engine: Engine) -> dict:
    src = new.source
    return {
        "index": new.index,
        "start": new.start,
        "end": new.end,
        "text": new.text,
        "language": new.language,
        "question_id": src.question_id,
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


def _store_passages(hearing_id: int, todo, news, results, engine: Engine) -> list[Passage]:
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
    for new, result in zip(news, results, strict=True):
        fields = _passage_fields(new, result, engine)
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
    Passage.objects.bulk_create(to_create, batch_size=500)
    return stored


def _store_labels(response_ids, passages: Sequence[Passage], results, engine: Engine) -> None:
    human = set(
        GoalLabel.objects.filter(
            passage__response_id__in=response_ids, source=Source.HUMAN
        ).values_list("passage_id", "goal")
    )
    GoalLabel.objects.bulk_create(
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
        batch_size=1000,
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
    PersonalDataFlag.objects.bulk_create([f for key, f in wanted.items() if key not in existing])


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
        digest = content_hash(response, sources)
        if not _is_current(response, digest, engine):
            todo.append((response, sources, digest))
    if not todo:
        return []
    started = time.perf_counter()
    news = _split(todo)
    engine.timed("split", started)
    started = time.perf_counter()
    results = engine.classifier.classify([n.text for n in news], engine.vocabularies)
    engine.timed("classify", started)
    started = time.perf_counter()
    texts = [src.text for _, sources, _ in todo for src in sources]
    flags = list(find_personal_data_many(texts, use_ner=engine.use_ner))
    engine.timed("personal_data", started)
    started = time.perf_counter()
    with transaction.atomic():
        passages = _store_passages(hearing_id, todo, news, results, engine)
        _store_labels([r.pk for r, _, _ in todo], passages, results, engine)
        _store_flags(todo, flags)
        _store_response_analyses(todo, engine)
    engine.timed("store", started)
    return [p.pk for p in passages]


# -- themes -----------------------------------------------------------------------------------


def _goal_passages(hearing: HearingPage, goal: str, response: Response | None = None):
    labels = GoalLabel.objects.filter(
        passage__hearing=hearing, goal=goal, is_effective=True, assigned=True
    )
    if response is not None:
        labels = labels.filter(passage__response=response)
    return list(labels.order_by("passage_id").values_list("passage_id", "passage__text"))


def _drop_stale_theme_links(hearing: HearingPage, goal: str, response=None) -> None:
    """Machine theme links of passages no longer about the goal."""
    in_goal = GoalLabel.objects.filter(
        passage_id=OuterRef("passage_id"), goal=goal, is_effective=True, assigned=True
    )
    links = PassageTheme.objects.filter(theme__hearing=hearing, goal=goal, source=Source.MACHINE)
    if response is not None:
        links = links.filter(passage__response=response)
    links.exclude(Exists(in_goal)).delete()


def _human_theme_passages(hearing: HearingPage, goal: str) -> set[int]:
    return set(
        PassageTheme.objects.filter(
            theme__hearing=hearing, goal=goal, source=Source.HUMAN
        ).values_list("passage_id", flat=True)
    )


def _stored_model(model: ThemeModel) -> dict:
    """The theme model without per-passage lists (they live in PassageTheme rows)."""
    data = model.to_dict()
    data["assignments"] = []
    for theme in data["themes"]:
        theme["members"] = []
        theme["representatives"] = []
    return data


@transaction.atomic
def _fresh_themes(hearing: HearingPage, goal: str, rows) -> ThemeSet:
    model = find_themes([text for _, text in rows])
    previous = ThemeSet.objects.filter(hearing=hearing, goal=goal)
    generation = (previous.aggregate(m=Max("generation"))["m"] or 0) + 1
    previous.filter(is_current=True).update(is_current=False)
    theme_set = ThemeSet.objects.create(
        hearing=hearing,
        goal=goal,
        generation=generation,
        model=_stored_model(model),
        model_version=THEMES_VERSION,
    )
    themes = [
        Theme(
            theme_set=theme_set,
            hearing=hearing,
            goal=goal,
            key=t.theme_id,
            label=t.label[:200],
            machine_label=t.label[:200],
            terms=t.terms,
        )
        for t in model.themes
    ]
    themes.append(
        Theme(
            theme_set=theme_set,
            hearing=hearing,
            goal=goal,
            key=OTHER,
            label="Annet",
            machine_label="Annet",
            is_other=True,
        )
    )
    Theme.objects.bulk_create(themes)
    by_key = {t.key: t for t in themes}
    representatives = {i for t in model.themes for i in t.representatives}
    PassageTheme.objects.filter(theme__hearing=hearing, goal=goal, source=Source.MACHINE).delete()
    human = _human_theme_passages(hearing, goal)
    PassageTheme.objects.bulk_create(
        [
            PassageTheme(
                passage_id=pid,
                theme=by_key[key],
                goal=goal,
                source=Source.MACHINE,
                is_effective=pid not in human,
                is_representative=i in representatives,
            )
            for i, ((pid, _), key) in enumerate(zip(rows, model.assignments, strict=True))
        ],
        batch_size=1000,
    )
    return theme_set


@transaction.atomic
def _join_themes(hearing, goal: str, theme_set: ThemeSet, rows, response=None) -> int:
    links = PassageTheme.objects.filter(theme__hearing=hearing, goal=goal, source=Source.MACHINE)
    if response is not None:
        links = links.filter(passage__response=response)
    linked = set(links.values_list("passage_id", flat=True))
    new = [(pid, text) for pid, text in rows if pid not in linked]
    if not new:
        return 0
    model = ThemeModel.from_dict(theme_set.model)
    keys = assign_to_existing(model, [text for _, text in new])
    by_key = {t.key: t for t in theme_set.themes.all()}
    human = _human_theme_passages(hearing, goal)
    PassageTheme.objects.bulk_create(
        [
            PassageTheme(
                passage_id=pid,
                theme=by_key[key],
                goal=goal,
                source=Source.MACHINE,
                is_effective=pid not in human,
            )
            for (pid, _), key in zip(new, keys, strict=True)
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a concurrent run may have placed the same passage
    )
    return len(new)


def update_themes(
    *,
    hearing: HearingPage,
    fresh: bool = False,
    response: Response | None = None,
    progress: Progress | None = None,
) -> None:
    """Group each goal's passages (fresh) or place unthemed passages in the current themes.

    For one ``response`` only existing themes are used: a grouping made from a single answer
    would be meaningless, so its passages wait for the next hearing run when no themes exist.
    """
    for done, goal in enumerate(GOALS, 1):
        current = ThemeSet.objects.filter(hearing=hearing, goal=goal, is_current=True).first()
        _drop_stale_theme_links(hearing, goal, response)
        rows = _goal_passages(hearing, goal, response)
        if response is None and (fresh or current is None):
            _fresh_themes(hearing, goal, rows)
        elif current is not None and rows:
            _join_themes(hearing, goal, current, rows, response)
        if progress:
            progress(STAGE_THEMES, done, len(GOALS))


# -- duplicates -------------------------------------------------------------------------------


@transaction.atomic
def update_duplicates(*, hearing: HearingPage, texts: dict[int, str]) -> int:
    """Group identical and near-identical responses; ``texts`` maps response id -> its text."""
    ids = sorted(texts)
    result = find_duplicates([texts[i] for i in ids])
    existing = {g.key: g for g in DuplicateGroup.objects.filter(hearing=hearing)}
    group_of: dict[int, DuplicateGroup] = {}
    keep = set()
    for found in result.groups:
        members = [ids[i] for i in found.members]
        key = str(min(members))
        group = existing.get(key) or DuplicateGroup(hearing=hearing, key=key)
        group.kind = found.kind
        group.size = found.size
        group.canonical_id = ids[found.canonical]
        group.excerpt = texts[ids[found.canonical]][:300]
        group.save()
        keep.add(key)
        for member in members:
            group_of[member] = group
    DuplicateGroup.objects.filter(hearing=hearing).exclude(key__in=keep).delete()
    changed = []
    for analysis in ResponseAnalysis.objects.filter(response__hearing=hearing):
        group = group_of.get(analysis.response_id)
        group_id = group.pk if group else None
        if analysis.duplicate_group_id != group_id:
            analysis.duplicate_group_id = group_id
            changed.append(analysis)
    ResponseAnalysis.objects.bulk_update(changed, ["duplicate_group"], batch_size=1000)
    return len(result.groups)


# -- public entry points ----------------------------------------------------------------------


def _batches(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _RunTracker:
    """Keeps an AnalysisRun row in step with the work and forwards progress to a callback."""

    def __init__(self, run: AnalysisRun, progress: Progress | None) -> None:
        self.run = run
        self.progress = progress

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.run.stage, self.run.done, self.run.total = stage, done, total
        self.run.heartbeat_at = timezone.now()
        self.run.save(update_fields=["stage", "done", "total", "heartbeat_at"])
        if self.progress:
            self.progress(stage, done, total)


def _start_run(
    run: AnalysisRun | None, hearing: HearingPage, engine: Engine, **fields
) -> AnalysisRun:
    run = run or AnalysisRun(hearing=hearing, **fields)
    run.status = AnalysisRun.Status.RUNNING
    run.started_at = run.heartbeat_at = timezone.now()
    run.finished_at = None
    run.error = ""
    run.pipeline_version = engine.pipeline_version
    run.model_version = engine.model_version
    run.save()
    return run


def _finish_run(run: AnalysisRun, error: BaseException | None = None) -> None:
    run.status = AnalysisRun.Status.FAILED if error else AnalysisRun.Status.DONE
    run.finished_at = timezone.now()
    if error is not None:
        run.error = "".join(traceback.format_exception_only(type(error), error)).strip()[:2000]
    run.save(update_fields=["status", "finished_at", "error"])


def analyse_hearing(
    hearing: HearingPage,
    *,
    fresh_themes: bool = False,
    progress: Progress | None = None,
    run: AnalysisRun | None = None,
    engine: Engine | None = None,
) -> AnalysisRun:
    """Analyse every submitted response of ``hearing`` (skipping unchanged ones); see module doc.

    ``progress(stage, done, total)`` is called after each committed batch and each goal's
    themes; an exception from it stops the run like a crash would (the run is marked failed). A
    given ``engine`` (see :func:`analysis_engine`) collects step timings for the benchmark.
    """
    engine = engine or analysis_engine()
    run = _start_run(
        run, hearing, engine, scope=AnalysisRun.Scope.HEARING, fresh_themes=fresh_themes
    )
    tracker = _RunTracker(run, progress)
    try:
        ids = list(
            Response.objects.filter(hearing=hearing, status=ResponseStatus.SUBMITTED)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        texts: dict[int, str] = {}
        done = 0
        tracker(STAGE_PASSAGES, 0, len(ids))
        for chunk in _batches(ids, BATCH_SIZE):
            started = time.perf_counter()
            responses = _responses(chunk)
            engine.timed("load", started)
            _analyse_batch(hearing.pk, responses, engine)
            for response in responses:
                texts[response.pk] = "\n".join(s.text for s in response_sources(response))
            done += len(chunk)
            tracker(STAGE_PASSAGES, done, len(ids))
        update_themes(hearing=hearing, fresh=fresh_themes or run.fresh_themes, progress=tracker)
        tracker(STAGE_DUPLICATES, 0, 1)
        update_duplicates(hearing=hearing, texts=texts)
        tracker(STAGE_DUPLICATES, 1, 1)
    except BaseException as exc:
        _finish_run(run, exc)
        raise
    _finish_run(run)
    return run


def analyse_response(response: Response, *, run: AnalysisRun | None = None) -> int:
    """Analyse one submitted response (incremental: its passages join the existing themes).

    Duplicate groups are left to the next hearing run, which compares all responses. Returns the
    number of passages written (0 when the response was unchanged or is not submitted).
    """
    if response.status != ResponseStatus.SUBMITTED:
        return 0
    engine = analysis_engine()
    if run is not None:
        _start_run(run, response.hearing, engine)
    try:
        written = _analyse_batch(response.hearing_id, _responses([response.pk]), engine)
        if written:
            update_themes(hearing=response.hearing, response=response)
    except BaseException as exc:
        if run is not None:
            _finish_run(run, exc)
        raise
    if run is not None:
        _finish_run(run)
    return len(written)


def analysis_run_request(
    *, hearing: HearingPage, user=None, fresh_themes: bool = False
) -> AnalysisRun:
    """Queue a whole-hearing run (the admin button); the task picks it up by id."""
    return AnalysisRun.objects.create(
        hearing=hearing,
        scope=AnalysisRun.Scope.HEARING,
        status=AnalysisRun.Status.QUEUED,
        fresh_themes=fresh_themes,
        requested_by=user if getattr(user, "pk", None) else None,
    )
