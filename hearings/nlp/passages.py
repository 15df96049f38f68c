"""Split an answer into passages: small sentence groups with exact character offsets.

Why passages: goal labels, themes and review all work on units small enough to carry one or two
points (1-3 sentences), yet large enough to have context. Why offsets: reviewers see the passage
highlighted in the full answer, and redaction must hit exactly the right characters, so
``text[p.start:p.end] == p.text`` always holds (the passage is trimmed of surrounding
whitespace).

Rules: a passage never crosses a line break (paragraphs, list items and headings in answers are
separate thoughts); sentences end at ``. ! ? …`` followed by whitespace and an upper-case
letter, digit, quote or dash, except after Norwegian abbreviations (f.eks., bl.a., jf., dvs.,
ca., nr., kap., pkt., ...), initials and ordinal numbers; short sentences are grouped up to
``max_sentences`` and ``soft_max_chars``; very long sentences are cut at a clause boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations (lower-case, without the final period) that do not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    f.eks eks bl.a jf jfr dvs ca nr kap pkt mht ifm iht pga vedr evt ev bl.a t.d m.a mfl m.fl
    o.l ol tlf kl dr prof st ang red vs resp inkl ekskl avd adm dir sek stud spes kr mill mrd
    nb pr art lovdata prp meld innst rundskr forsk fig tab vedl jan feb mar apr jun jul aug sep
    sept okt nov des ref s bd bl ed mr mrs fr hr fru frk
    """.split()  # noqa: SIM905 - readable word list
)
#: Abbreviations that often *do* end a sentence ("... kosthold osv. Vi mener").
SENTENCE_FINAL_ABBREVIATIONS: frozenset[str] = frozenset({"osv", "mv", "m.m", "mm", "etc"})

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”»’')\]]*(?=\s+[\"“«(\[–—-]?[A-ZÆØÅÄÖÜ0-9§])")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$", re.UNICODE)


@dataclass(frozen=True)
class Passage:
    """One passage of a source text; ``text == source[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    sentences: int


def _is_abbreviation(before: str, punct: str) -> bool:
    if punct != ".":
        return False
    m = _WORD_BEFORE_RE.search(before)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in SENTENCE_FINAL_ABBREVIATIONS:
        return False
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # initials: "K. Hansen"
        return True
    if word.isdigit() and len(word) <= 2:  # ordinals: "8. mai", "pkt. 3. Tiltak" is ambiguous
        return True
    # dotted abbreviations of single letters ("o.a.", "d.d.")
    return bool(re.fullmatch(r"(?:\w\.)+\w", word)) and len(word) <= 5


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Trimmed sentence spans within ``text[start:end]`` (a single line/paragraph)."""
    end = len(text) if end is None else end
    segment = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for m in _BOUNDARY_RE.finditer(segment):
        punct = m.group(0)[0]
        if _is_abbreviation(segment[cursor : m.start()], punct):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, len(segment)))
    out = []
    for s, e in spans:
        while s < e and segment[s].isspace():
            s += 1
        while e > s and segment[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((start + s, start + e))
    return out


def _cut_long(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at ';', ':' or ',' (else a space) near ``max_chars``."""
    pieces = []
    while e - s > max_chars:
        window = text[s : s + max_chars]
        cut = -1
        for sep in ("; ", ": ", ", ", " "):
            pos = window.rfind(sep, max_chars // 3)
            if pos > 0:
                cut = pos + len(sep.rstrip())
                break
        if cut <= 0:
            cut = max_chars
        pieces.append((s, s + cut))
        s += cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        pieces.append((s, e))
    return pieces


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Every line is its own paragraph (blank lines are just empty paragraphs)."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def split_passages(
    text: str,
    max_sentences: int = 3,
    min_chars: int = 40,
    soft_max_chars: int = 250,
    max_chars: int = 400,
) -> list[Passage]:
    """Split ``text`` into passages (see module docstring); empty text gives no passages."""
    passages: list[Passage] = []
    paragraph_no = -1
    for p_start, p_end in _paragraph_spans(text or ""):
        if not text[p_start:p_end].strip():
            continue
        paragraph_no += 1
        sentences: list[tuple[int, int]] = []
        for s, e in sentence_spans(text, p_start, p_end):
            sentences.extend(_cut_long(text, s, e, max_chars))
        groups: list[list[tuple[int, int]]] = []
        for s, e in sentences:
            if groups:
                g = groups[-1]
                cur = g[-1][1] - g[0][0]
                combined = e - g[0][0]
                if combined <= max_chars and (
                    cur < min_chars or (len(g) < max_sentences and combined <= soft_max_chars)
                ):
                    g.append((s, e))
                    continue
            groups.append([(s, e)])
        # a short tail joins the previous group when it fits
        if len(groups) > 1:
            tail = groups[-1]
            if tail[-1][1] - tail[0][0] < min_chars and tail[-1][1] - groups[-2][0][0] <= max_chars:
                groups[-2].extend(tail)
                groups.pop()
        for g in groups:
            s, e = g[0][0], g[-1][1]
            passages.append(Passage(len(passages), s, e, text[s:e], paragraph_no, len(g)))
    return passages
