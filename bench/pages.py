"""Server-side cost per request, in process (no HTTP, no load generator competing for the CPU).

Measures wall time and CPU time of the Django stack for each request of the deadline rush: a
pathway or proposal page uncached and from the page cache, the response form, a submission with
its receipt, and the staff overview. CPU ms per request is what sizes the application servers
(requests per second per core = 1000 / CPU ms); see docs/scaling.md. Runs against the database in
DATABASE_URL (the PostgreSQL bench database when run after ``python -m bench submissions``) or
the local SQLite demo database::

    python -m bench pages [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False


def _measure(call, repeat: int) -> dict:
    call()  # warm
    walls, cpus = [], []
    for _i in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    walls.sort()
    return {
        "wall_p50_ms": round(statistics.median(walls), 1),
        "wall_p95_ms": round(walls[int(len(walls) * 0.95) - 1], 1),
        "cpu_ms": round(statistics.median(cpus), 1),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pages")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    _setup()
    import re
    import secrets

    from django.core.cache import cache
    from django.test import Client

    from guidelines.models import PathwayPage, RevisionProposalPage
    from hearings.models import HearingPage

    from .generate import generate
    from .report import print_table, record

    pathway = PathwayPage.objects.live().first()
    proposal = RevisionProposalPage.objects.live().first()
    hearing = HearingPage.objects.live().get(slug="demohoring")
    anonymous = Client()
    staff = Client()
    from django.contrib.auth import get_user_model

    staff.force_login(get_user_model().objects.filter(is_superuser=True).first())
    items = iter(generate(100_000, seed=7, attachment_share=0))
    form_html = anonymous.get(f"{hearing.url}svar/").content.decode()
    questions = [
        m[: -len("_stance")] for m in dict.fromkeys(re.findall(r'name="(q\d+_stance)"', form_html))
    ]

    def submit():
        item = next(items)
        data = {
            "form_token": secrets.token_hex(16)[:8] + "-0000-4000-8000-" + secrets.token_hex(6),
            "action": "submit",
            "respondent_kind": "privatperson",
            "category": "privatperson",
            "contact_name": item.contact_name,
            "contact_email": item.contact_email,
            "general_comment": item.general_comment or "Kommentar (oppdiktet).",
            "publication_choice": item.publication_choice,
            "website": "",
        }
        for code, prefix in zip(("Q1", "Q2", "Q3", "Q4"), questions, strict=False):
            if code in item.answers:
                data[f"{prefix}_stance"], data[f"{prefix}_text"] = item.answers[code]
        reply = anonymous.post(
            f"{hearing.url}svar/",
            data,
            REMOTE_ADDR=f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.1",
        )
        assert reply.status_code == 302, reply.status_code
        anonymous.get(reply["Location"])

    def uncached(url):
        return lambda: anonymous.get(f"{url}?u={secrets.token_hex(6)}")

    cases = {
        "pathway page (uncached)": uncached(pathway.url),
        "proposal page (uncached)": uncached(proposal.url),
        "response form GET": lambda: anonymous.get(f"{hearing.url}svar/"),
        "submission POST + receipt": submit,
        "staff overview": lambda: staff.get("/admin/horinger/svar/"),
    }
    from django.conf import settings as django_settings

    if "django.middleware.cache.UpdateCacheMiddleware" in django_settings.MIDDLEWARE:
        cache.clear()
        cases["pathway page (page cache)"] = lambda: anonymous.get(pathway.url)
    load_before = os.getloadavg()[0]
    figures = {name: _measure(call, args.repeat) for name, call in cases.items()}
    load = max(load_before, os.getloadavg()[0])
    rows = [
        (name, f"wall p50 {f['wall_p50_ms']} ms, p95 {f['wall_p95_ms']} ms, CPU {f['cpu_ms']} ms")
        for name, f in figures.items()
    ]
    print_table("Server-side cost per request (in process)", rows)
    table = "\n".join(
        [
            f"Settings: {os.environ['DJANGO_SETTINGS_MODULE']}; database: "
            f"{django_settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; {args.repeat} requests each, "
            "one at a time, Django test client (no HTTP server). Machine load average (1 min, "
            f"2 cores, the higher of start and end): {load:.1f}; CPU time per request grows on a "
            "busy machine, so compare figures taken at similar load.",
            "",
            "| request | wall p50 ms | wall p95 ms | CPU ms (median) | req/s per core (1000/CPU) |",
            "|---|---:|---:|---:|---:|",
        ]
        + [
            f"| {name} | {f['wall_p50_ms']} | {f['wall_p95_ms']} | {f['cpu_ms']} | "
            f"{round(1000 / f['cpu_ms']) if f['cpu_ms'] else '–'} |"
            for name, f in figures.items()
        ]
    )
    record("pages", {**figures, "load_average_1min": round(load, 2)}, table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
