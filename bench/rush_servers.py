"""Server side of ``python -m bench submissions``: databases, gunicorn, the worker, nginx, and
where the CPU went (read from /proc, Linux).

Two applications are served with the same gunicorn command line against the same PostgreSQL
server: the site (``cms.wsgi``, production settings, database ``pasientforlop_bench``) and the
bare-Django baseline (``bench.baseline.wsgi``, database ``pasientforlop_baseline``). Every
database connection carries an ``application_name`` (web, worker, baseline), so PostgreSQL's CPU
can be split by who asked for it even while other jobs use the same server.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://pasientforlop:pasientforlop@127.0.0.1:5432/"
BENCH_DB = "pasientforlop_bench"
BASELINE_DB = "pasientforlop_baseline"
PASSWORD = "demo-passord-2024"
LOG = Path("/tmp/pasientforlop-bench-server.log")

#: application_name of each kind of connection (see the module docstring).
PG_ROLES = {"web": "bench-web", "worker": "bench-worker", "baseline": "bench-baseline"}


def server_env(port: int, role: str = "web") -> dict:
    var = Path("/tmp/pasientforlop-bench")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        # conn_max_age 600 instead of the default 60: a backend that is closed in the middle of
        # a phase takes its CPU time with it (see cpu_seconds); reconnecting once a minute costs
        # nothing measurable per request.
        "DATABASE_URL": f"{PG_URL}{BENCH_DB}?application_name={PG_ROLES[role]}&conn_max_age=600",
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


def baseline_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.baseline.settings",
        "DATABASE_URL": PG_URL + BASELINE_DB,
        "PG_APPLICATION_NAME": PG_ROLES["baseline"],
        "CONN_MAX_AGE": "600",
        "SECRET_KEY": "bench-" + secrets.token_hex(24),
    }


def _create_database(name: str, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(PG_URL + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")
            exists = None
        if not exists:
            conn.execute(f"CREATE DATABASE {name} OWNER pasientforlop")


def prepare_database(env: dict, fresh: bool) -> None:
    subprocess.run(["bash", str(ROOT / ".ci/postgres.sh")], check=True, stdout=subprocess.DEVNULL)
    _create_database(BENCH_DB, fresh)
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["load_demo"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare_baseline_database(env: dict) -> None:
    """A fresh database with the baseline's one table (the app has no migrations)."""
    _create_database(BASELINE_DB, fresh=True)
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


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


def start_gunicorn(app: str, env: dict, port: int, workers: int, threads: int):
    """The one gunicorn command line both applications are served with."""
    log = LOG.open("a")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
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


#: The workers run at a lower CPU priority, as the README recommends for production: during a
#: rush the respondents' requests come first and the background batches catch up after it.
WORKER_NICE = 10
#: Two worker processes: a hearing's analysis batches run one at a time (an advisory lock), so
#: with one process the receipt mails and index batches queued behind them; a second process
#: takes those meanwhile. They share one process group, so the CPU accounting sees both.
WORKERS = 2


def start_worker(env: dict):
    log = LOG.open("a")
    worker = f"{shlex.quote(sys.executable)} manage.py db_worker --interval 0.2"
    script = f"for i in $(seq {WORKERS}); do {worker} & done; wait"
    return subprocess.Popen(
        ["sh", "-c", script],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
        preexec_fn=lambda: os.nice(WORKER_NICE),
    )


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


def stop_servers(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes.values():
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


def _cpu(fields: list[str] | None) -> float:
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if fields else 0.0


def _tree_cpu(root: int, with_reaped: bool = False) -> float:
    """CPU seconds of a process and its live children (plus children it reaped, if asked)."""
    total, parents = 0.0, {root}
    stats = {pid: _stat(pid) for pid in _pids()}
    for pid, fields in stats.items():
        if fields is None:
            continue
        if pid == root or int(fields[1]) in parents:
            total += _cpu(fields)
            if pid == root and with_reaped:
                total += (int(fields[13]) + int(fields[14])) / CLOCK_TICKS
    return total


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


def _backend_cpu() -> dict[str, dict[int, float]]:
    """CPU seconds of each PostgreSQL backend, grouped by our application names."""
    import psycopg

    try:
        with psycopg.connect(PG_URL + "postgres") as conn:
            rows = conn.execute(
                "SELECT application_name, pid FROM pg_stat_activity "
                "WHERE application_name = ANY(%s)",
                [list(PG_ROLES.values())],
            ).fetchall()
    except psycopg.Error:
        rows = []
    out: dict[str, dict[int, float]] = {role: {} for role in PG_ROLES.values()}
    for name, pid in rows:
        out[name][pid] = _cpu(_stat(pid))
    return out


def _machine_busy() -> float:
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / CLOCK_TICKS


def cpu_snapshot(processes: dict[str, subprocess.Popen]) -> dict:
    """CPU seconds so far: each server process tree (gunicorn master + workers, db_worker, nginx),
    PostgreSQL as a whole and per application name, and the load generator: this process plus
    the children it reaped (wrk, once it has exited)."""
    postmaster = _postmaster_pid()
    own = os.times()
    return {
        **{name: _tree_cpu(process.pid) for name, process in processes.items()},
        "postgresql": _tree_cpu(postmaster, with_reaped=True) if postmaster else 0.0,
        "backends": _backend_cpu(),
        "load generator": own.user + own.system + own.children_user + own.children_system,
        "machine": _machine_busy(),
    }


def cpu_seconds(before: dict, after: dict) -> dict:
    """CPU seconds spent by each part between two snapshots. ``pg <role>`` is PostgreSQL's work
    for that kind of connection (backends alive at the end; a backend that exited in between is
    missing, which the persistent connections make rare)."""
    spent = {key: after[key] - before[key] for key in before if key not in ("backends", "machine")}
    for role, name in PG_ROLES.items():
        old = before["backends"][name]
        spent[f"pg {role}"] = sum(
            cpu - old.get(pid, 0.0) for pid, cpu in after["backends"][name].items()
        )
    spent["machine"] = after["machine"] - before["machine"]
    return spent


def cpu_use(before: dict, after: dict, elapsed: float) -> dict:
    """Cores used per part during a phase; "other jobs" is the rest of the machine's busy time."""
    used = {key: value / elapsed for key, value in cpu_seconds(before, after).items()}
    ours = sum(
        value for key, value in used.items() if key != "machine" and not key.startswith("pg ")
    )
    used["other jobs"] = max(0.0, used.pop("machine") - ours)
    used["load average (1 min)"] = os.getloadavg()[0]
    return {key: round(value, 2) for key, value in used.items()}


def wait_tasks_drained(timeout: float) -> float:
    """Seconds until the task queue is empty (or ``timeout``, if it never is)."""
    import psycopg

    start = time.monotonic()
    with psycopg.connect(PG_URL + BENCH_DB, autocommit=True) as conn:
        while time.monotonic() - start < timeout:
            pending = conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()[0]
            if not pending:
                return time.monotonic() - start
            time.sleep(0.5)
    return time.monotonic() - start
