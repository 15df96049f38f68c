"""Admin form for hearings: pre-fills the four questions and freezes them once answered."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..questions import default_question_rows
from ..selectors import hearing_questions_locked

LOCKED_MESSAGE = _(
    "Spørsmålene kan ikke endres fordi høringen allerede har fått svar. "
    "Svarene må kunne knyttes til spørsmålene slik de ble stilt."
)

QUESTION_FIELDS = ("code", "text", "help_text")


class HearingPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk and "questions" in self.formsets:
            self._prefill_questions()

    def _prefill_questions(self):
        formset = self.formsets["questions"]
        rows = default_question_rows()
        prefilled = type(formset.__class__.__name__, (formset.__class__,), {"extra": len(rows)})
        self.formsets["questions"] = prefilled(
            instance=self.instance,
            prefix=formset.prefix,
            initial=rows,
            form_kwargs=getattr(formset, "form_kwargs", {}),
        )

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk
            and "questions" in self.formsets
            and hearing_questions_locked(hearing_id=self.instance.pk)
            and self._questions_changed()
        ):
            self.add_error(None, LOCKED_MESSAGE)
            formset = self.formsets["questions"]
            formset._non_form_errors = formset.error_class([str(LOCKED_MESSAGE)])
        return cleaned

    def _questions_changed(self) -> bool:
        formset = self.formsets["questions"]
        if not formset.is_valid():
            return True
        submitted = []
        for form in formset.ordered_forms if formset.can_order else formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            row = {name: data.get(name, "") for name in QUESTION_FIELDS}
            row["id"] = data["id"].pk if data.get("id") else None
            submitted.append(row)
        stored = [
            {**{name: getattr(q, name) for name in QUESTION_FIELDS}, "id": q.pk}
            for q in type(self.instance)
            .objects.get(pk=self.instance.pk)
            .questions.order_by("sort_order")
        ]
        return submitted != stored
