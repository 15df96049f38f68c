"""Realistic volumes of invented consultation responses for the benchmarks.

Every generated response is obviously invented: names carry "(oppdiktet)", e-mail addresses end in
``.invalid``, and rows stored in the database have ``is_demo=True``. The mix follows what large
consultations look like: most responses are short private comments, organisations write long
answers, a quarter are in nynorsk, and a share are campaign copies of a few template letters with
small variations (a sentence added, dropped or reordered, a signature), which the duplicate
grouping must catch.

Function API (used by bench/submissions.py, bench/analysis.py, bench/search.py)::

    from bench.generate import generate, store
    items = list(generate(1000, seed=1))            # GeneratedResponse objects, no database
    store(hearing=hearing, count=10_000, seed=1)   # bulk-insert submitted responses

CLI::

    python -m bench.generate --count 5000 [--seed 1] [--hearing demohoring] [--jsonl out.jsonl]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from hearings.demo_texts import GOAL_SENTENCES, OPENINGS, ORGANISATIONS

CATEGORY_WEIGHTS = {
    "privatperson": 70,
    "bruker": 6,
    "kommune": 6,
    "helseforetak": 3,
    "profesjon": 4,
    "kompetanse": 2,
    "statlig": 1,
    "statsforvalter": 1,
    "frivillig": 3,
    "privat_tjeneste": 2,
    "annet": 2,
}
NYNORSK_SHARE = 0.25
QUESTION_GOALS = {
    "Q1": ["G1", "G2", "G3", "G4", "G5"],
    "Q2": ["G1", "G4"],
    "Q3": ["G2"],
    "Q4": ["G3"],
}

# Campaign letters: invented templates that many people send in with small edits.
CAMPAIGNS = {
    "nb": [
        "Jeg støtter oppropet for bedre hjelp til pårørende. Pårørende må få informasjon og "
        "oppfølging fra første dag, og forløpene må si tydelig hvem som har ansvaret. "
        "Ingen skal måtte kjempe alene for å få hjelp til sine nærmeste.",
        "Forløpstidene må ikke svekkes. Ventetiden til første samtale er for lang mange steder, og "
        "jeg ber Helsedirektoratet beholde fristene og måle dem åpent for hver kommune.",
        "Somatisk helse må bli en fast del av alle forløp. Mennesker med psykiske lidelser og "
        "rusproblemer lever mange år kortere enn andre, og det er ikke akseptabelt.",
    ],
    "nn": [
        "Eg støttar oppropet for betre hjelp til pårørande. Pårørande må få informasjon og "
        "oppfølging frå første dag, og forløpa må seie tydeleg kven som har ansvaret.",
    ],
}
CAMPAIGN_ADDITIONS = {
    "nb": [
        "Dette gjelder min egen familie.",
        "Jeg har selv erfaring fra dette.",
        "Takk for at dere leser innspillet.",
        "Vennlig hilsen en bekymret innbygger.",
    ],
    "nn": ["Dette gjeld min eigen familie.", "Takk for at de les innspelet."],
}
FIRST_NAMES = [
    "Ola",
    "Kari",
    "Per",
    "Anne",
    "Nils",
    "Lise",
    "Ingrid",
    "Jon",
    "Siri",
    "Ali",
    "Marte",
    "Ahmed",
]
LAST_NAMES = ["Fiktiv", "Oppdiktet", "Demo", "Eksempel", "Tenkt", "Prøve"]


@dataclass
class GeneratedResponse:
    """One invented response, independent of the form or database that will receive it."""

    number: int
    lang: str
    respondent_kind: str
    category: str
    organisation_name: str
    contact_name: str
    contact_email: str
    publication_choice: str
    general_comment: str
    interests: str
    answers: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # question code -> (stance, text)
    proposal_comments: list[str] = field(default_factory=list)  # one text per proposal, in order
    campaign: int | None = None
    attachment: bool = False

    @property
    def text_size(self) -> int:
        texts = [self.general_comment, self.interests, *self.proposal_comments]
        texts += [text for _stance, text in self.answers.values()]
        return sum(len(text) for text in texts)


def _sentences(rng: random.Random, lang: str, goals: list[str], target: int) -> str:
    """Sentences on the given goals until about ``target`` characters (at least one)."""
    bank = GOAL_SENTENCES[lang]
    parts: list[str] = []
    size = 0
    while not parts or size < target:
        pool = bank[rng.choice(goals)] if rng.random() < 0.8 else bank["other"]
        sentence = rng.choice(pool)
        parts.append(sentence)
        size += len(sentence) + 1
        if len(parts) % 5 == 0 and size < target:
            parts[-1] += "\n\n"
    return " ".join(parts).replace("\n\n ", "\n\n")[:19_000]


def _size(rng: random.Random, organisation: bool) -> int:
    """Characters in one answer: log-normal, median ~250 for people and ~900 for organisations."""
    median = 900 if organisation else 250
    return int(min(15_000, max(40, rng.lognormvariate(math.log(median), 0.9))))


def _campaign_text(rng: random.Random, lang: str, index: int) -> str:
    """A campaign letter with the small edits people make: add, drop or reorder a sentence."""
    sentences = CAMPAIGNS[lang][index % len(CAMPAIGNS[lang])].split(". ")
    roll = rng.random()
    if roll < 0.3 and len(sentences) > 2:
        sentences.pop(rng.randrange(1, len(sentences)))
    elif roll < 0.45 and len(sentences) > 2:
        i = rng.randrange(len(sentences) - 1)
        sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    text = ". ".join(s.rstrip(".") for s in sentences) + "."
    if rng.random() < 0.5:
        text += " " + rng.choice(CAMPAIGN_ADDITIONS[lang])
    return text


def generate(
    count: int,
    *,
    seed: int = 1,
    campaign_share: float = 0.3,
    attachment_share: float = 0.05,
    question_codes: tuple[str, ...] = ("Q1", "Q2", "Q3", "Q4"),
    proposals: int = 2,
) -> Iterator[GeneratedResponse]:
    """Yield ``count`` invented responses, reproducible for a given seed."""
    rng = random.Random(seed)
    categories = list(CATEGORY_WEIGHTS)
    weights = list(CATEGORY_WEIGHTS.values())
    for number in range(count):
        lang = "nn" if rng.random() < NYNORSK_SHARE else "nb"
        category = rng.choices(categories, weights)[0]
        private = category == "privatperson"
        person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (oppdiktet)"
        organisation = (
            "" if private else f"{rng.choice(ORGANISATIONS[category])} {number} (oppdiktet)"
        )
        item = GeneratedResponse(
            number=number,
            lang=lang,
            respondent_kind="privatperson" if private else "organisasjon",
            category=category,
            organisation_name=organisation,
            contact_name=person,
            contact_email=f"svar{seed}-{number}@eksempel.invalid",
            publication_choice=rng.choices(["full", "uten_navn", "ikke"], weights=[7, 2, 1])[0],
            general_comment="",
            interests="",
        )
        if private and rng.random() < campaign_share:
            item.campaign = rng.randrange(len(CAMPAIGNS[lang]))
            item.general_comment = _campaign_text(rng, lang, item.campaign)
            yield item
            continue
        opening = rng.choice(OPENINGS[lang]) + " " if not private else ""
        answered = (
            question_codes
            if not private
            else rng.sample(question_codes, k=rng.randint(1, len(question_codes)))
        )
        for code in answered:
            stance = rng.choices(["ja", "delvis", "nei", "vet_ikke"], weights=[4, 4, 2, 1])[0]
            goals = QUESTION_GOALS.get(code, ["G1", "G2"])
            item.answers[code] = (stance, _sentences(rng, lang, goals, _size(rng, not private)))
        if rng.random() < 0.5:
            item.general_comment = opening + _sentences(
                rng, lang, ["G1", "G2", "G3", "G4", "G5"], _size(rng, not private)
            )
        item.proposal_comments = [
            _sentences(rng, lang, [f"G{rng.randint(1, 5)}"], _size(rng, False))
            if rng.random() < 0.3
            else ""
            for _i in range(proposals)
        ]
        if not private and rng.random() < 0.2:
            item.interests = "Foreningen mottar driftstilskudd fra det offentlige (oppdiktet)."
        item.attachment = not private and rng.random() < attachment_share * 4
        if private and rng.random() < attachment_share / 2:
            item.attachment = True
        yield item


def attachment_pdf(text: str) -> bytes:
    """A small, valid one-page PDF carrying ``text`` (an invented attachment)."""
    safe = (
        text.replace("\\", "").replace("(", "").replace(")", "")[:200].encode("latin-1", "replace")
    )
    stream = b"BT /F1 11 Tf 50 750 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def store(*, hearing, count: int, seed: int = 1, batch: int = 2000, progress: bool = True) -> int:
    """Bulk-insert ``count`` submitted, invented responses (``is_demo=True``) into ``hearing``.

    Uses bulk_create in batches so a million rows fit in minutes; returns how many were stored.
    """
    from django.db import transaction
    from django.utils import timezone
    from tqdm import tqdm

    from hearings.models import Answer, PathwayComment, Response, ReviewStatus
    from hearings.selectors import hearing_proposals

    questions = {q.code: q for q in hearing.questions.all()}
    proposals = hearing_proposals(hearing=hearing)
    now = timezone.now()
    stored = 0
    items = generate(
        count, seed=seed, question_codes=tuple(questions) or ("Q1",), proposals=len(proposals)
    )
    bar = tqdm(total=count, desc="Lagrer oppdiktede svar", disable=not progress, unit="svar")
    while True:
        chunk = [item for _i, item in zip(range(batch), items, strict=False)]
        if not chunk:
            break
        with transaction.atomic():
            responses = Response.objects.bulk_create(
                [
                    Response(
                        hearing=hearing,
                        reference=f"B{seed % 100:02d}-{item.number:08d}",
                        status="submitted",
                        respondent_kind=item.respondent_kind,
                        organisation_name=item.organisation_name,
                        category=item.category,
                        contact_name=item.contact_name,
                        contact_email=item.contact_email,
                        general_comment=item.general_comment,
                        interests=item.interests,
                        publication_choice=item.publication_choice,
                        updated_at=now,
                        submitted_at=now,
                        is_demo=True,
                        review_status=ReviewStatus.PENDING,
                    )
                    for item in chunk
                ]
            )
            answers, comments = [], []
            for response, item in zip(responses, chunk, strict=True):
                for code, (stance, text) in item.answers.items():
                    if code in questions:
                        answers.append(
                            Answer(
                                response=response,
                                question=questions[code],
                                stance=stance,
                                text=text,
                            )
                        )
                for proposal, text in zip(proposals, item.proposal_comments, strict=False):
                    if text:
                        comments.append(
                            PathwayComment(
                                response=response,
                                proposal=proposal,
                                pathway_id=proposal.pathway_id,
                                text=text,
                            )
                        )
            Answer.objects.bulk_create(answers)
            PathwayComment.objects.bulk_create(comments)
        stored += len(chunk)
        bar.update(len(chunk))
    bar.close()
    return stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--campaign-share", type=float, default=0.3)
    parser.add_argument(
        "--hearing", help="slug of a hearing to store the responses in (bulk insert)"
    )
    parser.add_argument("--jsonl", help="write the responses as JSON lines to this file instead")
    args = parser.parse_args(argv)
    if args.hearing:
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
        django.setup()
        from hearings.models import HearingPage

        hearing = HearingPage.objects.get(slug=args.hearing)
        stored = store(hearing=hearing, count=args.count, seed=args.seed)
        print(json.dumps({"stored": stored, "hearing": hearing.slug}))
        return 0
    out = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else sys.stdout  # noqa: SIM115
    sizes, campaigns, nynorsk = [], 0, 0
    for item in generate(args.count, seed=args.seed, campaign_share=args.campaign_share):
        sizes.append(item.text_size)
        campaigns += item.campaign is not None
        nynorsk += item.lang == "nn"
        if args.jsonl:
            out.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    if args.jsonl:
        out.close()
    sizes.sort()
    summary = {
        "count": args.count,
        "campaign_copies": campaigns,
        "nynorsk": nynorsk,
        "median_chars": sizes[len(sizes) // 2] if sizes else 0,
        "p95_chars": sizes[int(len(sizes) * 0.95)] if sizes else 0,
        "total_chars": sum(sizes),
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
