"""How fast `dateline serve` answers under load: a bounded load test against loopback — figures, not a test.

    python bench/serve_load.py --db sqlite:///million.db [--clients 20] [--requests 2000]

`dateline serve` runs as users run it (its own process; `--workers` and `--threads` as `dateline serve` takes them,
1 worker and its default threads unless given), over the store `bench/million.py` builds (a million quotes).
`--clients` clients (httpx, asynchronous) send requests back to back, `--requests` in all for each kind, with
arguments drawn at random from the store:

- the search API: `GET /api/quotes` by a word of a quote drawn at random, by one of the 200 most quoted speakers,
  by a month, with no filter, by a person or by an organization (a sixth each), 20 rows and the total;
- facets: `GET /api/facets` by the same kinds of question (speaker, organization, kind, month and day counts);
- the search page: `GET /?q=WORD` (its 20 rows with the sentence around each, the total, the facets, the chart);
- person pages and organization pages: `/people/ID`, `/organizations/ID`, drawn at random;
- the other pages: an article or a quote, drawn at random.

p50 and p95 (milliseconds, the time from sending a request to reading its whole answer) are printed per kind, and
the number of answers that were not 200, and the CPU time the server spent a request (its own processes' user and
system time over the run, divided by the requests): what the kind costs however busy the machine is.

With `--client wrk` the requests are sent by wrk (Debian's `wrk`, written in C) instead: the same kinds of request
drawn the same way, 20 connections for `--seconds` each; the load generator then takes a small share of the
machine's cores instead of one of its two.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from urllib.parse import quote

import httpx
from sqlalchemy import select

from dateline.resources import words as words_of
from dateline.store import Store
from dateline.store.schema import articles, organizations, persons, quote_stats, quotes

WORD = re.compile(r"[A-Za-z]{4,}")


def samples(store: Store, rng: random.Random, n: int = 400) -> dict[str, list[str]]:
    """Arguments to draw from: words of quotes, speakers, months, articles, people, quotes."""
    with store.engine.connect() as connection:
        total = connection.scalar(select(quotes.c.id).order_by(quotes.c.id.desc()).limit(1)) or 1
        ids = [rng.randint(1, total) for _ in range(n)]
        texts = [r.text for r in connection.execute(select(quotes.c.text).where(quotes.c.id.in_(ids)))]
        months = sorted({r.first_seen.isoformat()[:7] for r in connection.execute(
            select(quote_stats.c.first_seen).limit(5000))})
        art = [r.id for r in connection.execute(select(articles.c.id).where(
            articles.c.key.in_(select(quotes.c.article).where(quotes.c.id.in_(ids)))))]
        people = [r.id for r in connection.execute(select(persons.c.id).limit(2000))]
        orgs = [r.id for r in connection.execute(select(organizations.c.id).limit(2000))]
        quote_ids = [r.quote for r in connection.execute(select(quotes.c.quote).where(quotes.c.id.in_(ids)))]
    stop = words_of("stop_words.txt")
    words = [w for t in texts for w in WORD.findall(t) if w.lower() not in stop]
    speakers = [p["name"] for p in store.people(limit=200)]
    return {"words": words, "speakers": speakers, "months": months, "articles": art, "people": people,
            "organizations": orgs, "quotes": quote_ids}


def question(s: dict[str, list[str]], rng: random.Random) -> str:
    """The parameters of a question about quotes: by a word, a speaker, a month, none, a person or an
    organization, a sixth each."""
    kind = rng.randrange(6)
    if kind == 0:
        return f"q={quote(rng.choice(s['words']))}"
    if kind == 1:
        return f"speaker={quote(rng.choice(s['speakers']))}"
    if kind == 2:
        month = rng.choice(s["months"])
        return f"since={month}-01&until={month}-28"
    if kind == 3:
        return ""
    if kind == 4:
        return f"person={rng.choice(s['people'])}"
    return f"organization={rng.choice(s['organizations'])}"


def search_api(s: dict[str, list[str]], rng: random.Random) -> str:
    return f"/api/quotes?{question(s, rng)}&limit=20"


def facets(s: dict[str, list[str]], rng: random.Random) -> str:
    return f"/api/facets?{question(s, rng)}"


def search_page(s: dict[str, list[str]], rng: random.Random) -> str:
    return f"/?q={quote(rng.choice(s['words']))}"


def person_page(s: dict[str, list[str]], rng: random.Random) -> str:
    return f"/people/{rng.choice(s['people'])}"


def organization_page(s: dict[str, list[str]], rng: random.Random) -> str:
    return f"/organizations/{rng.choice(s['organizations'])}"


def other_page(s: dict[str, list[str]], rng: random.Random) -> str:
    if rng.randrange(2):
        return f"/articles/{quote(rng.choice(s['articles']))}"
    return f"/quotes/{rng.choice(s['quotes'])}"


async def load(base: str, make: Callable[[], str], requests: int, clients: int) -> tuple[list[float], int]:
    """`requests` requests from `clients` clients at once: each one's latency (ms), and how many failed."""
    todo = [make() for _ in range(requests)]
    spent: list[float] = []
    failed = 0

    async def client() -> None:
        nonlocal failed
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while todo:
                path = todo.pop()
                started = time.perf_counter()
                answer = await http.get(path)
                await answer.aread()
                spent.append(1000 * (time.perf_counter() - started))
                failed += answer.status_code != 200

    await asyncio.gather(*(client() for _ in range(clients)))
    return spent, failed


WRK_SCRIPT = """
local paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.1f %.1f %d %d\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency.max / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
"""


def server_seconds(pid: int) -> float:
    """The CPU time (user and system, seconds) `dateline serve` and its worker processes have used so far: what a
    request costs the server however busy the machine is with other work."""
    import psutil

    server = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [server, *server.children(recursive=True)])


def with_wrk(base: str, paths: list[str], args: argparse.Namespace, pid: int) -> str:
    """One kind of request sent by wrk: p50, p95 and max latency (ms), how many were sent and failed, and the
    server's CPU time per request."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        listed, script = Path(folder) / "paths.txt", Path(folder) / "random.lua"
        listed.write_text("\n".join(paths) + "\n", encoding="utf-8")
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        command = ["wrk", "-t2", f"-c{args.clients}", "-d{}s", "-s", str(script), base, "--", str(listed)]
        subprocess.run([c.replace("{}", "3") for c in command], capture_output=True, text=True, check=True)  # warm
        used = server_seconds(pid)
        done = subprocess.run([c.replace("{}", str(args.seconds)) for c in command], capture_output=True, text=True,
                              check=True).stdout
        used = server_seconds(pid) - used
    p50, p95, top, sent, failed = next(line for line in done.splitlines() if line.startswith("RESULT")).split()[1:]
    return (f"p50 {p50} ms, p95 {p95} ms, max {top} ms, {int(sent):,} requests, {failed} failed, "
            f"server CPU {1000 * used / max(int(sent), 1):.1f} ms a request")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1, help="dateline serve --workers")
    parser.add_argument("--threads", type=int, help="dateline serve --threads (its default if not given)")
    parser.add_argument("--client", choices=["httpx", "wrk"], default="httpx")
    parser.add_argument("--seconds", type=int, default=20, help="how long wrk runs each kind")
    parser.add_argument("--only", help="only the kinds whose name holds this")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    store = Store(args.db, read_only=True)
    drawn = samples(store, rng)
    counts = store.counts()
    store.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", args.db, "--port", str(port),
                               "--workers", str(args.workers),
                               *(["--threads", str(args.threads)] if args.threads else [])], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(base + "/api/quotes?limit=1", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        print(f"store: {counts['quotes']:,} quotes in {counts['articles']:,} articles; {args.workers} workers, "
              f"{args.threads or 'default'} store threads each, "
              f"{args.clients} clients, {args.requests} requests of each kind")
        kinds: dict[str, Callable[[], str]] = {
            "search API (/api/quotes)": lambda: search_api(drawn, rng),
            "facets (/api/facets)": lambda: facets(drawn, rng),
            "search page (/?q=)": lambda: search_page(drawn, rng),
            "person pages": lambda: person_page(drawn, rng),
            "organization pages": lambda: organization_page(drawn, rng),
            "article and quote pages": lambda: other_page(drawn, rng),
        }
        for name, make in kinds.items():
            if args.only and args.only not in name:
                continue
            if args.client == "wrk":
                print(f"{name}: {with_wrk(base, [make() for _ in range(args.requests)], args, server.pid)}")
                continue
            asyncio.run(load(base, make, min(200, args.requests), args.clients))  # warm up
            used = server_seconds(server.pid)
            spent, failed = asyncio.run(load(base, make, args.requests, args.clients))
            used = server_seconds(server.pid) - used
            cut = statistics.quantiles(spent, n=100)
            print(f"{name}: p50 {statistics.median(spent):.1f} ms, p95 {cut[94]:.1f} ms, "
                  f"max {max(spent):.1f} ms, {failed} not 200, server CPU {1000 * used / len(spent):.1f} ms a request")
        print(f"load average at the end: {' '.join(f'{n:.2f}' for n in os.getloadavg())} (the machine's other work "
              "shares its cores with the server and the clients)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
