"""Make the continued model the one ``evaluate`` and ``package`` use.

Copies ``training-continue/model-best`` over ``training/model-best`` and removes the training-only
``after_pipeline_creation`` callback from its config, so the shipped pipeline loads with plain
``spacy.load`` (the callback lives in this project's scripts, not in the application).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from spacy.util import load_config


def main(source: str = "training-continue/model-best", target: str = "training/model-best") -> None:
    src, dst = Path(source), Path(target)
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    cfg = load_config(dst / "config.cfg", interpolate=False)
    cfg["nlp"]["after_pipeline_creation"] = None
    cfg.to_disk(dst / "config.cfg")
    print(f"{src} -> {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:])
