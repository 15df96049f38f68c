"""Responses that arrive as letters (e-mail or post), registered by staff.

Why it is shaped like this:

* **Read everything first, then write in one transaction.** Every file is checked and its text
  extracted before anything is stored; a file that cannot be used (empty, password-protected,
  scanned without text, not PDF/Word/ODT, in English without the staff's say-so) stops the whole
  registration with a message naming the file and what to do. Nothing is half-registered: the
  response, its letters and their files are created together or not at all.
* **The same path as a form answer afterwards.** A registered letter is a submitted response
  (``source="brev"``) with a reference number, pending review; the analysis reads its letters
  like any other text (:mod:`hearings.services.analysis`), so screening, duplicates, review and
  publication need nothing of their own.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from .. import tasks
from ..attachments import attachment_extract_text, attachment_inspect
from ..deadlines import local_zone
from ..models.pages import HearingPage
from ..models.responses import (
    LetterDocument,
    PublicationChoice,
    RespondentKind,
    Response,
    ResponseSource,
    ResponseStatus,
)
from ..nlp.language import written_language
from ..nlp.letter_text import unwrap_lines
from .responses import response_new_reference

logger = logging.getLogger(__name__)

#: Fewer words than this and a PDF is taken to be a scan (pictures of pages, no text layer).
MIN_WORDS = 8


@dataclass(frozen=True)
class LetterFile:
    """An uploaded or imported file: its name and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ReadLetter:
    """A file (or pasted text) that passed every check, with its text."""

    name: str
    kind: str
    data: bytes
    text: str
    language: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data or self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LetterDetails:
    """Who sent the letter and what they allowed; staff fill these in."""

    organisation_name: str
    category: str
    received_at: date
    publication_choice: str = PublicationChoice.NONE
    respondent_kind: str = RespondentKind.ORGANISATION
    organisation_number: str = ""
    contact_name: str = ""
    contact_email: str = ""


def _encrypted(data: bytes) -> bool:
    if not data.startswith(b"%PDF-"):
        return False
    try:
        return bool(PdfReader(io.BytesIO(data)).is_encrypted)
    except Exception:  # noqa: BLE001 - a broken PDF is reported by attachment_inspect
        return False


def _check_language(name: str, text: str, accept_foreign_language: bool) -> str:
    language = written_language(text)
    if language == "en" and not accept_foreign_language:
        raise ValidationError(
            _(
                "«%(name)s» ser ut til å være skrevet på engelsk. Analysen av mål og spørsmål er "
                "laget for norsk og vil gi lite treff. Kryss av for «Registrer likevel» hvis "
                "brevet skal registreres slik det er."
            )
            % {"name": name},
            code="language",
        )
    return language


def letter_read(*, file: LetterFile, accept_foreign_language: bool = False) -> ReadLetter:
    """Check one file and extract its text; raise ValidationError naming the file and the fix."""
    name = file.name or _("uten navn")
    if not file.data:
        raise ValidationError(
            _("«%(name)s» er tom (0 byte). Be avsenderen sende brevet på nytt.") % {"name": name},
            code="empty",
        )
    if _encrypted(file.data):
        raise ValidationError(
            _(
                "«%(name)s» er passordbeskyttet, så teksten kan ikke leses. Be avsenderen om en "
                "kopi uten passord, eller åpne filen med passordet og lagre en kopi uten."
            )
            % {"name": name},
            code="encrypted",
        )
    try:
        info = attachment_inspect(upload=SimpleUploadedFile(name, file.data))
    except ValidationError as exc:
        raise ValidationError(
            _("«%(name)s»: %(problem)s") % {"name": name, "problem": " ".join(exc.messages)},
            code=exc.error_list[0].code if exc.error_list else "invalid",
        ) from exc
    try:
        text = attachment_extract_text(data=file.data, kind=info.kind)
    except Exception as exc:  # noqa: BLE001 - readers raise many kinds of error on odd files
        logger.info("Could not read letter %s: %s", name, exc)
        text = ""
    if info.kind == "pdf":
        text = unwrap_lines(text)
    if len(text.split()) < MIN_WORDS:
        if info.kind == "pdf":
            message = _(
                "«%(name)s» har ingen lesbar tekst; den er trolig skannet (bilder av sidene). "
                "Kjør tekstgjenkjenning (OCR) på filen og last den opp igjen, eller lim inn "
                "teksten."
            )
        else:
            message = _("«%(name)s» inneholder ingen tekst.")
        raise ValidationError(message % {"name": name}, code="no_text")
    language = _check_language(name, text, accept_foreign_language)
    return ReadLetter(name[-255:], info.kind, file.data, text, language)


def letter_read_pasted(*, text: str, accept_foreign_language: bool = False) -> ReadLetter:
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    name = _("innlimt tekst")
    language = _check_language(name, text, accept_foreign_language)
    return ReadLetter("", LetterDocument.Kind.TEXT, b"", text, language)


def letters_read(
    *, files: list[LetterFile], pasted_text: str = "", accept_foreign_language: bool = False
) -> list[ReadLetter]:
    """Read every file; raise one ValidationError listing every file's problem."""
    letters, problems = [], []
    for file in files:
        try:
            letters.append(letter_read(file=file, accept_foreign_language=accept_foreign_language))
        except ValidationError as exc:
            problems.extend(exc.error_list)
    if pasted_text.strip():
        try:
            letters.append(
                letter_read_pasted(
                    text=pasted_text, accept_foreign_language=accept_foreign_language
                )
            )
        except ValidationError as exc:
            problems.extend(exc.error_list)
    if problems:
        raise ValidationError(problems)
    if not letters:
        raise ValidationError(
            _("Last opp minst én fil (PDF, Word eller ODT) eller lim inn teksten i brevet."),
            code="required",
        )
    return letters


def _received_datetime(received: date) -> datetime:
    return datetime.combine(received, time(12, 0), tzinfo=local_zone())


def letter_register(
    *,
    hearing: HearingPage,
    details: LetterDetails,
    letters: list[ReadLetter],
    user=None,
    import_key: str = "",
    is_demo: bool = False,
) -> Response:
    """Store a letter as a submitted response, pending review, and queue its analysis.

    ``letters`` come from :func:`letters_read`, so every check has passed before anything is
    written. The files are written inside the transaction and removed again if it fails.
    """
    now = timezone.now()
    saved: list[LetterDocument] = []
    try:
        with transaction.atomic():
            response = Response.objects.create(
                hearing=hearing,
                reference=response_new_reference(now=now),
                status=ResponseStatus.SUBMITTED,
                source=ResponseSource.LETTER,
                respondent_kind=details.respondent_kind,
                organisation_name=details.organisation_name.strip()[:200],
                organisation_number=details.organisation_number.strip()[:9],
                category=details.category,
                contact_name=details.contact_name.strip()[:200],
                contact_email=details.contact_email.strip(),
                publication_choice=details.publication_choice,
                received_at=details.received_at,
                registered_by=user if getattr(user, "pk", None) else None,
                import_key=import_key[:200],
                is_demo=is_demo,
                updated_at=now,
                submitted_at=_received_datetime(details.received_at),
            )
            for order, letter in enumerate(letters):
                document = LetterDocument(
                    response=response,
                    name=letter.name,
                    kind=letter.kind,
                    size=len(letter.data),
                    sha256=letter.sha256,
                    text=letter.text,
                    language=letter.language,
                    sort_order=order,
                )
                if letter.data:
                    document.file.save(letter.name or "brev", ContentFile(letter.data), save=False)
                    saved.append(document)
                document.save()
            response_id = response.pk
            transaction.on_commit(lambda: _enqueue_analysis(response_id))
    except BaseException:
        for document in saved:
            document.file.delete(save=False)
        raise
    return response


def _enqueue_analysis(response_id: int) -> None:
    try:
        tasks.analyse_response.enqueue(response_id)
    except Exception:  # the letter is stored; ``manage.py analyse_hearing`` analyses it later
        logger.exception("Could not enqueue analysis of letter response %s", response_id)
