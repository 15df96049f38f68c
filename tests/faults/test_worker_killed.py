"""A background worker killed (SIGKILL) in the middle of a hearing analysis.

The worker is a real, separate process (``manage.py analyse_hearing``) on the PostgreSQL test
database, so nothing in this process can tidy up after it: no exception handler runs, the
AnalysisRun row is left "running", and a batch in flight is rolled back by PostgreSQL. Running the
command again must finish the job with exactly what an uninterrupted run stores.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from hearings.models import AnalysisRun, Passage, ResponseAnalysis, ThemeSet
from hearings.services.analysis import BATCH_SIZE, STAGE_PASSAGES
from tests.hearings.helpers import make_hearing
from tests.hearings.test_service_analysis import make_response, snapshot, wipe

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
#: More responses than one batch, so a kill can land between two committed batches.
RESPONSES = BATCH_SIZE + 60
SENTENCES = [
    "Brukermedvirkning må bety at pasientens egne mål står først i behandlingsplanen.",
    "Ventetiden fra henvisning til første samtale er for lang i vår kommune.",
    "Forløpskoordinatoren må følge opp pasienten også etter utskrivning.",
    "Somatisk helse blir glemt når rusbehandlingen tar all oppmerksomhet.",
    "Pårørende trenger informasjon og en fast kontaktperson under hele forløpet.",
    "Samhandlingen mellom DPS og kommunen svikter i overgangene.",
]


def _worker_env() -> dict:
    """The test database for a separate process, with a fixed hash seed in every run."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": url,
        "PYTHONHASHSEED": "0",
    }


def _analyse(slug: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "analyse_hearing", slug, "--no-progress"],
        cwd=ROOT,
        env=_worker_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_to_end(slug: str) -> None:
    worker = _analyse(slug)
    out, err = worker.communicate(timeout=600)
    assert worker.returncode == 0, err[-2000:]


def _populate(hearing) -> None:
    for n in range(RESPONSES):
        first, second = SENTENCES[n % 6], SENTENCES[(n * 5 + 1) % 6]
        make_response(hearing, n, {"Q1": f"{first} {second}", "Q2": SENTENCES[(n + 3) % 6]})
    campaign = "Vi krever kortere ventetid, fast forløpskoordinator og like tilbud i hele landet."
    for n in range(RESPONSES, RESPONSES + 4):
        make_response(hearing, n, {"Q1": campaign})


def test_killed_worker_resumes_to_the_same_results_as_an_uninterrupted_run():
    hearing = make_hearing()
    _populate(hearing)
    _run_to_end(hearing.slug)
    clean = snapshot(hearing)
    assert len(clean["passages"]) > RESPONSES and any(g for _r, g in clean["duplicates"])
    wipe(hearing)
    AnalysisRun.objects.filter(hearing=hearing).delete()

    worker = _analyse(hearing.slug)
    deadline = time.monotonic() + 600
    killed_at = None
    while time.monotonic() < deadline and worker.poll() is None:
        run = AnalysisRun.objects.filter(hearing=hearing).first()
        if run and run.stage == STAGE_PASSAGES and 0 < run.done < run.total:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            killed_at = (run.done, run.total)
            break
        time.sleep(0.02)
    assert killed_at is not None, f"the worker was not caught mid-run: {worker.communicate()}"
    assert worker.returncode == -signal.SIGKILL

    # What the killed worker left: whole batches only, no themes or groups, the run "running".
    run = AnalysisRun.objects.get(hearing=hearing)
    assert run.status == AnalysisRun.Status.RUNNING
    analysed = set(
        ResponseAnalysis.objects.filter(response__hearing=hearing).values_list(
            "response_id", flat=True
        )
    )
    assert len(analysed) % BATCH_SIZE == 0 and 0 < len(analysed) < RESPONSES + 4
    assert set(Passage.objects.filter(hearing=hearing).values_list("response_id", flat=True)) == (
        analysed
    )
    assert not ThemeSet.objects.filter(hearing=hearing).exists()

    _run_to_end(hearing.slug)  # the worker is restarted and the job run again
    assert snapshot(hearing) == clean
    latest = AnalysisRun.objects.filter(hearing=hearing).order_by("-pk").first()
    assert latest.status == AnalysisRun.Status.DONE
