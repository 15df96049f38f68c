from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIELD_LABELS = {
    "name": _("Navn"),
    "from_event": _("Fra"),
    "to_event": _("Til"),
    "limit": _("Frist"),
    "unit": _("Enhet"),
    "comment": _("Merknad"),
    "code": _("Kode"),
    "description": _("Beskrivelse"),
}


@register.filter
def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)
