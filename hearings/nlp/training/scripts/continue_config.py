"""Write a config that continues training from an existing pipeline instead of from scratch.

Why: on this 2-core build machine one training run is bounded by a wall-clock budget. When more
time is available, ``spacy project run continue`` picks up ``training/model-last`` (every
component sourced, the same corpora, a lower learning rate) and trains for another budget, so
the total is a longer run split in two. The shipped model's meta records both budgets.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from spacy.util import load_config


def main(base: str, start: str, out: str, learn_rate: str = "0.0003") -> None:
    source = Path(start)
    snapshot = source.with_name("model-start")
    if snapshot.exists():
        shutil.rmtree(snapshot)
    shutil.copytree(source, snapshot)
    cfg = load_config(base, interpolate=False)
    for name in cfg["nlp"]["pipeline"]:
        cfg["components"][name] = {"source": str(snapshot)}
    cfg["training"]["optimizer"]["learn_rate"] = float(learn_rate)
    # Parameter averaging: resumed training without it did not beat its start on held-out dev
    # in 7,000 steps; with it, dev LAS and entity F rose within 3,000 (docs/pipeline.md).
    cfg["training"]["optimizer"]["use_averages"] = True
    # Runs once the sourced components are in the pipeline (``[initialize] after_init`` does not
    # run when every component is sourced: spaCy then only calls ``resume_training``).
    cfg["nlp"]["after_pipeline_creation"] = {
        "@callbacks": "pasientforlop.restore_lemmatizer_labels.v1"
    }
    cfg.to_disk(out)
    print(f"wrote {out} (sources {snapshot})")


if __name__ == "__main__":
    main(*sys.argv[1:])
