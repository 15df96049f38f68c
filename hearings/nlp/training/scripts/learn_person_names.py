"""Rebuild ``hearings/nlp/data/person_names.txt`` from NorNE's NDT training split.

Usage (from the repository root)::

    python hearings/nlp/training/scripts/learn_person_names.py ../shared/data/norwegian-ud

Only the train split is read; dev was used to tune the rules and test is left for
``manage.py evaluate_names``. The list holds word forms, not passages.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT))

from hearings.nlp.name_eval import learn_name_list, ndt_training_files  # noqa: E402

HEADER = (
    "# Word forms that are mostly person names where they occur, learned from the NorNE train\n"
    "# split (NDT, bokmål and nynorsk; CC BY-SA 4.0 / NDT licence) by\n"
    "# hearings/nlp/training/scripts/learn_person_names.py. Used by personal_data.py.\n"
)

if __name__ == "__main__":
    names = learn_name_list(ndt_training_files(Path(sys.argv[1])))
    target = ROOT / "hearings" / "nlp" / "data" / "person_names.txt"
    target.write_text(HEADER + "".join(n + "\n" for n in names), encoding="utf-8")
    print(f"{len(names)} names -> {target}")
