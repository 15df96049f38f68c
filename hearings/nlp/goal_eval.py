"""Evaluation of goal classification against the fixed labelled split, with two baselines.

Why a separate module: the management command ``evaluate_goals``, the training scripts and the
retrain entry point must compute exactly the same figures, and none of them needs Django.

The test split (``hearings/nlp/training/goals/assets/test.jsonl``) is only ever *scored* here; all tuning
(thresholds, vocabulary boost, baseline thresholds) uses the dev slice cut from the training file
by :func:`split_train_dev`.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hearings.nlp.goals import (
    GOALS,
    Featurizer,
    GoalClassifier,
    VocabularyMatcher,
    keyword_labels,
    load_vocabulary,
)
from hearings.nlp.lemmas import LemmaLookup

ASSETS_DIR = Path(__file__).resolve().parent / "training" / "goals" / "assets"
DEV_SHARE = 5  # one in five training passages (by id hash) forms the dev slice


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_split(name: str) -> list[dict[str, Any]]:
    """``train`` or ``test`` from the committed assets."""
    return read_jsonl(ASSETS_DIR / f"{name}.jsonl")


def is_dev(item_id: str) -> bool:
    """Deterministic dev membership: stable across runs, machines and Python versions."""
    return zlib.crc32(str(item_id).encode("utf-8")) % DEV_SHARE == 0


def fold_of(item_id: str, folds: int = DEV_SHARE) -> int:
    """Cross-validation fold of a training passage; fold 0 is the dev slice."""
    return zlib.crc32(str(item_id).encode("utf-8")) % folds


def split_train_dev(rows: Sequence[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    fit = [r for r in rows if not is_dev(r["id"])]
    dev = [r for r in rows if is_dev(r["id"])]
    return fit, dev


def label_matrix(rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
    return np.array([[g in r.get("labels", []) for g in GOALS] for r in rows], dtype=bool)


def prf(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    """Per-goal precision/recall/F1 and macro-F1 over G1-G5."""
    out: dict[str, Any] = {}
    f1s = []
    for j, g in enumerate(GOALS):
        tp = int(np.sum(gold[:, j] & pred[:, j]))
        fp = int(np.sum(~gold[:, j] & pred[:, j]))
        fn = int(np.sum(gold[:, j] & ~pred[:, j]))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[g] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": tp + fn}
        f1s.append(f)
    out["macro_f1"] = round(float(np.mean(f1s)), 4)
    none_gold = ~gold.any(axis=1)
    none_pred = ~pred.any(axis=1)
    out["none_accuracy"] = round(float(np.mean(none_gold == none_pred)), 4)
    out["exact_match"] = round(float(np.mean((gold == pred).all(axis=1))), 4)
    return out


def best_threshold(scores: np.ndarray, gold: np.ndarray, window: int = 2) -> tuple[float, float]:
    """Threshold maximising F1 for one goal, on an F1 curve smoothed over +-``window`` steps.

    Why smoothed: with a few hundred tuning passages the raw F1 curve is jagged, and its single
    best point moves a lot when a handful of examples are added (seen when retraining with
    corrections). The middle of a broad plateau generalises better. Ties go to the threshold
    closest to 0.5. Returns (threshold, raw F1 at that threshold).
    """
    grid, f1, smooth = f1_curve(scores, gold, window)
    best = max(range(len(grid)), key=lambda i: (round(smooth[i], 9), -abs(grid[i] - 0.5)))
    return float(grid[best]), float(f1[best])


def f1_curve(
    scores: np.ndarray, gold: np.ndarray, window: int = 2
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(thresholds, F1 at each, F1 smoothed over +-``window`` neighbouring thresholds)."""
    grid = np.round(np.arange(0.05, 0.951, 0.025), 3)
    raw = []
    for t in grid:
        pred = scores >= t
        tp = np.sum(pred & gold)
        denom = np.sum(pred) + np.sum(gold)
        raw.append(2 * tp / denom if denom else 0.0)
    f1 = np.array(raw, dtype=float)
    smooth = np.array([f1[max(0, i - window) : i + window + 1].mean() for i in range(len(f1))])
    return grid, f1, smooth


def tune(
    probs: np.ndarray, hits: np.ndarray, gold: np.ndarray, boosts: Iterable[float] | None = None
) -> dict[str, Any]:
    """Choose the vocabulary boost and per-goal thresholds that maximise dev macro-F1.

    The boost is chosen on the macro-F1 curve smoothed over neighbouring boosts (same reason as
    in :func:`best_threshold`: a flat, noisy optimum otherwise jumps between retrainings).
    """
    grid = list(boosts) if boosts is not None else list(np.round(np.arange(0, 0.61, 0.05), 2))
    runs = []
    for boost in grid:
        scores = 1.0 - (1.0 - probs) * (1.0 - boost * hits)
        thresholds, f1s = {}, []
        for j, g in enumerate(GOALS):
            t, f = best_threshold(scores[:, j], gold[:, j])
            thresholds[g] = t
            f1s.append(f)
        runs.append(
            {
                "boost": float(boost),
                "thresholds": thresholds,
                "macro_f1": round(float(np.mean(f1s)), 4),
            }
        )
    macro = np.array([r["macro_f1"] for r in runs])
    smooth = [macro[max(0, i - 1) : i + 2].mean() for i in range(len(runs))]
    best = max(range(len(runs)), key=lambda i: (round(smooth[i], 9), -i))
    return runs[best]


class TfidfLogRegBaseline:
    """TF-IDF over the same lemma features + one-vs-rest logistic regression.

    Thresholds are tuned on the dev slice, like ours, so the comparison is fair.
    """

    def __init__(self, featurizer: Featurizer) -> None:
        self.featurizer = featurizer
        self.thresholds = {g: 0.5 for g in GOALS}

    def _docs(self, texts: Sequence[str]) -> list[str]:
        return [" ".join(self.featurizer.features(t)) for t in texts]

    def fit(self, texts: Sequence[str], gold: np.ndarray) -> TfidfLogRegBaseline:
        # lazy: scikit-learn takes about a second to import; only analysis runs need it.
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer = TfidfVectorizer(
            token_pattern=r"\S+"  # noqa: S106, ngram_range=(1, 2), min_df=1, sublinear_tf=True
        )
        x = self.vectorizer.fit_transform(self._docs(texts))
        self.models = [
            LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000).fit(x, gold[:, j])
            for j in range(len(GOALS))
        ]
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        x = self.vectorizer.transform(self._docs(texts))
        return np.stack([m.predict_proba(x)[:, 1] for m in self.models], axis=1)

    def tune(self, texts: Sequence[str], gold: np.ndarray) -> None:
        probs = self.predict_proba(texts)
        for j, g in enumerate(GOALS):
            self.thresholds[g] = best_threshold(probs[:, j], gold[:, j])[0]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        probs = self.predict_proba(texts)
        return np.stack([probs[:, j] >= self.thresholds[g] for j, g in enumerate(GOALS)], axis=1)


def evaluate_all(
    classifier: GoalClassifier | None = None,
    vocabularies: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Score the keyword baseline, TF-IDF+LR baseline and our system on the fixed test split."""
    clf = classifier or GoalClassifier()
    vocab = vocabularies or load_vocabulary()
    train = load_split("train")
    test = load_split("test")
    fit, dev = split_train_dev(train)
    test_texts = [r["text"] for r in test]
    gold = label_matrix(test)

    matcher = VocabularyMatcher(vocab, clf.lemmatizer)
    kw_pred = np.array(
        [[g in keyword_labels(matcher.match(t)) for g in GOALS] for t in test_texts], dtype=bool
    )

    baseline = TfidfLogRegBaseline(clf.featurizer)
    baseline.fit([r["text"] for r in fit], label_matrix(fit))
    baseline.tune([r["text"] for r in dev], label_matrix(dev))
    lr_pred = baseline.predict(test_texts)

    start = time.perf_counter()
    results = clf.classify(test_texts, vocab, explain=False)
    elapsed = time.perf_counter() - start
    ours = np.array([[g in r.labels for g in GOALS] for r in results], dtype=bool)

    return {
        "test_passages": len(test),
        "systems": {
            "keyword_baseline": prf(gold, kw_pred),
            "tfidf_logreg_baseline": prf(gold, lr_pred),
            "goal_classifier": prf(gold, ours),
        },
        "model_version": clf.version_for(vocab),
        "classify_seconds": round(elapsed, 3),
    }


def format_table(report: Mapping[str, Any]) -> str:
    """Markdown table: one row per system, P/R/F1 per goal and macro-F1."""
    head = "| system | " + " | ".join(f"{g} P/R/F1" for g in GOALS) + " | macro-F1 |"
    sep = "|---" * (len(GOALS) + 2) + "|"
    lines = [head, sep]
    for name, m in report["systems"].items():
        cells = [f"{m[g]['p']:.2f}/{m[g]['r']:.2f}/**{m[g]['f1']:.2f}**" for g in GOALS]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | **{m['macro_f1']:.3f}** |")
    return "\n".join(lines)


def lemma_featurizer(backend: str = "simplemma") -> Featurizer:
    """A featurizer without compound splitting (used before known words exist)."""
    return Featurizer(LemmaLookup(backend))
