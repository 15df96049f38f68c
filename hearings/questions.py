"""The four hearing questions of the design, pre-filled on every new hearing."""

import re

from django.utils.translation import gettext_lazy as _

DEFAULT_QUESTIONS = [
    ("Q1", _("Vil utkastene bidra til å oppnå de fem målene?")),
    ("Q2", _("Fremstår utkastene som nyttige for brukere/pasienter, pårørende og tjenestene?")),
    ("Q3", _("Vil utkastene bidra til god forløpskoordinering?")),
    ("Q4", _("Har utkastene målepunkter og forløpstider som er relevante og nyttige?")),
]


def default_question_rows() -> list[dict]:
    return [{"code": code, "text": str(text), "help_text": ""} for code, text in DEFAULT_QUESTIONS]


# "målene" (the goals), as in Q1's "de fem målene"; not "målepunkter" (measurement points).
_GOALS_CUE = re.compile(r"\bmålene\b", re.IGNORECASE)


def question_asks_about_goals(text: str) -> bool:
    """Whether a question asks about the goals, so the form and the hearing page list them."""
    return bool(_GOALS_CUE.search(text))
