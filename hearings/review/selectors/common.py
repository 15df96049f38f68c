"""Roles, goal names and the response set every figure starts from."""

from __future__ import annotations

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    QuerySet,
    When,
)

from guidelines.models import Goal
from hearings.permissions import user_can_review  # noqa: F401 - re-exported for the views

from ...models import (
    GOAL_CODES,
    HearingPage,
    Response,
    ResponseStatus,
    Stance,
)

STANCES = [value for value, _label in Stance.choices]
CONFIDENCE_BANDS = {"lav": (0.0, 0.5), "middels": (0.5, 0.8), "hoy": (0.8, 1.01)}
DEFAULT_GOAL_TITLES = {
    "G1": "Økt brukermedvirkning og brukertilfredshet",
    "G2": "Sammenhengende og koordinerte pasientforløp",
    "G3": "Unngå unødig ventetid for utredning, behandling og oppfølging",
    "G4": "Likeverdig tilbud uavhengig av hvor i landet man bor",
    "G5": "Bedre ivaretakelse av somatisk helse og gode levevaner",
}


def goal_titles() -> dict[str, str]:
    titles = dict(DEFAULT_GOAL_TITLES)
    titles.update({goal.code: goal.title for goal in Goal.objects.filter(code__in=GOAL_CODES)})
    return titles


def review_hearings() -> list[dict]:
    """Hearings with their passage counts, newest deadline first, for the workspace's start page."""
    hearings = HearingPage.objects.annotate(n_passages=Count("passages")).order_by("-deadline")
    return [
        {
            "hearing": hearing,
            "passages": hearing.n_passages,
            "responses": submitted_responses(hearing=hearing).count(),
        }
        for hearing in hearings
    ]


def submitted_responses(*, hearing: HearingPage) -> QuerySet[Response]:
    return Response.objects.filter(hearing_id=hearing.pk, status=ResponseStatus.SUBMITTED)


def _text_key():
    """One key per distinct text: a duplicate group counts once, other responses each once."""
    return Case(
        When(
            analysis__duplicate_group__isnull=False,
            then=-F("analysis__duplicate_group_id"),
        ),
        default=F("pk"),
        output_field=BigIntegerField(),
    )
