"""CSV and XLSX files of responses, passages and the count tables, with the filters in force.

CSV starts with a UTF-8 byte-order mark so Excel reads æøå correctly. Text that a spreadsheet
would run as a formula (starting with = + - @, tab or carriage return) gets a leading apostrophe,
in both formats, because respondents write these texts.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from cms.text import clean_text

from ..models import Answer, GoalLabel, HearingPage, PassageTheme, Source, StanceSource
from . import selectors

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, Promise):
        value = str(value)
    value = clean_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(headers: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise("" if v is None else v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: list[tuple[str, list[str], list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([neutralise(h) for h in headers])
        for row in rows:
            sheet.append([neutralise(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def responses_table(*, hearing: HearingPage) -> tuple[list[str], list[list]]:
    """One row per submitted response; contact details are left out of files on purpose."""
    questions = list(hearing.questions.order_by("sort_order"))
    headers = [
        _("Referanse"),
        _("Avsender"),
        _("Kategori"),
        _("Publisering"),
        _("Godkjenning"),
        _("Sendt inn"),
        _("Duplikatgruppe"),
    ]
    headers += [_("Standpunkt %(code)s") % {"code": q.code} for q in questions]
    headers += [_("Kilde"), _("Mottatt")]
    responses = (
        selectors.submitted_responses(hearing=hearing)
        .select_related("analysis")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only(
                    "response_id", "question_id", "stance", "stance_source"
                ),
            )
        )
        .order_by("reference")
    )
    rows = []
    for response in responses:
        stances = {a.question_id: _stance_cell(a) for a in response.answers.all()}
        analysis = getattr(response, "analysis", None)
        rows.append(
            [
                response.reference,
                response.display_name
                if response.respondent_kind != "privatperson"
                else _("Privatperson"),
                response.get_category_display(),
                response.get_publication_choice_display(),
                response.get_review_status_display(),
                response.submitted_at.strftime("%Y-%m-%d %H:%M") if response.submitted_at else "",
                analysis.duplicate_group_id if analysis and analysis.duplicate_group_id else "",
            ]
            + [stances.get(q.pk, "") for q in questions]
            + [
                response.get_source_display(),
                response.received_at.isoformat() if response.received_at else "",
            ]
        )
    return headers, rows


def _stance_cell(answer: Answer) -> str:
    if not answer.stance:
        return ""
    if answer.stance_source == StanceSource.MACHINE:
        return _("%(stance)s (maskinforslag)") % {"stance": answer.get_stance_display()}
    return answer.get_stance_display()


def passages_table(
    *, hearing: HearingPage, filters: dict, user=None
) -> tuple[list[str], list[list]]:
    """Passages with their effective goals and themes, what the machine said, and reviewer marks."""
    headers = [
        _("Utdrag-id"),
        _("Svar"),
        _("Kategori"),
        _("Spørsmål"),
        _("Standpunkt"),
        _("Kilde"),
        _("Tekst"),
        _("Mål (gjeldende)"),
        _("Mål (maskin)"),
        _("Tema"),
        _("Sikkerhet"),
        _("Lest"),
        _("Flagget"),
        _("Godt begrunnet"),
        _("Ikke relevant"),
        _("Gjennomgått av"),
        _("Gjennomgått"),
    ]
    passages = (
        selectors.passages_filtered(hearing=hearing, filters=filters, user=user)
        .select_related("response", "question", "reviewed_by")
        .prefetch_related(
            Prefetch("goal_labels", queryset=GoalLabel.objects.order_by("goal")),
            Prefetch(
                "theme_links",
                queryset=PassageTheme.objects.filter(is_effective=True).select_related("theme"),
            ),
        )
    )
    rows = []
    for p in passages.iterator(chunk_size=2000):
        labels = list(p.goal_labels.all())
        effective = [g.goal for g in labels if g.is_effective and g.assigned]
        machine = [g.goal for g in labels if g.source == Source.MACHINE and g.assigned]
        rows.append(
            [
                p.pk,
                p.response.reference,
                p.category,
                p.question.code if p.question else "",
                p.stance,
                p.get_source_display(),
                p.text,
                ", ".join(effective),
                ", ".join(machine),
                "; ".join(f"{t.goal}: {t.theme.label}" for t in p.theme_links.all()),
                round(p.confidence, 3),
                _("ja") if p.is_read else "",
                _("ja") if p.is_flagged else "",
                _("ja") if p.is_evidence_rich else "",
                _("ja") if p.not_relevant else "",
                p.reviewed_by.get_username() if p.reviewed_by else "",
                p.reviewed_at.strftime("%Y-%m-%d %H:%M") if p.reviewed_at else "",
            ]
        )
    return headers, rows


def counts_tables(*, hearing: HearingPage) -> list[tuple[str, list[str], list]]:
    """The overview's tables: categories, stance per question, goal × question."""
    by_category = selectors.response_counts_by_category(hearing=hearing)
    stance = selectors.stance_counts(hearing=hearing)
    matrix = selectors.goal_question_matrix(hearing=hearing)
    return [
        (
            _("Kategorier"),
            [_("Kategori"), _("Svar"), _("Ulike tekster")],
            [[row["label"], row["n"], row["distinct"]] for row in by_category],
        ),
        (
            _("Standpunkt"),
            [_("Spørsmål")] + [c["label"] for c in stance[0]["counts"]] + [_("Sum")]
            if stance
            else [],
            [
                [row["question"].code] + [c["n"] for c in row["counts"]] + [row["total"]]
                for row in stance
            ],
        ),
        (
            _("Mål og spørsmål"),
            [_("Mål")] + [str(label) for _qid, label in matrix["columns"]] + [_("Sum")],
            [
                [row["goal"]] + [c["n"] for c in row["cells"]] + [row["total"]]
                for row in matrix["rows"]
            ],
        ),
    ]


def export(
    *, hearing: HearingPage, kind: str, fmt: str, filters: dict | None = None, user=None
) -> tuple[bytes, str]:
    """The file body and its content type; ``user`` is needed for the text filter (search)."""
    if kind == "svar":
        sheets = [(pgettext("antall", "Svar"), *responses_table(hearing=hearing))]
    elif kind == "utdrag":
        sheets = [
            (
                pgettext("antall", "Utdrag"),
                *passages_table(hearing=hearing, filters=filters or {}, user=user),
            )
        ]
    elif kind == "tall":
        sheets = counts_tables(hearing=hearing)
    else:
        raise ValueError(kind)
    if fmt == "xlsx":
        return (
            to_xlsx(sheets),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if fmt != "csv":
        raise ValueError(fmt)
    if len(sheets) == 1:
        return to_csv(sheets[0][1], sheets[0][2]), "text/csv; charset=utf-8"
    rows: list[list] = []
    for title, headers, body in sheets:
        rows += [[title], headers, *body, []]
    return to_csv(rows[0], rows[1:]), "text/csv; charset=utf-8"
