"""Run the goal analysis on submitted responses and store the results (flow 4 in DESIGN.md).

Why it is shaped like this:

* **Idempotent and resumable.** Each response's analysed content (texts, and the fields copied
  onto passages) is hashed; with the pipeline and model versions it is stored in
  :class:`ResponseAnalysis`. A response whose hash and versions are unchanged is skipped. Work is
  committed per batch of whole responses, so a killed run leaves complete responses only and the
  next run finishes the rest with the same results (every step is deterministic).
* **Human decisions win.** Only machine rows are written. A machine :class:`GoalLabel` or
  :class:`PassageTheme` is stored with ``is_effective=False`` where a human row exists. When a
  response's text changes, passages whose text is unchanged are kept (with their human labels,
  notes and review state); only changed passages are rebuilt. Staff decisions on personal-data
  flags are kept.
* **Stable themes.** The first run groups each goal's passages afresh; later runs place new
  passages in the existing themes (:func:`~hearings.nlp.themes.assign_to_existing`) so what
  reviewers have seen is not reshuffled, until someone asks for a fresh grouping.
* **Editors' vocabulary.** Goal vocabularies come from the ``guidelines.Goal`` snippets; the
  vocabulary hash is part of the model version, so an edit re-analyses every response.
* **Fast.** Batches of responses are split, classified and scanned together, written with
  ``bulk_create`` (``COPY`` on PostgreSQL, :mod:`.bulk`); no query or signal per passage.

The package is split by job so each piece stays small enough to read in one go:

* :mod:`.engine` - what a run analyses with (classifier, vocabularies, versions), stage names;
* :mod:`.sources` - which texts of a response are analysed, its content hash, "is it current";
* :mod:`.storing` - one batch of responses: split, classify, personal data, bulk writes;
* :mod:`.themes` - fresh theme grouping per goal, or joining the current themes;
* :mod:`.duplicates` - duplicate groups for a whole hearing or for one new response;
* :mod:`.runs` - the entry points and the :class:`AnalysisRun` bookkeeping.

Everything callers used from the former single module is re-exported here, so
``from hearings.services.analysis import X`` keeps working.
"""

from __future__ import annotations

from ...nlp.goals import get_classifier
from .duplicates import join_duplicates, join_duplicates_many, response_text, update_duplicates
from .engine import (
    STAGE_DUPLICATES,
    STAGE_PASSAGES,
    STAGE_THEMES,
    Engine,
    Progress,
    analysis_engine,
    confidence,
    goal_vocabularies,
)
from .runs import (
    BATCH_SIZE,
    analyse_hearing,
    analyse_pending_responses,
    analyse_response,
    analysis_run_request,
    pending_response_ids,
)
from .sources import SourceText, content_hash, response_sources
from .themes import THEMES_VERSION, update_themes

__all__ = [
    "BATCH_SIZE",
    "STAGE_DUPLICATES",
    "STAGE_PASSAGES",
    "STAGE_THEMES",
    "THEMES_VERSION",
    "Engine",
    "Progress",
    "SourceText",
    "analyse_hearing",
    "analyse_pending_responses",
    "analyse_response",
    "analysis_engine",
    "analysis_run_request",
    "confidence",
    "content_hash",
    "get_classifier",
    "goal_vocabularies",
    "join_duplicates",
    "join_duplicates_many",
    "pending_response_ids",
    "response_sources",
    "response_text",
    "update_duplicates",
    "update_themes",
]
