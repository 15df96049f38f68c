"""The editor's adoption form: a change note of their own and an explicit confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AdoptionForm(forms.Form):
    """One proposal's "send for adoption" form on the decision screen.

    The prefix is the proposal's id, so a refused form is shown again under its own proposal
    with the typed note kept, while the other proposals' forms stay empty.
    """

    change_note = forms.CharField(
        label=_("Endringsnotat"),
        help_text=_(
            "Vises for leserne i versjonshistorikken. Fortell kort hva som er endret. "
            "Høringens tittel og saksnummer legges til automatisk."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _(
                "Skriv et endringsnotat som forteller leserne hva som er endret i den nye versjonen."
            )
        },
    )
    confirm = forms.BooleanField(
        label=_(
            "Jeg har lest forslaget og vil sende det til godkjenning som ny faglig versjon. "
            "En annen redaktør må godkjenne før den blir publisert."
        ),
        error_messages={
            "required": _("Bekreft at du vil sende forslaget til godkjenning som ny versjon.")
        },
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, prefix=f"p{proposal.pk}", **kwargs)
        self.proposal = proposal
