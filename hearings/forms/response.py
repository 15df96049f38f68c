"""The public response form. Fields are built from the hearing's questions and proposals."""

from __future__ import annotations

import copy
import hashlib
import json
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.forms import AccessibleFormMixin, PlainTextField

from ..attachments import attachment_inspect
from ..models import (
    Category,
    PublicationChoice,
    RespondentKind,
    Response,
    ResponseSource,
    Stance,
)
from ..selectors import hearing_proposals, hearing_question_rows, proposal_sections
from ..services.responses import CommentInput, ResponseInput, response_attachment_held
from ..structure_cache import remembered
from ..validators import normalise_org_number, validate_org_number

NAME_MAX = 200
ANSWER_MAX = 20_000
COMMENT_MAX = 10_000
INTERESTS_MAX = 5_000


def _text(label, max_length, help_text="", rows=6, required=False):
    return PlainTextField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


#: Field objects built from a hearing's questions and proposals, by everything their labels and
#: help texts show and the language; each form gets deep copies. Why: building the ninety or so
#: fields (translated, formatted labels) took 1.4 ms of every form and copying them takes 0.6 ms
#: (demo hearing, in process); a rush builds the form twice per submission. Bounded: a changed
#: question or proposal makes a new key.
_FIELD_PROTOTYPES: dict[tuple, dict[str, forms.Field]] = {}


def _copy_field(field: forms.Field) -> forms.Field:
    """A copy of a prototype field that a form may change (widget attributes, error messages).

    What ``Field.__deepcopy__`` does for a text field, without deepcopy's generic machinery:
    the field, its widget and the widget's attributes are copied, the validators list and the
    error messages too. Choice fields keep Django's deep copy (their choices are copied there).
    Why: deep-copying the ninety fields was a fifth of a submission's CPU.
    """
    if isinstance(field, forms.ChoiceField):
        return copy.deepcopy(field)
    new = copy.copy(field)
    new.widget = copy.copy(field.widget)
    new.widget.attrs = field.widget.attrs.copy()
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    return new


class ResponseForm(AccessibleFormMixin, forms.Form):
    respondent_kind = forms.ChoiceField(
        label=_("Jeg svarer på vegne av"),
        choices=RespondentKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg om du svarer for en virksomhet eller som privatperson.")
        },
    )
    organisation_name = PlainTextField(
        label=_("Navn på virksomheten"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Fylles ut når du svarer for en virksomhet eller organisasjon."),
    )
    organisation_number = forms.CharField(
        label=_("Organisasjonsnummer"),
        max_length=20,
        required=False,
        help_text=_("9 siffer fra Enhetsregisteret, hvis virksomheten har det."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        choices=[("", _("Velg kategori"))] + Category.choices,
        error_messages={"required": _("Velg hvilken kategori som passer best.")},
    )
    contact_name = PlainTextField(
        label=_("Kontaktperson"),
        max_length=NAME_MAX,
        help_text=_("Navnet ditt. Publiseres aldri."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Skriv navnet til kontaktpersonen.")},
    )
    contact_email = forms.EmailField(
        label=_("E-post"),
        max_length=254,
        help_text=_("Vi sender lenke til utkastet og kvittering hit. Publiseres aldri."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv e-postadressen vi skal sende lenke og kvittering til."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )
    answer_mode = forms.ChoiceField(
        label=_("Hvordan vil du svare?"),
        choices=[
            (ResponseSource.FORM, _("Svar i skjemaet")),
            (
                ResponseSource.FORM_LETTER,
                _("Svar med brev (last opp brevet i stedet for å skrive)"),
            ),
        ],
        initial=ResponseSource.FORM,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Har virksomheten skrevet et høringsbrev, laster du det opp under «Brev eller "
            "vedlegg» nederst i skjemaet i stedet for å skrive i tekstfeltene. Standpunkt per "
            "spørsmål er da valgfritt; vi leser brevet opp mot de fire spørsmålene."
        ),
    )
    general_comment = _text(
        _("Andre kommentarer"), ANSWER_MAX, _("Alt annet du vil si om forslagene.")
    )
    attachment = forms.FileField(
        label=_("Brev eller vedlegg"),
        required=False,
        help_text=_(
            "PDF, Word (.docx) eller OpenDocument (.odt), høyst 20 MB. Svarer du med brev, "
            "laster du opp brevet her."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )
    remove_attachment = forms.BooleanField(label=_("Fjern vedlegget"), required=False)
    publication_choice = forms.ChoiceField(
        label=_("Publisering"),
        choices=PublicationChoice.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Svar publiseres først etter høringsfristen og etter at vi har gått dem gjennom. "
            "Kontaktopplysninger publiseres aldri."
        ),
        error_messages={"required": _("Velg om svaret kan publiseres.")},
    )
    interests = _text(
        _("Interesseerklæring"),
        INTERESTS_MAX,
        _("Valgfritt. Opplys om bindinger eller interesser som er relevante for svaret."),
        rows=3,
    )
    website = forms.CharField(label=_("Nettsted (la stå tomt)"), required=False, max_length=200)
    form_token = forms.UUIDField(widget=forms.HiddenInput)
    held_attachment = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self, *args, hearing, response: Response | None = None, submitting: bool = True, **kwargs
    ):
        self.hearing = hearing
        self.response = response
        self.submitting = submitting
        super().__init__(*args, **kwargs)
        self.question_goals = hearing_question_rows(hearing=hearing)
        self.questions = [question for question, _goals in self.question_goals]
        self.proposals = hearing_proposals(hearing=hearing)
        self._add_structure_fields()
        if not (response and response.attachment):
            del self.fields["remove_attachment"]
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())
            if response is not None:
                self.initial.update(_initial_from(response))
                self.initial["version"] = response.version

    def _add_structure_fields(self):
        self.sections = remembered(
            "sections",
            self.hearing.pk,
            lambda: {p.pk: proposal_sections(proposal=p) for p in self.proposals},
        )
        key = (
            get_language(),
            tuple((q.pk, q.code, q.text, q.help_text) for q in self.questions),
            tuple(
                (
                    p.pk,
                    p.pathway.short_name or p.pathway.title,
                    tuple(s["heading"] for s in self.sections[p.pk]),
                )
                for p in self.proposals
            ),
        )
        prototypes = _FIELD_PROTOTYPES.get(key)
        if prototypes is None:
            prototypes = self._structure_fields()
            if len(_FIELD_PROTOTYPES) >= 64:
                _FIELD_PROTOTYPES.clear()
            _FIELD_PROTOTYPES[key] = prototypes
        for name, field in prototypes.items():
            self.fields[name] = _copy_field(field)

    def _structure_fields(self) -> dict[str, forms.Field]:
        """The fields made from the hearing's questions and proposals (see ``_FIELD_PROTOTYPES``)."""
        fields = {}
        for question in self.questions:
            fields[f"q{question.pk}_stance"] = forms.ChoiceField(
                label=question.text,
                choices=Stance.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            fields[f"q{question.pk}_text"] = _text(
                _("Utdyp svaret ditt (%(code)s)") % {"code": question.code},
                ANSWER_MAX,
                question.help_text,
            )
        for proposal in self.proposals:
            name = proposal.pathway.short_name or proposal.pathway.title
            fields[f"p{proposal.pk}"] = _text(
                _("Kommentar til forslaget for %(name)s") % {"name": name}, COMMENT_MAX, rows=4
            )
            for index, section in enumerate(self.sections[proposal.pk]):
                fields[f"s{proposal.pk}_{index}"] = _text(
                    _("Kommentar til avsnittet «%(heading)s»") % {"heading": section["heading"]},
                    COMMENT_MAX,
                    rows=3,
                )
        return fields

    def fragment_cache_key(self) -> str | None:
        """A key for the rendered fields of a new, empty form, or None when they must be rendered.

        The fields of a first visit's form are the same for every respondent (the form token and the
        CSRF token sit outside the cached fragment), and rendering some hundred widgets was most of
        the cost of the form page. The key is a digest of everything the fragment shows (questions,
        proposals, sections, labels) and the language, so an edited question or a republished
        proposal gets a new fragment without any invalidation, in every process.
        """
        if self.is_bound or self.response is not None:
            return None
        structure = {
            "language": get_language(),
            "questions": [(q.pk, q.code, q.text, q.help_text) for q in self.questions],
            "goals": [
                [(g.code, g.title, g.description) for g in goals]
                for _question, goals in self.question_goals
            ],
            "proposals": [
                (
                    p.pk,
                    p.pathway_id,
                    p.pathway.title,
                    p.pathway.short_name,
                    p.url,
                    self.sections[p.pk],
                )
                for p in self.proposals
            ],
            "fields": list(self.fields),
        }
        encoded = json.dumps(structure, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]

    # Grouping for the template -------------------------------------------------------------

    def question_rows(self):
        return [
            (q, self[f"q{q.pk}_stance"], self[f"q{q.pk}_text"], goals)
            for q, goals in self.question_goals
        ]

    def proposal_rows(self):
        if getattr(self, "_proposal_rows", None) is not None:
            return self._proposal_rows
        rows = []
        for proposal in self.proposals:
            sections = [
                (section, self[f"s{proposal.pk}_{index}"])
                for index, section in enumerate(self.sections[proposal.pk])
            ]
            rows.append(
                {
                    "proposal": proposal,
                    "field": self[f"p{proposal.pk}"],
                    "sections": sections,
                    "open": any(bound.errors or bound.value() for _section, bound in sections),
                }
            )
        self._proposal_rows = rows
        return rows

    # Validation ------------------------------------------------------------------------------

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(
                _("Skjemaet kunne ikke sendes. Prøv igjen uten å fylle ut feltet «Nettsted».")
            )
        return ""

    def clean_organisation_number(self):
        value = normalise_org_number(self.cleaned_data.get("organisation_number", ""))
        if value:
            validate_org_number(value)
        return value

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        self.attachment_info = attachment_inspect(upload=upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        self._restore_held_attachment(cleaned)
        kind = cleaned.get("respondent_kind")
        if kind == RespondentKind.PRIVATE:
            cleaned["category"] = Category.PRIVATE_PERSON
            cleaned["organisation_name"] = ""
            cleaned["organisation_number"] = ""
            self.errors.pop("category", None)
        elif kind == RespondentKind.ORGANISATION:
            if not cleaned.get("organisation_name") and "organisation_name" not in self.errors:
                self.add_error(
                    "organisation_name", _("Skriv navnet på virksomheten du svarer for.")
                )
            if cleaned.get("category") == Category.PRIVATE_PERSON:
                self.add_error(
                    "category", _("Velg en kategori for virksomheten, eller svar som privatperson.")
                )
        if not self.submitting:
            # A draft needs no publication choice yet; it is asked for when the response is sent.
            self.errors.pop("publication_choice", None)
            cleaned.setdefault("publication_choice", "")
        if cleaned.get("answer_mode") not in (ResponseSource.FORM, ResponseSource.FORM_LETTER):
            cleaned["answer_mode"] = ResponseSource.FORM
        if (
            self.submitting
            and cleaned["answer_mode"] == ResponseSource.FORM_LETTER
            and "attachment" not in self.errors
            and not self._has_attachment(cleaned)
        ):
            self.add_error(
                "attachment",
                _(
                    "Du har valgt å svare med brev. Last opp brevet som PDF, Word (.docx) eller "
                    "OpenDocument (.odt), eller velg «Svar i skjemaet»."
                ),
            )
        if self.submitting and not self.errors and not self._has_content(cleaned):
            raise ValidationError(
                _(
                    "Svaret er tomt. Svar på minst ett spørsmål, skriv en kommentar eller legg ved en fil."
                ),
                code="empty",
            )
        return cleaned

    held = None  # (file, info, path) of an upload kept from an earlier round of this form

    def _restore_held_attachment(self, cleaned) -> None:
        """Use the upload kept from the last round when the respondent did not choose a new file."""
        token = cleaned.get("held_attachment")
        if not token or cleaned.get("attachment") or "attachment" in self.errors:
            return
        self.held = response_attachment_held(
            hearing_id=self.hearing.pk, form_token=cleaned.get("form_token"), token=token
        )
        if self.held is not None:
            cleaned["attachment"], self.attachment_info = self.held[0], self.held[1]

    def held_attachment_name(self) -> str:
        """The name of an attachment the server keeps for this form, shown beside the file field."""
        if self.held is not None:
            return self.held[1].name
        return ""

    def _has_attachment(self, cleaned) -> bool:
        """A new or kept upload, or the saved attachment of the response being edited."""
        if cleaned.get("attachment"):
            return True
        return bool(
            self.response is not None
            and self.response.attachment
            and not cleaned.get("remove_attachment")
        )

    def _has_content(self, cleaned) -> bool:
        if cleaned.get("general_comment") or self._has_attachment(cleaned):
            return True
        return any(
            cleaned.get(name) for name in self.fields if name[0] in "qps" and name[1:2].isdigit()
        )

    def to_input(self) -> ResponseInput:
        data = self.cleaned_data
        answers = {
            q.pk: (data.get(f"q{q.pk}_stance") or "", data.get(f"q{q.pk}_text") or "")
            for q in self.questions
        }
        comments = []
        for proposal in self.proposals:
            if data.get(f"p{proposal.pk}"):
                comments.append(
                    CommentInput(proposal.pk, proposal.pathway_id, "", "", data[f"p{proposal.pk}"])
                )
            for index, section in enumerate(self.sections[proposal.pk]):
                text = data.get(f"s{proposal.pk}_{index}")
                if text:
                    comments.append(
                        CommentInput(
                            proposal.pk,
                            proposal.pathway_id,
                            section["id"],
                            section["heading"],
                            text,
                        )
                    )
        return ResponseInput(
            respondent_kind=data["respondent_kind"],
            category=data["category"],
            publication_choice=data.get("publication_choice") or "",
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            organisation_name=data.get("organisation_name", ""),
            organisation_number=data.get("organisation_number", ""),
            answers=answers,
            pathway_comments=comments,
            general_comment=data.get("general_comment", ""),
            interests=data.get("interests", ""),
            attachment=data.get("attachment"),
            attachment_info=getattr(self, "attachment_info", None),
            remove_attachment=bool(data.get("remove_attachment")),
            source=data.get("answer_mode") or ResponseSource.FORM,
        )


def _initial_from(response: Response) -> dict:
    initial = {
        name: getattr(response, name)
        for name in (
            "respondent_kind",
            "organisation_name",
            "organisation_number",
            "category",
            "contact_name",
            "contact_email",
            "general_comment",
            "publication_choice",
            "interests",
        )
    }
    initial["answer_mode"] = (
        ResponseSource.FORM_LETTER
        if response.source == ResponseSource.FORM_LETTER
        else ResponseSource.FORM
    )
    for answer in response.answers.all():
        initial[f"q{answer.question_id}_stance"] = answer.stated_stance
        initial[f"q{answer.question_id}_text"] = answer.text
    section_index = {}
    for proposal in hearing_proposals(hearing=response.hearing):
        for index, section in enumerate(proposal_sections(proposal=proposal)):
            section_index[(proposal.pk, section["id"])] = index
    for comment in response.pathway_comments.all():
        if not comment.section_id:
            initial[f"p{comment.proposal_id}"] = comment.text
        elif (comment.proposal_id, comment.section_id) in section_index:
            initial[
                f"s{comment.proposal_id}_{section_index[(comment.proposal_id, comment.section_id)]}"
            ] = comment.text
    return initial


class LinkRequestForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-postadressen du oppga i svaret"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv e-postadressen du brukte."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
        },
    )
    website = forms.CharField(label=_("Nettsted (la stå tomt)"), required=False, max_length=200)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Skjemaet kunne ikke sendes."))
        return ""
