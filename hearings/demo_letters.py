"""Invented letter-style responses for the demo's closed 2017–2018 round (PDF and Word).

Why: most organisations answer a hearing with a letter, so a newcomer should see the whole path
of one: registered by staff, read against the four questions (some letters use a heading per
question, some are plain prose), analysed, reviewed. Every letter, organisation and person here
is invented and says so. The files are made here (a minimal PDF writer, python-docx) and go
through the same registration service staff use.
"""

from __future__ import annotations

import io
import textwrap
from datetime import date

import docx

from .models.pages import HearingPage
from .models.responses import Response
from .services.letters import LetterDetails, LetterFile, letter_register, letters_read

HEADING = "h"
TEXT = "p"

#: (key, file kind, organisation, category, received, paragraphs as (style, text)).
LETTERS: list[dict] = [
    {
        "key": "brukerforening",
        "kind": "pdf",
        "organisation": "Oppdiktet brukerforening for psykisk helse (demo)",
        "category": "bruker",
        "received": date(2018, 1, 12),
        "paragraphs": [
            (
                TEXT,
                "OPPDIKTET DEMOBREV – Høringssvar fra Oppdiktet brukerforening for psykisk helse",
            ),
            (TEXT, "Vi viser til høringsbrevet og takker for muligheten til å gi innspill."),
            (HEADING, "1. Bidrar utkastene til å oppnå de fem målene?"),
            (
                TEXT,
                "Vi støtter målene i forløpet, særlig målet om økt brukermedvirkning. Samtidig "
                "mener vi at utkastet sier for lite om hvordan pasientens egne mål skal følges "
                "opp ved hver evaluering.",
            ),
            (HEADING, "2. Nytte for brukere, pårørende og tjenestene"),
            (
                TEXT,
                "Beskrivelsen er lang og vanskelig å lese for pasienter og pårørende. Vi ber om "
                "en kort versjon på klart språk som kan deles ut ved første samtale.",
            ),
            (HEADING, "4. Målepunkter og forløpstider"),
            (
                TEXT,
                "Vi er kritiske til at målepunktene bare måler tid. Det bør også måles om "
                "pasienten selv opplever å ha fått være med på å bestemme.",
            ),
            (TEXT, "Med vennlig hilsen Oppdiktet brukerforening (demo)"),
        ],
    },
    {
        "key": "fjordvik",
        "kind": "docx",
        "organisation": "Demo-kommunen Fjordvik (oppdiktet)",
        "category": "kommune",
        "received": date(2018, 1, 19),
        "paragraphs": [
            (TEXT, "OPPDIKTET DEMOBREV – Uttalelse fra Demo-kommunen Fjordvik"),
            (HEADING, "Forløpskoordinering"),
            (
                TEXT,
                "Kommunen støtter at pasienten skal ha en forløpskoordinator, men ansvaret ved "
                "utskrivning fra døgnopphold må beskrives tydeligere. Koordinatoren i "
                "spesialisthelsetjenesten må varsle kommunen før pasienten skrives ut.",
            ),
            (HEADING, "Nytte for tjenestene"),
            (
                TEXT,
                "Forløpet gir fastleger og kommunale tjenester lite veiledning om hva som er "
                "deres oppgaver i utredningen.",
            ),
            (HEADING, "Andre merknader"),
            (
                TEXT,
                "Kapittelet om legemidler bør gjennomgås på nytt før forløpet publiseres.",
            ),
        ],
    },
    {
        "key": "psykologforening",
        "kind": "pdf",
        "organisation": "Oppdiktet fagforening for psykologer (demo)",
        "category": "profesjon",
        "received": date(2018, 1, 22),
        "paragraphs": [
            (TEXT, "OPPDIKTET DEMOBREV – Høringsuttalelse"),
            (
                TEXT,
                "Fagforeningen har drøftet utkastet i sentralstyret. Vi er positive til at "
                "forløpet gir pasientene forutsigbarhet, og klinikerne vi har spurt opplever "
                "beskrivelsene som nyttige i det daglige arbeidet.",
            ),
            (
                TEXT,
                "Forløpstiden fra mottatt henvisning til første samtale er etter vårt syn for "
                "kort til at en forsvarlig vurdering kan gjøres. Registreringen av koder for "
                "hvert målepunkt vil gi merarbeid uten at nytten er dokumentert.",
            ),
            (
                TEXT,
                "Vi mener forløpskoordinatoren bør kunne være en annen enn behandleren, og at "
                "samhandlingen med kommunen må planlegges tidlig.",
            ),
            (TEXT, "Med hilsen sentralstyret (oppdiktet)"),
        ],
    },
    {
        "key": "helseforetak-vest",
        "kind": "docx",
        "organisation": "Tenkt helseføretak Vest (oppdiktet)",
        "category": "helseforetak",
        "received": date(2018, 1, 26),
        "paragraphs": [
            (TEXT, "OPPDIKTA DEMOBREV – Høyringsfråsegn frå Tenkt helseføretak Vest"),
            (
                TEXT,
                "Helseføretaket meiner forløpa kan bidra til å nå dei fem måla, dersom "
                "kommunane får ei tydelegare rolle i utgreiinga.",
            ),
            (
                TEXT,
                "Forløpstida for evaluering bør vere fleksibel, slik at behandlaren kan tilpasse "
                "den til pasienten.",
            ),
        ],
    },
]


def simple_pdf(paragraphs: list[str], width: int = 88) -> bytes:
    """A plain A4 PDF of ``paragraphs`` in Helvetica (WinAnsi: Norwegian letters are kept)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width) or [""]
        lines.append("")
    pages = [lines[i : i + 48] for i in range(0, len(lines), 48)] or [[]]

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    page_ids, number = [], 4
    for page in pages:
        stream = "BT /F1 11 Tf 14 TL 56 790 Td " + " ".join(f"({escape(x)}) '" for x in page)
        data = (stream + " ET").encode("cp1252", errors="replace")
        body[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
        body[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % number
        )
        page_ids.append(number + 1)
        number += 2
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    body[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for i in sorted(body):
        offsets[i] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (i, body[i]))
    xref, count = out.tell(), max(body) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for i in range(1, count):
        out.write(b"%010d 00000 n \n" % offsets[i])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))
    return out.getvalue()


def simple_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    """A Word document; ``(HEADING, text)`` becomes a level-2 heading."""
    document = docx.Document()
    for style, text in paragraphs:
        if style == HEADING:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_file(letter: dict) -> LetterFile:
    if letter["kind"] == "pdf":
        data = simple_pdf([text for _style, text in letter["paragraphs"]])
    else:
        data = simple_docx(letter["paragraphs"])
    return LetterFile(f"{letter['key']}.{letter['kind']}", data)


def ensure_letters(hearing: HearingPage) -> int:
    """Register the invented letters on ``hearing`` once; returns how many were new."""
    created = 0
    for letter in LETTERS:
        key = f"demo:{letter['key']}"
        if Response.objects.filter(hearing=hearing, import_key=key).exists():
            continue
        details = LetterDetails(
            organisation_name=letter["organisation"],
            category=letter["category"],
            received_at=letter["received"],
            publication_choice="full",
            contact_name="Oppdiktet kontaktperson",
            contact_email=f"demo-brev-{letter['key']}@eksempel.invalid",
        )
        read = letters_read(files=[letter_file(letter)])
        letter_register(
            hearing=hearing, details=details, letters=read, import_key=key, is_demo=True
        )
        created += 1
    return created
