"""The summary report "Oppsummering av høringsinnspill" as HTML, PDF (WeasyPrint) and DOCX.

Every number comes from :mod:`hearings.review.selectors`. Quotations come only from responses
that may be published (approved, and the respondent did not refuse publication), never overlap a
withheld passage or an undismissed personal-data flag, and are attributed the way the public
response list names the respondent ("uten_navn" gives the category, not a person's name).
"""

from __future__ import annotations

import io
from collections import defaultdict

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.text import clean_text

from ..models import (
    GOAL_CODES,
    Category,
    HearingPage,
    PassageTheme,
    PersonalDataFlag,
    PublicationChoice,
    Redaction,
    RespondentKind,
    Response,
)
from . import selectors

QUOTES_PER_THEME = 2


def _attribution(response: Response) -> str:
    if response.respondent_kind == RespondentKind.PRIVATE:
        if response.publication_choice == PublicationChoice.FULL and response.contact_name:
            return response.contact_name
        return str(_("Privatperson"))
    if response.publication_choice == PublicationChoice.WITHOUT_NAMES:
        return response.get_category_display()
    return response.organisation_name


def _quotes_by_theme(*, hearing: HearingPage) -> dict[int, list[dict]]:
    publishable = selectors.publishable_responses(hearing=hearing)
    redactions = defaultdict(list)
    for redaction in Redaction.objects.filter(response__in=publishable):
        redactions[redaction.response_id].append(redaction)
    flags = defaultdict(list)
    for flag in PersonalDataFlag.objects.filter(response__in=publishable):
        flags[flag.response_id].append(flag)
    links = (
        PassageTheme.objects.filter(
            theme__hearing_id=hearing.pk,
            is_effective=True,
            passage__not_relevant=False,
            passage__response__in=publishable,
        )
        .select_related("passage__response")
        .order_by("-passage__is_evidence_rich", "-is_representative", "-similarity", "passage_id")
    )
    quotes: dict[int, list[dict]] = defaultdict(list)
    for link in links:
        if len(quotes[link.theme_id]) >= QUOTES_PER_THEME:
            continue
        if any(q["text"] == link.passage.text for q in quotes[link.theme_id]):
            continue
        passage = link.passage
        rid = passage.response_id
        if not selectors.quotable(passage=passage, redactions=redactions[rid], flags=flags[rid]):
            continue
        quotes[link.theme_id].append(
            {
                "text": passage.text,
                "by": _attribution(passage.response),
                "reference": passage.response.reference,
            }
        )
    return quotes


def _question_themes(*, hearing: HearingPage) -> dict[int | None, list[dict]]:
    rows = (
        selectors.effective_theme_links(hearing=hearing)
        .values("passage__question_id", "theme__goal", "theme__label")
        .annotate(n=Count("passage_id", distinct=True))
        .order_by("passage__question_id", "-n", "theme__label")
    )
    result: dict[int | None, list[dict]] = defaultdict(list)
    for row in rows:
        result[row["passage__question_id"]].append(
            {"goal": row["theme__goal"], "label": row["theme__label"], "n": row["n"]}
        )
    return result


def report_data(*, hearing: HearingPage) -> dict:
    titles = selectors.goal_titles()
    quotes = _quotes_by_theme(hearing=hearing)
    goal_counts = selectors.goal_passage_counts(hearing=hearing)
    goals = []
    for goal in GOAL_CODES:
        themes = selectors.goal_themes(hearing=hearing, goal=goal, quotes=0)
        for row in themes:
            row["quotes"] = quotes.get(row["theme"].pk, [])
            row["changes"] = list(row["theme"].change_links.select_related("version"))
        goals.append(
            {
                "goal": goal,
                "title": titles[goal],
                "passages": goal_counts.get(goal, 0),
                "themes": [t for t in themes if t["size"]],
                "stance_by_category": selectors.goal_stance_by_category(hearing=hearing, goal=goal),
            }
        )
    question_themes = _question_themes(hearing=hearing)
    stance = selectors.stance_counts(hearing=hearing)
    for row in stance:
        row["themes"] = question_themes.get(row["question"].pk, [])[:8]
    respondents = defaultdict(list)
    private = unnamed = 0
    for response in selectors.submitted_responses(hearing=hearing).order_by("organisation_name"):
        if response.respondent_kind == RespondentKind.PRIVATE:
            private += 1
        elif response.publication_choice == PublicationChoice.NONE:
            unnamed += 1
        else:
            respondents[response.category].append(response.organisation_name)
    categories = dict(Category.choices)
    return {
        "hearing": hearing,
        "generated_at": timezone.now(),
        "totals": selectors.response_totals(hearing=hearing),
        "by_category": selectors.response_counts_by_category(hearing=hearing),
        "goals": goals,
        "questions": stance,
        "matrix": selectors.goal_question_matrix(hearing=hearing),
        "respondents": [
            {"label": categories.get(c, c), "names": names}
            for c, names in sorted(respondents.items())
        ],
        "private_count": private,
        "unnamed_count": unnamed,
        "changes": list(selectors.hearing_change_links(hearing=hearing)),
    }


def render_html(*, hearing: HearingPage, fragment: bool = False) -> str:
    """The whole document (for PDF and printing) or just its body (inside the admin page)."""
    template = "report_body.html" if fragment else "report_document.html"
    return render_to_string(f"hearings/review/{template}", report_data(hearing=hearing))


def render_pdf(*, hearing: HearingPage) -> bytes:
    # lazy: WeasyPrint (and its native libraries) is loaded only when a PDF report is made.
    from weasyprint import HTML

    return HTML(string=render_html(hearing=hearing)).write_pdf()


def _xml_safe(value):
    """Every string in the report data without control characters (Word files are XML)."""
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_xml_safe(item) for item in value]
    return clean_text(value)


def render_docx(*, hearing: HearingPage) -> bytes:
    """An editable Word version with the same content as the PDF."""
    # lazy: python-docx is loaded only when a Word file is read or written.
    import docx

    data = _xml_safe(report_data(hearing=hearing))
    document = docx.Document()
    document.add_heading(_("Oppsummering av høringsinnspill"), level=0)
    document.add_paragraph(clean_text(hearing.title))
    document.add_paragraph(
        _("%(n)s høringssvar (%(d)s ulike tekster).")
        % {"n": data["totals"]["n"], "d": data["totals"]["distinct"]}
    )
    document.add_heading(_("Innspill per mål"), level=1)
    for goal in data["goals"]:
        document.add_heading(f"{goal['goal']} {goal['title']}", level=2)
        document.add_paragraph(_("%(n)s tekstutdrag.") % {"n": goal["passages"]})
        for row in goal["themes"]:
            document.add_paragraph(
                _("%(label)s: %(n)s utdrag fra %(r)s svar")
                % {"label": row["theme"].label, "n": row["size"], "r": row["responses"]},
                style="List Bullet",
            )
            for quote in row["quotes"]:
                document.add_paragraph(f"«{quote['text']}» – {quote['by']}", style="Quote")
            for change in row["changes"]:
                document.add_paragraph(
                    _("Endret som følge av innspill: %(section)s (versjon %(v)s)")
                    % {"section": change.section_heading, "v": change.version.number}
                )
    document.add_heading(_("Standpunkt per spørsmål"), level=1)
    for row in data["questions"]:
        document.add_heading(f"{row['question'].code} {row['question'].text}", level=2)
        table = document.add_table(rows=1, cols=len(row["counts"]) + 1)
        table.style = "Table Grid"
        for i, cell in enumerate(row["counts"]):
            table.rows[0].cells[i].text = f"{cell['label']}: {cell['n']}"
        table.rows[0].cells[-1].text = _("Sum: %(n)s") % {"n": row["total"]}
        for theme in row["themes"]:
            document.add_paragraph(
                f"{theme['goal']} {theme['label']}: {theme['n']}", style="List Bullet"
            )
    document.add_heading(_("Høringsinstanser som har svart"), level=1)
    for group in data["respondents"]:
        document.add_heading(str(group["label"]), level=2)
        document.add_paragraph(", ".join(group["names"]))
    if data["private_count"]:
        document.add_paragraph(_("Privatpersoner: %(n)s") % {"n": data["private_count"]})
    if data["unnamed_count"]:
        document.add_paragraph(
            _("Virksomheter som ikke ønsket svaret publisert: %(n)s") % {"n": data["unnamed_count"]}
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
