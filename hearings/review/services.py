"""Every change a reviewer makes in the workspace, each one written to Wagtail's audit log.

Human decisions never overwrite the machine's: a reviewer's goal or theme is its own row
(``source="human"``) that becomes the effective one, and the machine row stays for the
agreement figures. Who and when are on the row and in the audit log entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from ..models import (
    GOAL_CODES,
    GoalLabel,
    Passage,
    PassageTheme,
    PersonalDataFlag,
    QuestionLabel,
    Redaction,
    RedactionReason,
    ReviewNote,
    Source,
    Theme,
    ThemeChangeLink,
)
from ..services.publication import passage_find
from .selectors import source_text

LOG_ACTIONS = {
    "hearings.review.triage": (gettext_lazy("Vurdering av utdrag"), gettext_lazy("Utdrag merket")),
    "hearings.review.goal": (
        gettext_lazy("Endret mål"),
        gettext_lazy("Mål endret av saksbehandler"),
    ),
    "hearings.review.theme_move": (
        gettext_lazy("Flyttet til tema"),
        gettext_lazy("Utdrag flyttet til annet tema"),
    ),
    "hearings.review.theme_rename": (gettext_lazy("Nytt temanavn"), gettext_lazy("Tema omdøpt")),
    "hearings.review.theme_merge": (
        gettext_lazy("Slått sammen temaer"),
        gettext_lazy("Temaer slått sammen"),
    ),
    "hearings.review.question": (
        gettext_lazy("Endret spørsmål"),
        gettext_lazy("Spørsmål endret av saksbehandler"),
    ),
    "hearings.review.note": (gettext_lazy("Notat"), gettext_lazy("Notat skrevet")),
    "hearings.review.flag_accept": (
        gettext_lazy("Personopplysning sladdet"),
        gettext_lazy("Foreslått sladding godtatt"),
    ),
    "hearings.review.flag_dismiss": (
        gettext_lazy("Personopplysning avvist"),
        gettext_lazy("Foreslått sladding avvist"),
    ),
    "hearings.review.change_link": (
        gettext_lazy("Endret som følge av innspill"),
        gettext_lazy("Tema knyttet til endring"),
    ),
    "hearings.review.change_unlink": (
        gettext_lazy("Kobling fjernet"),
        gettext_lazy("Tema koblet fra endring"),
    ),
}


def register_log_actions(actions) -> None:
    """Called from the ``register_log_actions`` hook so the admin's history can name our actions."""
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


def _reviewed(passage: Passage, user) -> None:
    passage.reviewed_by = user
    passage.reviewed_at = timezone.now()


TRIAGE_FIELDS = {
    "read": "is_read",
    "flagged": "is_flagged",
    "evidence": "is_evidence_rich",
    "not_relevant": "not_relevant",
}


@transaction.atomic
def passage_triage(*, passage: Passage, user, **marks: bool) -> Passage:
    """Set read / flagged / evidence-rich / not relevant; "not relevant" counts as a review."""
    changed = {}
    for key, value in marks.items():
        field = TRIAGE_FIELDS[key]
        if getattr(passage, field) != bool(value):
            setattr(passage, field, bool(value))
            changed[field] = bool(value)
    if not changed:
        return passage
    fields = list(changed)
    if "not_relevant" in changed:
        _reviewed(passage, user)
        fields += ["reviewed_by", "reviewed_at"]
    passage.save(update_fields=fields)
    log(instance=passage, action="hearings.review.triage", user=user, data=changed)
    return passage


@transaction.atomic
def passage_goal_set(*, passage: Passage, goal: str, assigned: bool, user) -> GoalLabel:
    """A reviewer adds (``assigned``) or removes a goal; their row wins, the machine's is kept."""
    if goal not in GOAL_CODES:
        raise ValidationError(_("Ukjent mål."))
    now = timezone.now()
    human, _created = GoalLabel.objects.update_or_create(
        passage=passage,
        goal=goal,
        source=Source.HUMAN,
        defaults={
            "assigned": assigned,
            "is_effective": True,
            "decided_by": user,
            "decided_at": now,
        },
    )
    GoalLabel.objects.filter(passage=passage, goal=goal).exclude(pk=human.pk).update(
        is_effective=False
    )
    if not assigned:
        PassageTheme.objects.filter(passage=passage, goal=goal).update(is_effective=False)
    _reviewed(passage, user)
    passage.save(update_fields=["reviewed_by", "reviewed_at"])
    log(
        instance=passage,
        action="hearings.review.goal",
        user=user,
        data={"goal": goal, "assigned": assigned},
    )
    return human


@transaction.atomic
def passage_goal_confirm(*, passage: Passage, user) -> Passage:
    """The reviewer agrees with the machine's goals as they stand: reviewed, nothing relabelled."""
    _reviewed(passage, user)
    passage.is_read = True
    passage.save(update_fields=["reviewed_by", "reviewed_at", "is_read"])
    log(instance=passage, action="hearings.review.triage", user=user, data={"confirmed": True})
    return passage


@transaction.atomic
def passage_theme_move(*, passage: Passage, theme: Theme, user) -> PassageTheme:
    """Put a passage in another theme of the same hearing; adds the theme's goal if missing."""
    if theme.hearing_id != passage.hearing_id:
        raise ValidationError(_("Temaet hører til en annen høring."))
    theme = _final_theme(theme)
    effective_goal = GoalLabel.objects.filter(
        passage=passage, goal=theme.goal, is_effective=True, assigned=True
    ).exists()
    if not effective_goal:
        passage_goal_set(passage=passage, goal=theme.goal, assigned=True, user=user)
    link, _created = PassageTheme.objects.update_or_create(
        passage=passage,
        goal=theme.goal,
        source=Source.HUMAN,
        defaults={
            "theme": theme,
            "is_effective": True,
            "decided_by": user,
            "decided_at": timezone.now(),
        },
    )
    PassageTheme.objects.filter(passage=passage, goal=theme.goal).exclude(pk=link.pk).update(
        is_effective=False
    )
    _reviewed(passage, user)
    passage.save(update_fields=["reviewed_by", "reviewed_at"])
    log(
        instance=passage,
        action="hearings.review.theme_move",
        user=user,
        data={"theme": theme.pk, "label": theme.label, "goal": theme.goal},
    )
    return link


def _final_theme(theme: Theme) -> Theme:
    seen = set()
    while theme.merged_into_id and theme.pk not in seen:
        seen.add(theme.pk)
        theme = theme.merged_into
    return theme


@transaction.atomic
def theme_rename(*, theme: Theme, label: str, user) -> Theme:
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Skriv et navn på temaet.")})
    if len(label) > 200:
        raise ValidationError({"label": _("Navnet kan være høyst 200 tegn.")})
    old = theme.label
    if not theme.machine_label:
        theme.machine_label = old
    theme.label = label
    theme.save(update_fields=["label", "machine_label", "updated_at"])
    log(
        instance=theme,
        action="hearings.review.theme_rename",
        user=user,
        data={"from": old, "to": label},
    )
    return theme


@transaction.atomic
def theme_merge(*, source: Theme, target: Theme, user) -> Theme:
    """Fold ``source`` into ``target``: its passages get human rows on the target theme.

    The machine rows keep pointing at ``source`` so the original grouping stays visible.
    """
    if source.pk == target.pk:
        raise ValidationError({"target": _("Velg et annet tema å slå sammen med.")})
    if source.hearing_id != target.hearing_id or source.goal != target.goal:
        raise ValidationError({"target": _("Temaene må høre til samme høring og samme mål.")})
    target = _final_theme(target)
    now = timezone.now()
    moved = 0
    for link in PassageTheme.objects.filter(theme=source, is_effective=True):
        if link.source == Source.HUMAN:
            link.theme = target
            link.decided_by, link.decided_at = user, now
            link.save(update_fields=["theme", "decided_by", "decided_at"])
        else:
            link.is_effective = False
            link.save(update_fields=["is_effective"])
            PassageTheme.objects.update_or_create(
                passage_id=link.passage_id,
                goal=link.goal,
                source=Source.HUMAN,
                defaults={
                    "theme": target,
                    "is_effective": True,
                    "decided_by": user,
                    "decided_at": now,
                },
            )
        moved += 1
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    log(
        instance=target,
        action="hearings.review.theme_merge",
        user=user,
        data={"merged": source.pk, "label": source.label, "passages": moved},
    )
    return target


def review_note_add(
    *, hearing, user, text: str, passage=None, theme=None, response=None
) -> ReviewNote:
    if not text.strip():
        raise ValidationError({"text": _("Skriv et notat.")})
    note = ReviewNote.objects.create(
        hearing=hearing,
        passage=passage,
        theme=theme,
        response=response,
        text=text.strip(),
        author=user,
    )
    log(instance=note, action="hearings.review.note", user=user, data={"text": note.text[:200]})
    return note


@transaction.atomic
def personal_data_flag_accept(
    *,
    flag: PersonalDataFlag,
    user,
    start: int | None = None,
    end: int | None = None,
    passage: str = "",
    near: int | None = None,
) -> Redaction:
    """Redact the flagged span as a hearings Redaction, or the text staff chose instead.

    Staff widen or narrow a proposal by selecting the text on screen: ``passage`` is the selected
    text and ``near`` where the selection began, so the occurrence they pointed at is redacted.
    """
    if flag.decision != PersonalDataFlag.Decision.PROPOSED:
        raise ValidationError(_("Forslaget er allerede behandlet."))
    if flag.source not in Redaction.Source.values:
        raise ValidationError(
            _("Tekst fra vedlegg kan ikke sladdes her. Hold tilbake vedlegget eller hele svaret.")
        )
    text = source_text(response=flag.response, source=flag.source, source_id=flag.source_id)
    passage = passage.strip()
    if passage:
        start = passage_find(text=text, passage=passage, near=flag.start if near is None else near)
        if start < 0:
            raise ValidationError(
                _("Fant ikke teksten i svaret. Marker teksten som skal sladdes i utdraget.")
            )
        end = start + len(passage)
    start = flag.start if start is None else start
    end = flag.end if end is None else end
    if not (0 <= start < end <= len(text)):
        raise ValidationError(_("Start og slutt må ligge innenfor teksten."))
    redaction = Redaction.objects.create(
        response=flag.response,
        source=flag.source,
        source_id=flag.source_id,
        start=start,
        end=end,
        reason=RedactionReason.PERSONAL_DATA,
        note=str(flag.get_kind_display())[:500],
        created_by=user,
    )
    flag.decision = PersonalDataFlag.Decision.ACCEPTED
    flag.redaction = redaction
    flag.decided_by, flag.decided_at = user, timezone.now()
    flag.save(update_fields=["decision", "redaction", "decided_by", "decided_at"])
    log(
        instance=flag,
        action="hearings.review.flag_accept",
        user=user,
        data={"response": flag.response_id, "start": start, "end": end, "kind": flag.kind},
    )
    return redaction


def personal_data_flag_dismiss(*, flag: PersonalDataFlag, user) -> PersonalDataFlag:
    if flag.decision != PersonalDataFlag.Decision.PROPOSED:
        raise ValidationError(_("Forslaget er allerede behandlet."))
    flag.decision = PersonalDataFlag.Decision.DISMISSED
    flag.decided_by, flag.decided_at = user, timezone.now()
    flag.save(update_fields=["decision", "decided_by", "decided_at"])
    log(
        instance=flag,
        action="hearings.review.flag_dismiss",
        user=user,
        data={"response": flag.response_id, "kind": flag.kind},
    )
    return flag


def theme_change_link_create(
    *, theme: Theme, version, section_id: str, section_heading: str, note: str, user
) -> ThemeChangeLink:
    """Record that an adopted version changed a section because of a theme from the hearing."""
    if not version.adoptions.filter(hearing_id=theme.hearing_id).exists():
        raise ValidationError({"version": _("Versjonen er ikke vedtatt etter denne høringen.")})
    link, _created = ThemeChangeLink.objects.update_or_create(
        theme=theme,
        version=version,
        section_id=section_id,
        defaults={"section_heading": section_heading[:255], "note": note[:500], "created_by": user},
    )
    log(
        instance=link,
        action="hearings.review.change_link",
        user=user,
        data={"theme": theme.label, "version": version.number, "section": section_heading},
    )
    return link


def theme_change_link_delete(*, link: ThemeChangeLink, user) -> None:
    log(
        instance=link,
        action="hearings.review.change_unlink",
        user=user,
        data={"theme": link.theme.label, "section": link.section_heading},
    )
    link.delete()


@transaction.atomic
def passage_question_set(*, passage: Passage, question, user) -> QuestionLabel:
    """A reviewer says which hearing question a passage answers (``question`` None: none).

    Like goals, the reviewer's row wins and the machine's is kept; the effective question is
    copied onto the passage, so counts by question follow at once. Passages of an answer to a
    question keep that question: the respondent chose it.
    """
    if passage.source == "answer":
        raise ValidationError(_("Svar på et spørsmål hører alltid til det spørsmålet."))
    if question is not None and question.hearing_id != passage.hearing_id:
        raise ValidationError(_("Spørsmålet hører til en annen høring."))
    human, _created = QuestionLabel.objects.update_or_create(
        passage=passage,
        source=Source.HUMAN,
        defaults={
            "question": question,
            "is_effective": True,
            "method": QuestionLabel.Method.HUMAN,
            "decided_by": user,
            "decided_at": timezone.now(),
        },
    )
    QuestionLabel.objects.filter(passage=passage).exclude(pk=human.pk).update(is_effective=False)
    passage.question = question
    _reviewed(passage, user)
    passage.save(update_fields=["question", "reviewed_by", "reviewed_at"])
    log(
        instance=passage,
        action="hearings.review.question",
        user=user,
        data={"question": question.code if question else None},
    )
    return human
