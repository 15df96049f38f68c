"""Deadline rush: the production set-up on this machine, driven over HTTP from a separate process,
measured against bare Django in the same run.

Starts PostgreSQL (``.ci/postgres.sh``), a fresh database ``pasientforlop_bench`` with the demo
content, gunicorn with ``cms.settings.production`` and a django-tasks database worker
(``db_worker``), and, with the same gunicorn command line on another port, the **baseline**
(``bench/baseline/``): a minimal Django project with a plain ModelForm of the same fields
(organisation, e-mail, four stances, four texts), CSRF on, one INSERT into its own database on the
same PostgreSQL server, a redirect to a receipt page. Then, over loopback with asyncio + httpx
(``bench/rush_load.py``, the same respondent code for both):

1. **Closed loop, alternating** (baseline, intake, baseline, intake, ...): ``--submitters``
   respondents each load the form, submit it (realistic answer sizes from bench/generate.py, some
   PDF attachments where the form takes one), follow the redirect to the receipt, and start again.
   The CPU of each application's gunicorn and of the PostgreSQL backends it connected (told apart
   by ``application_name``) per full submission gives the **cost ratio** intake : baseline, one per
   round, so the spread shows how noisy the shared machine was. After each intake phase the bench
   waits for the task queue to drain and charges the worker's CPU to the phase's submissions.
2. **Open loop** on the intake: a respondent arrives every 1/rate s (fixed rate, whatever the
   server does), a full submission counted from its scheduled arrival, at rising rates (×
   ``--open-step``) until p95 ≥ ``--open-p95-ms`` or anything fails; reports the highest rate held
   and how long the background work (analysis, duplicates, indexing) took to catch up after it.
   ``--open-loop-baseline`` does the same for the baseline.

Afterwards every reference a client was given is looked up in its database: a receipt without a
stored response (or, for the intake, with fewer answers than were sent) is counted as lost.

With ``--pages`` the older phases run too: a mixed rush with readers and staff, pages from the
page cache and uncached, and wrk (a load generator in C) on a pathway and a proposal page. With
``--proxy`` (implies ``--pages``), nginx (``bench/nginx.conf``) runs in front of the site's gunicorn
as a caching reverse proxy and checks afterwards assert that signed-in requests, the admin and the
response form are never answered from the proxy's cache. Run::

    python -m bench submissions [--duration 20] [--submitters 24] [--rounds 2]
                                [--open-duration 20] [--open-start RATE] [--open-step 1.25]
                                [--open-loop-baseline] [--no-open-loop] [--pages] [--proxy]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time

from .report import print_table, record
from .rush_load import open_loop, percentile, run_phase, summarise
from .rush_pages import _show, check_proxy, page_phases
from .rush_servers import (
    BASELINE_DB,
    BENCH_DB,
    PG_URL,
    WORKER_NICE,
    WORKERS,
    baseline_env,
    cpu_seconds,
    cpu_snapshot,
    cpu_use,
    prepare_baseline_database,
    prepare_database,
    server_env,
    site_urls,
    start_gunicorn,
    start_proxy,
    start_worker,
    stop_servers,
    wait_tasks_drained,
)

# The two applications, and which parts of the CPU accounting are theirs.
APPS = {
    "baseline": {"request": ("baseline gunicorn", "pg baseline"), "background": ()},
    "intake": {"request": ("gunicorn", "pg web"), "background": ("db_worker", "pg worker")},
}


# Closed loop, intake against baseline ---------------------------------------------------------


def compare_round(processes, targets: dict, args, round_number: int) -> dict:
    """One closed-loop phase per application; CPU ms per full submission for each."""
    out = {}
    for app in ("baseline", "intake"):
        print(
            f"Closed loop, round {round_number}: {app} ({args.duration:.0f} s) ...", file=sys.stderr
        )
        base, urls = targets[app]
        before = cpu_snapshot(processes)
        stats, elapsed = asyncio.run(
            run_phase(
                base,
                urls,
                submitters=args.submitters,
                readers=0,
                cached=True,
                staff_users=0,
                duration=args.duration,
                seed=100 * round_number + len(out),
            )
        )
        during = cpu_snapshot(processes)
        drained_s = wait_tasks_drained(timeout=180) if app == "intake" else 0.0
        after = cpu_snapshot(processes)
        out[app] = _costs(app, stats, elapsed, before, during, after)
        out[app]["backlog drained after (s)"] = round(drained_s, 1)
        for sample in stats.error_samples[:3]:
            print(f"  error sample: {sample}", file=sys.stderr)
    out["cost ratio"] = round(
        out["intake"]["request_cpu_ms"] / out["baseline"]["request_cpu_ms"], 2
    )
    out["cost ratio with background"] = round(
        out["intake"]["total_cpu_ms"] / out["baseline"]["total_cpu_ms"], 2
    )
    return out


def _costs(app, stats, elapsed, before, during, after) -> dict:
    done = len(stats.latency.get("full submission", []))
    in_phase = cpu_seconds(before, during)
    whole = cpu_seconds(before, after)
    request = sum(in_phase[key] for key in APPS[app]["request"])
    background = sum(whole[key] for key in APPS[app]["background"])
    per = 1000 / max(done, 1)
    return {
        "stats": stats,
        "summary": summarise(stats, elapsed),
        "submissions": done,
        "per_s": round(done / elapsed, 1),
        "p95_ms": round(percentile(stats.latency.get("full submission", []), 0.95) * 1000, 1),
        "errors": sum(stats.errors.values()),
        "request_cpu_ms": round(request * per, 1),
        "background_cpu_ms": round(background * per, 1),
        "total_cpu_ms": round((request + background) * per, 1),
        "cores": cpu_use(before, during, elapsed),
    }


# Open loop ------------------------------------------------------------------------------------


def open_loop_search(processes, base: str, form_url: str, args, start_rate: float, app: str):
    """Fixed arrival rates, rising by ``--open-step`` while p95 and failures stay within the limit
    (falling by 1.5× first if the starting rate is already too high), then one step halfway
    between the highest rate held and the lowest that failed; every step recorded."""
    steps, rate, number, bisected = [], start_rate, 0, False
    while number < args.open_max_steps:
        number += 1
        print(
            f"Open loop, {app}: {rate:.1f} arrivals/s ({args.open_duration:.0f} s) ...",
            file=sys.stderr,
        )
        before = cpu_snapshot(processes)
        stats, elapsed, arrivals = asyncio.run(
            open_loop(base, form_url, rate=rate, duration=args.open_duration, seed=1000 + number)
        )
        during = cpu_snapshot(processes)
        drained_s = wait_tasks_drained(timeout=300) if app == "intake" else 0.0
        latencies = stats.latency.get("full submission", [])
        step = {
            "rate": round(rate, 1),
            "arrivals": arrivals,
            "done": len(latencies),
            "failed": arrivals - len(latencies),
            "p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
            "backlog drained after (s)": round(drained_s, 1),
            "cores": cpu_use(before, during, elapsed),
            "receipts": stats.receipts,
        }
        step["held"] = step["failed"] == 0 and step["p95_ms"] < args.open_p95_ms
        steps.append(step)
        held = [s["rate"] for s in steps if s["held"]]
        failed = [s["rate"] for s in steps if not s["held"]]
        if not failed:
            rate *= args.open_step  # still rising
        elif not held:
            if rate <= 1:
                break
            rate = max(1.0, rate / 1.5)  # the first rate was already too high: go down
        else:
            # once between the highest rate held and the lowest that failed, then stop
            between = round((max(held) + min(failed)) / 2, 1)
            if bisected or between in (max(held), min(failed)):
                break
            rate, bisected = between, True
    held = [step for step in steps if step["held"]]
    return steps, (max(held, key=lambda step: step["rate"]) if held else None)


# Checks ---------------------------------------------------------------------------------------


def check_stored(receipts: dict[str, int]) -> dict:
    """Compare every receipt reference with the database: stored, submitted, all answers present."""
    import psycopg

    with psycopg.connect(PG_URL + BENCH_DB) as conn:
        rows = conn.execute(
            "SELECT r.reference, r.status, count(a.id) FILTER (WHERE a.text <> '') "
            "FROM hearings_response r LEFT JOIN hearings_answer a ON a.response_id = r.id "
            "WHERE r.reference = ANY(%s) GROUP BY r.reference, r.status",
            [list(receipts)],
        ).fetchall()
        pending = conn.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()[0]
    found = {reference: (status, answers) for reference, status, answers in rows}
    missing = [ref for ref in receipts if ref not in found]
    incomplete = [
        ref
        for ref, sent in receipts.items()
        if ref in found and (found[ref][0] != "submitted" or found[ref][1] != sent)
    ]
    return {
        "receipts": len(receipts),
        "stored": len(found),
        "missing": len(missing),
        "incomplete": len(incomplete),
        "tasks_pending": pending,
    }


def check_stored_baseline(receipts: dict[str, int]) -> dict:
    import psycopg

    with psycopg.connect(PG_URL + BASELINE_DB) as conn:
        stored = conn.execute(
            "SELECT count(*) FROM baseline_submission WHERE reference = ANY(%s)", [list(receipts)]
        ).fetchone()[0]
    return {"receipts": len(receipts), "stored": stored, "missing": len(receipts) - stored}


# Tables ---------------------------------------------------------------------------------------


def _cpu_table(cpu: dict) -> list[str]:
    parts = list(dict.fromkeys(key for row in cpu.values() for key in row))
    lines = [
        "",
        "Where the CPU went (cores in use on average during the phase, from /proc; 2 cores in "
        "all; `postgresql` is the whole server, which other jobs may share, `pg web` / "
        "`pg worker` / `pg baseline` its backends serving each kind of connection; the load "
        "generator is httpx in the bench process, or wrk in the wrk rows):",
        "",
        "| phase | " + " | ".join(parts) + " |",
        "|---|" + "---:|" * len(parts),
    ]
    lines += [
        f"| {phase} | " + " | ".join(str(row.get(part, "–")) for part in parts) + " |"
        for phase, row in cpu.items()
    ]
    return lines


def _comparison_table(rounds: list[dict], args) -> list[str]:
    lines = [
        f"Closed loop: {args.submitters} respondents (form GET, POST, receipt GET, again), "
        f"{args.duration:.0f} s per phase, baseline and intake alternating in {len(rounds)} "
        "rounds. CPU per full submission = the application's gunicorn + its PostgreSQL "
        "backends, during the phase; background = the db_worker and its backends until the "
        "queue was empty again.",
        "",
        "| round | application | full submissions/s | p95 ms | errors | CPU ms per submission "
        "(request) | + background | total | backlog drained after s | other jobs (cores) | "
        "load avg |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for number, row in enumerate(rounds, 1):
        for app in ("baseline", "intake"):
            r = row[app]
            lines.append(
                f"| {number} | {app} | {r['per_s']} | {r['p95_ms']} | {r['errors']} | "
                f"{r['request_cpu_ms']} | {r['background_cpu_ms']} | {r['total_cpu_ms']} | "
                f"{r['backlog drained after (s)']} | {r['cores']['other jobs']} | "
                f"{r['cores']['load average (1 min)']} |"
            )
        lines.append(
            f"| {number} | **cost ratio** | | | | **{row['cost ratio']}** | | "
            f"{row['cost ratio with background']} | | | |"
        )
    return lines


def _open_loop_table(name: str, steps: list[dict], best: dict | None, args) -> list[str]:
    lines = [
        "",
        f"Open loop, {name}: a respondent arrives every 1/rate s for {args.open_duration:.0f} s; "
        "a full submission counts from its scheduled arrival. Held = none failed and p95 < "
        f"{args.open_p95_ms:.0f} ms. Highest rate held: "
        + (f"**{best['rate']}/s** (p95 {best['p95_ms']} ms)." if best else "**none**."),
        "",
        "| arrivals/s | arrivals | done | failed | p50 ms | p95 ms | p99 ms | held | backlog "
        "drained after s | gunicorn cores | db_worker cores | other jobs | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for s in steps:
        cores = s["cores"]
        web = cores.get("gunicorn", 0) if name == "intake" else cores.get("baseline gunicorn", 0)
        lines.append(
            f"| {s['rate']} | {s['arrivals']} | {s['done']} | {s['failed']} | {s['p50_ms']} | "
            f"{s['p95_ms']} | {s['p99_ms']} | {'yes' if s['held'] else 'no'} | "
            f"{s['backlog drained after (s)']} | {web} | {cores.get('db_worker', 0)} | "
            f"{cores['other jobs']} | {cores['load average (1 min)']} |"
        )
    return lines


def _phases_table(phases: dict) -> list[str]:
    lines = [
        "",
        "| phase | request | count | per s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for phase, summary in phases.items():
        for kind, row in summary.items():
            lines.append(
                f"| {phase} | {kind} | {row['count']} | {row['per_s']} | {row['p50_ms']} | "
                f"{row['p95_ms']} | {row['p99_ms']} | {row['errors']} |"
            )
    return lines


def _table(result: dict, args) -> str:
    f = result["figures"]
    lines = [
        f"gunicorn {args.gunicorn_workers} workers × {args.threads} threads (gthread) for both "
        "applications, PostgreSQL on the same machine (one server, a database each), "
        f"{WORKERS} django-tasks db_worker processes at nice {WORKER_NICE} for the intake "
        "(cms.settings.production, page cache in locmem); "
        "the baseline is bench/baseline/ (ModelForm, CSRF, one INSERT, redirect, receipt). Both "
        "keep database connections 600 s (so no backend closes mid-phase with its CPU time). The "
        "load generator (asyncio + httpx, one process, idle connections dropped after 1 s) runs "
        "on the same 2 cores.",
        "",
        f"**Intake {f['submissions_per_s']} full submissions/s (p95 {f['p95_ms']} ms), "
        f"baseline {f['baseline_submissions_per_s']}/s (p95 {f['baseline_p95_ms']} ms); cost "
        f"ratio {f['cost_ratio']} (rounds: {', '.join(map(str, f['cost_ratio_rounds']))}), "
        f"{f['cost_ratio_with_background']} with the background work; open loop held "
        f"{f['open_loop_rate']}/s; lost {f['lost']}.**",
        "",
        *_comparison_table(result["rounds"], args),
    ]
    for name, (steps, best) in result["open_loop"].items():
        lines += _open_loop_table(name, steps, best, args)
    if result["phases"]:
        lines += _phases_table(result["phases"])
    checks = result["checks"]
    lines += [
        "",
        f"Intake receipts given: {checks['receipts']}; stored: {checks['stored']}; without a "
        f"stored response: {checks['missing']}; stored with wrong status or answer count: "
        f"{checks['incomplete']}; background tasks still queued when checked: "
        f"{checks['tasks_pending']}. Baseline receipts given: {checks['baseline']['receipts']}; "
        f"without a stored row: {checks['baseline']['missing']}.",
    ]
    if "proxy" in checks:
        shown = "; ".join(
            f"{name}: {_show(value)}"
            for name, value in checks["proxy"].items()
            if name != "problems"
        )
        verdict = "; ".join(checks["proxy"]["problems"]) or "all as intended"
        lines += ["", f"Proxy checks (status, X-Cache-Status) — {shown}. Result: {verdict}."]
    lines += _cpu_table(result["cpu"])
    return "\n".join(lines)


# Main -----------------------------------------------------------------------------------------


def _arguments(argv: list[str]):
    parser = argparse.ArgumentParser(prog="python -m bench submissions")
    parser.add_argument("--duration", type=float, default=20, help="s per closed-loop phase")
    parser.add_argument("--submitters", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=2, help="baseline/intake pairs")
    parser.add_argument("--readers", type=int, default=12)
    # One worker process per core (the GIL); threads overlap database round trips.
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--baseline-port", type=int, default=8125)
    parser.add_argument("--open-duration", type=float, default=20, help="s per open-loop rate")
    parser.add_argument("--open-start", type=float, help="first rate (default: 0.6 × closed loop)")
    parser.add_argument("--open-step", type=float, default=1.25)
    parser.add_argument("--open-max-steps", type=int, default=8)
    parser.add_argument("--open-p95-ms", type=float, default=500)
    parser.add_argument("--no-open-loop", action="store_true")
    parser.add_argument("--open-loop-baseline", action="store_true")
    parser.add_argument("--pages", action="store_true", help="also the mixed rush, pages, wrk")
    parser.add_argument("--proxy", action="store_true", help="nginx in front (bench/nginx.conf)")
    parser.add_argument("--proxy-port", type=int, default=8124)
    parser.add_argument("--wrk-duration", type=float, default=10)
    parser.add_argument("--wrk-connections", type=int, default=32)
    # Uncached pages: as many connections as gunicorn has threads, so latency is service time
    # rather than queueing behind a fixed number of open connections.
    parser.add_argument("--wrk-uncached-connections", type=int, default=8)
    parser.add_argument("--keep-database", action="store_true", help="reuse pasientforlop_bench")
    args = parser.parse_args(argv)
    args.pages = args.pages or args.proxy
    return args


def _start(args, env: dict, worker_env: dict, base_env: dict) -> dict:
    workers, threads = args.gunicorn_workers, args.threads
    processes = {
        "gunicorn": start_gunicorn("cms.wsgi:application", env, args.port, workers, threads),
        "db_worker": start_worker(worker_env),
    }
    processes["baseline gunicorn"] = start_gunicorn(
        "bench.baseline.wsgi:application", base_env, args.baseline_port, workers, threads
    )
    return processes


def _figures(rounds: list[dict], open_loops: dict, checks: dict) -> dict:
    def pooled(app: str, key: str):
        stats = [row[app]["stats"] for row in rounds]
        latencies = [v for s in stats for v in s.latency.get("full submission", [])]
        if key == "p95":
            return round(percentile(latencies, 0.95) * 1000, 1)
        return round(statistics.median(row[app]["per_s"] for row in rounds), 1)

    ratios = [row["cost ratio"] for row in rounds]
    steps, best = open_loops.get("intake", ([], None))
    at_best = best or {}
    return {
        "submissions_per_s": pooled("intake", "per_s"),
        "p95_ms": pooled("intake", "p95"),
        "lost": checks["missing"] + checks["incomplete"] + checks["baseline"]["missing"],
        "baseline_submissions_per_s": pooled("baseline", "per_s"),
        "baseline_p95_ms": pooled("baseline", "p95"),
        "cost_ratio": round(statistics.median(ratios), 2),
        "cost_ratio_rounds": ratios,
        "cost_ratio_with_background": round(
            statistics.median(row["cost ratio with background"] for row in rounds), 2
        ),
        "intake_cpu_ms": statistics.median(row["intake"]["request_cpu_ms"] for row in rounds),
        "intake_background_cpu_ms": statistics.median(
            row["intake"]["background_cpu_ms"] for row in rounds
        ),
        "baseline_cpu_ms": statistics.median(row["baseline"]["request_cpu_ms"] for row in rounds),
        "open_loop_rate": at_best.get("rate"),
        "open_loop_p95_ms": at_best.get("p95_ms"),
        "open_loop_backlog_drained_s": at_best.get("backlog drained after (s)"),
        "open_loop_baseline_rate": (open_loops.get("baseline", ([], None))[1] or {}).get("rate"),
        "errors": sum(row[app]["errors"] for row in rounds for app in ("baseline", "intake")),
    }


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    env = server_env(args.port)
    worker_env = server_env(args.port, role="worker")
    base_env = baseline_env()
    print("Preparing PostgreSQL databases and static files ...", file=sys.stderr)
    prepare_database(env, fresh=not args.keep_database)
    prepare_baseline_database(base_env)
    urls = site_urls(env)
    processes = _start(args, env, worker_env, base_env)
    direct = f"http://127.0.0.1:{args.port}"
    baseline = f"http://127.0.0.1:{args.baseline_port}"
    site = f"http://127.0.0.1:{args.proxy_port}" if args.proxy else direct
    targets = {"intake": (site, urls), "baseline": (baseline, {"hearing": "/"})}
    receipts, baseline_receipts, cpu, phases, open_loops = {}, {}, {}, {}, {}
    try:
        _wait_ready(direct)
        _wait_ready(baseline)
        if args.proxy:
            processes["nginx"] = start_proxy(args.proxy_port, args.port)
            _wait_ready(site)
        for base, target_urls in targets.values():
            warm = dict(submitters=2, readers=0, cached=True, staff_users=0, duration=3, seed=99)
            asyncio.run(run_phase(base, target_urls, **warm))
        wait_tasks_drained(timeout=120)
        rounds = []
        for number in range(1, args.rounds + 1):
            row = compare_round(processes, targets, args, number)
            rounds.append(row)
            receipts.update(row["intake"]["stats"].receipts)
            baseline_receipts.update(row["baseline"]["stats"].receipts)
            for app in ("baseline", "intake"):
                cpu[f"closed loop {number}, {app}"] = row[app]["cores"]
        if not args.no_open_loop:
            apps = ["intake"] + (["baseline"] if args.open_loop_baseline else [])
            for app in apps:
                base, target_urls = targets[app]
                closed = statistics.median(row[app]["per_s"] for row in rounds)
                start = args.open_start if app == "intake" and args.open_start else None
                start = start or max(1.0, round(0.6 * closed))
                steps, best = open_loop_search(
                    processes, base, f"{target_urls['hearing']}svar/", args, start, app
                )
                open_loops[app] = (steps, best)
                for step in steps:
                    (receipts if app == "intake" else baseline_receipts).update(step["receipts"])
                    cpu[f"open loop, {app}, {step['rate']}/s"] = step["cores"]
        if args.pages:
            more_phases, more_cpu, more_receipts = page_phases(processes, site, direct, urls, args)
            phases.update(more_phases)
            cpu.update(more_cpu)
            receipts.update(more_receipts)
        wait_tasks_drained(timeout=180)
        checks = check_stored(receipts)
        checks["baseline"] = check_stored_baseline(baseline_receipts)
        if args.proxy:
            checks["proxy"] = check_proxy(site, urls)
    finally:
        stop_servers(processes)
    figures = _figures(rounds, open_loops, checks)
    result = {
        "figures": figures,
        "rounds": rounds,
        "open_loop": open_loops,
        "phases": phases,
        "checks": checks,
        "cpu": cpu,
    }
    _print(result)
    record("submissions", figures, _table(result, args))
    failed = figures["lost"] or checks["incomplete"] or checks.get("proxy", {}).get("problems")
    return 1 if failed else 0


def _print(result: dict) -> None:
    rows = []
    for number, row in enumerate(result["rounds"], 1):
        for app in ("baseline", "intake"):
            r = row[app]
            rows.append(
                (
                    f"closed loop {number} / {app}",
                    f"{r['per_s']}/s, p95 {r['p95_ms']} ms, {r['errors']} errors, CPU "
                    f"{r['request_cpu_ms']} ms per submission (+ {r['background_cpu_ms']} "
                    f"background), other jobs {r['cores']['other jobs']} cores",
                )
            )
        rows.append((f"closed loop {number} / cost ratio", row["cost ratio"]))
    for name, (steps, _best) in result["open_loop"].items():
        for s in steps:
            rows.append(
                (
                    f"open loop / {name} {s['rate']}/s",
                    f"p95 {s['p95_ms']} ms, failed {s['failed']}/{s['arrivals']}, backlog "
                    f"drained after {s['backlog drained after (s)']} s, "
                    f"{'held' if s['held'] else 'not held'}",
                )
            )
    for phase, summary in result["phases"].items():
        for kind, row in summary.items():
            rows.append((f"{phase} / {kind}", f"{row['per_s']}/s p95 {row['p95_ms']} ms"))
    rows += [(f"figure / {key}", value) for key, value in result["figures"].items()]
    print_table("Deadline rush: intake against bare Django", rows)


def _wait_ready(base: str, timeout: float = 60) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if httpx.get(base + "/", timeout=5).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer; see /tmp/pasientforlop-bench-server.log")
