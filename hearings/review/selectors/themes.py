"""Themes of a goal with their sizes, examples, categories and stances; comparing rounds."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from django.db.models import (
    Count,
    F,
    QuerySet,
)

from ...models import (
    Category,
    HearingPage,
    Passage,
    PassageTheme,
    Stance,
    Theme,
)
from .common import STANCES
from .counts import hearing_pathways

# ---------------------------------------------------------------------------- themes


def current_themes(*, hearing: HearingPage, goal: str | None = None) -> QuerySet[Theme]:
    themes = Theme.objects.filter(
        hearing_id=hearing.pk, theme_set__is_current=True, merged_into__isnull=True
    )
    return themes.filter(goal=goal) if goal else themes


def effective_theme_links(*, hearing: HearingPage) -> QuerySet[PassageTheme]:
    return PassageTheme.objects.filter(
        theme__hearing_id=hearing.pk, is_effective=True, passage__not_relevant=False
    )


def goal_themes(*, hearing: HearingPage, goal: str, quotes: int = 3) -> list[dict]:
    """Themes of one goal, largest first, with sizes, examples, categories and stances.

    Two grouped queries: a passage has one effective theme per goal (so rows count passages) and a
    response has one category (so summing distinct responses over categories is exact).
    """
    links = effective_theme_links(hearing=hearing).filter(goal=goal)
    sizes: Counter = Counter()
    stances: dict[int, Counter] = defaultdict(Counter)
    responses: Counter = Counter()
    by_category: dict[int, Counter] = defaultdict(Counter)
    rows = (
        links.values_list(
            "theme_id", "passage__category", "passage__response_id", "passage__stance"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    seen: set[tuple[int, int]] = set()
    for theme_id, category, response_id, stance, n in rows:
        sizes[theme_id] += n
        stances[theme_id][stance or "-"] += n
        if (theme_id, response_id) not in seen:
            seen.add((theme_id, response_id))
            by_category[theme_id][category] += 1
            responses[theme_id] += 1
    labels = dict(Category.choices)
    current = list(current_themes(hearing=hearing, goal=goal))
    # One small indexed query per theme beats a window over every link of the goal.
    examples = {t.pk: theme_examples(theme=t, limit=quotes) for t in current} if quotes else {}
    themes = []
    for theme in current:
        themes.append(
            {
                "theme": theme,
                "size": sizes.get(theme.pk, 0),
                "responses": responses.get(theme.pk, 0),
                "categories": [
                    {"category": c, "label": labels.get(c, c or "–"), "n": n}
                    for c, n in by_category[theme.pk].most_common()
                ],
                "stances": [
                    {"stance": s, "label": label, "n": stances[theme.pk].get(s, 0)}
                    for s, label in Stance.choices
                ],
                "examples": examples.get(theme.pk, []),
            }
        )
    themes.sort(key=lambda row: (row["theme"].is_other, -row["size"], row["theme"].label))
    return themes


def theme_examples(*, theme: Theme, limit: int = 3) -> list[Passage]:
    """Representative passages first, then the closest to the theme's centre; copies of one
    campaign text are shown once."""
    links = (
        PassageTheme.objects.filter(theme=theme, is_effective=True, passage__not_relevant=False)
        .select_related("passage")
        .order_by("-is_representative", F("similarity").desc(nulls_last=True), "passage_id")
    )
    examples, texts = [], set()
    for link in links[: limit * 5]:
        if link.passage.text not in texts:
            texts.add(link.passage.text)
            examples.append(link.passage)
        if len(examples) == limit:
            break
    return examples


def goal_stance_by_category(*, hearing: HearingPage, goal: str) -> list[dict]:
    """How stance differs between respondent categories among passages on one goal."""
    passages = Passage.objects.filter(
        hearing_id=hearing.pk,
        not_relevant=False,
        goal_labels__goal=goal,
        goal_labels__is_effective=True,
        goal_labels__assigned=True,
    )
    rows = passages.values_list("category", "stance").annotate(n=Count("pk", distinct=True))
    table: dict[str, Counter] = defaultdict(Counter)
    for category, stance, n in rows:
        table[category][stance] = n
    result = []
    for value, label in Category.choices:
        if value not in table:
            continue
        counts = table[value]
        total = sum(counts[s] for s in STANCES)
        result.append(
            {
                "category": value,
                "label": label,
                "counts": [
                    {
                        "stance": s,
                        "n": counts.get(s, 0),
                        "percent": round(100 * counts.get(s, 0) / total) if total else 0,
                    }
                    for s in STANCES
                ],
                "total": total,
            }
        )
    return result


def passage_theme(*, passage: Passage, goal: str) -> PassageTheme | None:
    return (
        PassageTheme.objects.filter(passage=passage, goal=goal, is_effective=True)
        .select_related("theme")
        .first()
    )


# ---------------------------------------------------------------------------- compare


_WORD = re.compile(r"\w{4,}", re.UNICODE)
#: ``Theme.key`` of the per-goal catch-all theme ("Annet"), see hearings.nlp.themes.OTHER.
CATCH_ALL_KEY = "other"


def theme_terms(theme: Theme) -> set[str]:
    terms = {str(t).lower() for t in (theme.terms or []) if str(t).strip()}
    return terms or {w.lower() for w in _WORD.findall(theme.label)}


def compare_rounds(*, earlier: HearingPage, later: HearingPage, goal: str) -> dict:
    """Themes of the later round marked "raised again" when they share a term with an earlier one."""
    before = goal_themes(hearing=earlier, goal=goal, quotes=1)
    after = goal_themes(hearing=later, goal=goal, quotes=1)
    # The catch-all "Annet" holds what fits no theme; it is not a topic, so it is listed but
    # neither "raised again" nor "new" (its label alone would otherwise match across rounds).
    for row in before + after:
        row["catch_all"] = row["theme"].key == CATCH_ALL_KEY
    before_topics = [o for o in before if not o["catch_all"]]
    matched_before: set[int] = set()
    for row in after:
        if row["catch_all"]:
            row.update(matches=[], shared=[], again=False)
            continue
        terms = theme_terms(row["theme"])
        row["matches"] = [o for o in before_topics if terms & theme_terms(o["theme"])]
        row["shared"] = (
            sorted(set().union(*(terms & theme_terms(o["theme"]) for o in row["matches"])))
            if row["matches"]
            else []
        )
        row["again"] = bool(row["matches"])
        matched_before.update(o["theme"].pk for o in row["matches"])
    for row in before:
        row["again"] = row["theme"].pk in matched_before
    return {
        "earlier": before,
        "later": after,
        "again": [r for r in after if r["again"]],
        "new": [r for r in after if not r["again"] and not r["catch_all"]],
        "dropped": [r for r in before if not r["again"] and not r["catch_all"]],
    }


def comparable_hearings(*, hearing: HearingPage) -> list[HearingPage]:
    """Other hearings on at least one of the same pathways."""
    pathways = {p.pk for p in hearing_pathways(hearing=hearing)}
    return [
        other
        for other in HearingPage.objects.exclude(pk=hearing.pk).order_by("-deadline")
        if pathways & {p.pk for p in hearing_pathways(hearing=other)}
    ]


def hearings_with_themes(*, hearings: list[HearingPage]) -> set[int]:
    """Ids of those hearings whose analysis has grouped passages into themes."""
    return set(
        Theme.objects.filter(
            hearing_id__in=[h.pk for h in hearings],
            theme_set__is_current=True,
            merged_into__isnull=True,
        )
        .values_list("hearing_id", flat=True)
        .distinct()
    )


def default_comparison(*, hearing: HearingPage, others: list[HearingPage]) -> HearingPage | None:
    """The round to compare with first: the latest earlier round (of the same pathways) that has
    themes. A round without themes would show every theme as "not raised again"."""
    themed = hearings_with_themes(hearings=others)
    earlier = [o for o in others if o.deadline < hearing.deadline]
    for candidates in (earlier, others):
        match = next((o for o in candidates if o.pk in themed), None)
        if match is not None:
            return match
    return earlier[0] if earlier else (others[0] if others else None)
