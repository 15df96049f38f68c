"""Group each goal's passages into themes, or place new passages in the current themes.

Why: reviewers work theme by theme, so what they have seen must not be reshuffled by later
runs. The first run (or an explicit fresh grouping) clusters afresh into a new
:class:`ThemeSet`; later runs and single responses only place unthemed passages with
:func:`~hearings.nlp.themes.assign_to_existing`.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Exists, Max, OuterRef

from ...models import GoalLabel, HearingPage, PassageTheme, Response, Source, Theme, ThemeSet
from ...nlp.goals import GOALS
from ...nlp.themes import OTHER, ThemeModel, assign_to_existing, find_themes
from .bulk import insert
from .engine import STAGE_THEMES, Progress

#: Recorded on theme sets; bump when the grouping method changes.
THEMES_VERSION = "themes-1"


def _goal_passages(hearing: HearingPage, goal: str, responses: Sequence[int] | None = None):
    labels = GoalLabel.objects.filter(
        passage__hearing=hearing, goal=goal, is_effective=True, assigned=True
    )
    if responses is not None:
        labels = labels.filter(passage__response_id__in=responses)
    return list(labels.order_by("passage_id").values_list("passage_id", "passage__text"))


def _drop_stale_theme_links(hearing: HearingPage, goal: str, responses=None) -> None:
    """Machine theme links of passages no longer about the goal."""
    in_goal = GoalLabel.objects.filter(
        passage_id=OuterRef("passage_id"), goal=goal, is_effective=True, assigned=True
    )
    links = PassageTheme.objects.filter(theme__hearing=hearing, goal=goal, source=Source.MACHINE)
    if responses is not None:
        links = links.filter(passage__response_id__in=responses)
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
            quote=t.quote,
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
    insert(
        PassageTheme,
        [
            _machine_link(pid, by_key[key], goal, human, representative=i in representatives)
            for i, ((pid, _), key) in enumerate(zip(rows, model.assignments, strict=True))
        ],
    )
    return theme_set


def _machine_link(pid, theme, goal, human, *, representative=False) -> PassageTheme:
    """A machine theme link; a passage a reviewer has placed keeps the reviewer's link in force."""
    return PassageTheme(
        passage_id=pid,
        theme=theme,
        goal=goal,
        source=Source.MACHINE,
        is_effective=pid not in human,
        is_representative=representative,
    )


@transaction.atomic
def _join_themes(hearing, goal: str, theme_set: ThemeSet, rows, responses=None) -> int:
    links = PassageTheme.objects.filter(theme__hearing=hearing, goal=goal, source=Source.MACHINE)
    if responses is not None:
        links = links.filter(passage__response_id__in=responses)
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
            _machine_link(pid, by_key[key], goal, human)
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
    responses: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> None:
    """Group each goal's passages (fresh) or place unthemed passages in the current themes.

    For one ``response`` (or the ids in ``responses``, a batch analysed after submission) only
    existing themes are used: a grouping made from a few answers would be meaningless, so their
    passages wait for the next hearing run when no themes exist.
    """
    scope = [response.pk] if response is not None else responses
    for done, goal in enumerate(GOALS, 1):
        current = ThemeSet.objects.filter(hearing=hearing, goal=goal, is_current=True).first()
        _drop_stale_theme_links(hearing, goal, scope)
        rows = _goal_passages(hearing, goal, scope)
        if scope is None and (fresh or current is None):
            _fresh_themes(hearing, goal, rows)
        elif current is not None and rows:
            _join_themes(hearing, goal, current, rows, scope)
        if progress:
            progress(STAGE_THEMES, done, len(GOALS))
