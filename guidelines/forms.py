"""The admin edit form for pathways: asks for the change kind and note on every publish."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .models.versions import ChangeKind, PathwayVersion

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class PathwayPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each publish is described on its own: never carry the last published note into the next
        # edit. While a change awaits approval, the approver sees the author's kind and note.
        state = getattr(self.instance, "current_workflow_state", None) if self.instance.pk else None
        if state is None:
            self.initial["change_kind"] = ""
            self.initial["change_note"] = ""

    def _has_versions(self) -> bool:
        return (
            bool(self.instance.pk)
            and PathwayVersion.objects.filter(pathway_id=self.instance.pk).exists()
        )

    def clean(self):
        cleaned = super().clean()
        publishing = any(key in self.data for key in PUBLISHING_ACTIONS)
        if not publishing or not self._has_versions():
            return cleaned
        kind = cleaned.get("change_kind")
        if not kind:
            self.add_error(
                "change_kind", _("Velg om dette er en faglig eller redaksjonell endring.")
            )
        if not (cleaned.get("change_note") or "").strip():
            self.add_error(
                "change_note",
                _("Skriv et kort endringsnotat som forteller leserne hva som er endret."),
            )
        if kind == ChangeKind.SUBSTANTIVE and "action-publish" in self.data:
            self.add_error(
                "change_kind",
                forms.ValidationError(
                    _(
                        "En faglig endring må godkjennes av en annen redaktør før publisering. "
                        "Bruk «Send til faglig godkjenning» i stedet for «Publiser»."
                    ),
                    code="four_eyes",
                ),
            )
        return cleaned
