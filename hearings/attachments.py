"""Attachment checks and text extraction. The type is decided from the content, never the name."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# The document XML of a 400-page report is about 10 MB; python-docx needs some 25 times the XML
# size in memory and minutes of CPU at 45 MB, so larger XML is refused at upload.
MAX_XML_BYTES = 16 * 1024 * 1024
# Zip bombs: Python's zipfile never inflates a member beyond its declared size (it fails the CRC
# instead), so bounding the declared sizes bounds the memory every later reader (python-docx) uses.
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
# Office XML compresses about 5-15 times; a member far above that is padding built to expand.
MAX_COMPRESSION_RATIO = 50
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_PDF_PAGES = 500
# PDF features that run code or other programs when the file is opened; such files are refused.
PDF_ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/RichMedia", b"/XFA")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
EXTENSIONS = {"pdf": {"pdf"}, "docx": {"docx"}, "odt": {"odt"}}


@dataclass(frozen=True)
class AttachmentInfo:
    kind: str
    size: int
    name: str


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _parse_xml(xml: bytes) -> ElementTree.Element:
    """Parse document XML, refusing DTDs: office formats never need them and entities can explode."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ElementTree.ParseError("DTD not allowed")
    return ElementTree.fromstring(xml)  # noqa: S314 - DTDs refused above, expat has no external entities


def _expands_too_much(member: zipfile.ZipInfo) -> bool:
    return member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > (
        MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
    )


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if (
                len(members) > MAX_ZIP_MEMBERS
                or sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES
                or any(_expands_too_much(m) for m in members)
            ):
                return "expands"
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                member = "word/document.xml"
                kind = "docx"
            elif "mimetype" in names and "content.xml" in names:
                if archive.read("mimetype").strip() != ODT_MIMETYPE:
                    return None
                member, kind = "content.xml", "odt"
            else:
                return None
            if archive.getinfo(member).file_size > MAX_XML_BYTES:
                return "expands"
            with archive.open(member) as handle:
                xml = handle.read(MAX_XML_BYTES + 1)
            if len(xml) > MAX_XML_BYTES:
                return "expands"
            _parse_xml(xml)
            return kind
    except (
        zipfile.BadZipFile,
        ElementTree.ParseError,
        KeyError,
        OSError,
        ValueError,
        RuntimeError,
    ):
        return None


def _pdf_names(data: bytes) -> bytes:
    """The file with PDF name escapes (``/J#61vaScript``) decoded, for the active-content scan."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def _pdf_objects_text(reader, limit: int = 20_000) -> bytes:
    """Every object's dictionary, including those packed in compressed object streams, which hide
    their names from a scan of the raw bytes."""
    # lazy: pypdf is loaded only when an attachment is read, not in every web process.
    from pypdf.generic import IndirectObject

    numbers = [(num, gen) for gen, table in reader.xref.items() for num in table]
    numbers += [(num, 0) for num in getattr(reader, "xref_objStm", {})]
    chunks = []
    for num, gen in numbers[:limit]:
        try:
            obj = reader.get_object(IndirectObject(num, gen, reader))
        except Exception:  # noqa: BLE001, S112 - a broken object is skipped, not fatal
            continue
        if isinstance(obj, dict):
            chunks.append(
                " ".join(str(key) for key in obj).encode() + b" " + str(obj.get("/S", "")).encode()
            )
    return b" ".join(chunks)


def _pdf_active(data: bytes, reader) -> bool:
    scanned = _pdf_names(data) + b" " + _pdf_objects_text(reader)
    return any(re.search(re.escape(name) + rb"(?![A-Za-z])", scanned) for name in PDF_ACTIVE_NAMES)


def _pdf_ok(data: bytes) -> str | None:
    """None for a readable, passive PDF; otherwise "broken" or "active" (scripts, launch actions)."""
    # lazy: pypdf is loaded only when an attachment is read, not in every web process.
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        if pages == 0:
            return "broken"
        if pages > MAX_PDF_PAGES:
            return "pages"
        return "active" if _pdf_active(data, reader) else None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        return "broken"


def attachment_inspect(*, upload) -> AttachmentInfo:
    """Check size, detected type, name and structure; raise ValidationError with a clear message."""
    size = upload.size or 0
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Vedlegget er for stort. Største tillatte størrelse er 20 MB."), code="size"
        )
    if size == 0:
        raise ValidationError(_("Vedlegget er tomt."), code="empty")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    guessed = filetype.guess(data[:8192])
    kind = None
    if data.startswith(b"%PDF-") and guessed and guessed.extension == "pdf":
        problem = _pdf_ok(data)
        if problem == "active":
            raise ValidationError(
                _(
                    "PDF-filen inneholder skript eller handlinger som starter programmer. Vi tar ikke imot "
                    "slike filer. Skriv ut dokumentet til en ny PDF (for eksempel med «Skriv ut til PDF») "
                    "og prøv igjen."
                ),
                code="active",
            )
        if problem == "pages":
            raise ValidationError(
                _(
                    "PDF-filen har mer enn %(pages)s sider. Send de delene som gjelder høringen, "
                    "eller del dokumentet i flere svar."
                )
                % {"pages": MAX_PDF_PAGES},
                code="pages",
            )
        kind = "pdf" if problem is None else None
    elif data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind == "expands":
            raise ValidationError(
                _(
                    "Dokumentet pakker seg ut til mye mer tekst enn et vanlig høringssvar "
                    "(mer enn %(mb)s MB). Lagre det på nytt som PDF, eller del det opp, og prøv igjen."
                )
                % {"mb": MAX_XML_BYTES // (1024 * 1024)},
                code="expands",
            )
    if kind is None:
        raise ValidationError(
            _(
                "Vi kan bare ta imot PDF, Word (.docx) eller OpenDocument-tekst (.odt), og innholdet i "
                "filen samsvarer ikke med noen av dem. Lagre dokumentet på nytt i ett av disse formatene."
            ),
            code="type",
        )
    name = upload.name or ""
    if _extension(name) not in EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "Filnavnet slutter ikke på .%(kind)s, men innholdet er en %(kind_upper)s-fil. "
                "Gi filen riktig filendelse og prøv igjen."
            )
            % {"kind": kind, "kind_upper": kind.upper()},
            code="extension",
        )
    return AttachmentInfo(kind=kind, size=size, name=name[-255:])


def _xml_text(xml: bytes, paragraph_tags: tuple[str, ...]) -> str:
    root = _parse_xml(xml)
    paragraphs = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in paragraph_tags:
            text = "".join(element.itertext()).strip()
            if text:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def attachment_extract_text(*, data: bytes, kind: str) -> str:
    """Plain text of an accepted attachment, paragraphs separated by blank lines."""
    if kind == "pdf":
        # lazy: pypdf is loaded only when an attachment is read, not in every web process.
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    elif kind == "docx":
        # lazy: python-docx is loaded only when a Word file is read or written.
        import docx

        document = docx.Document(io.BytesIO(data))
        text = "\n\n".join(p.text.strip() for p in document.paragraphs if p.text.strip())
    elif kind == "odt":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = _xml_text(archive.read("content.xml"), ("p", "h"))
    else:
        raise ValueError(kind)
    return re.sub(r"\x00", "", text).strip()
