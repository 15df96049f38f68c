"""Deadline rush: the production set-up on this machine, driven over HTTP from a separate process.

Starts PostgreSQL (``.ci/postgres.sh``), a fresh database ``pasientforlop_bench``, gunicorn with
``cms.settings.production`` and a django-tasks database worker (``db_worker``), then drives them
from this process over loopback with asyncio + httpx:

* respondents: load the form, submit it with CSRF (realistic answer sizes from bench/generate.py,
  some PDF attachments), follow the redirect to the receipt and keep the receipt's reference;
* readers: pathway and proposal pages, from the page cache and uncached (a unique query string);
* staff: logged in (the demo administrator), loading the response overview in the admin.

Afterwards every reference a client was given is looked up in the database: a receipt without a
stored response (or with fewer answers than were sent) is counted as lost.

Then wrk (a load generator in C, so that the client costs little CPU) fetches a pathway page and
a proposal page over and over, from the cache and uncached (a unique query string per request),
for the requests per second and latency percentiles a Python client cannot drive.

With ``--proxy``, nginx (``bench/nginx.conf``) runs in front of gunicorn as a caching reverse
proxy, the production shape: all respondent, reader and staff traffic goes through it, wrk measures
pages both through it and from gunicorn directly, and checks afterwards assert that signed-in
requests, the admin and the response form are never answered from the proxy's cache. Run::

    python -m bench submissions [--duration 20] [--submitters 24] [--readers 12] [--gunicorn-workers 2]
                                [--proxy] [--wrk-duration 10] [--wrk-connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlsplit

from .generate import attachment_pdf, generate
from .report import print_table, record

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://pasientforlop:pasientforlop@127.0.0.1:5432/"
BENCH_DB = "pasientforlop_bench"
PASSWORD = "demo-passord-2024"


# Server side ---------------------------------------------------------------------------------


def server_env(port: int) -> dict:
    var = Path("/tmp/pasientforlop-bench")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": PG_URL + BENCH_DB,
        "SECRET_KEY": "bench-" + secrets.token_hex(24),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SESSION_COOKIE_SECURE": "false",
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "HEARINGS_RATE_LIMIT_RESPONSE_POST": "100000000",
        "VAR_DIR": str(var),
        "MEDIA_ROOT": str(var / "media"),
        "PRIVATE_STORAGE_ROOT": str(var / "private"),
        "LOG_LEVEL": "ERROR",
    }


def prepare_database(env: dict, fresh: bool) -> None:
    import psycopg

    subprocess.run(["bash", str(ROOT / ".ci/postgres.sh")], check=True, stdout=subprocess.DEVNULL)
    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [BENCH_DB]).fetchone()
        if exists and fresh:
            conn.execute(f"DROP DATABASE {BENCH_DB} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {BENCH_DB} OWNER pasientforlop")
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def site_urls(env: dict) -> dict:
    code = (
        "import json;from guidelines.models import PathwayPage, RevisionProposalPage;"
        "from hearings.models import HearingPage;"
        "print(json.dumps({'pathways':[p.url for p in PathwayPage.objects.live()],"
        "'proposals':[p.url for p in RevisionProposalPage.objects.live()],"
        "'hearing':HearingPage.objects.live().get(slug='demohoring').url}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def start_servers(env: dict, port: int, workers: int, threads: int) -> list[subprocess.Popen]:
    log = open("/tmp/pasientforlop-bench-server.log", "w")  # noqa: SIM115
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            str(threads),
            "--backlog",
            "2048",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    return [gunicorn, worker]


PROXY_DIR = Path("/tmp/pasientforlop-bench-nginx")


def start_proxy(port: int, upstream_port: int) -> subprocess.Popen:
    """nginx from bench/nginx.conf in the foreground, with an empty cache in PROXY_DIR."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise RuntimeError("--proxy needs nginx (apt-get install nginx-light)")
    shutil.rmtree(PROXY_DIR, ignore_errors=True)
    PROXY_DIR.mkdir(parents=True)
    conf = (Path(__file__).with_name("nginx.conf")).read_text(encoding="utf-8")
    for name, value in {
        "PREFIX": str(PROXY_DIR),
        "LISTEN": f"127.0.0.1:{port}",
        "UPSTREAM": f"127.0.0.1:{upstream_port}",
    }.items():
        conf = conf.replace("{{" + name + "}}", value)
    (PROXY_DIR / "nginx.conf").write_text(conf, encoding="utf-8")
    command = [nginx, "-p", str(PROXY_DIR), "-c", str(PROXY_DIR / "nginx.conf")]
    command += ["-e", str(PROXY_DIR / "error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)
    return subprocess.Popen(command, start_new_session=True)


def stop_servers(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


# CPU accounting ------------------------------------------------------------------------------
#
# Where the two cores went during a phase tells what bounds the throughput: the application
# server, the background worker, PostgreSQL, the load generator itself, or other jobs sharing the
# machine. Read from /proc (Linux), in CPU seconds.

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _tree_cpu(root: int, with_reaped: bool = False) -> float:
    """CPU seconds of a process and its live children (plus children it reaped, if asked)."""
    total, parents = 0.0, {root}
    stats = {pid: _stat(pid) for pid in _pids()}
    for pid, fields in stats.items():
        if fields is None:
            continue
        if pid == root or int(fields[1]) in parents:
            total += int(fields[11]) + int(fields[12])
            if pid == root and with_reaped:
                total += int(fields[13]) + int(fields[14])
    return total / CLOCK_TICKS


_POSTMASTER: list[int] = []


def _postmaster_pid() -> int | None:
    """The server behind PG_URL (another cluster may run on the machine): a backend's parent.
    Looked up once and kept while that process lives, so a refused connection under load does
    not lose it in the middle of a phase."""
    import psycopg

    if _POSTMASTER and _stat(_POSTMASTER[0]):
        return _POSTMASTER[0]
    try:
        with psycopg.connect(PG_URL + "postgres") as conn:
            fields = _stat(conn.execute("SELECT pg_backend_pid()").fetchone()[0])
    except psycopg.Error:
        return None
    _POSTMASTER[:] = [int(fields[1])] if fields else []
    return _POSTMASTER[0] if _POSTMASTER else None


def _machine_busy() -> float:
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / CLOCK_TICKS


def cpu_snapshot(processes: list[subprocess.Popen]) -> dict:
    """CPU seconds so far: gunicorn (master + workers), db_worker, nginx (if started), PostgreSQL,
    and the load generator: this process plus the children it reaped (wrk, once it has exited)."""
    postmaster = _postmaster_pid()
    own = os.times()
    return {
        "gunicorn": _tree_cpu(processes[0].pid),
        "db_worker": _tree_cpu(processes[1].pid),
        **({"nginx": _tree_cpu(processes[2].pid)} if len(processes) > 2 else {}),
        "postgresql": _tree_cpu(postmaster, with_reaped=True) if postmaster else 0.0,
        "load generator": own.user + own.system + own.children_user + own.children_system,
        "machine": _machine_busy(),
    }


def cpu_use(before: dict, after: dict, elapsed: float) -> dict:
    """Cores used per part during a phase; "other jobs" is the rest of the machine's busy time."""
    used = {key: (after[key] - before[key]) / elapsed for key in before}
    ours = sum(value for key, value in used.items() if key != "machine")
    used["other jobs"] = max(0.0, used.pop("machine") - ours)
    used["load average (1 min)"] = os.getloadavg()[0]
    return {key: round(value, 2) for key, value in used.items()}


# Load side -----------------------------------------------------------------------------------

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')
FIELD_RE = re.compile(r'name="((?:q\d+_(?:stance|text))|p\d+|s\d+_\d+)"')
REFERENCE_RE = re.compile(r'class="reference">([^<]+)<')


def _cookie(response, name: str) -> str | None:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0].split("=", 1)[1]
    return None


class Stats:
    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.receipts: dict[str, int] = {}  # reference -> answers with text sent

    def add(self, kind: str, seconds: float) -> None:
        self.latency[kind].append(seconds)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 10:
            self.error_samples.append(f"{kind}: {detail}"[:300])


def _client(base: str, connections: int):
    import httpx

    jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # cookies handled per request
    return httpx.AsyncClient(
        base_url=base,
        cookies=httpx.Cookies(jar),
        timeout=30,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


async def _timed(stats: Stats, kind: str, call):
    start = time.perf_counter()
    try:
        response = await call
    except Exception as error:  # noqa: BLE001 - every failure counts as an error of its kind
        stats.error(kind, repr(error))
        return None
    stats.add(kind, time.perf_counter() - start)
    return response


async def respondent(client, stats: Stats, hearing_url: str, items, deadline: float) -> None:
    while time.perf_counter() < deadline:
        item = next(items)
        start = time.perf_counter()
        form = await _timed(stats, "form GET", client.get(f"{hearing_url}svar/"))
        if form is None or form.status_code != 200:
            stats.error("form GET", f"status {getattr(form, 'status_code', None)}")
            continue
        csrf_cookie = _cookie(form, "csrftoken")
        csrf = CSRF_RE.search(form.text)
        token = FORM_TOKEN_RE.search(form.text)
        if not (csrf_cookie and csrf and token):
            stats.error("form GET", "no CSRF cookie/token in the form")
            continue
        fields = list(dict.fromkeys(FIELD_RE.findall(form.text)))
        questions = [name[: -len("_stance")] for name in fields if name.endswith("_stance")]
        proposals = [name for name in fields if name.startswith("p")]
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "form_token": token.group(1),
            "action": "submit",
            "respondent_kind": item.respondent_kind,
            "category": item.category,
            "organisation_name": item.organisation_name,
            "contact_name": item.contact_name,
            "contact_email": item.contact_email,
            "general_comment": item.general_comment,
            "publication_choice": item.publication_choice,
            "interests": item.interests,
            "website": "",
        }
        sent_answers = 0
        for code, prefix in zip(("Q1", "Q2", "Q3", "Q4"), questions, strict=False):
            if code in item.answers:
                stance, text = item.answers[code]
                data[f"{prefix}_stance"], data[f"{prefix}_text"] = stance, text
                sent_answers += 1
        for name, text in zip(proposals, item.proposal_comments, strict=False):
            data[name] = text
        files = (
            {
                "attachment": (
                    "innspill.pdf",
                    attachment_pdf(item.general_comment or "Vedlegg (oppdiktet)"),
                    "application/pdf",
                )
            }
            if item.attachment
            else None
        )
        posted = await _timed(
            stats,
            "submit POST",
            client.post(
                f"{hearing_url}svar/",
                data=data,
                files=files,
                headers={"Cookie": f"csrftoken={csrf_cookie}"},
            ),
        )
        if posted is None:
            continue
        if posted.status_code != 302 or "kvittering" not in posted.headers.get("location", ""):
            stats.error("submit POST", f"status {posted.status_code} {posted.text[:120]!r}")
            continue
        receipt = await _timed(stats, "receipt GET", client.get(posted.headers["location"]))
        if receipt is None or receipt.status_code != 200:
            stats.error("receipt GET", f"status {getattr(receipt, 'status_code', None)}")
            continue
        match = REFERENCE_RE.search(receipt.text)
        if not match:
            stats.error("receipt GET", "no reference on the receipt")
            continue
        stats.receipts[match.group(1).strip()] = sent_answers
        stats.add("full submission", time.perf_counter() - start)


async def reader(
    client, stats: Stats, urls: list[str], kind: str, cached: bool, deadline: float
) -> None:
    index = secrets.randbelow(len(urls))
    while time.perf_counter() < deadline:
        url = urls[index % len(urls)]
        index += 1
        if not cached:
            url += f"?u={secrets.token_hex(6)}"
        response = await _timed(stats, kind, client.get(url))
        if response is not None and response.status_code != 200:
            stats.error(kind, f"{url} status {response.status_code}")


async def staff(client, stats: Stats, deadline: float) -> None:
    login = await client.get("/admin/login/")
    csrf_cookie = _cookie(login, "csrftoken")
    csrf = CSRF_RE.search(login.text)
    response = await client.post(
        "/admin/login/",
        data={
            "csrfmiddlewaretoken": csrf.group(1),
            "username": "admin",
            "password": PASSWORD,
            "next": "/admin/",
        },
        headers={"Cookie": f"csrftoken={csrf_cookie}"},
    )
    session = _cookie(response, "sessionid")
    if not session:
        stats.error("staff overview", "login failed")
        return
    while time.perf_counter() < deadline:
        page = await _timed(
            stats,
            "staff overview",
            client.get("/admin/horinger/svar/", headers={"Cookie": f"sessionid={session}"}),
        )
        if page is not None and page.status_code != 200:
            stats.error("staff overview", f"status {page.status_code}")


async def run_phase(
    base: str,
    urls: dict,
    args,
    *,
    submitters: int,
    readers: int,
    cached: bool,
    staff_users: int,
    duration: float,
    seed: int,
) -> tuple[Stats, float]:
    stats = Stats()
    client = _client(base, submitters + readers + staff_users + 4)
    items = iter(generate(10_000_000, seed=seed))
    deadline = time.perf_counter() + duration
    pages = urls["pathways"] + urls["proposals"]
    tasks = [
        respondent(client, stats, urls["hearing"], items, deadline) for _i in range(submitters)
    ]
    tasks += [
        reader(
            client, stats, pages, "page (cached)" if cached else "page (uncached)", cached, deadline
        )
        for _i in range(readers)
    ]
    tasks += [staff(client, stats, deadline) for _i in range(staff_users)]
    start = time.perf_counter()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    await client.aclose()
    return stats, elapsed


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def summarise(stats: Stats, elapsed: float) -> dict:
    out = {}
    for kind in sorted(set(stats.latency) | set(stats.errors)):
        values = stats.latency.get(kind, [])
        out[kind] = {
            "count": len(values),
            "per_s": round(len(values) / elapsed, 1),
            "p50_ms": round(percentile(values, 0.50) * 1000, 1),
            "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "p99_ms": round(percentile(values, 0.99) * 1000, 1),
            "errors": stats.errors.get(kind, 0),
        }
    return out


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


def _table(phases: dict, checks: dict, args, cpu: dict | None = None) -> str:
    front = (
        "nginx (bench/nginx.conf: micro-cache for anonymous GET/HEAD, honouring Django's "
        "Cache-Control) in front of "
        if args.proxy
        else ""
    )
    lines = [
        f"{front}gunicorn {args.gunicorn_workers} workers × {args.threads} threads (gthread), "
        "PostgreSQL 15, one django-tasks db_worker, cms.settings.production with the anonymous "
        f"page cache (locmem); {args.submitters} respondents and {args.readers} readers as "
        f"concurrent clients{' through nginx' if args.proxy else ''}, {args.duration:.0f} s per "
        "phase; the load generator (asyncio + httpx, one process) runs on the same 2 cores. "
        f"The wrk rows: wrk in C, one thread, {args.wrk_duration:.0f} s per row, after the "
        "task queue has drained; percentiles from wrk's own histogram; uncached = a unique "
        "query string per request, which misses both nginx's and Django's cache.",
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
    lines += [
        "",
        f"Receipts given: {checks['receipts']}; stored: {checks['stored']}; receipts without a stored "
        f"response: {checks['missing']}; stored with wrong status or answer count: {checks['incomplete']}; "
        f"background tasks still queued when checked: {checks['tasks_pending']}.",
    ]
    if "proxy" in checks:
        shown = "; ".join(
            f"{name}: {_show(value)}"
            for name, value in checks["proxy"].items()
            if name != "problems"
        )
        verdict = "; ".join(checks["proxy"]["problems"]) or "all as intended"
        lines += [
            "",
            f"Proxy checks (status, X-Cache-Status) — {shown}. Result: {verdict}.",
        ]
    if cpu:
        parts = list(next(iter(cpu.values())))
        lines += [
            "",
            "Where the CPU went (cores in use on average during the phase, from /proc; 2 cores "
            "in all; PostgreSQL is the whole server, which other jobs may share; the load "
            "generator is httpx in the bench process, or wrk in the wrk rows):",
            "",
            "| phase | " + " | ".join(parts) + " |",
            "|---|" + "---:|" * len(parts),
        ]
        lines += [
            f"| {phase} | " + " | ".join(str(row[part]) for part in parts) + " |"
            for phase, row in cpu.items()
        ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench submissions")
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--submitters", type=int, default=24)
    parser.add_argument("--readers", type=int, default=12)
    # One worker process per core (the GIL); threads overlap database round trips.
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--proxy", action="store_true", help="nginx in front (bench/nginx.conf)")
    parser.add_argument("--proxy-port", type=int, default=8124)
    parser.add_argument("--wrk-duration", type=float, default=10)
    parser.add_argument("--wrk-connections", type=int, default=32)
    # Uncached pages: as many connections as gunicorn has threads, so latency is service time
    # rather than queueing behind a fixed number of open connections.
    parser.add_argument("--wrk-uncached-connections", type=int, default=8)
    parser.add_argument("--keep-database", action="store_true", help="reuse pasientforlop_bench")
    args = parser.parse_args(argv)

    env = server_env(args.port)
    print("Preparing PostgreSQL database and static files ...", file=sys.stderr)
    prepare_database(env, fresh=not args.keep_database)
    urls = site_urls(env)
    processes = start_servers(env, args.port, args.gunicorn_workers, args.threads)
    direct = f"http://127.0.0.1:{args.port}"
    base = f"http://127.0.0.1:{args.proxy_port}" if args.proxy else direct
    try:
        _wait_ready(direct)
        if args.proxy:
            processes.append(start_proxy(args.proxy_port, args.port))
            _wait_ready(base)
        warm = dict(submitters=2, readers=4, cached=True, staff_users=1, duration=3, seed=99)
        asyncio.run(run_phase(base, urls, args, **warm))
        phases, receipts, cpu = {}, {}, {}
        plans = {
            "deadline rush (mixed)": dict(
                submitters=args.submitters, readers=args.readers, cached=True, staff_users=2, seed=1
            ),
            "submissions only": dict(
                submitters=args.submitters, readers=0, cached=True, staff_users=0, seed=2
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
            stats, elapsed = asyncio.run(
                run_phase(base, urls, args, duration=args.duration, **plan)
            )
            cpu[name] = cpu_use(before, cpu_snapshot(processes), elapsed)
            phases[name] = summarise(stats, elapsed)
            receipts.update(stats.receipts)
            for sample in stats.error_samples[:3]:
                print(f"  error sample: {sample}", file=sys.stderr)
        _wait_tasks_drained(timeout=120)
        if shutil.which("wrk"):
            targets = {"via nginx": base} if args.proxy else {}
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
        checks = check_stored(receipts)
        if args.proxy:
            checks["proxy"] = check_proxy(base, urls)
    finally:
        stop_servers(processes)
    rows = []
    for phase, summary in phases.items():
        for kind, row in summary.items():
            rows.append(
                (
                    f"{phase} / {kind}",
                    f"{row['per_s']}/s p50 {row['p50_ms']} p95 {row['p95_ms']} "
                    f"p99 {row['p99_ms']} ms, {row['errors']} errors",
                )
            )
    rows.append(("receipts without stored response", checks["missing"]))
    for name, value in checks.get("proxy", {}).items():
        rows.append((f"proxy check / {name}", _show(value) if name != "problems" else value))
    for phase, row in cpu.items():
        rows.append((f"{phase} / cores used", ", ".join(f"{k} {v}" for k, v in row.items())))
    print_table("Deadline rush", rows)
    record(
        "submissions",
        {"phases": phases, "checks": checks, "cpu": cpu},
        _table(phases, checks, args, cpu),
    )
    failed = checks["missing"] or checks["incomplete"] or checks.get("proxy", {}).get("problems")
    return 1 if failed else 0


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


def _wait_tasks_drained(timeout: float) -> None:
    import psycopg

    end = time.monotonic() + timeout
    with psycopg.connect(PG_URL + BENCH_DB, autocommit=True) as conn:
        while time.monotonic() < end:
            pending = conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
            if not pending:
                return
            time.sleep(1)
