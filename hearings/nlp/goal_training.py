"""Training and honest evaluation of the goal classifier's real-text layer (:mod:`goal_layer`).

Everything that needs scikit-learn lives here, so serving loads numpy weights only.

The evaluation is nested cross-validation on the real passages: five folds grouped by source page
(one page never sits in both train and test) and balanced by goal; inside each outer fold, an
inner cross-validation over the training part gives the out-of-fold scores from which calibration
and thresholds are chosen. The test fold is only ever scored. Invented passages always join the
training side with a lower weight.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from .goal_eval import best_threshold, f1_curve, label_matrix, load_split, prf
from .goal_layer import (
    EXTRA_NAMES,
    GOAL_COUNT,
    NORMALISED,
    PAIR_NAMES,
    GoalLayer,
    ngrams,
    pair_features,
)
from .goals import GOALS, GoalClassifier, keyword_labels, load_vocabulary
from .nynorsk import features_to_bokmal

#: Weight of one invented passage against one real passage (chosen by cross-validation: 0.1,
#: 0.3 and 0.5 gave macro-F1 0.686, 0.701 and 0.698; without invented text 0.683).
INVENTED_WEIGHT = 0.3
#: Inverse regularisation strength (1, 4 and 16 gave 0.701, 0.701 and 0.691).
C = 4.0
#: Additive smoothing of the naive Bayes member (0.1 / 0.3 / 1 gave 0.761 / 0.763 / 0.756 macro-F1
#: for naive Bayes alone over eight outer fold assignments).
NB_ALPHA = 0.3
#: The two linear models fitted per goal; the inner cross-validation picks one per goal.
MODELS = ("lr", "nb")
FOLDS = 5
BANDS = {"lav": (0.0, 0.5), "middels": (0.5, 0.8), "hoy": (0.8, 1.01)}


@dataclass
class Corpus:
    """Passages with everything the layer reads, computed once. ``features`` are the layer's
    (lemmas in their bokmål form, :mod:`hearings.nlp.nynorsk`); the spaCy model's probabilities
    in ``extra`` were computed from the lemmas as written."""

    rows: list[dict]
    features: list[list[str]]
    extra: np.ndarray  # (n, 13): vocabulary hits, spaCy probabilities, sentence pairs
    gold: np.ndarray  # (n, 5) bool
    weights: np.ndarray = field(default=None)  # type: ignore[assignment]


def read_real(folder: str | Path) -> list[dict]:
    """The labelled real passages (``real_feedback_dev.jsonl``); ``labels`` = their goals."""
    path = Path(folder)
    if path.is_dir():
        path = path / "real_feedback_dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        row["labels"] = [g for g in row.get("goals", []) if g in GOALS]
    return rows


def build_corpus(classifier: GoalClassifier, rows: Sequence[dict], weight: float = 1.0) -> Corpus:
    matcher = classifier.matcher_for(classifier._default_vocab)
    analysed = [classifier.featurizer.analyse(r["text"] or "") for r in rows]
    hits = np.array(
        [[1.0 if h.get(g) else 0.0 for g in GOALS] for h in map(matcher.match_analysed, analysed)]
    ).reshape(len(rows), GOAL_COUNT)
    bow = classifier.model_probabilities([a.features for a in analysed])
    pairs = np.array(
        [
            pair_features(r["text"] or "", a.spans, a.lemmas)
            for r, a in zip(rows, analysed, strict=True)
        ]
    ).reshape(len(rows), len(PAIR_NAMES))
    return Corpus(
        rows=list(rows),
        features=[features_to_bokmal(a.features) for a in analysed],
        extra=np.hstack([hits, bow, pairs]).astype(float),
        gold=label_matrix(rows),
        weights=np.full(len(rows), weight),
    )


def subset(corpus: Corpus, idx: Sequence[int]) -> Corpus:
    idx = np.asarray(idx, dtype=int)
    return Corpus(
        rows=[corpus.rows[i] for i in idx],
        features=[corpus.features[i] for i in idx],
        extra=corpus.extra[idx],
        gold=corpus.gold[idx],
        weights=corpus.weights[idx],
    )


def join(*parts: Corpus) -> Corpus:
    return Corpus(
        rows=[r for p in parts for r in p.rows],
        features=[f for p in parts for f in p.features],
        extra=np.vstack([p.extra for p in parts]),
        gold=np.vstack([p.gold for p in parts]),
        weights=np.concatenate([p.weights for p in parts]),
    )


# -- folds ---------------------------------------------------------------------------------


def grouped_folds(rows: Sequence[dict], k: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Fold of each passage: whole source pages per fold, goal counts balanced across folds.

    Greedy: pages with the most labels first, each to the fold where it keeps the fullest label
    share and the fold size lowest.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[str(row.get("source_url") or row.get("id"))].append(i)
    labels = np.array(
        [[g in r.get("goals", r.get("labels", [])) for g in (*GOALS, "OTHER")] for r in rows],
        dtype=float,
    )
    keys = list(groups)
    np.random.RandomState(seed).shuffle(keys)
    keys.sort(key=lambda key: -labels[groups[key]].sum())
    totals = labels.sum(0) + 1e-9
    counts, sizes = np.zeros((k, labels.shape[1])), np.zeros(k)
    fold = np.zeros(len(rows), dtype=int)
    for key in keys:
        members = groups[key]
        add = labels[members].sum(0)
        cost = [
            ((counts[f] + add) / totals).max() + (sizes[f] + len(members)) / len(rows)
            for f in range(k)
        ]
        best = int(np.argmin(cost))
        counts[best] += add
        sizes[best] += len(members)
        fold[members] = best
    return fold


# -- fitting -------------------------------------------------------------------------------


def fit_layers(
    corpus: Corpus, models: Sequence[str] = ("lr",), c: float = C, min_df: int = 1
) -> dict[str, GoalLayer]:
    """Uncalibrated layers (identity calibration, thresholds 0.5) fitted on ``corpus``, one per
    model in ``models``, all over the same features (so their rows can be mixed per goal):

    * ``"lr"``: logistic regression with balanced class weights;
    * ``"nb"``: multinomial naive Bayes with balanced class weights. Its log-odds are linear in
      the features (log-probability ratio per feature plus the log prior ratio), so it ships in
      the same form and serves at the same speed. It reads the dense features as counts next to
      the TF-IDF weights, which suits the few hundred real passages: it leans more on the
      vocabulary hits, spaCy scores and concept pairs than the regression does.
    """
    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=min_df)
    x_text = vectorizer.fit_transform(corpus.features)
    x = sparse.hstack([x_text, sparse.csr_matrix(corpus.extra)]).tocsr()
    layers = {}
    for name in models:
        coef = np.zeros((GOAL_COUNT, x.shape[1]))
        intercept = np.zeros(GOAL_COUNT)
        for j in range(GOAL_COUNT):
            y = corpus.gold[:, j]
            if y.all() or not y.any():
                intercept[j] = 5.0 if y.all() else -5.0
                continue
            if name == "lr":
                model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
                model.fit(x, y, sample_weight=corpus.weights)
                coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
            elif name == "nb":
                balance = np.where(y, len(y) / (2 * y.sum()), len(y) / (2 * (~y).sum()))
                model = MultinomialNB(alpha=NB_ALPHA)
                model.fit(x, y, sample_weight=corpus.weights * balance)
                log_prob, log_prior = model.feature_log_prob_, model.class_log_prior_
                coef[j] = log_prob[1] - log_prob[0]
                intercept[j] = log_prior[1] - log_prior[0]
            else:
                raise ValueError(f"unknown model {name!r}; use one of {MODELS}")
        layers[name] = GoalLayer(
            terms={term: int(i) for term, i in vectorizer.vocabulary_.items()},
            idf=vectorizer.idf_.astype(float),
            coef=coef,
            intercept=intercept,
            platt=np.tile([1.0, 0.0], (GOAL_COUNT, 1)),
            thresholds=np.full(GOAL_COUNT, 0.5),
            meta={"features": NORMALISED, "extra": [*EXTRA_NAMES, *PAIR_NAMES]},
        )
    return layers


def fit_layer(corpus: Corpus, c: float = C, min_df: int = 1, model: str = "lr") -> GoalLayer:
    """One uncalibrated layer (see :func:`fit_layers`)."""
    return fit_layers(corpus, (model,), c=c, min_df=min_df)[model]


def calibrate(raw: np.ndarray, gold: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Platt parameters and thresholds per goal from out-of-fold raw logits on real text."""
    platt = np.tile([1.0, 0.0], (GOAL_COUNT, 1))
    thresholds = np.full(GOAL_COUNT, 0.5)
    for j in range(GOAL_COUNT):
        y = gold[:, j]
        if y.any() and not y.all():
            model = LogisticRegression(C=100.0, max_iter=1000).fit(raw[:, [j]], y)
            platt[j] = [model.coef_[0][0], model.intercept_[0]]
        probs = 1.0 / (1.0 + np.exp(-(raw[:, j] * platt[j, 0] + platt[j, 1])))
        thresholds[j] = best_threshold(probs, y)[0]
    return platt, thresholds


def oof_raw(
    real: Corpus,
    invented: Corpus | None,
    fold: np.ndarray,
    models: Sequence[str] = ("lr",),
    **fit_args,
) -> dict[str, np.ndarray]:
    """Out-of-fold raw logits per model for every real passage (invented text always on the
    train side)."""
    raw = {name: np.zeros((len(real.rows), GOAL_COUNT)) for name in models}
    for f in sorted(set(fold)):
        train = subset(real, np.where(fold != f)[0])
        test = np.where(fold == f)[0]
        layers = fit_layers(join(train, invented) if invented else train, models, **fit_args)
        part = subset(real, test)
        for name, layer in layers.items():
            raw[name][test] = layer.raw_logits(part.features, part.extra)
    return raw


def train_layer(
    real: Corpus,
    invented: Corpus | None,
    folds: int = FOLDS,
    models: Sequence[str] = MODELS,
    **fit_args,
) -> tuple[GoalLayer, np.ndarray]:
    """The layer fitted on all data, calibrated and thresholded from out-of-fold real scores.

    With several ``models``, each goal keeps the model whose calibrated out-of-fold scores reach
    the higher smoothed F1 (ties keep the first, logistic regression); its row of weights, its
    calibration and its threshold go into the one layer (``meta["models"]`` records the choice).
    Returns the layer and the out-of-fold calibrated probabilities it was tuned on.
    """
    fold = grouped_folds(real.rows, folds)
    raw = oof_raw(real, invented, fold, models, **fit_args)
    tuned = {}
    for name in models:
        platt, thresholds = calibrate(raw[name], real.gold)
        probs = 1.0 / (1.0 + np.exp(-(raw[name] * platt[:, 0] + platt[:, 1])))
        smooth = [f1_curve(probs[:, j], real.gold[:, j])[2].max() for j in range(GOAL_COUNT)]
        tuned[name] = (platt, thresholds, probs, smooth)
    chosen = [
        max(models, key=lambda name: (round(tuned[name][3][j], 9), -models.index(name)))
        for j in range(GOAL_COUNT)
    ]
    layers = fit_layers(join(real, invented) if invented else real, sorted(set(chosen)), **fit_args)
    layer = layers[chosen[0]]
    probs = np.zeros((len(real.rows), GOAL_COUNT))
    for j, name in enumerate(chosen):
        layer.coef[j], layer.intercept[j] = layers[name].coef[j], layers[name].intercept[j]
        layer.platt[j], layer.thresholds[j] = tuned[name][0][j], tuned[name][1][j]
        probs[:, j] = tuned[name][2][:, j]
    layer.meta["models"] = dict(zip(GOALS, chosen, strict=True))
    return layer, probs


# -- measures ------------------------------------------------------------------------------


def decision_confidence(probs: np.ndarray, assigned: np.ndarray) -> np.ndarray:
    """Probability that the least certain of the five decisions is right (p, or 1 - p)."""
    right = np.where(assigned, probs, 1.0 - probs)
    return right.min(axis=1)


def reliability(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """Per goal: a reliability table (mean score vs share true per bin) and the ECE."""
    out: dict[str, Any] = {}
    edges = np.linspace(0, 1, bins + 1)
    for j, goal in enumerate(GOALS):
        rows, ece = [], 0.0
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            mask = (probs[:, j] >= lo) & ((probs[:, j] < hi) | (hi == 1.0))
            if not mask.any():
                continue
            mean, true = float(probs[mask, j].mean()), float(gold[mask, j].mean())
            ece += mask.sum() / len(probs) * abs(mean - true)
            rows.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "n": int(mask.sum()),
                    "mean_score": round(mean, 3),
                    "share_true": round(true, 3),
                }
            )
        out[goal] = {"ece": round(ece, 4), "table": rows}
    return out


def band_precision(confidence: np.ndarray, pred: np.ndarray, gold: np.ndarray) -> dict[str, Any]:
    """Per confidence band: how many passages, and the share whose goal set is exactly right."""
    out = {}
    for name, (lo, hi) in BANDS.items():
        mask = (confidence >= lo) & (confidence < hi)
        right = (pred[mask] == gold[mask]).all(axis=1)
        out[name] = {
            "n": int(mask.sum()),
            "share": round(float(mask.mean()), 3),
            "all_goals_right": round(float(right.mean()), 3) if mask.any() else None,
        }
    return out


def micro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """F1 over all goal decisions together: steadier than macro-F1 on a small subset."""
    tp = int(np.sum(gold & pred))
    denom = int(np.sum(gold)) + int(np.sum(pred))
    return round(2 * tp / denom, 4) if denom else 0.0


def compact(metrics: dict[str, Any]) -> dict[str, Any]:
    """``{"macro_f1", "G1": {"p", "r", "f1"}, ...}`` as the command's JSON line has it."""
    out: dict[str, Any] = {"macro_f1": metrics["macro_f1"]}
    for goal in GOALS:
        out[goal] = {k: metrics[goal][k] for k in ("p", "r", "f1")}
    return out


# -- the whole evaluation ------------------------------------------------------------------


def nested_cv(
    real: Corpus, invented: Corpus | None, limit: int | None = None, seed: int = 0
) -> dict[str, np.ndarray]:
    """Calibrated probabilities and decisions for every real passage, each from a model that
    never saw its fold; ``limit`` caps the real training passages per fold (learning curve)."""
    fold = grouped_folds(real.rows)
    probs = np.zeros((len(real.rows), GOAL_COUNT))
    pred = np.zeros_like(real.gold)
    rng = np.random.RandomState(seed)
    for f in range(FOLDS):
        train_idx = np.where(fold != f)[0]
        if limit is not None and limit < len(train_idx):
            train_idx = np.sort(rng.choice(train_idx, limit, replace=False))
        test_idx = np.where(fold == f)[0]
        layer, _ = train_layer(subset(real, train_idx), invented)
        test = subset(real, test_idx)
        probs[test_idx] = layer.probabilities(test.features, test.extra)
        pred[test_idx] = probs[test_idx] >= layer.thresholds
    return {"probs": probs, "pred": pred, "fold": fold}


def tfidf_logreg_cv(real: Corpus) -> np.ndarray:
    """Baseline: TF-IDF + logistic regression on the real folds alone, thresholds tuned inside."""
    fold = grouped_folds(real.rows)
    pred = np.zeros_like(real.gold)
    for f in range(FOLDS):
        train, test = subset(real, np.where(fold != f)[0]), np.where(fold == f)[0]
        text_only = Corpus(
            train.rows, train.features, np.zeros((len(train.rows), 0)), train.gold, train.weights
        )
        inner = grouped_folds(train.rows)
        raw = np.zeros((len(train.rows), GOAL_COUNT))
        for g in range(FOLDS):
            layer = fit_layer(subset(text_only, np.where(inner != g)[0]))
            part = np.where(inner == g)[0]
            raw[part] = layer.raw_logits(
                [train.features[i] for i in part], np.zeros((len(part), 0))
            )
        thresholds = [
            best_threshold(1 / (1 + np.exp(-raw[:, j])), train.gold[:, j])[0]
            for j in range(GOAL_COUNT)
        ]
        layer = fit_layer(text_only)
        scores = layer.raw_logits([real.features[i] for i in test], np.zeros((len(test), 0)))
        pred[test] = 1 / (1 + np.exp(-scores)) >= np.array(thresholds)
    return pred


def source_key(url: str | None) -> str:
    """A page's address without scheme, ``www.``, query, fragment or trailing slash."""
    key = (url or "").strip().lower()
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    key = key.removeprefix("www.")
    return key.split("#")[0].split("?")[0].rstrip("/")


def independent_check(
    real: Corpus, invented: Corpus, clf: GoalClassifier, path: str | Path
) -> dict[str, Any]:
    """The recipe trained on all real passages, scored on another labelled real set.

    Why: cross-validation on one set, labelled by one reader, says how the recipe generalises
    to more of the same. Passages from other pages, labelled by another reader, say how much
    of that holds when the text and the reading change. Passages whose page is also in the
    training set are left out, so no page is on both sides.
    """
    seen = {source_key(r.get("source_url")) for r in real.rows}
    rows = [r for r in read_real(path) if source_key(r.get("source_url")) not in seen]
    other = build_corpus(clf, rows)
    layer, _ = train_layer(real, invented)
    pred = layer.probabilities(other.features, other.extra) >= layer.thresholds
    out: dict[str, Any] = {"passages": len(rows), **compact(prf(other.gold, pred))}
    for standard in ("nb", "nn"):
        mask = np.array([r.get("standard") == standard for r in rows], dtype=bool)
        if mask.any():
            out[standard] = {
                **compact(prf(other.gold[mask], pred[mask])),
                "passages": int(mask.sum()),
            }
    return out


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Agreement of two yes/no readings beyond chance."""
    observed = float(np.mean(a == b))
    pa, pb = float(np.mean(a)), float(np.mean(b))
    chance = pa * pb + (1 - pa) * (1 - pb)
    return round((observed - chance) / (1 - chance), 4) if chance < 1 else 1.0


def second_reading(real: Corpus, pred: np.ndarray, path: str | Path) -> dict[str, Any]:
    """How a second reader's labels of the same passages compare with the first's and the model's.

    Why: a figure against one reader's labels could be capped by how consistently the labels
    can be read at all. A second reading of the same passages (JSONL of ``id`` and ``goals``)
    gives that ceiling: the readers' agreement per goal (F1 of one against the other, and
    Cohen's kappa), the cross-validated model against each reader, and the model on the passages
    where both readers agree.
    """
    second = {row["id"]: set(row["labels"]) for row in read_real(path)}
    missing = [r["id"] for r in real.rows if r["id"] not in second]
    if missing:
        raise ValueError(f"{path}: no second reading of {len(missing)} passages ({missing[:3]} …)")
    other = np.array([[g in second[r["id"]] for g in GOALS] for r in real.rows], dtype=bool)
    agreed = (real.gold == other).all(axis=1)
    readers = compact(prf(real.gold, other))
    readers["kappa"] = {g: cohen_kappa(real.gold[:, j], other[:, j]) for j, g in enumerate(GOALS)}
    return {
        "readers": readers,
        "model_vs_first": compact(prf(real.gold, pred)),
        "model_vs_second": compact(prf(other, pred)),
        "agreed_passages": int(agreed.sum()),
        "model_on_agreed": compact(prf(real.gold[agreed], pred[agreed])),
    }


def evaluate_real(
    folder: str | Path,
    classifier: GoalClassifier | None = None,
    learning_curve: Sequence[int] = (100, 200),
    progress: Callable[[str], None] = lambda message: None,
    independent: str | Path | None = None,
    second: str | Path | None = None,
) -> dict[str, Any]:
    """The report of ``evaluate_goals --real``: shipped recipe in nested CV, three baselines,
    per written standard, calibration, confidence bands and a learning curve; with
    ``independent``, also the recipe's scores on that second labelled set
    (:func:`independent_check`); with ``second``, a second reader's labels of the same passages
    (:func:`second_reading`)."""
    clf = classifier or GoalClassifier()
    real = build_corpus(clf, read_real(folder))
    invented = build_corpus(clf, load_split("train"), INVENTED_WEIGHT)
    gold = real.gold

    progress("recipe (nested cross-validation)")
    cv = nested_cv(real, invented)
    ours = prf(gold, cv["pred"])
    standards = {}
    for standard in ("nb", "nn"):
        mask = np.array([r.get("standard") == standard for r in real.rows])
        if mask.any():
            standards[standard] = {
                **compact(prf(gold[mask], cv["pred"][mask])),
                "micro_f1": micro_f1(gold[mask], cv["pred"][mask]),
                "passages": int(mask.sum()),
                "support": {g: int(gold[mask, j].sum()) for j, g in enumerate(GOALS)},
            }
    confidence = decision_confidence(cv["probs"], cv["pred"])

    progress("baselines")
    matcher = clf.matcher_for(load_vocabulary())
    keyword = np.array(
        [[g in keyword_labels(matcher.match(r["text"])) for g in GOALS] for r in real.rows]
    )
    previous = np.array(
        [
            [g in res.labels for g in GOALS]
            for res in clf.classify([r["text"] for r in real.rows], explain=False, use_layer=False)
        ]
    )
    without_real_layer, _ = train_layer(invented, None)
    without_real = without_real_layer.probabilities(real.features, real.extra) >= (
        without_real_layer.thresholds
    )

    curve = {}
    for size in learning_curve:
        progress(f"learning curve: {size} real training passages")
        curve[str(size)] = prf(gold, nested_cv(real, invented, limit=size)["pred"])["macro_f1"]
    curve["all"] = ours["macro_f1"]

    report: dict[str, Any] = {
        "real_passages": len(real.rows),
        "cv": compact(ours),
        "cv_by_standard": standards,
        "baselines": {
            "keyword": compact(prf(gold, keyword)),
            "tfidf_logreg": compact(prf(gold, tfidf_logreg_cv(real))),
            "recipe_without_real": compact(prf(gold, without_real)),
            "previous_model": compact(prf(gold, previous)),
        },
        "calibration": reliability(cv["probs"], gold),
        "confidence_bands": band_precision(confidence, cv["pred"], gold),
        "learning_curve": curve,
    }
    if independent:
        progress("independent set")
        report["independent"] = independent_check(real, invented, clf, independent)
    if second:
        report["second_reading"] = second_reading(real, cv["pred"], second)
    return report
