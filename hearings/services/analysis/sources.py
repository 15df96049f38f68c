"""Which texts of a response are analysed, and whether its stored analysis is still current.

Why: idempotence and crash-resume rest on one hash of everything the analysis depends on
(texts and the fields copied onto passages) stored with the model and pipeline versions; a
response whose hash and versions match is skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass

from django.db.models import Prefetch

from ...models import Answer, LetterDocument, PassageSource, Response
from ..extraction import extraction_limits
from .engine import Engine


@dataclass(frozen=True)
class SourceText:
    """One analysed text of a response with the fields copied onto its passages."""

    source: str
    source_id: int | None
    text: str
    question_id: int | None = None
    pathway_id: int | None = None
    proposal_id: int | None = None
    section_id: str = ""
    stance: str = ""


def _responses(ids: Sequence[int]) -> list[Response]:
    answers = Answer.objects.select_related("question").order_by("question__sort_order", "pk")
    return list(
        Response.objects.filter(pk__in=ids)
        .select_related("analysis")
        .prefetch_related(
            Prefetch("answers", queryset=answers),
            "pathway_comments",
            Prefetch("letters", queryset=LetterDocument.objects.order_by("sort_order", "pk")),
        )
        .order_by("pk")
    )


def response_sources(response: Response) -> list[SourceText]:
    """Every text of a response that is analysed, in a fixed order."""
    out = [
        SourceText(PassageSource.ANSWER, a.pk, a.text, question_id=a.question_id, stance=a.stance)
        for a in response.answers.all()
        if a.text.strip()
    ]
    if response.general_comment.strip():
        out.append(SourceText(PassageSource.GENERAL_COMMENT, None, response.general_comment))
    out += [
        SourceText(
            PassageSource.PATHWAY_COMMENT,
            c.pk,
            c.text,
            pathway_id=c.pathway_id,
            proposal_id=c.proposal_id,
            section_id=c.section_id,
        )
        for c in sorted(response.pathway_comments.all(), key=lambda c: c.pk)
        if c.text.strip()
    ]
    if response.attachment_text.strip():
        # Capped here too: text stored before extraction had a cap must not flood the analysis.
        text = response.attachment_text[: extraction_limits()[2]]
        out.append(SourceText(PassageSource.ATTACHMENT, None, text))
    out += [
        SourceText(PassageSource.LETTER, letter.pk, letter.text)
        for letter in response.letters.all()
        if letter.text.strip()
    ]
    return out


def content_hash(response: Response, sources: Sequence[SourceText], salt: str = "") -> str:
    """Hash of everything the analysis of ``response`` depends on besides the versions.

    ``salt`` adds what else the result depends on (the question reader and the hearing's
    question texts), so a change there re-reads the response.
    """
    payload = json.dumps(
        [response.category, [astuple(s) for s in sources], salt], ensure_ascii=False
    )
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def _is_current(response: Response, digest: str, engine: Engine) -> bool:
    analysis = getattr(response, "analysis", None)  # the reverse one-to-one may be missing
    return bool(
        analysis
        and analysis.text_hash == digest
        and analysis.model_version == engine.model_version
        and analysis.pipeline_version == engine.pipeline_version
    )
