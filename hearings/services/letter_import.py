"""Bulk import of letters: a folder of files plus a CSV of who sent them (an earlier round).

Why it is shaped like this: each CSV row is one response, registered through
:func:`hearings.services.letters.letter_register` exactly as staff would, keyed by the row's
``key`` (or its file names) so a second import skips what is already there. A row that cannot
be registered is reported with its line number and reason and the rest go on; nothing is
dropped without a line in the report, and files in the folder that no row names are reported
too.

CSV columns (UTF-8, comma or semicolon separated, header row): ``file`` (one or more file names,
separated by ``|``), ``organisation``, ``category`` (code or label), ``received`` (YYYY-MM-DD),
and optionally ``key``, ``respondent_kind``, ``organisation_number``, ``contact_name``,
``contact_email``, ``publication`` (``full``, ``uten_navn`` or ``ikke``; default ``ikke``),
``text`` (pasted text instead of or besides files).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError

from ..models.pages import HearingPage
from ..models.responses import Category, PublicationChoice, RespondentKind, Response
from .letters import LetterDetails, LetterFile, letter_register, letters_read

REQUIRED_COLUMNS = ("file", "organisation", "category", "received")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unlisted_files: list[str] = field(default_factory=list)


def read_metadata(path: Path) -> list[dict[str, str]]:
    """Rows of the metadata CSV with lower-case, trimmed column names."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if rows:
        missing = [c for c in REQUIRED_COLUMNS if c not in {k.strip().lower() for k in rows[0]}]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in rows]


def _choice(value: str, choices, default: str | None = None) -> str:
    for code, label in choices:
        if value.lower() in (str(code).lower(), str(label).lower()):
            return code
    if not value and default is not None:
        return default
    raise ValidationError(f"ukjent verdi «{value}»")


def _details(row: dict[str, str]) -> LetterDetails:
    try:
        received = date.fromisoformat(row["received"])
    except ValueError as exc:
        raise ValidationError(f"mottatt-dato «{row['received']}» er ikke ÅÅÅÅ-MM-DD") from exc
    return LetterDetails(
        organisation_name=row["organisation"],
        category=_choice(row["category"], Category.choices),
        received_at=received,
        publication_choice=_choice(
            row.get("publication", ""), PublicationChoice.choices, PublicationChoice.NONE
        ),
        respondent_kind=_choice(
            row.get("respondent_kind", ""), RespondentKind.choices, RespondentKind.ORGANISATION
        ),
        organisation_number=row.get("organisation_number", ""),
        contact_name=row.get("contact_name", ""),
        contact_email=row.get("contact_email", ""),
    )


def _files(folder: Path, names: Iterable[str]) -> list[LetterFile]:
    files = []
    for name in names:
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            raise ValidationError(f"fant ikke filen «{name}» i mappen")
        files.append(LetterFile(path.name, path.read_bytes()))
    return files


def letters_import(
    *,
    hearing: HearingPage,
    folder: Path,
    rows: list[dict[str, str]],
    user=None,
    accept_foreign_language: bool = False,
    progress: Callable[[], None] | None = None,
) -> ImportReport:
    """Register each row not imported before; see the module docstring."""
    report = ImportReport()
    listed: set[str] = set()
    for line, row in enumerate(rows, start=2):
        names = [n.strip() for n in row.get("file", "").split("|") if n.strip()]
        listed.update(names)
        key = row.get("key") or "|".join(names)
        label = f"linje {line} ({key or row.get('organisation', '?')})"
        try:
            if not key:
                raise ValidationError("raden har verken fil, tekst eller nøkkel")
            if Response.objects.filter(hearing=hearing, import_key=key[:200]).exists():
                report.skipped.append(label)
                continue
            letters = letters_read(
                files=_files(folder, names),
                pasted_text=row.get("text", ""),
                accept_foreign_language=accept_foreign_language,
            )
            response = letter_register(
                hearing=hearing,
                details=_details(row),
                letters=letters,
                user=user,
                import_key=key,
            )
            report.created.append(f"{label} → {response.reference}")
        except ValidationError as exc:
            report.problems.append(f"{label}: {' '.join(exc.messages)}")
        finally:
            if progress:
                progress()
    on_disk = {p.name for p in folder.iterdir() if p.is_file() and p.suffix.lower() != ".csv"}
    report.unlisted_files = sorted(on_disk - listed)
    return report
