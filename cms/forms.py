"""Form helpers shared by the public forms: accessible error wiring and plain-text fields."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import clean_text

HTML_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


class AccessibleFormMixin:
    """Links each widget to its hint and error message and marks invalid fields for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.id_for_label}-hint")
            if self.is_bound and name in self.errors:
                described.append(f"{bound.id_for_label}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class PlainTextField(forms.CharField):
    """Free text that refuses markup: the public never gets to put HTML on our pages."""

    default_error_messages = {
        "html": _(
            "Teksten kan ikke inneholde HTML-koder som <b> eller <script>. Skriv vanlig tekst."
        ),
    }

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and HTML_TAG_RE.search(value):
            raise forms.ValidationError(self.error_messages["html"], code="html")
