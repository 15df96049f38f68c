"""The public search form: keeps what the user typed and explains odd queries."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .service import MAX_QUERY_LENGTH, PUBLIC_KINDS

KIND_CHOICES = [(k.value, k.label) for k in Kind if k in PUBLIC_KINDS]


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Søkeord"), required=False, strip=True)
    kind = forms.MultipleChoiceField(
        label=_("Type innhold"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pathway = forms.TypedChoiceField(
        label=_("Pasientforløp"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, pathways=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].choices = [("", _("Alle forløp"))] + list(pathways)
        self.fields["year"].choices = [("", _("Alle år"))] + [(y, y) for y in years]
        self.too_long = False

    def clean_q(self):
        q = " ".join(self.cleaned_data.get("q", "").split())
        if len(q) > MAX_QUERY_LENGTH:
            self.too_long = True
            q = q[:MAX_QUERY_LENGTH]
        return q
