"""Train the real-text layer of the goal classifier and install it next to the spaCy model.

    python hearings/nlp/training/goals/scripts/train_layer.py --real ../shared/data/real-feedback
        [--extra corrections.jsonl] [--install]

Reads the labelled real passages (kept outside the repository), the invented training passages
(``assets/train.jsonl``, down-weighted) and optional reviewer corrections (weighted like real
text), fits the layer on all of them (logistic regression or naive Bayes per goal, whichever
scores better out-of-fold), calibrates it and tunes its thresholds on out-of-fold
predictions on real text (``hearings.nlp.goal_training.train_layer``), and writes
``layer.json``. Only the weights ship; the passages never enter the repository. The honest
figure for this recipe is ``manage.py evaluate_goals --real``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
GOALS_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(GOALS_DIR.parents[3]))

from hearings.nlp import goal_training  # noqa: E402
from hearings.nlp.goal_eval import load_split, read_jsonl  # noqa: E402
from hearings.nlp.goals import DEFAULT_MODEL_DIR, GOALS, GoalClassifier  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", required=True, help="folder with real_feedback_dev.jsonl")
    parser.add_argument("--extra", help="reviewer corrections (JSONL: text, labels)")
    parser.add_argument("--model-dir", default=str(DEFAULT_MODEL_DIR))
    parser.add_argument("--install", action="store_true", help="write layer.json into the model")
    args = parser.parse_args(argv)

    classifier = GoalClassifier(args.model_dir)
    real_rows = goal_training.read_real(args.real)
    if args.extra:
        real_rows += [
            {
                "id": f"extra-{i}",
                "source_url": f"extra-{i}",
                "text": r["text"],
                "labels": [g for g in r.get("labels", []) if g in GOALS],
                "goals": r.get("labels", []) or ["OTHER"],
            }
            for i, r in enumerate(read_jsonl(args.extra))
        ]
    real = goal_training.build_corpus(classifier, real_rows)
    invented = goal_training.build_corpus(
        classifier, load_split("train"), goal_training.INVENTED_WEIGHT
    )
    layer, oof = goal_training.train_layer(real, invented)
    layer.meta = {
        **layer.meta,
        "version": date.today().isoformat(),
        "trained_on": {"real": len(real_rows), "invented": len(invented.rows)},
        "invented_weight": goal_training.INVENTED_WEIGHT,
        "c": goal_training.C,
        "nb_alpha": goal_training.NB_ALPHA,
        "thresholds_from": "5-fold out-of-fold predictions on the real passages",
    }
    summary = {
        "terms": len(layer.terms),
        "thresholds": dict(zip(GOALS, layer.thresholds.tolist(), strict=True)),
        "models": layer.meta["models"],
    }
    if args.install:
        target = Path(args.model_dir) / "layer.json"
        layer.save(target)
        summary["installed"] = str(target)
        summary["bytes"] = target.stat().st_size
    print(json.dumps(summary, ensure_ascii=False))
    return summary


if __name__ == "__main__":
    main()
