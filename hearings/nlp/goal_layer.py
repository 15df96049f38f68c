"""The real-text layer of the goal classifier: calibrated linear models over lemma n-grams.

Why: the spaCy text classifier and the goal vocabulary were built from passages written for this
project. On real consultation text (longer, other register, other words) they keep precision but
lose recall. This layer is trained on real, labelled Norwegian passages together with the invented
ones (down-weighted), and reads three kinds of evidence for each goal:

* TF-IDF of lemma unigrams and bigrams (compound parts included, as in the spaCy model's input);
* whether the goal's vocabulary matched (five 0/1 features);
* the spaCy model's five probabilities (which it learned from the invented passages);
* (layers trained since issue 15) three sentence-level concept pairs from the guide's goal
  definitions: a place word and a difference word in one sentence (G4), two services and a link
  word (G2), a time word and a waiting word (G3) — see :func:`pair_features`.

Each goal's row of weights is either a logistic regression or a multinomial naive Bayes model
(whose log-odds are linear in the same features); training picks one per goal on out-of-fold
scores (``meta["models"]``, issue 15), and serving does not need to know which. The scores are
calibrated per goal (Platt scaling on out-of-fold predictions on real text), so a score of 0.7
means that about seven in ten such passages are about the goal. Thresholds are tuned per goal on
the same out-of-fold predictions. Serving needs numpy only; the weights are plain JSON
(``packages/goal_classifier/layer.json``), trained by ``hearings.nlp.goal_training``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from hearings.nlp.nynorsk import features_to_bokmal, to_bokmal
from hearings.nlp.passages import sentence_spans

GOAL_COUNT = 5
#: ``meta["features"]`` of a layer trained on bokmål-normalised lemmas (:mod:`nynorsk`).
NORMALISED = "lemmas-nb-normalised"
EXTRA_NAMES = tuple(f"vocab:G{i}" for i in range(1, 6)) + tuple(f"bow:G{i}" for i in range(1, 6))
PAIR_NAMES = ("pair:G4", "pair:G2", "pair:G3")
#: Least rise of a goal's calibrated log-odds for which an n-gram is shown as evidence (odds
#: x 1.1).
MIN_EVIDENCE_PUSH = 0.1

# Concept words (bokmål-form lemmas) for the sentence pairs, from the labelling guide's goal
# definitions. A word of more than three letters also matches as the start of a lemma.
_PLACE = (
    "kommune region fylke distrikt landsdel land by bosted helseforetak helseregion sted geografi "
    "geografisk lokal lokalt nær avstand reise utkant småkommune bygd nord sør vest øst landet"
)
_DIFFERENCE = (
    "forskjell ulik ulikhet variasjon variere mangle mangel lik likeverdig avhengig uavhengig "
    "skjev ujevn tilfeldig lotteri ingen dårligere bedre"
)
_SERVICE = (
    "kommune spesialisthelsetjeneste sykehus dps fastlege nav barnevern skole bup helseforetak tsb "
    "poliklinikk døgn psykisk helsevern hjemmetjeneste kommunehelsetjeneste tjenestenivå nivå"
)
_LINK = (
    "samarbeid samarbeide samhandling overgang overføring ansvar koordinering koordinere "
    "oppfølging utskrivning henvisning mellom sammen informasjon felles"
)
_TIME = (
    "uke måned dag år lenge lang tid ventetid vente frist tidlig sent sen rask raskt forsinkelse kø"
)
_WAIT = "vente ventetid venteliste kø frist forsinkelse tidlig sent sen rask raskt lenge akutt"


_SERVICE_WORDS = _SERVICE.split()


def _concept(words: str | list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    items = words.split() if isinstance(words, str) else words
    return frozenset(items), tuple(w for w in items if len(w) > 3)


_CONCEPTS = {
    name: _concept(words)
    for name, words in (
        ("place", _PLACE),
        ("difference", _DIFFERENCE),
        ("link", _LINK),
        ("time", _TIME),
        ("wait", _WAIT),
    )
}


_PLACE_BIT, _DIFFERENCE_BIT, _LINK_BIT, _TIME_BIT, _WAIT_BIT = 1, 2, 4, 8, 16
_BITS = {"place": 1, "difference": 2, "link": 4, "time": 8, "wait": 16}


@lru_cache(maxsize=200_000)
def _lemma_concepts(lemma: str) -> tuple[int, frozenset[str]]:
    """(concept bits, service words) of one lemma as written; cached per word type."""
    lemma = to_bokmal(lemma)
    bits = 0
    for name, (words, prefixes) in _CONCEPTS.items():
        if lemma in words or lemma.startswith(prefixes):
            bits |= _BITS[name]
    return bits, frozenset(w for w in _SERVICE_WORDS if lemma.startswith(w))


def pair_features(
    text: str, spans: Sequence[tuple[int, int]], lemmas: Sequence[str]
) -> list[float]:
    """``PAIR_NAMES`` for one passage: 1.0 when some sentence holds both concepts of the pair.

    Why: the guide's G4 is a *difference* between *places*, G2 a *link* between *services*, G3
    *waiting* measured in *time*; a bag of words sees the parts anywhere in a passage, this sees
    them together. ``spans`` are the words' offsets, ``lemmas`` their lemmas (as written).
    """
    concepts = [_lemma_concepts(lemma) for lemma in lemmas]
    out = [0.0, 0.0, 0.0]
    k, n = 0, len(spans)
    for start, end in sentence_spans(text):
        while k < n and spans[k][0] < start:
            k += 1
        j = k
        while j < n and spans[j][0] < end:
            j += 1
        if j > k:
            bits, services = 0, set()
            for b, serv in concepts[k:j]:
                bits |= b
                services |= serv
            if bits & _PLACE_BIT and bits & _DIFFERENCE_BIT:
                out[0] = 1.0
            if len(services) >= 2 and bits & _LINK_BIT:
                out[1] = 1.0
            if bits & _TIME_BIT and bits & _WAIT_BIT:
                out[2] = 1.0
        k = j
    return out


def ngrams(features: Sequence[str]) -> list[str]:
    """Unigrams and adjacent bigrams of a lemma-feature sequence."""
    grams = list(features)
    grams += [f"{a} {b}" for a, b in zip(features, features[1:], strict=False)]
    return grams


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


@dataclass
class GoalLayer:
    """Weights of the linear layer; see the module docstring."""

    terms: dict[str, int]
    idf: np.ndarray  # (V,)
    coef: np.ndarray  # (5, V + 10)
    intercept: np.ndarray  # (5,)
    platt: np.ndarray  # (5, 2): calibrated = sigmoid(a * raw_logit + b)
    thresholds: np.ndarray  # (5,) on calibrated probabilities
    meta: dict

    # -- features ---------------------------------------------------------------------------
    @property
    def uses_pairs(self) -> bool:
        """Whether the dense features end with :data:`PAIR_NAMES` (layers since issue 15)."""
        return self.coef.shape[1] - len(self.terms) == len(EXTRA_NAMES) + len(PAIR_NAMES)

    def layer_features(self, features: Sequence[str]) -> list[str]:
        """The passage's features as this layer was trained on them: nynorsk lemmas in their
        bokmål form when the layer was trained so (one to one, so word offsets still hold)."""
        if self.meta.get("features") == NORMALISED:
            return features_to_bokmal(list(features))
        return list(features)

    def tfidf(self, features: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """(indices, values, grams): sublinear TF-IDF, L2-normalised, of one passage."""
        counts = Counter(g for g in ngrams(features) if g in self.terms)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0), []
        grams = list(counts)
        idx = np.array([self.terms[g] for g in grams], dtype=np.int64)
        values = np.array([1.0 + math.log(counts[g]) for g in grams]) * self.idf[idx]
        values /= np.linalg.norm(values) or 1.0
        return idx, values, grams

    def raw_logits(self, feature_lists: Sequence[Sequence[str]], extra: np.ndarray) -> np.ndarray:
        """(n, 5) uncalibrated decision values."""
        vocab_size = len(self.terms)
        out = np.tile(self.intercept, (len(feature_lists), 1)).astype(float)
        out += extra @ self.coef[:, vocab_size:].T
        for i, features in enumerate(feature_lists):
            idx, values, _ = self.tfidf(features)
            if len(idx):
                out[i] += self.coef[:, idx] @ values
        return out

    def probabilities(
        self, feature_lists: Sequence[Sequence[str]], extra: np.ndarray
    ) -> np.ndarray:
        """(n, 5) calibrated probabilities that each passage is about each goal."""
        raw = self.raw_logits(feature_lists, extra)
        return sigmoid(raw * self.platt[:, 0] + self.platt[:, 1])

    def evidence(self, features: Sequence[str], goal_index: int, top: int = 4) -> list[str]:
        """The n-grams that pushed this goal's score up most (lemma form), strongest first.

        A push counts when it raises the calibrated log-odds by more than
        :data:`MIN_EVIDENCE_PUSH`. Measured after calibration because a naive Bayes row has
        larger, denser weights than a logistic regression row: there, many common words carry
        small positive weights that are not evidence.
        """
        idx, values, grams = self.tfidf(features)
        if not len(idx):
            return []
        pushes = self.coef[goal_index, idx] * values * abs(self.platt[goal_index, 0])
        order = np.argsort(-pushes, kind="stable")
        return [grams[k] for k in order[:top] if pushes[k] > MIN_EVIDENCE_PUSH]

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        terms = sorted(self.terms, key=self.terms.get)
        payload = {
            "meta": self.meta,
            "terms": terms,
            "idf": np.round(self.idf, 5).tolist(),
            "coef": np.round(self.coef, 5).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
            "platt": np.round(self.platt, 6).tolist(),
            "thresholds": np.round(self.thresholds, 4).tolist(),
        }
        Path(path).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> GoalLayer:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            terms={term: i for i, term in enumerate(data["terms"])},
            idf=np.array(data["idf"], dtype=float),
            coef=np.array(data["coef"], dtype=float),
            intercept=np.array(data["intercept"], dtype=float),
            platt=np.array(data["platt"], dtype=float),
            thresholds=np.array(data["thresholds"], dtype=float),
            meta=data.get("meta", {}),
        )
