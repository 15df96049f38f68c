"""Train the question reader's model and install its weights.

    python hearings/nlp/training/questions/scripts/train_questions.py
        [--real ../shared/data/real-feedback] [--install]

Fits multinomial logistic regression (``hearings.nlp.question_training.fit``) on the invented
letter passages in ``assets/source.txt`` and, when given, the real labelled passages (kept
outside the repository; only the weights ship). Writes ``training/model.json``, and with
``--install`` ``hearings/nlp/packages/question_reader/model.json``. The honest figure for this
recipe is ``manage.py evaluate_goals --real`` (its ``questions`` part).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR.parents[3]))

from hearings.nlp import question_training  # noqa: E402
from hearings.nlp.questions import DEFAULT_MODEL_PATH  # noqa: E402


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", help="folder with real_feedback_dev.jsonl")
    parser.add_argument("--install", action="store_true", help="install into the package")
    args = parser.parse_args(argv)
    rows = question_training.read_invented()
    if args.real:
        rows += question_training.read_real(args.real)
    model = question_training.fit(rows)
    model["trained_on"] = {"invented": len(question_training.read_invented()), "all": len(rows)}
    text = json.dumps(model, ensure_ascii=False, sort_keys=True) + "\n"
    out = PROJECT_DIR / "training" / "model.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if args.install:
        DEFAULT_MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        DEFAULT_MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"{len(model['weights'])} features, {len(rows)} passages -> {out}")
    return model


if __name__ == "__main__":
    main()
