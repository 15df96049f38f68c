"""Run ``spacy train`` with a wall-clock budget and treat reaching the budget as success.

Why a wrapper: the ``before_update`` callback in ``functions.py`` stops training by raising
an exception (spaCy then saves ``model-last``; ``model-best`` is already on disk). Run as a
plain ``spacy train`` that would end with a traceback and a non-zero exit code and break the
``spacy project run all`` workflow.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

# The build machine is shared: one BLAS/OpenMP thread and a lower priority. These must be set
# before numpy/thinc are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
with contextlib.suppress(OSError):
    os.nice(5)

from spacy.cli._util import parse_config_overrides  # noqa: E402
from spacy.cli.train import train  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from functions import TimeBudgetReached  # noqa: E402


def main(argv: list[str]) -> int:
    config, output, *rest = argv
    overrides = parse_config_overrides(rest)
    started = time.time()
    try:
        train(Path(config), Path(output), use_gpu=-1, overrides=overrides)
    except TimeBudgetReached as exc:
        print(f"Stopped: {exc}")
    if not (Path(output) / "model-best").exists():
        print("no model-best was written", file=sys.stderr)
        return 1
    print(f"Training finished in {(time.time() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
