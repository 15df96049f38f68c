"""The real-text layer of the goal classifier: a calibrated linear model over lemma n-grams.

Why: the spaCy text classifier and the goal vocabulary were built from passages written for this
project. On real consultation text (longer, other register, other words) they keep precision but
lose recall. This layer is trained on real, labelled Norwegian passages together with the invented
ones (down-weighted), and reads three kinds of evidence for each goal:

* TF-IDF of lemma unigrams and bigrams (compound parts included, as in the spaCy model's input);
* whether the goal's vocabulary matched (five 0/1 features);
* the spaCy model's five probabilities (which it learned from the invented passages).

Its scores are calibrated per goal (Platt scaling on out-of-fold predictions on real text), so a
score of 0.7 means that about seven in ten such passages are about the goal. Thresholds are tuned
per goal on the same out-of-fold predictions. Serving needs numpy only; the weights are plain JSON
(``packages/goal_classifier/layer.json``), trained by ``hearings.nlp.goal_training``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hearings.nlp.nynorsk import features_to_bokmal

GOAL_COUNT = 5
#: ``meta["features"]`` of a layer trained on bokmål-normalised lemmas (:mod:`nynorsk`).
NORMALISED = "lemmas-nb-normalised"
EXTRA_NAMES = tuple(f"vocab:G{i}" for i in range(1, 6)) + tuple(f"bow:G{i}" for i in range(1, 6))


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
        """The n-grams that pushed this goal's score up most (lemma form), strongest first."""
        idx, values, grams = self.tfidf(features)
        if not len(idx):
            return []
        pushes = self.coef[goal_index, idx] * values
        order = np.argsort(-pushes, kind="stable")
        return [grams[k] for k in order[:top] if pushes[k] > 0.02]

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
