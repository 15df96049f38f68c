"""The application as the training scripts see it: the repository on the import path, and the
pipeline components the application registers (``lemma_lookup``), so ``spacy.load`` can read a
trained pipeline that uses them.

Scripts run as ``python scripts/NAME.py``, so this directory is first on the path and
``import app`` works from each of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import hearings.nlp.lemma_lookup  # noqa: E402,F401
