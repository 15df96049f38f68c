"""Staff screens for letters: register a response received by e-mail or post, and correct the
hearing question a passage answers.

The views parse input and call :mod:`hearings.services.letters` and
:func:`hearings.review.services.passage_question_set`; every check lives in those services.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import (
    Category,
    HearingPage,
    HearingQuestion,
    Passage,
    PublicationChoice,
    RespondentKind,
)
from ..services.letters import LetterDetails, LetterFile, letter_register, letters_read
from . import services
from .views import ReviewerMixin, _safe_next


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the letter service checks each of them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class LetterRegisterForm(forms.Form):
    hearing = forms.ModelChoiceField(
        label=gettext_lazy("Høring"), queryset=HearingPage.objects.none()
    )
    files = MultipleFileField(
        label=gettext_lazy("Brev (PDF, Word eller ODT)"),
        required=False,
        help_text=gettext_lazy("Du kan velge flere filer, for eksempel brev og vedlegg."),
    )
    pasted_text = forms.CharField(
        label=gettext_lazy("Eller lim inn teksten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("For e-post uten vedlegg, eller brev som er skrevet av."),
    )
    respondent_kind = forms.ChoiceField(
        label=gettext_lazy("Avsender er"),
        choices=RespondentKind.choices,
        initial=RespondentKind.ORGANISATION,
    )
    organisation_name = forms.CharField(label=gettext_lazy("Virksomhet"), max_length=200)
    organisation_number = forms.RegexField(
        label=gettext_lazy("Organisasjonsnummer"),
        regex=r"^\d{9}$",
        required=False,
        error_messages={"invalid": gettext_lazy("Skriv ni sifre.")},
    )
    category = forms.ChoiceField(label=gettext_lazy("Kategori"), choices=Category.choices)
    received_at = forms.DateField(
        label=gettext_lazy("Mottatt"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Kontaktperson"), max_length=200, required=False
    )
    contact_email = forms.EmailField(label=gettext_lazy("E-post"), required=False)
    publication_choice = forms.ChoiceField(
        label=gettext_lazy("Avsenderens valg for publisering"),
        choices=PublicationChoice.choices,
        widget=forms.RadioSelect,
    )
    accept_foreign_language = forms.BooleanField(
        label=gettext_lazy("Registrer likevel hvis brevet ikke er på norsk"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = HearingPage.objects.order_by("-deadline")
        self.fields["received_at"].initial = timezone.localdate()

    def clean_received_at(self):
        received = self.cleaned_data["received_at"]
        if received > timezone.localdate():
            raise ValidationError(_("Mottaksdatoen kan ikke være fram i tid."))
        return received

    def details(self) -> LetterDetails:
        data = self.cleaned_data
        return LetterDetails(
            organisation_name=data["organisation_name"],
            category=data["category"],
            received_at=data["received_at"],
            publication_choice=data["publication_choice"],
            respondent_kind=data["respondent_kind"],
            organisation_number=data.get("organisation_number") or "",
            contact_name=data.get("contact_name") or "",
            contact_email=data.get("contact_email") or "",
        )


class LetterRegisterView(ReviewerMixin, WagtailAdminTemplateMixin, FormView):
    """Register a response that came as a letter; every file's problem is named on the form."""

    template_name = "hearings/review/letter_register.html"
    form_class = LetterRegisterForm
    page_title = gettext_lazy("Registrer høringssvar mottatt som brev")

    def get_page_title(self):
        return self.page_title

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("hearing", "").isdigit():
            initial["hearing"] = int(self.request.GET["hearing"])
        return initial

    def form_valid(self, form):
        files = [
            LetterFile(upload.name or "", upload.read()) for upload in form.cleaned_data["files"]
        ]
        try:
            letters = letters_read(
                files=files,
                pasted_text=form.cleaned_data["pasted_text"],
                accept_foreign_language=form.cleaned_data["accept_foreign_language"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("files", message)
            return self.form_invalid(form)
        response = letter_register(
            hearing=form.cleaned_data["hearing"],
            details=form.details(),
            letters=letters,
            user=self.request.user,
        )
        messages.success(
            self.request,
            _("Brevet er registrert med referanse %(ref)s og sendt til analyse.")
            % {"ref": response.reference},
        )
        return redirect("hearings_review_detail", response.pk)


class PassageQuestionView(ReviewerMixin, View):
    """POST: a reviewer sets which question a passage answers (empty value: none of them)."""

    def post(self, request, hearing_id: int, passage_id: int):
        passage = get_object_or_404(Passage, pk=passage_id, hearing_id=self.hearing.pk)
        value = request.POST.get("question", "")
        question = (
            get_object_or_404(HearingQuestion, pk=value, hearing_id=self.hearing.pk)
            if value.isdigit()
            else None
        )
        try:
            services.passage_question_set(passage=passage, question=question, user=request.user)
            messages.success(request, _("Spørsmålet er endret."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        url = reverse("hearing_review:passage", args=[self.hearing.pk, passage.pk])
        next_url = _safe_next(request.POST.get("next", ""))
        return redirect(f"{url}?next={next_url}" if next_url else url)
