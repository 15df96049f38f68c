"""Forms of the review workspace: the passage filters (GET) and the small correction forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import GOAL_CODES, Category, HearingPage, PassageSource, ResponseSource, Stance
from . import selectors

YES_NO = [("", _("Alle")), ("ja", _("Ja")), ("nei", _("Nei"))]


class PassageFilterForm(forms.Form):
    """Every filter of the passage list; all optional, all combine, all kept in the URL."""

    q = forms.CharField(
        label=_("Tekstsøk"),
        required=False,
        max_length=200,
        help_text=_("Finner også bøyde former og sammensatte ord, som i Søk i innspill."),
        widget=forms.TextInput(attrs={"aria-describedby": "id_q-help"}),
    )
    goal = forms.ChoiceField(label=_("Mål"), required=False)
    theme = forms.TypedChoiceField(label=_("Tema"), required=False, coerce=int, empty_value=None)
    question = forms.ChoiceField(label=_("Spørsmål"), required=False)
    pathway = forms.TypedChoiceField(
        label=_("Forløp"), required=False, coerce=int, empty_value=None
    )
    section = forms.ChoiceField(label=_("Avsnitt i forslaget"), required=False)
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    stance = forms.ChoiceField(label=_("Standpunkt"), required=False)
    source = forms.ChoiceField(label=_("Kilde"), required=False)
    received_as = forms.ChoiceField(label=_("Innsendt som"), required=False)
    confidence = forms.ChoiceField(
        label=_("Sikkerhet"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("lav", _("Lav (under 0,5)")),
            ("middels", _("Middels (0,5–0,8)")),
            ("hoy", _("Høy (0,8 og over)")),
        ],
    )
    reviewed = forms.ChoiceField(label=_("Gjennomgått"), required=False, choices=YES_NO)
    flagged = forms.ChoiceField(label=_("Flagget"), required=False, choices=YES_NO)
    evidence = forms.ChoiceField(label=_("Godt begrunnet"), required=False, choices=YES_NO)
    relevant = forms.ChoiceField(label=_("Relevant"), required=False, choices=YES_NO)
    duplicate_group = forms.TypedChoiceField(
        label=_("Duplikatgruppe"), required=False, coerce=int, empty_value=None
    )
    order = forms.ChoiceField(
        label=_("Rekkefølge"),
        required=False,
        choices=[("", _("Svar for svar")), ("confidence", _("Minst sikre først"))],
    )

    def __init__(self, *args, hearing: HearingPage, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Alle"))]
        self.fields["goal"].choices = every + [(g, g) for g in GOAL_CODES]
        self.fields["theme"].choices = every + [
            (t.pk, f"{t.goal}: {t.label}")
            for t in selectors.current_themes(hearing=hearing).order_by("goal", "label")
        ]
        self.fields["question"].choices = (
            every
            + [(str(q.pk), q.code) for q in hearing.questions.order_by("sort_order")]
            + [("none", _("Ikke knyttet til spørsmål"))]
        )
        self.fields["pathway"].choices = every + [
            (p.pk, p.title) for p in selectors.hearing_pathways(hearing=hearing)
        ]
        sections = (
            hearing.passages.exclude(section_id="")
            .values_list("section_id", flat=True)
            .distinct()
            .order_by("section_id")[:200]
        )
        headings = dict(
            hearing.responses.filter(pathway_comments__section_id__in=list(sections))
            .values_list("pathway_comments__section_id", "pathway_comments__section_heading")
            .distinct()
        )
        self.fields["section"].choices = every + [(s, headings.get(s) or s) for s in sections]
        self.fields["category"].choices = every + list(Category.choices)
        self.fields["stance"].choices = every + list(Stance.choices)
        self.fields["source"].choices = every + list(PassageSource.choices)
        self.fields["received_as"].choices = every + list(ResponseSource.choices)
        self.fields["duplicate_group"].choices = every + [
            (g.pk, f"{g.get_kind_display()} ({g.size}): {g.excerpt[:40]}")
            for g in hearing.duplicate_groups.all()[:200]
        ]

    def filters(self) -> dict:
        """The cleaned filters (invalid values dropped, the rest kept)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ThemeRenameForm(forms.Form):
    label = forms.CharField(label=_("Nytt navn"), max_length=200)


class ThemeMergeForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Slå sammen med"), coerce=int)

    def __init__(self, *args, themes, exclude: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.pk, t.label) for t in themes if t.pk != exclude]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Notat"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ChangeLinkForm(forms.Form):
    theme = forms.TypedChoiceField(label=_("Tema"), coerce=int)
    target = forms.ChoiceField(label=_("Endret avsnitt"))
    note = forms.CharField(label=_("Merknad"), required=False, max_length=500)

    def __init__(self, *args, themes, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.pk, f"{t.goal}: {t.label}") for t in themes]
        self.fields["target"].choices = [
            (f"{v.pk}|{sid}", f"{v} – {heading}")
            for v in versions
            for sid, heading in selectors.version_sections(version=v)
        ]
