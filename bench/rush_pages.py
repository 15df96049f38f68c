"""The older phases of ``python -m bench submissions --pages``: a mixed rush with readers and
staff, pages from the page cache and uncached, wrk (a load generator in C) on a pathway and a
proposal page, and with ``--proxy`` the checks that nginx never caches anything personal."""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

from .rush_load import CSRF_RE, _client, _cookie, run_phase, summarise
from .rush_servers import PASSWORD, PROXY_DIR, cpu_snapshot, cpu_use, wait_tasks_drained


def page_phases(processes, site: str, direct: str, urls: dict, args):
    """The mixed rush (respondents, readers, staff) and pages from cache and uncached, then wrk."""
    phases, cpu, receipts = {}, {}, {}
    plans = {
        "deadline rush (mixed)": dict(
            submitters=args.submitters, readers=args.readers, cached=True, staff_users=2, seed=1
        ),
        "pages from cache": dict(
            submitters=0, readers=args.readers * 2, cached=True, staff_users=0, seed=3
        ),
        "pages uncached": dict(
            submitters=0, readers=args.readers, cached=False, staff_users=0, seed=4
        ),
    }
    for name, plan in plans.items():
        print(f"Phase: {name} ({args.duration:.0f} s) ...", file=sys.stderr)
        before = cpu_snapshot(processes)
        stats, elapsed = asyncio.run(run_phase(site, urls, duration=args.duration, **plan))
        cpu[name] = cpu_use(before, cpu_snapshot(processes), elapsed)
        phases[name] = summarise(stats, elapsed)
        receipts.update(stats.receipts)
    wait_tasks_drained(timeout=120)
    if shutil.which("wrk"):
        targets = {"via nginx": site} if args.proxy else {}
        targets["gunicorn directly"] = direct
        pages = {
            "pathway page": _path(urls["pathways"][0]),
            "proposal page": _path(urls["proposals"][0]),
        }
        more_phases, more_cpu = wrk_phases(processes, targets, pages, args)
        phases.update(more_phases)
        cpu.update(more_cpu)
    else:
        print("wrk not found (apt-get install wrk): no wrk rows", file=sys.stderr)
    return phases, cpu, receipts


# wrk: pages at rates a Python client cannot drive -------------------------------------------

# done() prints wrk's own percentiles (p95 included, which wrk's --latency report leaves out) as
# one JSON line; request() gives every request a unique query string when asked, which misses
# both nginx's and Django's cache (both keys include the query string).
WRK_SCRIPT = """
local unique, counter = nil, 0
function init(args) unique = args[1] end
function request()
  if not unique then return wrk.request() end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?u=" .. unique .. "-" .. counter)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "errors": %d, '
    .. '"p50": %d, "p90": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99)))
end
"""


def wrk(url: str, *, duration: float, connections: int, unique: bool) -> dict:
    """One wrk run (one thread): requests/s, latency percentiles (ms) and errors (any socket
    error, timeout or status other than 2xx/3xx)."""
    script = PROXY_DIR.parent / "pasientforlop-bench-wrk.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration:.0f}s", "--timeout", "10s"]
    command += ["-s", str(script), url]
    if unique:
        command += ["--", secrets.token_hex(4)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK "))
    raw = json.loads(line[4:])
    seconds = raw["duration_us"] / 1e6
    return {
        "count": raw["requests"],
        "per_s": round(raw["requests"] / seconds, 1),
        **{f"{p}_ms": round(raw[p] / 1000, 1) for p in ("p50", "p90", "p95", "p99")},
        "errors": raw["errors"],
    }


def wrk_phases(processes, targets: dict, pages: dict, args) -> tuple[dict, dict]:
    """wrk on each page, cached and uncached, against each target (proxy and/or gunicorn)."""
    phases, cpu = {}, {}
    for target, base in targets.items():
        runs = [(f"{kind} (cached)", path, False) for kind, path in pages.items()]
        runs.append((f"{next(iter(pages))} (uncached)", next(iter(pages.values())), True))
        for kind, path, unique in runs:
            name = f"wrk, {target}"
            connections = args.wrk_uncached_connections if unique else args.wrk_connections
            print(f"wrk: {target}, {kind}, {connections} connections ...", file=sys.stderr)
            before, start = cpu_snapshot(processes), time.perf_counter()
            row = wrk(
                base + path, duration=args.wrk_duration, connections=connections, unique=unique
            )
            elapsed = time.perf_counter() - start
            phases.setdefault(name, {})[f"{kind}, {connections} conn."] = row
            cpu[f"{name} / {kind}"] = cpu_use(before, cpu_snapshot(processes), elapsed)
    return phases, cpu


def check_proxy(base: str, urls: dict) -> dict:
    """Through the proxy: anonymous pages come from its cache, but nothing personal does."""
    import httpx

    page, form = _path(urls["pathways"][0]), f"{_path(urls['hearing'])}svar/"
    with httpx.Client(base_url=base, timeout=30) as client:

        def status(path: str, cookies: str = "") -> tuple[int, str]:
            client.cookies.clear()
            response = client.get(path, headers={"Cookie": cookies} if cookies else {})
            return response.status_code, response.headers.get("x-cache-status", "-")

        status(page)
        anonymous = status(page)
        login = client.get("/admin/login/")
        response = client.post(
            "/admin/login/",
            data={
                "csrfmiddlewaretoken": CSRF_RE.search(login.text).group(1),
                "username": "admin",
                "password": PASSWORD,
                "next": "/admin/",
            },
            headers={"Cookie": f"csrftoken={_cookie(login, 'csrftoken')}"},
        )
        session = f"sessionid={_cookie(response, 'sessionid')}"
        checks = {
            "anonymous page twice": anonymous,
            "same page signed in": status(page, session),
            "admin signed in": status("/admin/", session),
            "admin anonymous": status("/admin/"),
            "form anonymous": [status(form) for _i in range(3)],
            "form with CSRF cookie": status(form, f"csrftoken={_cookie(login, 'csrftoken')}"),
        }
    problems = [
        f"{name}: answered from the proxy's cache"
        for name, value in checks.items()
        if name != "anonymous page twice"
        for _code, cache in (value if isinstance(value, list) else [value])
        if cache == "HIT"
    ]
    if anonymous != (200, "HIT"):
        problems.append("an anonymous page is not served from the proxy's cache")
    if checks["admin signed in"][0] != 200 or checks["admin anonymous"][0] != 302:
        problems.append("the admin answers signed-in and anonymous requests alike")

    async def stampede() -> dict:
        async with _client(base, 32) as client:
            fresh = f"{page}?new={secrets.token_hex(4)}"
            responses = await asyncio.gather(*(client.get(fresh) for _i in range(32)))
        return dict(Counter(r.headers.get("x-cache-status", "-") for r in responses))

    checks["32 requests at once for a new page"] = asyncio.run(stampede())
    if checks["32 requests at once for a new page"].get("MISS") != 1:
        problems.append("a stampede on a new page sent more than one request to Django")
    checks["problems"] = problems
    return checks


def _show(value) -> str:
    """(200, 'HIT') -> '200 HIT'; lists and counts joined with commas."""
    if isinstance(value, dict):
        return ", ".join(f"{key} × {count}" for key, count in value.items())
    if isinstance(value, list):
        return ", ".join(_show(item) for item in value)
    return " ".join(str(item) for item in value)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
