"""Which hearing question a passage answers (Q1–Q4 or none), for letters and free text.

Why two readers: organisations often answer a hearing with a letter. Many letters follow the
hearing's questions with headings or numbered points ("2. Nytte for brukere og pårørende",
"Spørsmål 4: Målepunkter og forløpstider"); for those the structure is the best evidence there
is, so every passage under such a heading gets that question (method ``"structure"``). Passages
outside any such section, and letters written as plain prose, are read by a small trained model
(method ``"model"``): multinomial logistic regression over lemma uni- and bigrams and a few
keyword-group features, five classes (the four questions and "none"), weights shipped as JSON in
``packages/question_reader/`` and trained by ``training/questions/scripts/train_questions.py``.

The reader never needs Django: headings are matched against the question texts it is given (the
hearing's own questions), plus a built-in keyword list for the four standard questions.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearings.nlp.lemmas import STOP_WORDS, LemmaLookup, tokenize

QUESTIONS: tuple[str, ...] = ("Q1", "Q2", "Q3", "Q4")
NONE_CLASS = "none"
CLASSES: tuple[str, ...] = (*QUESTIONS, NONE_CLASS)

METHOD_STRUCTURE = "structure"
METHOD_MODEL = "model"

DEFAULT_MODEL_PATH = Path(__file__).resolve().parent / "packages" / "question_reader" / "model.json"

#: The four questions of the pathway hearings (DESIGN.md §2), used when a caller has no hearing.
DEFAULT_QUESTION_TEXTS: dict[str, str] = {
    "Q1": "Bidrar utkastene til å oppnå de fem målene?",
    "Q2": "Fremstår utkastene som nyttige for brukere/pasienter, pårørende og tjenestene?",
    "Q3": "Bidrar utkastene til god forløpskoordinering?",
    "Q4": "Har utkastene målepunkter og forløpstider som er relevante og nyttige?",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lemmas (and lemma prefixes for compounds) that name each standard question's topic; the
#: question texts alone are too short to recognise headings written in the respondent's words.
QUESTION_KEYWORDS: dict[str, frozenset[str]] = {
    "Q1": _words(
        "mål målene fem måloppnåelse formål målsetting målsettinger oppnå intensjon "
        "målsetjing føremål"
    ),
    "Q2": _words(
        "nyttig nytte nytteverdi bruker brukar pasient pårørende pårørenna pårørande tjeneste "
        "teneste brukervennlig brukarvennleg anvendelig praktisk relevans"
    ),
    "Q3": _words(
        "forløpskoordinering koordinering koordinator forløpskoordinator samhandling koordinert "
        "koordinere sammenheng samanheng overgang samarbeid"
    ),
    "Q4": _words(
        "målepunkt målepunkter forløpstid forløpstider måling indikator registrering kode "
        "koder tidsfrist frist rapportering rapportere måle ventetid ventetida resultatmål "
        "måltall tall statistikk"
    ),
}

#: "Spørsmål 2", "spm. 3", "Problemstilling 1", "Punkt 4", "Question 1", "Q2", or a bare "2." / "2)".
_EXPLICIT_RE = re.compile(
    r"^\s*(?:til\s+)?(?:spørsmål|spørsmål\s+nr\.?|spm\.?|sporsmal|problemstilling|punkt|pkt\.?"
    r"|question|q)\s*(?:nr\.?\s*)?([1-9])\b[\s.):\-–—]*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NUMBERED_RE = re.compile(r"^\s*([1-9])\s*[.)]\s+(.*)$", re.DOTALL)
_WORD_RE = re.compile(r"\w+", re.UNICODE)

#: Lines that end a question section without starting another ("Avslutning", "Andre innspill").
MAX_HEADING_CHARS = 160
MAX_HEADING_WORDS = 14
STRUCTURE_SCORE = 0.95
#: Below this, the model's best question is "none".
DEFAULT_THRESHOLD = 0.35


@dataclass(frozen=True)
class QuestionResult:
    """The question one passage answers: ``question`` is None for "none of them"."""

    question: str | None
    scores: dict[str, float]
    method: str
    evidence: str = ""

    @property
    def score(self) -> float:
        return self.scores.get(self.question, 0.0) if self.question else 0.0

    def as_contract(self) -> dict[str, Any]:
        """The fields ``classify_comments`` adds to each output line."""
        return {
            "question": self.question,
            "question_scores": {q: round(float(self.scores.get(q, 0.0)), 4) for q in QUESTIONS},
        }


@dataclass(frozen=True)
class Section:
    """A stretch of a document under one heading; ``question`` None ends a question section."""

    start: int
    end: int
    question: str | None
    heading: str


# -- structure ------------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


@dataclass
class HeadingMatcher:
    """Match heading lines to the hearing's questions by lemma overlap."""

    question_texts: Mapping[str, str]
    lemmatizer: LemmaLookup
    keys: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for code, text in self.question_texts.items():
            words = self._content(text)
            self.keys[code] = set(words) | set(QUESTION_KEYWORDS.get(code, ()))
        self._codes: dict[str, tuple[str, ...]] = {}

    def codes_for(self, lemma: str) -> tuple[str, ...]:
        """The questions whose topic words ``lemma`` is (or starts with), cached per lemma."""
        found = self._codes.get(lemma)
        if found is None:
            found = tuple(code for code, keys in self.keys.items() if self._hits(lemma, keys))
            if len(self._codes) < 200_000:
                self._codes[lemma] = found
        return found

    def _content(self, text: str) -> list[str]:
        words = [w for w, _s, _e in tokenize(text) if not w.isdigit()]
        return [
            lemma
            for lemma in self.lemmatizer.lemmas(words)
            if lemma not in STOP_WORDS and len(lemma) > 1
        ]

    def _hits(self, lemma: str, keys: set[str]) -> bool:
        return lemma in keys or any(len(k) >= 6 and lemma.startswith(k) for k in keys)

    def similarity(self, text: str) -> dict[str, float]:
        """Share of the heading's content words that name each question's topic (0–1)."""
        words = self._content(text)[:MAX_HEADING_WORDS]
        if not words:
            return dict.fromkeys(self.keys, 0.0)
        denominator = max(2, min(len(words), 6))
        hits = Counter(code for w in words for code in self.codes_for(w))
        return {code: min(1.0, hits[code] / denominator) for code in self.keys}

    def match(self, line: str) -> tuple[bool, str | None]:
        """(is it a heading, which question) for one line of a letter."""
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_HEADING_CHARS * 3:
            return False, None
        explicit = _EXPLICIT_RE.match(stripped)
        if explicit and f"Q{explicit.group(1)}" in self.keys:
            return True, f"Q{explicit.group(1)}"
        numbered = _NUMBERED_RE.match(stripped)
        body = numbered.group(2) if numbered else stripped
        head = re.split(r"(?<=[:?])\s|\.\s", body, maxsplit=1)[0]
        similarity = self.similarity(head)
        best = max(similarity, key=lambda c: similarity[c]) if similarity else None
        if numbered:
            code = f"Q{numbered.group(1)}"
            # A numbered point opens a question section when it names that question's topic; a
            # numbered heading naming another question's topic (the letter numbers its own
            # sections) is read by its topic below.
            if (
                code in similarity
                and similarity[code] >= 0.25
                and similarity[code] >= max(similarity.values())
            ):
                return True, code
            if not _looks_like_heading(body):
                return False, None
        elif not _looks_like_heading(stripped):
            return False, None
        if best is not None and similarity[best] >= 0.34:
            ties = [c for c, s in similarity.items() if s == similarity[best]]
            return True, best if len(ties) == 1 else None
        return True, None


def _looks_like_heading(line: str) -> bool:
    words = _WORD_RE.findall(line)
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and len(line) <= MAX_HEADING_CHARS
        and not line.endswith((".", ",", ";"))
        and (line[0].isupper() or line[0].isdigit())
    )


def find_sections(text: str, matcher: HeadingMatcher) -> list[Section]:
    """The question sections of a letter, in order; empty when it has no recognisable structure.

    A heading that names no question ("Innledning", "Avslutning") closes the section before it.
    The structure counts only when at least one heading names a question.
    """
    marks: list[tuple[int, str | None, str]] = []
    for start, end in _lines(text):
        is_heading, code = matcher.match(text[start:end])
        if is_heading:
            marks.append((start, code, text[start:end].strip()))
    if not any(code for _s, code, _h in marks):
        return []
    sections = []
    for i, (start, code, heading) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        sections.append(Section(start, end, code, heading))
    return sections


# -- model ------------------------------------------------------------------------------------


def model_features(lemmas: Sequence[str], matcher: HeadingMatcher) -> list[str]:
    """Lemma unigrams (content words), bigrams, and one feature per keyword-group hit."""
    content = [lem for lem in lemmas if lem not in STOP_WORDS and not lem.isdigit()]
    features = list(content)
    features += [f"{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    hits = Counter(code for lem in content for code in matcher.codes_for(lem))
    for code in matcher.keys:
        if hits[code]:
            features.append(f"kw:{code}")
            if hits[code] > 1:
                features.append(f"kw2:{code}")
    return features


class QuestionModel:
    """Multinomial logistic regression stored as ``{"classes", "bias", "weights"}`` JSON."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.classes: list[str] = list(data["classes"])
        self.bias: list[float] = [float(b) for b in data["bias"]]
        self.weights: dict[str, list[float]] = {k: list(v) for k, v in data["weights"].items()}
        self.threshold: float = float(data.get("threshold", DEFAULT_THRESHOLD))
        self.version: str = str(data.get("version", "questions-unversioned"))

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL_PATH) -> QuestionModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        logits = list(self.bias)
        for feature in features:
            row = self.weights.get(feature)
            if row:
                for i, w in enumerate(row):
                    logits[i] += w
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


class QuestionReader:
    """Read a document's passages against a hearing's questions (structure first, then model)."""

    def __init__(
        self,
        model: QuestionModel | None = None,
        lemmatizer: LemmaLookup | None = None,
    ) -> None:
        self.lemmatizer = lemmatizer or LemmaLookup("simplemma")
        self.model = model
        self._matchers: dict[tuple, HeadingMatcher] = {}

    @property
    def version(self) -> str:
        return self.model.version if self.model else "questions-structure-only"

    def matcher(self, question_texts: Mapping[str, str] | None) -> HeadingMatcher:
        texts = dict(question_texts or DEFAULT_QUESTION_TEXTS)
        key = tuple(sorted(texts.items()))
        if key not in self._matchers:
            self._matchers[key] = HeadingMatcher(texts, self.lemmatizer)
        return self._matchers[key]

    def features(self, text: str, matcher: HeadingMatcher) -> list[str]:
        words = [w for w, _s, _e in tokenize(text)]
        return model_features(self.lemmatizer.lemmas(words), matcher)

    def predict(self, text: str, question_texts: Mapping[str, str] | None = None) -> QuestionResult:
        """The model's reading of one passage, without any document structure."""
        matcher = self.matcher(question_texts)
        codes = [c for c in QUESTIONS if c in matcher.keys]
        if self.model is None or not text.strip():
            return QuestionResult(None, dict.fromkeys(codes, 0.0), METHOD_MODEL)
        probs = self.model.probabilities(self.features(text, matcher))
        scores = {c: round(probs.get(c, 0.0), 4) for c in codes}
        best = max(scores, key=lambda c: scores[c]) if scores else None
        chosen = best if best and scores[best] >= self.model.threshold else None
        return QuestionResult(chosen, scores, METHOD_MODEL)

    def read(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        question_texts: Mapping[str, str] | None = None,
    ) -> list[QuestionResult]:
        """One result per passage span of ``text``: its section's question, else the model's."""
        matcher = self.matcher(question_texts)
        sections = find_sections(text, matcher)
        results = []
        for start, end in spans:
            section = next((s for s in sections if s.start <= start < s.end), None)
            if section is not None and section.question is not None:
                scores = {c: 0.0 for c in QUESTIONS if c in matcher.keys}
                scores[section.question] = STRUCTURE_SCORE
                results.append(
                    QuestionResult(section.question, scores, METHOD_STRUCTURE, section.heading)
                )
            else:
                results.append(self.predict(text[start:end], question_texts))
        return results

    def read_texts(
        self, texts: Sequence[str], question_texts: Mapping[str, str] | None = None
    ) -> list[QuestionResult]:
        """Each text as a document of its own, read as one passage (the ``classify_comments`` way)."""
        out = []
        for text in texts:
            stripped = text.strip()
            start = len(text) - len(text.lstrip())
            out.append(self.read(text, [(start, start + len(stripped))], question_texts)[0])
        return out


_reader: QuestionReader | None = None
_lock = threading.Lock()


def get_question_reader() -> QuestionReader:
    """The shipped reader, loaded once per process (structure only when no weights are shipped)."""
    global _reader
    with _lock:
        if _reader is None:
            model = QuestionModel.load() if DEFAULT_MODEL_PATH.exists() else None
            _reader = QuestionReader(model=model)
        return _reader
