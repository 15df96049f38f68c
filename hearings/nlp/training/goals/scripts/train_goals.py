"""Train, tune and package the goal classifier.

Default steps: lemma corpus (train minus dev slice, plus optional reviewer corrections) ->
``spacy train`` for each config -> tune vocabulary boost and per-goal thresholds on the dev slice
-> choose the config by dev macro-F1 (speed breaks near-ties) -> package (model + meta.json +
known words).

``--cv`` (used for the shipped model, after the config was chosen on the dev slice): 5-fold
cross-validation over the whole training file (fold 0 is the dev slice) gives out-of-fold
probabilities for all training passages; boost and thresholds are tuned on those, and the final
model is trained on all training passages (``model-last``, fixed epochs). More data for the
model and five times more data for the thresholds, which generalises better.

The fixed test split is never read here.

    python hearings/nlp/training/goals/scripts/train_goals.py [--configs bow ensemble] [--extra X.jsonl]
        [--out DIR] [--install]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
GOALS_DIR = Path(__file__).resolve().parents[1]
ROOT = GOALS_DIR.parents[3]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import spacy  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

from hearings.nlp import goal_eval  # noqa: E402
from hearings.nlp.goals import (  # noqa: E402
    DEFAULT_MODEL_DIR,
    GOALS,
    Featurizer,
    GoalClassifier,
    lemma_doc,
    load_vocabulary,
)
from hearings.nlp.lemmas import CompoundSplitter, LemmaLookup, tokenize  # noqa: E402

CORPUS_DIR = GOALS_DIR / "corpus"
TRAINING_DIR = GOALS_DIR / "training"


def read_extra(path: str | Path) -> list[dict]:
    """Reviewer corrections: lines with ``text`` and ``labels`` (ids optional)."""
    rows = []
    for i, row in enumerate(goal_eval.read_jsonl(path), 1):
        labels = [g for g in row.get("labels", []) if g in GOALS]
        if str(row.get("text", "")).strip():
            rows.append(
                {"id": str(row.get("id") or f"extra-{i}"), "text": row["text"], "labels": labels}
            )
    return rows


def known_words(
    texts: list[str], vocab: dict[str, list[str]], lemmatizer: LemmaLookup
) -> list[str]:
    """Lemmas seen as stand-alone words; compound parts are only split off into these."""
    words: set[str] = set()
    for text in texts + [t for terms in vocab.values() for t in terms]:
        toks = [w for w, _, _ in tokenize(text)]
        words.update(w for w in lemmatizer.lemmas(toks) if len(w) >= 4 and w.isalpha())
    return sorted(words)


def write_corpus(rows: list[dict], featurizer: Featurizer, path: Path) -> None:
    nlp = spacy.blank("nb")
    db = DocBin(store_user_data=False)
    for row in rows:
        doc = lemma_doc(nlp, featurizer.features(row["text"]))
        doc.cats = {g: float(g in row["labels"]) for g in GOALS}
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)


def train_config(name: str, train_path: Path, dev_path: Path, seed: int) -> Path:
    from spacy.cli.train import train

    out = TRAINING_DIR / name
    if out.exists():
        shutil.rmtree(out)
    train(
        GOALS_DIR / "configs" / f"{name}.cfg",
        out,
        overrides={"paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": seed},
    )
    return out / "model-best"


def package(model_best: Path, out: Path, meta: dict, known: list[str]) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(model_best, out / "model")
    (out / "known_words.txt").write_text("\n".join(known) + "\n", encoding="utf-8")
    (out / "meta.json").write_text(
        json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def weights_digest(model_dir: Path, tuning: dict | None = None) -> str:
    """Short id of the weights (and of boost/thresholds when given) for the version string."""
    h = hashlib.blake2b(digest_size=3)
    for path in sorted(model_dir.rglob("model")):
        h.update(path.read_bytes())
    if tuning:
        h.update(json.dumps(tuning, sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def tune_package(pkg: Path, dev: list[dict], vocab: dict[str, list[str]]) -> dict:
    """Tune boost + thresholds on dev with the packaged model; returns the tuned figures."""
    clf = GoalClassifier(pkg, vocab)
    texts = [r["text"] for r in dev]
    analysed = [clf.featurizer.analyse(t) for t in texts]
    matcher = clf.matcher_for(vocab)
    hits = np.array(
        [[1.0 if matcher.match_analysed(a).get(g) else 0.0 for g in GOALS] for a in analysed],
        dtype=np.float32,
    )
    probs = clf.model_probabilities([a.features for a in analysed])
    gold = goal_eval.label_matrix(dev)
    tuned = goal_eval.tune(probs, hits, gold)
    model_only = goal_eval.tune(probs, hits, gold, boosts=[0.0])
    # speed: full classify (with evidence) on dev texts repeated to ~2000 passages
    reps = max(1, 2000 // max(1, len(texts)))
    clf.thresholds, clf.boost = tuned["thresholds"], tuned["boost"]
    start = time.perf_counter()
    clf.classify(texts * reps, vocab)
    speed = len(texts) * reps / (time.perf_counter() - start)
    return {
        **tuned,
        "dev_macro_f1_model_only": model_only["macro_f1"],
        "passages_per_second": round(speed, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", nargs="+", default=["bow", "ensemble"])
    parser.add_argument("--extra", help="JSONL of extra labelled passages (reviewer corrections)")
    parser.add_argument("--out", default=str(TRAINING_DIR / "package"))
    parser.add_argument("--install", action="store_true", help=f"copy to {DEFAULT_MODEL_DIR}")
    parser.add_argument(
        "--lemma-backend", default="auto", choices=["auto", "simplemma", "pipeline"]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cv",
        action="store_true",
        help="tune on 5-fold out-of-fold predictions, train final on all",
    )
    args = parser.parse_args(argv)

    vocab = load_vocabulary()
    fit, dev = goal_eval.split_train_dev(goal_eval.load_split("train"))
    extra = read_extra(args.extra) if args.extra else []
    lemmatizer = LemmaLookup(args.lemma_backend)
    known = known_words([r["text"] for r in fit + dev + extra], vocab, lemmatizer)
    featurizer = Featurizer(lemmatizer, CompoundSplitter(known))
    write_corpus(fit + extra, featurizer, CORPUS_DIR / "train.spacy")
    write_corpus(dev, featurizer, CORPUS_DIR / "dev.spacy")
    print(
        f"corpus: {len(fit)} train + {len(extra)} extra, {len(dev)} dev; "
        f"lemmas: {lemmatizer.backend}; known words: {len(known)}",
        file=sys.stderr,
    )

    if args.cv:
        return run_cv(args, fit + dev, extra, vocab, lemmatizer, known, featurizer)

    candidates = {}
    for name in args.configs:
        best = train_config(name, CORPUS_DIR / "train.spacy", CORPUS_DIR / "dev.spacy", args.seed)
        pkg = TRAINING_DIR / name / "package"
        meta = {
            "name": "goal_classifier",
            "version": f"{date.today():%Y.%m.%d}-{name}-{weights_digest(best)}",
            "config": name,
            "lemma_backend": lemmatizer.backend,
            "trained_on": {"train": len(fit), "extra": len(extra), "dev": len(dev)},
            "thresholds": {g: 0.5 for g in GOALS},
            "boost": 0.0,
        }
        package(best, pkg, meta, known)
        tuned = tune_package(pkg, dev, vocab)
        meta.update(thresholds=tuned["thresholds"], boost=tuned["boost"], dev=tuned)
        (pkg / "meta.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        candidates[name] = (pkg, meta)
        print(
            f"{name}: dev macro-F1 {tuned['macro_f1']:.3f} (model only "
            f"{tuned['dev_macro_f1_model_only']:.3f}), boost {tuned['boost']}, "
            f"{tuned['passages_per_second']:.0f} passages/s",
            file=sys.stderr,
        )

    def rank(item):
        _, meta = item[1]
        return (round(meta["dev"]["macro_f1"] / 0.01), meta["dev"]["passages_per_second"])

    chosen, (pkg, meta) = max(candidates.items(), key=rank)
    out = Path(args.out)
    if out.resolve() != pkg.resolve():
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(pkg, out)
    if args.install:
        if DEFAULT_MODEL_DIR.exists():
            shutil.rmtree(DEFAULT_MODEL_DIR)
        shutil.copytree(pkg, DEFAULT_MODEL_DIR)
    summary = {
        "chosen": chosen,
        "package": str(out),
        "installed": args.install,
        "dev": {n: m["dev"] for n, (_, m) in candidates.items()},
    }
    print(json.dumps(summary, ensure_ascii=False))
    return summary


def _dev_hits_probs(pkg: Path, rows: list[dict], vocab: dict) -> tuple[np.ndarray, np.ndarray]:
    clf = GoalClassifier(pkg, vocab)
    analysed = [clf.featurizer.analyse(r["text"]) for r in rows]
    matcher = clf.matcher_for(vocab)
    hits = np.array(
        [[1.0 if matcher.match_analysed(a).get(g) else 0.0 for g in GOALS] for a in analysed],
        dtype=np.float32,
    )
    return clf.model_probabilities([a.features for a in analysed]), hits


def run_cv(args, rows, extra, vocab, lemmatizer, known, featurizer) -> dict:
    """Out-of-fold tuning, then one final model on all training passages (see module doc)."""
    if len(args.configs) != 1:
        raise SystemExit("--cv trains one config; choose it on the dev slice first")
    name = args.configs[0]
    folds = goal_eval.DEV_SHARE
    probs = np.zeros((len(rows), len(GOALS)), dtype=np.float32)
    hits = np.zeros_like(probs)
    fold_ids = [goal_eval.fold_of(r["id"], folds) for r in rows]
    for k in range(folds):
        held = [i for i, f in enumerate(fold_ids) if f == k]
        train_rows = [r for r, f in zip(rows, fold_ids, strict=True) if f != k] + extra
        write_corpus(train_rows, featurizer, CORPUS_DIR / f"cv{k}-train.spacy")
        write_corpus([rows[i] for i in held], featurizer, CORPUS_DIR / f"cv{k}-dev.spacy")
        train_config(
            name, CORPUS_DIR / f"cv{k}-train.spacy", CORPUS_DIR / f"cv{k}-dev.spacy", args.seed
        )
        pkg = TRAINING_DIR / f"cv{k}"
        package(
            TRAINING_DIR / name / "model-last",
            pkg,
            {"name": "cv", "version": str(k), "lemma_backend": lemmatizer.backend},
            known,
        )
        p, h = _dev_hits_probs(pkg, [rows[i] for i in held], vocab)
        probs[held], hits[held] = p, h
        print(f"fold {k}: {len(held)} held out", file=sys.stderr)
    gold = goal_eval.label_matrix(rows)
    tuned = goal_eval.tune(probs, hits, gold)
    model_only = goal_eval.tune(probs, hits, gold, boosts=[0.0])

    write_corpus(rows + extra, featurizer, CORPUS_DIR / "all-train.spacy")
    write_corpus(
        [r for r, f in zip(rows, fold_ids, strict=True) if f == 0],
        featurizer,
        CORPUS_DIR / "all-dev.spacy",
    )  # only for spaCy's progress log
    train_config(name, CORPUS_DIR / "all-train.spacy", CORPUS_DIR / "all-dev.spacy", args.seed)
    final = TRAINING_DIR / name / "model-last"
    meta = {
        "name": "goal_classifier",
        "version": f"{date.today():%Y.%m.%d}-{name}-cv-"
        f"{weights_digest(final, {'b': tuned['boost'], 't': tuned['thresholds']})}",
        "config": name,
        "lemma_backend": lemmatizer.backend,
        "trained_on": {"train": len(rows), "extra": len(extra), "dev": 0},
        "thresholds": tuned["thresholds"],
        "boost": tuned["boost"],
        "tuning": {
            "method": f"{folds}-fold out-of-fold predictions on train",
            "oof_macro_f1": tuned["macro_f1"],
            "oof_macro_f1_model_only": model_only["macro_f1"],
        },
    }
    out = Path(args.out)
    package(final, out, meta, known)
    if args.install:
        if DEFAULT_MODEL_DIR.exists():
            shutil.rmtree(DEFAULT_MODEL_DIR)
        shutil.copytree(out, DEFAULT_MODEL_DIR)
    summary = {
        "chosen": name,
        "package": str(out),
        "installed": args.install,
        "cv": meta["tuning"],
        "boost": tuned["boost"],
        "thresholds": tuned["thresholds"],
    }
    print(json.dumps(summary, ensure_ascii=False))
    return summary


if __name__ == "__main__":
    main()
