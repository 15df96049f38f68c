"""A passage's history as reviewers read it: who did what, in words rather than stored values."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from ...models import Passage, PersonalDataFlag, Stance
from .common import goal_titles

HISTORY_LIMIT = 20

# (set, unset) wording of each triage mark, as the buttons on the passage screen name them.
_TRIAGE = {
    "is_read": (gettext_lazy("Merket som lest"), gettext_lazy("Merket som ulest")),
    "is_flagged": (gettext_lazy("Flagget"), gettext_lazy("Flagg fjernet")),
    "is_evidence_rich": (
        gettext_lazy("Merket som godt begrunnet"),
        gettext_lazy("Ikke lenger merket som godt begrunnet"),
    ),
    "not_relevant": (
        gettext_lazy("Merket som ikke relevant"),
        gettext_lazy("Merket som relevant igjen"),
    ),
}


def stance_label(*, value: str) -> str:
    """The respondent's stance as the form showed it ("Vet ikke"), not as stored ("vet_ikke")."""
    return str(dict(Stance.choices).get(value, value))


def _goal(code: str, titles: dict[str, str]) -> str:
    return f"{code} {titles[code]}" if code in titles else code


def _triage(data: dict, titles) -> str:
    if data.get("confirmed"):
        return _("Målene er bekreftet slik de står")
    parts = [
        str(_TRIAGE[field][0 if value else 1]) for field, value in data.items() if field in _TRIAGE
    ]
    return ", ".join(parts)


def _goal_change(data: dict, titles) -> str:
    goal = _goal(data.get("goal", ""), titles)
    if data.get("assigned"):
        return _("Målet %(goal)s er lagt til") % {"goal": goal}
    return _("Målet %(goal)s er fjernet") % {"goal": goal}


def _theme_move(data: dict, titles) -> str:
    return _("Flyttet til temaet «%(theme)s» under %(goal)s") % {
        "theme": data.get("label", ""),
        "goal": _goal(data.get("goal", ""), titles),
    }


def _theme_rename(data: dict, titles) -> str:
    return _("«%(old)s» heter nå «%(new)s»") % {
        "old": data.get("from", ""),
        "new": data.get("to", ""),
    }


def _theme_merge(data: dict, titles) -> str:
    return _("Temaet «%(theme)s» er slått inn (%(n)s utdrag)") % {
        "theme": data.get("label", ""),
        "n": data.get("passages", 0),
    }


def _note(data: dict, titles) -> str:
    return f"«{data.get('text', '')}»"


def _flag(data: dict, titles) -> str:
    return str(dict(PersonalDataFlag.Kind.choices).get(data.get("kind", ""), data.get("kind", "")))


def _change_link(data: dict, titles) -> str:
    return _("«%(theme)s» – %(section)s") % {
        "theme": data.get("theme", ""),
        "section": data.get("section", ""),
    }


_DESCRIBE = {
    "hearings.review.triage": _triage,
    "hearings.review.goal": _goal_change,
    "hearings.review.theme_move": _theme_move,
    "hearings.review.theme_rename": _theme_rename,
    "hearings.review.theme_merge": _theme_merge,
    "hearings.review.note": _note,
    "hearings.review.flag_accept": _flag,
    "hearings.review.flag_dismiss": _flag,
    "hearings.review.change_link": _change_link,
    "hearings.review.change_unlink": _change_link,
}


def history_detail(*, action: str, data: dict | None, titles: dict[str, str]) -> str:
    """What a logged review action changed, in a sentence; empty when there is nothing to add."""
    describe = _DESCRIBE.get(action)
    if describe is None or not isinstance(data, dict):
        return ""
    return describe(data, titles)


def passage_history(*, passage: Passage) -> list[dict]:
    """The latest review actions on a passage, newest first, each with who, when and what."""
    entries = (
        ModelLogEntry.objects.for_instance(passage)
        .select_related("user")
        .order_by("-timestamp")[:HISTORY_LIMIT]
    )
    titles = goal_titles()
    return [
        {
            "timestamp": entry.timestamp,
            "user": entry.user,
            "message": entry.message,
            "detail": history_detail(action=entry.action, data=entry.data, titles=titles),
        }
        for entry in entries
    ]
