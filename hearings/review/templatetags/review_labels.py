"""``{{ value|stance_label }}``: stored values shown to staff as the words respondents saw."""

from django import template

from ..selectors.history import stance_label as stance_label_for

register = template.Library()


@register.filter
def stance_label(value: str) -> str:
    return stance_label_for(value=value) if value else ""
