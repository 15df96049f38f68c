"""Load side of ``python -m bench submissions``: asyncio + httpx clients over loopback.

* respondents: load the form, submit it with CSRF (realistic answer sizes from bench/generate.py,
  some PDF attachments where the form takes one), follow the redirect to the receipt and keep
  the receipt's reference. The same code drives the site and the bare-Django baseline: it fills
  in whichever of the generated fields the form has;
* readers: pathway and proposal pages, from the page cache and uncached (a unique query string);
* staff: logged in (the demo administrator), loading the response overview in the admin.

Closed loop (:func:`run_phase`): a fixed number of clients, each starting its next submission when
the last one ends. Open loop (:func:`open_loop`): a new respondent arrives every 1/rate seconds
whatever the server does, and a full submission's time counts from its scheduled arrival, so a
server that falls behind is charged for the queue it builds (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections import defaultdict
from http.cookiejar import CookieJar, DefaultCookiePolicy

from .generate import attachment_pdf, generate
from .rush_servers import PASSWORD

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')
FIELD_RE = re.compile(
    r'name="((?:q\d+_(?:stance|text))|p\d+|s\d+_\d+|organisation_name|contact_email)"'
)
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
        # Idle connections are dropped after 1 s, before gunicorn drops them (its keep-alive is
        # 2 s): reusing one the server is closing fails with a ReadError that no browser shows.
        limits=httpx.Limits(
            max_connections=connections,
            max_keepalive_connections=connections,
            keepalive_expiry=1.0,
        ),
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


def _form_data(item, page: str, csrf: str, token) -> tuple[dict, dict | None, int]:
    """What a respondent types into the form on ``page``: (fields, files, answers with text)."""
    fields = list(dict.fromkeys(FIELD_RE.findall(page)))
    questions = [name[: -len("_stance")] for name in fields if name.endswith("_stance")]
    proposals = [name for name in fields if name.startswith("p")]
    data = {
        "csrfmiddlewaretoken": csrf,
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
    if token:
        data["form_token"] = token.group(1)
    sent_answers = 0
    for code, prefix in zip(("Q1", "Q2", "Q3", "Q4"), questions, strict=False):
        if code in item.answers:
            stance, text = item.answers[code]
            data[f"{prefix}_stance"], data[f"{prefix}_text"] = stance, text
            sent_answers += 1
    for name, text in zip(proposals, item.proposal_comments, strict=False):
        data[name] = text
    files = None
    if item.attachment and 'type="file"' in page:
        pdf = attachment_pdf(item.general_comment or "Vedlegg (oppdiktet)")
        files = {"attachment": ("innspill.pdf", pdf, "application/pdf")}
    return data, files, sent_answers


async def submit_once(client, stats: Stats, form_url: str, item, start: float) -> bool:
    """One full submission: form, POST, receipt. Counted from ``start``; True if a receipt."""
    form = await _timed(stats, "form GET", client.get(form_url))
    if form is None or form.status_code != 200:
        stats.error("form GET", f"status {getattr(form, 'status_code', None)}")
        return False
    csrf_cookie = _cookie(form, "csrftoken")
    csrf = CSRF_RE.search(form.text)
    if not (csrf_cookie and csrf):
        stats.error("form GET", "no CSRF cookie/token in the form")
        return False
    data, files, sent_answers = _form_data(
        item, form.text, csrf.group(1), FORM_TOKEN_RE.search(form.text)
    )
    posted = await _timed(
        stats,
        "submit POST",
        client.post(
            form_url, data=data, files=files, headers={"Cookie": f"csrftoken={csrf_cookie}"}
        ),
    )
    if posted is None:
        return False
    if posted.status_code != 302 or "kvittering" not in posted.headers.get("location", ""):
        stats.error("submit POST", f"status {posted.status_code} {posted.text[:120]!r}")
        return False
    receipt = await _timed(stats, "receipt GET", client.get(posted.headers["location"]))
    if receipt is None or receipt.status_code != 200:
        stats.error("receipt GET", f"status {getattr(receipt, 'status_code', None)}")
        return False
    match = REFERENCE_RE.search(receipt.text)
    if not match:
        stats.error("receipt GET", "no reference on the receipt")
        return False
    stats.receipts[match.group(1).strip()] = sent_answers
    stats.add("full submission", time.perf_counter() - start)
    return True


async def respondent(client, stats: Stats, form_url: str, items, deadline: float) -> None:
    while time.perf_counter() < deadline:
        await submit_once(client, stats, form_url, next(items), time.perf_counter())


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
    *,
    submitters: int,
    readers: int,
    cached: bool,
    staff_users: int,
    duration: float,
    seed: int,
) -> tuple[Stats, float]:
    """Closed loop: ``submitters`` respondents (plus readers and staff) for ``duration`` s."""
    stats = Stats()
    client = _client(base, submitters + readers + staff_users + 4)
    items = iter(generate(10_000_000, seed=seed))
    deadline = time.perf_counter() + duration
    pages = urls.get("pathways", []) + urls.get("proposals", [])
    form_url = f"{urls['hearing']}svar/"
    tasks = [respondent(client, stats, form_url, items, deadline) for _i in range(submitters)]
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


async def open_loop(
    base: str, form_url: str, *, rate: float, duration: float, seed: int
) -> tuple[Stats, float, int]:
    """Open loop: a respondent arrives every 1/rate s for ``duration`` s, whatever the server
    does; returns the stats, the time until the last one finished, and the number of arrivals.
    Each full submission counts from its scheduled arrival."""
    stats = Stats()
    client = _client(base, 1024)
    items = iter(generate(10_000_000, seed=seed))
    arrivals = max(1, round(rate * duration))
    start = time.perf_counter()
    tasks = []
    for number in range(arrivals):
        at = start + number / rate
        delay = at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(submit_once(client, stats, form_url, next(items), at)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    await client.aclose()
    return stats, elapsed, arrivals


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
