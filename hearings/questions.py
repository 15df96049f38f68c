"""The four hearing questions of the design, pre-filled on every new hearing."""

from django.utils.translation import gettext_lazy as _

DEFAULT_QUESTIONS = [
    ("Q1", _("Vil utkastene bidra til å oppnå de fem målene?")),
    ("Q2", _("Fremstår utkastene som nyttige for brukere/pasienter, pårørende og tjenestene?")),
    ("Q3", _("Vil utkastene bidra til god forløpskoordinering?")),
    ("Q4", _("Har utkastene målepunkter og forløpstider som er relevante og nyttige?")),
]


def default_question_rows() -> list[dict]:
    return [{"code": code, "text": str(text), "help_text": ""} for code, text in DEFAULT_QUESTIONS]
