"""Retrain the goal classifier with extra labelled passages and compare on the fixed test split.

    python hearings/nlp/training/goals/scripts/retrain.py --extra corrections.jsonl [--install]

``corrections.jsonl`` lines: ``{"text": ..., "labels": ["G2"]}`` (an empty list means "none of
the goals"); the app exports reviewers' corrections in this form. The shipped model is scored,
a new one is trained on train + extra with the shipped config (thresholds re-tuned on the dev
slice), the new one is scored, and both tables are printed; the last line is one JSON object.
Only with ``--install`` (and only when the new macro-F1 is not lower, unless ``--force``) is the
shipped model replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
GOALS_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(GOALS_DIR.parents[3]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hearings.nlp.goal_eval import evaluate_all, format_table  # noqa: E402
from hearings.nlp.goals import DEFAULT_MODEL_DIR, GoalClassifier  # noqa: E402

#: The labelled real passages (never in the repository); REAL_FEEDBACK_DIR overrides.
REAL_DIR = Path(
    os.environ.get("REAL_FEEDBACK_DIR", GOALS_DIR.parents[4] / "shared" / "data" / "real-feedback")
)


def refit_layer(package: Path, extra: str | None) -> None:
    """Give the new package its real-text layer: refitted on the real passages when they are on
    this machine (with the corrections weighted like real text), else the shipped layer."""
    import train_layer

    if REAL_DIR.exists():
        argv = ["--real", str(REAL_DIR), "--model-dir", str(package), "--install"]
        train_layer.main(argv + (["--extra", extra] if extra else []))
    elif (DEFAULT_MODEL_DIR / "layer.json").exists():
        shutil.copy(DEFAULT_MODEL_DIR / "layer.json", package / "layer.json")


def main(argv: list[str] | None = None) -> dict:
    import train_goals

    parser = argparse.ArgumentParser(description="Retrain the goal classifier with extra data.")
    parser.add_argument("--extra", help="JSONL with text + labels (reviewer corrections)")
    parser.add_argument("--install", action="store_true")
    parser.add_argument("--force", action="store_true", help="install even if test F1 drops")
    parser.add_argument("--configs", nargs="+", help="default: the shipped model's config")
    args = parser.parse_args(argv)

    before_clf = GoalClassifier(DEFAULT_MODEL_DIR)
    before = evaluate_all(before_clf)
    configs = args.configs or [before_clf.meta.get("config", "bow")]
    out = GOALS_DIR / "training" / f"retrain-{datetime.now():%Y%m%d-%H%M%S}"
    train_args = [
        "--configs",
        *configs,
        "--out",
        str(out),
        "--lemma-backend",
        before_clf.lemmatizer.backend,
    ]
    if "tuning" in before_clf.meta and len(configs) == 1:
        train_args.append("--cv")  # same procedure as the shipped model
    if args.extra:
        train_args += ["--extra", args.extra]
    train_goals.main(train_args)
    refit_layer(out, args.extra)
    after = evaluate_all(GoalClassifier(out))

    print("Before (shipped model):")
    print(format_table(before))
    print("\nAfter (retrained):")
    print(format_table(after))
    b = before["systems"]["goal_classifier"]["macro_f1"]
    a = after["systems"]["goal_classifier"]["macro_f1"]
    installed = False
    if args.install and (a >= b or args.force):
        if DEFAULT_MODEL_DIR.exists():
            shutil.rmtree(DEFAULT_MODEL_DIR)
        shutil.copytree(out, DEFAULT_MODEL_DIR)
        installed = True
    summary = {
        "before_macro_f1": b,
        "after_macro_f1": a,
        "package": str(out),
        "installed": installed,
        "before": before["systems"]["goal_classifier"],
        "after": after["systems"]["goal_classifier"],
        "model_version_after": after["model_version"],
    }
    print(json.dumps(summary, ensure_ascii=False))
    return summary


if __name__ == "__main__":
    main()
