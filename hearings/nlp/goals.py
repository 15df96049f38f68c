"""Classify consultation passages by the five pathway goals (G1-G5).

How it works (and why):

* Text is tokenised with a regex and each word is mapped to a cached lemma
  (:mod:`hearings.nlp.lemmas`), so the whole path runs at thousands of passages per second
  without the full parser.
* A trained spaCy ``textcat_multilabel`` model (shipped in ``models/goal_classifier/``) reads a
  *lemma document*: the passage's lemmas plus the known parts of compounds. Training on lemmas
  lets bokmål and nynorsk inflections ("ventetida", "ventetidene") share evidence.
* The editable goal vocabulary (lemma phrases, maintained by editors) is matched with a spaCy
  ``PhraseMatcher`` on ``LEMMA`` plus a compound rule (a vocabulary word found as head or
  modifier of a longer lemma, e.g. "koordinator" in "forløpskoordinatoren"). A vocabulary hit
  raises that goal's score: ``score = 1 - (1 - p_model) * (1 - boost)``. This keeps editors in
  control of recall for wording the model has not seen, while the model guards precision.
* Per-goal thresholds and the boost are tuned on a dev slice of the training data (never on the
  test split) and stored with the model.
* Evidence per assigned goal: the passage's words that matched the vocabulary, or - when no
  vocabulary word matched - the words whose removal lowers the model's score most (occlusion).
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from tqdm import tqdm

from hearings.nlp.goal_layer import GoalLayer, pair_features
from hearings.nlp.lemmas import STOP_WORDS, CompoundSplitter, LemmaLookup, tokenize
from hearings.nlp.nynorsk import to_bokmal
from hearings.nlp.questions import QuestionReader, get_question_reader

logger = logging.getLogger(__name__)

GOALS: tuple[str, ...] = ("G1", "G2", "G3", "G4", "G5")
GOAL_TITLES: dict[str, str] = {
    "G1": "Økt brukermedvirkning og brukertilfredshet",
    "G2": "Sammenhengende og koordinerte pasientforløp",
    "G3": "Unngå unødig ventetid for utredning, behandling og oppfølging",
    "G4": "Likeverdig tilbud til pasienter og pårørende uavhengig av hvor i landet de bor",
    "G5": "Bedre ivaretakelse av somatisk helse og gode levevaner",
}

ANALYSIS_DIR = Path(__file__).resolve().parent
DEFAULT_VOCABULARY_PATH = ANALYSIS_DIR / "data" / "goal_vocabulary.json"
DEFAULT_MODEL_DIR = ANALYSIS_DIR / "packages" / "goal_classifier"
REPO_ROOT = ANALYSIS_DIR.parent.parent
RETRAIN_SCRIPT = ANALYSIS_DIR / "training" / "goals" / "scripts" / "retrain.py"

NUM_TOKEN = "numtok"  # noqa: S105
EMPTY_TOKEN = "tomtok"  # noqa: S105
#: Compound parts are added as separate features, marked so they do not collide with lemmas
#: (and survive spaCy's tokenizer, which the model applies to the joined lemma document).
PART_PREFIX = "del_"

# Function words (bokmål + nynorsk) never offered as model evidence.
_EVIDENCE_STOP = (
    frozenset(
        """
    og i på til for med av som er det den de en et ei at å ikke ikkje om har var vi eg jeg du
    han ho hun seg sin si sitt sine dei deira deres denne dette desse disse der her kan skal
    vil må bør ble blir vart vert vere være være fra frå men eller også òg berre bare så da då
    når kva hva korleis hvordan kven hvem ein eit nokon noen noko noe mange mykje mye meir mer
    alle all heile hele ved etter over under mellom uten utan før opp ut inn hos mot enn
    slik sånn kunne skulle ville måtte burde dersom fordi at fleire flere vår vårt våre oss
    me mitt min mine ditt din dine sin sitt hans hennar hennes deg meg
    ofte nesten heilt helt veldig svært særleg særlig spesielt stadig endeleg endelig
    """.split()  # noqa: SIM905 - readable word list
    )
    | STOP_WORDS
)


@dataclass(frozen=True)
class GoalResult:
    """One passage's goal assignment: what the system decided and why."""

    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[str]] = field(default_factory=dict)
    model_version: str = ""

    def as_contract(self, item_id: Any) -> dict[str, Any]:
        """The ``classify_comments`` output line (DESIGN §6)."""
        return {
            "id": item_id,
            "labels": list(self.labels),
            "scores": {g: round(float(self.scores[g]), 4) for g in GOALS},
            "evidence": {g: list(self.evidence.get(g, [])) for g in self.labels},
        }


def load_vocabulary(path: str | Path | None = None) -> dict[str, list[str]]:
    """Read the default goal vocabulary (``{"G1": [lemma phrases...], ...}``)."""
    with open(path or DEFAULT_VOCABULARY_PATH, encoding="utf-8") as handle:
        data = json.load(handle)
    return normalise_vocabulary(data)


def normalise_vocabulary(vocabularies: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Keep only G1-G5, strip and de-duplicate terms, keep the given order."""
    out: dict[str, list[str]] = {}
    for goal in GOALS:
        terms = [str(t).strip().lower() for t in vocabularies.get(goal, []) if str(t).strip()]
        out[goal] = list(dict.fromkeys(terms))
    return out


def vocabulary_fingerprint(vocabularies: Mapping[str, Sequence[str]]) -> str:
    """Short stable hash of a vocabulary, recorded in the model version string."""
    payload = json.dumps(normalise_vocabulary(vocabularies), sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=4).hexdigest()


@dataclass
class Analysed:
    """A passage after tokenisation: surface words, offsets, lemmas and model features."""

    words: list[str]
    spans: list[tuple[int, int]]
    lemmas: list[str]
    features: list[str]
    feature_word: list[int]  # index into ``words`` for each feature


class Featurizer:
    """Turn raw text into the lemma document the model reads (shared by training and serving)."""

    def __init__(self, lemmatizer: LemmaLookup, splitter: CompoundSplitter | None = None) -> None:
        self.lemmatizer = lemmatizer
        self.splitter = splitter

    def analyse(self, text: str) -> Analysed:
        toks = tokenize(text)
        words = [t[0] for t in toks]
        lemmas = self.lemmatizer.lemmas(words) if words else []
        features: list[str] = []
        feature_word: list[int] = []
        for i, lemma in enumerate(lemmas):
            feat = NUM_TOKEN if lemma.isdigit() else lemma
            features.append(feat)
            feature_word.append(i)
            if self.splitter is not None:
                for part in self.splitter.parts(lemma):
                    features.append(PART_PREFIX + part)
                    feature_word.append(i)
        return Analysed(words, [(s, e) for _, s, e in toks], lemmas, features, feature_word)

    def features(self, text: str) -> list[str]:
        return self.analyse(text).features


def lemma_doc(nlp: Any, features: Sequence[str]) -> Any:
    """The spaCy Doc the model reads: joined features through the model's own tokenizer.

    Training corpora are written the same way (``spacy.Corpus`` re-tokenises ``doc.text``), so
    serving and training see identical tokens.
    """
    return nlp.make_doc(" ".join(features) if features else EMPTY_TOKEN)


class VocabularyMatcher:
    """Find goal-vocabulary terms in a passage by lemma, including inside compounds.

    Multi-word terms and exact single-word terms are matched with spaCy's ``PhraseMatcher`` on
    ``LEMMA``. Single-word terms of at least 5 letters also match as the head of a longer lemma
    ("koordinator" in "forløpskoordinator"), and terms of at least 7 letters as its modifier
    ("ventetid" in "ventetidsgaranti"). Lemmas on both sides are read in their bokmål form
    (:func:`hearings.nlp.nynorsk.to_bokmal`), so a bokmål term matches nynorsk text and back.
    """

    MIN_HEAD = 5
    MIN_MODIFIER = 7

    def __init__(self, vocabularies: Mapping[str, Sequence[str]], lemmatizer: LemmaLookup) -> None:
        self.vocabularies = normalise_vocabulary(vocabularies)
        self.fingerprint = vocabulary_fingerprint(self.vocabularies)
        self.lemmatizer = lemmatizer
        self._nlp_vocab = spacy.blank("nb").vocab
        self._doc_cls = Doc
        self.matcher = PhraseMatcher(self._nlp_vocab, attr="LEMMA")
        self._heads: dict[str, set[str]] = {}
        self._modifiers: dict[str, set[str]] = {}
        self._compound_cache: dict[str, tuple[str, ...]] = {}
        for goal, terms in self.vocabularies.items():
            patterns = []
            for term in terms:
                words = [w for w, _, _ in tokenize(term)]
                if not words:
                    continue
                lemmas = [to_bokmal(lemma) for lemma in lemmatizer.lemmas(words)]
                patterns.append(Doc(self._nlp_vocab, words=words, lemmas=lemmas))
                if len(lemmas) == 1 and lemmas[0].isalpha():
                    lemma = lemmas[0]
                    if len(lemma) >= self.MIN_HEAD:
                        self._heads.setdefault(lemma, set()).add(goal)
                    if len(lemma) >= self.MIN_MODIFIER:
                        self._modifiers.setdefault(lemma, set()).add(goal)
            if patterns:
                self.matcher.add(goal, patterns)

    def _compound_goals(self, lemma: str) -> tuple[str, ...]:
        cached = self._compound_cache.get(lemma)
        if cached is not None:
            return cached
        goals: set[str] = set()
        n = len(lemma)
        if n >= self.MIN_HEAD + 3 and lemma.isalpha():
            for i in range(3, n - self.MIN_HEAD + 1):
                hit = self._heads.get(lemma[i:])
                if hit:
                    goals |= hit
            for j in range(self.MIN_MODIFIER, n - 2):
                hit = self._modifiers.get(lemma[:j])
                if hit:
                    goals |= hit
        result = tuple(sorted(goals))
        if len(self._compound_cache) < 500_000:
            self._compound_cache[lemma] = result
        return result

    def match_analysed(self, analysed: Analysed) -> dict[str, list[str]]:
        """Goal -> surface words/phrases that matched, in text order, de-duplicated."""
        words = analysed.words
        lemmas = [to_bokmal(lemma) for lemma in analysed.lemmas]
        if not words:
            return {}
        found: dict[str, list[tuple[int, str]]] = {}
        doc = self._doc_cls(self._nlp_vocab, words=words, lemmas=lemmas)
        covered: set[int] = set()
        for match_id, start, end in self.matcher(doc):
            goal = self._nlp_vocab.strings[match_id]
            phrase = " ".join(words[start:end]).lower()
            found.setdefault(goal, []).append((start, phrase))
            covered.update(range(start, end))
        for i, lemma in enumerate(lemmas):
            for goal in self._compound_goals(lemma):
                found.setdefault(goal, []).append((i, words[i].lower()))
        return {
            goal: list(dict.fromkeys(p for _, p in sorted(hits)))
            for goal, hits in sorted(found.items())
        }

    def match(self, text: str) -> dict[str, list[str]]:
        return self.match_analysed(Featurizer(self.lemmatizer).analyse(text))


#: Below this many content words, and with no vocabulary word, a passage is a greeting,
#: signature or heading ("Med vennlig hilsen", "Ola Nordmann"): no goal is assigned. Every real
#: labelled passage has at least six; "Lang ventetid." still counts through its vocabulary word.
MIN_CONTENT_WORDS = 3


def content_words(analysed: Analysed) -> int:
    return sum(
        1
        for lemma in analysed.lemmas
        if len(lemma) >= 3 and lemma.isalpha() and lemma not in _EVIDENCE_STOP
    )


def surface_evidence(
    analysed: Analysed, grams: Sequence[str], features: Sequence[str] | None = None
) -> list[str]:
    """Lemma n-grams found by the model, as the passage writes them (for highlighting).

    ``features``: the feature sequence the grams were read from when it is not
    ``analysed.features`` itself (the layer's bokmål-normalised features, aligned one to one).
    A compound part (``del_x``) shows as the whole word it came from; function words alone are
    never shown.
    """
    out: list[str] = []
    feats = list(analysed.features if features is None else features)
    owner, words = analysed.feature_word, analysed.words
    for gram in grams:
        parts = gram.split(" ")
        if all(p.removeprefix(PART_PREFIX) in _EVIDENCE_STOP or len(p) < 3 for p in parts):
            continue  # "ha ikke", "for": no evidence a reader could use
        for i in range(len(feats) - len(parts) + 1):
            if feats[i : i + len(parts)] == parts:
                span = sorted({owner[k] for k in range(i, i + len(parts))})
                phrase = " ".join(words[span[0] : span[-1] + 1]).lower()
                if phrase not in _EVIDENCE_STOP and len(phrase) > 2 and not phrase.isdigit():
                    out.append(phrase)
                break
    return list(dict.fromkeys(out))


def keyword_labels(matches: Mapping[str, Sequence[str]]) -> list[str]:
    """Keyword baseline: a goal is assigned when any of its vocabulary terms occurs."""
    return [g for g in GOALS if matches.get(g)]


class GoalClassifier:
    """Load once per process, then ``classify(texts)``.

    Worker processes should each hold one instance (:func:`get_classifier`); spaCy models are
    not guaranteed thread-safe, so threads sharing an instance should serialise calls.

    ``lemma_backend="model"`` (default) uses the lemma source the shipped model was trained with,
    so features match training; ``"auto"`` prefers the trained pipeline when it is installed.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        vocabularies: Mapping[str, Sequence[str]] | None = None,
        lemma_backend: str = "model",
    ) -> None:
        self.model_dir = Path(model_dir or DEFAULT_MODEL_DIR)
        meta_path = self.model_dir / "meta.json"
        self.meta: dict[str, Any] = {}
        self.nlp = None
        if meta_path.exists():
            self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
            self.nlp = spacy.load(self.model_dir / "model")
        else:
            logger.warning("no goal model in %s: keyword-only classification", self.model_dir)
        if lemma_backend == "model":
            lemma_backend = self.meta.get("lemma_backend", "simplemma")
        self.lemmatizer = LemmaLookup(lemma_backend)
        known_path = self.model_dir / "known_words.txt"
        known = known_path.read_text(encoding="utf-8").split() if known_path.exists() else []
        self.featurizer = Featurizer(self.lemmatizer, CompoundSplitter(known) if known else None)
        self.thresholds: dict[str, float] = {
            g: float(self.meta.get("thresholds", {}).get(g, 0.5)) for g in GOALS
        }
        self.boost: float = float(self.meta.get("boost", 0.0 if self.nlp else 0.9))
        layer_path = self.model_dir / "layer.json"
        self.layer = GoalLayer.load(layer_path) if layer_path.exists() and self.nlp else None
        if self.layer is not None:
            self.thresholds = {
                g: float(t) for g, t in zip(GOALS, self.layer.thresholds, strict=True)
            }
        self._default_vocab = dict(vocabularies) if vocabularies else load_vocabulary()
        self._matchers: dict[str, VocabularyMatcher] = {}
        self._lock = threading.Lock()
        self.matcher_for(self._default_vocab)

    # -- identity ---------------------------------------------------------------------------
    @property
    def base_version(self) -> str:
        if not self.nlp:
            return "keywords-only"
        base = f"{self.meta.get('name', 'goal_classifier')}-{self.meta.get('version', '0')}"
        if self.layer is not None:
            base += f"+real.{self.layer.meta.get('version', '0')}"
        return base

    def version_for(self, vocabularies: Mapping[str, Sequence[str]] | None = None) -> str:
        """Model version recorded with each label: model, lemma source and vocabulary hash."""
        vocab = self._default_vocab if vocabularies is None else vocabularies
        fp = vocabulary_fingerprint(vocab)
        return f"{self.base_version}+lem.{self.lemmatizer.backend}+voc.{fp}"

    @property
    def model_version(self) -> str:
        return self.version_for(None)

    # -- matching ---------------------------------------------------------------------------
    def matcher_for(self, vocabularies: Mapping[str, Sequence[str]]) -> VocabularyMatcher:
        fp = vocabulary_fingerprint(vocabularies)
        matcher = self._matchers.get(fp)
        if matcher is None:
            with self._lock:
                matcher = self._matchers.get(fp)
                if matcher is None:
                    matcher = VocabularyMatcher(vocabularies, self.lemmatizer)
                    if len(self._matchers) > 16:
                        self._matchers.clear()
                    self._matchers[fp] = matcher
        return matcher

    # -- model ------------------------------------------------------------------------------
    def _docs(self, feature_lists: Sequence[Sequence[str]]) -> list:
        assert self.nlp is not None
        return [lemma_doc(self.nlp, f) for f in feature_lists]

    def model_probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """(n, 5) model probabilities for lemma documents; zeros when no model is shipped."""
        out = np.zeros((len(feature_lists), len(GOALS)), dtype=np.float32)
        if self.nlp is None or not feature_lists:
            return out
        # A passage without words has no evidence for any goal (the model's bias alone is not).
        rows = [i for i, f in enumerate(feature_lists) if f]
        docs = self._docs([feature_lists[i] for i in rows])
        # nlp.pipe runs every component (an ensemble's tok2vec feeds the textcat listener).
        for i, doc in zip(rows, self.nlp.pipe(docs, batch_size=256), strict=True):
            out[i] = [doc.cats.get(g, 0.0) for g in GOALS]
        return out

    def combine(self, probs: np.ndarray, hits: Sequence[Mapping[str, Sequence[str]]]) -> np.ndarray:
        """Raise the model probability where the goal's vocabulary matched."""
        hit = np.array([[1.0 if h.get(g) else 0.0 for g in GOALS] for h in hits], dtype=np.float32)
        if self.nlp is None:
            return np.where(hit > 0, 0.9, 0.05).astype(np.float32)
        return 1.0 - (1.0 - probs) * (1.0 - self.boost * hit)

    def _occlusion(self, analysed: Analysed, goal: str, base: float, top: int = 3) -> list[str]:
        """Words whose removal lowers the goal's model probability most."""
        candidates: dict[str, int] = {}
        for feat, wi in zip(analysed.features, analysed.feature_word, strict=True):
            if feat.startswith(PART_PREFIX) or feat == NUM_TOKEN:
                continue
            if len(feat) < 3 or feat in _EVIDENCE_STOP:
                continue
            candidates.setdefault(feat, wi)
        names = list(candidates)[:60]
        if not names:
            return []
        variants = []
        for name in names:
            wi_drop = {
                wi
                for f, wi in zip(analysed.features, analysed.feature_word, strict=True)
                if f == name
            }
            variants.append(
                [
                    f
                    for f, wi in zip(analysed.features, analysed.feature_word, strict=True)
                    if wi not in wi_drop
                ]
            )
        probs = self.model_probabilities(variants)[:, GOALS.index(goal)]
        drops = base - probs
        order = np.argsort(-drops, kind="stable")
        words = []
        for idx in order[:top]:
            if drops[idx] > 0.01:
                words.append(analysed.words[candidates[names[idx]]].lower())
        return words

    # -- public API -------------------------------------------------------------------------
    def iter_classify(
        self,
        texts: Iterable[str],
        vocabularies: Mapping[str, Sequence[str]] | None = None,
        batch_size: int = 256,
        explain: bool = True,
    ) -> Iterator[GoalResult]:
        """Stream results in input order (constant memory for any number of texts)."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self.classify(batch, vocabularies, explain=explain)
                batch = []
        if batch:
            yield from self.classify(batch, vocabularies, explain=explain)

    def classify(
        self,
        texts: Sequence[str],
        vocabularies: Mapping[str, Sequence[str]] | None = None,
        explain: bool = True,
        use_layer: bool = True,
    ) -> list[GoalResult]:
        """Scores, labels and evidence for each text (empty labels = none of the five goals).

        With the real-text layer (the default when it is shipped) scores are calibrated
        probabilities; ``use_layer=False`` gives the spaCy model + vocabulary alone (the
        previous recipe, kept as a baseline).
        """
        layer = self.layer if use_layer else None
        vocab = self._default_vocab if vocabularies is None else vocabularies
        matcher = self.matcher_for(vocab)
        version = self.version_for(vocab)
        analysed = [self.featurizer.analyse(t or "") for t in texts]
        hits = [matcher.match_analysed(a) for a in analysed]
        probs = self.model_probabilities([a.features for a in analysed])
        if layer is not None:
            hit_matrix = np.array([[1.0 if h.get(g) else 0.0 for g in GOALS] for h in hits])
            extra = np.hstack([hit_matrix.reshape(len(texts), len(GOALS)), probs])
            if layer.uses_pairs:
                pairs = [
                    pair_features(t or "", a.spans, a.lemmas)
                    for t, a in zip(texts, analysed, strict=True)
                ]
                extra = np.hstack([extra, np.array(pairs).reshape(len(texts), 3)])
            layer_features = [layer.layer_features(a.features) for a in analysed]
            scores = layer.probabilities(layer_features, extra)
            thresholds = dict(zip(GOALS, layer.thresholds, strict=True))
        else:
            scores = self.combine(probs, hits)
            thresholds = {g: float(self.meta.get("thresholds", {}).get(g, 0.5)) for g in GOALS}
        results = []
        for i, a in enumerate(analysed):
            labels = [g for j, g in enumerate(GOALS) if scores[i, j] >= thresholds[g]]
            if layer is not None and not hits[i] and content_words(a) < MIN_CONTENT_WORDS:
                labels = []  # a greeting, signature or heading carries no goal
            evidence: dict[str, list[str]] = {}
            for g in labels:
                if layer is not None:
                    found = list(hits[i].get(g, []))
                    grams = layer.evidence(layer_features[i], GOALS.index(g))
                    found += surface_evidence(a, grams, layer_features[i])
                    evidence[g] = list(dict.fromkeys(found))[:6]
                elif hits[i].get(g):
                    evidence[g] = list(hits[i][g])
                elif explain and self.nlp is not None:
                    evidence[g] = self._occlusion(a, g, float(probs[i, GOALS.index(g)]))
                else:
                    evidence[g] = []
            results.append(
                GoalResult(
                    labels=labels,
                    scores={g: float(scores[i, j]) for j, g in enumerate(GOALS)},
                    evidence=evidence,
                    model_version=version,
                )
            )
        return results


_shared: GoalClassifier | None = None
_shared_lock = threading.Lock()


def get_classifier() -> GoalClassifier:
    """The process-wide classifier (loaded once)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = GoalClassifier()
    return _shared


def classify_jsonl(
    input_path: str | Path,
    output_path: str | Path,
    classifier: GoalClassifier | None = None,
    vocabularies: Mapping[str, Sequence[str]] | None = None,
    progress: bool = True,
    batch_size: int = 256,
    question_reader: QuestionReader | None = None,
) -> int:
    """Stream ``{"id", "text"}`` lines to contract output lines; returns the number written.

    Each line also gets the hearing question the text answers (``question``, Q1–Q4 or null,
    and ``question_scores``; :mod:`hearings.nlp.questions`). Reads and writes one batch at a
    time so memory stays flat for any input size; the progress bar goes to stderr so stdout/OUT
    stay machine-readable.
    """
    clf = classifier or get_classifier()
    reader = question_reader or get_question_reader()
    written = 0
    with (
        open(input_path, encoding="utf-8") as src,
        open(output_path, "w", encoding="utf-8") as dst,
        tqdm(desc="classify", unit="passage", file=sys.stderr, disable=not progress) as bar,
    ):
        batch: list[tuple[Any, str]] = []

        def flush() -> None:
            nonlocal written
            texts = [t for _, t in batch]
            results = clf.classify(texts, vocabularies)
            questions = reader.read_texts(texts)
            for (item_id, _), result, question in zip(batch, results, questions, strict=True):
                line = {**result.as_contract(item_id), **question.as_contract()}
                dst.write(json.dumps(line, ensure_ascii=False) + "\n")
            written += len(batch)
            bar.update(len(batch))
            batch.clear()

        for line_no, line in enumerate(src, 1):
            line = line.strip()
            if not line:
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{input_path}:{line_no}: not valid JSON ({exc})") from exc
            if not isinstance(item, dict) or "id" not in item:
                raise ValueError(f"{input_path}:{line_no}: each line needs an 'id' and a 'text'")
            batch.append((item["id"], str(item.get("text") or "")))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    return written


def retrain(
    extra_path: str | Path | None = None, install: bool = False, timeout: int = 3600
) -> subprocess.CompletedProcess:
    """Retrain in a subprocess (keeps the web/worker process free of training memory).

    Prints, and returns in ``stdout``, the fixed-test scores before and after; the last stdout
    line is a JSON object. ``install=True`` replaces the shipped model with the new one.
    """
    cmd = [sys.executable, str(RETRAIN_SCRIPT)]
    if extra_path:
        cmd += ["--extra", str(extra_path)]
    if install:
        cmd.append("--install")
    return subprocess.run(
        cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
