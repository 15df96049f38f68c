"""A stance a letter states in so many words ("Vi støtter…", "Vi er kritiske til…").

Why rules and not a model: letters state their stance with a small set of formulas, and staff
must be able to see why a stance was proposed, so the proposal carries the words that gave it.
The result is only ever a proposal (stored as machine-proposed, corrected by staff); it uses the
form's stance codes (``ja``, ``delvis``, ``nei``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

YES, PARTLY, NO = "ja", "delvis", "nei"

# Negative formulas are tried first: "støtter ikke" must not count as support.
_NO = re.compile(
    r"\b(?:(?:vi|eg|jeg)\s+(?:er|stiller\s+oss|stiller\s+meg)\s+(?:svært\s+|sterkt\s+|mest\s+)?"
    r"(?:kritisk[e]?|negativ[e]?|skeptisk[e]?|ueni[g]?e?|ueinig[e]?)"
    r"|(?:vi|eg|jeg)\s+(?:kan\s+ikke|kan\s+ikkje)\s+(?:støtte|stø|slutte\s+oss\s+til)"
    r"|(?:vi|eg|jeg)\s+(?:støtter|stør|stiller\s+oss\s+bak)\s+ikk(?:e|je)"
    r"|(?:vi|eg|jeg)\s+(?:går|gå)\s+(?:imot|mot)"
    r"|(?:vi|eg|jeg)\s+fraråder)",
    re.IGNORECASE,
)
_PARTLY = re.compile(
    r"\b(?:(?:vi|eg|jeg)\s+(?:støtter|stør|er\s+enige\s+i|er\s+samde\s+i)\s+"
    r"(?:delvis|langt\s+på\s+veg|langt\s+på\s+vei|i\s+hovedsak|i\s+hovudsak|i\s+stor\s+grad)"
    r"|(?:vi|eg|jeg)\s+er\s+delvis\s+(?:enig|enige|einig|einige|positiv|positive)"
    r"|med\s+(?:visse|enkelte|noen|nokre)\s+forbehold)",
    re.IGNORECASE,
)
_YES = re.compile(
    r"\b(?:(?:vi|eg|jeg)\s+(?:støtter|stør|stiller\s+oss\s+bak|slutter\s+oss\s+til|"
    r"sluttar\s+oss\s+til|tilslutter\s+oss|støtter\s+opp\s+om)"
    r"|(?:vi|eg|jeg)\s+er\s+(?:svært\s+|veldig\s+|godt\s+)?(?:positive?|enige?|samde?|einige?)"
    r"\s+(?:til|i|med))",
    re.IGNORECASE,
)
#: A contrast after support in the same passage ("Vi støtter forslaget, men savner…",
#: "… Samtidig mener vi …") makes the support partial.
_CONTRAST = re.compile(r"\b(?:men|likevel|derimot|samtidig|imidlertid)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StanceProposal:
    """A proposed stance and the words it rests on (``start``/``end`` into the text)."""

    stance: str
    start: int
    end: int
    evidence: str


def propose_stance(text: str) -> StanceProposal | None:
    """The stance ``text`` states, or None when it states none."""
    for pattern, stance in ((_NO, NO), (_PARTLY, PARTLY), (_YES, YES)):
        match = pattern.search(text)
        if match is None:
            continue
        if stance == YES and _CONTRAST.search(text, match.end()):
            stance = PARTLY
        return StanceProposal(stance, match.start(), match.end(), match.group(0))
    return None


def combine_stances(stances: Iterable[str]) -> str | None:
    """One stance for a question from its passages' stances: mixed or partial gives "delvis"."""
    found = set(stances)
    if not found:
        return None
    if len(found) == 1:
        return found.pop()
    return PARTLY
