"""Readable theme names: a short phrase as the theme's passages write it, and one quote.

Why: reviewers, the report and the public version history show theme names. Lists of machine
lemmas ("pårørenna · gal · gjelde") read as noise and leak lemmatiser errors. A theme is named
instead by a phrase taken from its own passages ("ventetid på BUP", "barn og unge"), in the
written form the passages use, in the written standard (bokmål or nynorsk) of most of them.

How: every span of one to four words inside a sentence that starts and ends with a content word
(inner words may be content words or one linking word such as "på", "og", "etter") is a
candidate. Candidates that mean the same are pooled by their lemmas. A candidate scores by how
many of the theme's passages contain it times how distinctive its content lemmas are for the
theme (their c-TF-IDF weights, computed by :mod:`themes`), with a small bonus for two- and
three-word phrases. The name is the winning candidate's most frequent written form among the
passages of the majority written standard; acronyms ("BUP", "NAV") keep their capitals. The
quote is the first sentence of the most central passage that contains the name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .language import text_language
from .lemmas import STOP_WORDS, LemmaLookup, pipeline_is_trained, tokenize
from .pipeline import load_pipeline

LINKING = frozenset(
    [
        "på",
        "i",
        "til",
        "for",
        "av",
        "med",
        "etter",
        "ved",
        "mellom",
        "om",
        "fra",
        "frå",
        "hos",
        "under",
        "uten",
        "utan",
        "og",
        "eller",
        "innen",
        "innan",
        "blant",
        "gjennom",
        "rundt",
    ]
)
#: Letter formulas ("Med vennlig hilsen"), never a topic.
FORMULAIC = frozenset(["hilsen", "helsing", "vennlig", "venleg", "hilse", "vedlegg"])
MAX_WORDS = 4
LENGTH_BONUS = {1: 1.0, 2: 1.3, 3: 1.35, 4: 1.2}
BREAK_RE = re.compile(r"[.!?;:,()\[\]\n\"«»–—/]")
#: What may come before a word that is capitalised only for its place (a sentence, a quote, a
#: bracket or a list item starts with it).
OPENING_RE = re.compile(r"[.!?:\n\"«(\[–—•*-]")
SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]?")
QUOTE_LIMIT = 220


@dataclass(frozen=True)
class Named:
    name: str
    quote: str


NOUN_LIKE = frozenset({"NOUN", "PROPN"})
PHRASE_START = frozenset({"NOUN", "PROPN", "ADJ"})


def _is_content(word: str, lemma: str) -> bool:
    return len(word) >= 3 and word.replace("-", "").isalpha() and lemma not in STOP_WORDS


def _tokens(text: str, doc=None) -> list[tuple[str, int, int, str | None]]:
    """(word, start, end, part of speech or None) for the words of a passage."""
    if doc is None:
        return [(w, start, end, None) for w, start, end in tokenize(text)]
    return [
        (t.text, t.idx, t.idx + len(t.text), t.pos_)
        for t in doc
        if t.text.replace("-", "").isalnum()
    ]


def _candidates(text: str, lemmatizer: LemmaLookup, doc=None) -> dict[tuple[str, ...], str]:
    """Lemma key -> surface form for every candidate span of one passage.

    With parts of speech (``doc`` from the trained pipeline) a span is a noun phrase: it starts
    with a noun, proper noun or adjective and ends with a noun or proper noun. Without them, it
    starts and ends with a content word.
    """
    tokens = _tokens(text, doc)
    if not tokens:
        return {}
    words = [t[0] for t in tokens]
    pos = [t[3] for t in tokens]
    lemmas = [lemma.lower() for lemma in lemmatizer.lemmas(words)]
    content = [_is_content(w, lem) for w, lem in zip(words, lemmas, strict=True)]
    linked = [w.lower() in LINKING for w in words]
    breaks = [
        bool(BREAK_RE.search(text[tokens[i][2] : tokens[i + 1][1]])) for i in range(len(tokens) - 1)
    ]
    tagged = doc is not None
    found: dict[tuple[str, ...], str] = {}
    for start in range(len(tokens)):
        if not content[start] or (tagged and pos[start] not in PHRASE_START):
            continue
        links = 0
        for end in range(start, min(start + MAX_WORDS, len(tokens))):
            if end > start and breaks[end - 1]:
                break
            if not content[end] or (tagged and pos[end] not in PHRASE_START):
                if not linked[end] or links:
                    break
                links += 1
                continue
            if tagged and pos[end] not in NOUN_LIKE:
                continue
            key = tuple(lemmas[start : end + 1])
            surface = text[tokens[start][1] : tokens[end][2]]
            if FORMULAIC & set(key) or _proper_name(surface):
                continue
            if _opens(text, tokens, start):
                surface = _uncapitalised(surface)
            found.setdefault(key, surface)
    return found


def _opens(text: str, tokens: list, i: int) -> bool:
    """The token starts the text, a sentence, a quote, a bracket or a list item."""
    return i == 0 or bool(OPENING_RE.search(text[tokens[i - 1][2] : tokens[i][1]]))


def _uncapitalised(surface: str) -> str:
    """The first word in lower case unless it is an acronym ("BUP"): its capital says only that
    it opens a sentence, so it counts as the lower-case form."""
    first, _space, rest = surface.partition(" ")
    if first.isupper() and len(first) >= 2:
        return surface
    return first[:1].lower() + first[1:] + (" " + rest if rest else "")


def _proper_name(surface: str) -> bool:
    """Two or more words, each capitalised and none an acronym ("Ola Nordmann"): a person's or
    place's name is never a theme name (a person's name must not reach the public history).
    A single capitalised word is usually just the start of a sentence."""
    words = surface.split()
    return len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words)


def _written(surface_counts: Counter) -> str:
    """The most frequent written form. Forms differing only in case count as one; the name keeps
    a word's capital when the passages write it so inside sentences at least as often as not
    ("Helsedirektoratet", "NAV"), since a capital at a sentence's start was already dropped
    (:func:`_uncapitalised`)."""
    by_lower: dict[str, Counter] = defaultdict(Counter)
    for surface, n in surface_counts.items():
        by_lower[" ".join(surface.split()).lower()][" ".join(surface.split())] += n
    totals = {lower: sum(variants.values()) for lower, variants in by_lower.items()}
    lower = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[0][0]
    variants = by_lower[lower]
    capitalised = [(n, form) for form, n in variants.items() if form != lower]
    if capitalised:
        n, form = max(capitalised)
        if n >= variants.get(lower, 0):
            return form
    return lower


def _quote(texts: Sequence[str], name: str) -> str:
    """First sentence containing the name in the first (most central) passage that has one."""
    needle = name.lower()
    for text in texts:
        for sentence in SENTENCE_RE.findall(text):
            if needle in sentence.lower():
                return _trim(sentence.strip())
    return _trim(SENTENCE_RE.findall(texts[0])[0].strip()) if texts and texts[0].strip() else ""


def _trim(sentence: str) -> str:
    if len(sentence) <= QUOTE_LIMIT:
        return sentence
    return sentence[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def name_occurs(name: str, texts: Sequence[str]) -> bool:
    """True when the name is written, as a whole phrase, in at least one of the texts."""
    if not name.strip():
        return False
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", re.IGNORECASE
    )
    return any(pattern.search(text) for text in texts)


def tag(texts: Sequence[str]) -> list | None:
    """Parts of speech for the passages from the trained pipeline, or None without one.

    Only the tagger runs (about 25,000 words/s); names read a bounded sample per theme.
    """
    if not pipeline_is_trained():
        return None
    nlp = load_pipeline()
    skip = [name for name in nlp.pipe_names if name not in ("tok2vec", "morphologizer")]
    with nlp.select_pipes(disable=skip):
        return list(nlp.pipe(texts, batch_size=64))


def name_theme(
    texts: Sequence[str],
    term_weights: Mapping[str, float],
    lemmatizer: LemmaLookup,
    taken: set[str] | None = None,
    docs: Sequence | None = None,
) -> Named:
    """Name one theme from its passages (most central first) and its lemma weights.

    ``taken`` holds names already given to other themes of the goal; they are skipped. ``docs``
    are the passages tagged by the trained pipeline (parts of speech), when it is installed.
    """
    taken = taken or set()
    standards = [text_language(t) for t in texts]
    majority = Counter(standards).most_common(1)[0][0] if standards else "nb"
    doc_freq: Counter = Counter()
    surfaces: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    preferred: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    tagged = docs if docs is not None else [None] * len(texts)
    for text, standard, doc in zip(texts, standards, tagged, strict=True):
        for key, surface in _candidates(text, lemmatizer, doc).items():
            doc_freq[key] += 1
            surfaces[key][surface] += 1
            if standard == majority:
                preferred[key][surface] += 1
    need = 2 if len(texts) >= 2 else 1
    scored = []
    for key, df in doc_freq.items():
        if df < need:
            continue
        weights = [term_weights.get(lemma, 0.0) for lemma in key if lemma not in LINKING]
        if not weights or not any(weights):
            continue
        distinct = sum(weights) / len(weights)
        scored.append((df / len(texts) * distinct * LENGTH_BONUS[len(key)], key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    for _, key in scored:
        name = _written(preferred[key] or surfaces[key])
        if name not in taken and len(name) <= 60:
            return Named(name, _quote(texts, name))
    fallback = next(
        (s for s in (_written(surfaces[k]) for k, _ in doc_freq.most_common()) if s not in taken),
        "",
    )
    return Named(fallback, _quote(texts, fallback) if fallback else "")
