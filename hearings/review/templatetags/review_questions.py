"""``{% passage_question_panel passage %}``: the question a passage answers, and its correction."""

from django import template

from ..selectors.questions import passage_question_rows

register = template.Library()


@register.inclusion_tag("hearings/review/includes/passage_question.html", takes_context=True)
def passage_question_panel(context, passage):
    return {
        "passage": passage,
        "rows": passage_question_rows(passage=passage),
        "next_url": context.get("next_url", ""),
        "csrf_token": context.get("csrf_token"),
    }
