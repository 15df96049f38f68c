"""Print the three-system score table on the fixed test split (same as ``evaluate_goals``).

python hearings/nlp/training/goals/scripts/evaluate.py [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[5]))

from hearings.nlp.goal_eval import evaluate_all, format_table  # noqa: E402
from hearings.nlp.goals import DEFAULT_MODEL_DIR, GoalClassifier  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(DEFAULT_MODEL_DIR))
    args = parser.parse_args()
    report = evaluate_all(GoalClassifier(args.model))
    print(format_table(report))
    print(json.dumps(report, ensure_ascii=False))
