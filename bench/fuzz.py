"""Hostile input at scale: at least 100,000 inputs of the kinds an attacker or an unlucky crawl supplies, good articles
mixed among them, through `dateline extract` as a user runs it. A benchmark, not a test.

    python bench/fuzz.py [--inputs 100000] [--batch 2500] [--seed 37] [--keep DIR]

Each batch is a folder: JSON Lines files (plain and gzipped) of hostile lines with good articles among them, files
whose compression is damaged (hostile lines only: what follows the damage is lost by design), HTML pages (good ones,
and ones of thousands of paragraphs, deep nesting, declared encodings, UTF-16, junk), WARC crawls with malformed and
cut records, TimeML files and dated text. An input is one line of a JSON Lines file or one file (a WARC record
counts as one). Each batch is one run of `dateline extract FOLDER --jsonl`. Printed: inputs and good articles made,
runs that crashed (a traceback, status 3, or a signal), the exit statuses seen, good articles lost (made but not
in the output), inputs refused as over their time budget, the slowest runs, and the slowest files of the slowest
run, each timed on its own (reading and extraction, in this process).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CLI = [sys.executable, "-c", "from dateline.serve.cli import main; main()"]
GOOD_EVERY = 40
"""One good article for every this many JSON lines."""
LINES_PER_FILE = 500

TOWNS = ["Dunmore", "Port Ellis", "Carver", "Halden", "Ashby", "Millbrook", "Oyster Bay", "Redfield"]
NAMES = ["Ana Ortiz", "Tom Reyes", "Maria Chen", "Sam Lee", "Karen Walsh", "Luis Fernández", "Joan Ngata", "Ivo Berg"]


def good_text(n: int) -> str:
    town, name = TOWNS[n % 8], NAMES[(n // 8) % 8]
    return (f"The {town} council delayed its vote on the harbor plan on Monday, Mayor {name} said.\n\n"
            f"\u201cWe need more time to get it right,\u201d {name.split()[-1]} told reporters after meeting "
            f"number {n}. The council will return to it in March, a year after the first vote.")


def good_line(n: int) -> bytes:
    return json.dumps({"id": f"good-{n}", "date": f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}",
                       "text": good_text(n)}, ensure_ascii=False).encode()


def hostile_line(rng: random.Random, n: int) -> bytes:
    """One bad (or merely strange) JSON line, of a kind picked at random."""
    good = good_line(n)
    kind = rng.randrange(16)
    if kind in (10, 11) and rng.random() < 0.75:
        kind = 14  # articles that are read and extracted, a quarter as often as the others
    if kind == 0:
        return good[:rng.randrange(1, len(good))]  # cut short
    if kind == 1:
        data = bytearray(good)
        for _ in range(rng.randrange(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)  # mutated bytes
        return bytes(data).replace(b"\n", b" ")
    if kind == 2:
        return json.dumps({"id": [1, 2], "date": 20240101, "text": {"a": 1}}).encode()  # wrong types
    if kind == 3:
        return good.replace(b"harbor", b"harb\xff\xfeor")  # not UTF-8
    if kind == 4:
        return good.replace(b"harbor", b"har\x00bor")  # a NUL
    if kind == 5:
        return b"[" * rng.randrange(1000, 100_000) + b"]" * 3  # nested too deep
    if kind == 6:
        return b'{"id": "n", "date": "2024-01-01", "text": ' + b"9" * rng.randrange(5000, 50_000) + b"}"
    if kind == 7:
        return json.dumps({"id": f"nodate-{n}", "text": good_text(n)}).encode()  # no date
    if kind == 8:
        return json.dumps({"id": f"bad-{n}", "date": rng.choice(["2021-02-30", "0000-01-01", "99999-01-01",
                                                                 "yesterday", ""]), "text": "x"}).encode()
    if kind == 9:
        return json.dumps({"id": f"empty-{n}", "date": "2024-01-01", "text": rng.choice(["", "   ", "\n\n"])}).encode()
    if kind == 10:  # an article of noise: read, and extracted
        noise = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)])) for _ in range(200))
        return json.dumps({"id": f"noise-{n}", "date": "2024-01-01", "text": noise}).encode()
    if kind == 11:  # shapes that once cost the square of their length
        text = rng.choice(["\u201c" * 3000, '"a," said b. ' * 200, "On Monday, March 3, 2021. " * 100,
                           "February 30, 1987 rose from a year earlier. " * 20, "\u2028" * 2000])
        return json.dumps({"id": f"odd-{n}", "date": "2024-01-01", "text": text}).encode()
    if kind == 12:
        return json.dumps({"id": "x" * 5000, "date": "2024-01-01", "text": "The mayor spoke."}).encode()
    if kind == 13:
        return json.dumps({"id": f"sur-{n}", "date": "2024-01-01", "text": "a\ud800b"}).encode()
    if kind == 14:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))).replace(b"\n", b"")
    return json.dumps(rng.choice([None, 1, "str", [], True, 1.5e308])).encode()


def page(n: int, *, body: str = "", charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<html><head>{meta}<title>Harbor vote {n}</title>"
            f'<meta property="article:published_time" content="2024-03-{1 + n % 27:02d}T09:00:00Z"></head><body>'
            f"{body}<article><p>{good_text(n).replace(chr(10) * 2, '</p><p>')}</p></article></body></html>")


def hostile_page(rng: random.Random, n: int) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return page(n, body="<p>a</p>" * rng.randrange(2000, 60_000)).encode()
    if kind == 1:
        return page(n, body="<div>" * rng.randrange(1000, 20_000)).encode()
    if kind == 2:
        return page(n, charset="iso-8859-1").encode("latin-1", errors="replace")
    if kind == 3:
        return page(n, charset="utf-16").encode("utf-16")
    if kind == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(10, 5000)))
    if kind == 5:
        return b"<html><body>" + b"<p>" + b"&amp;" * 20_000 + b"</p></body></html>"
    if kind == 6:
        return page(n).encode()[:rng.randrange(10, 400)]
    rows = "<tr><td>x</td></tr>" * rng.randrange(100, 5000)
    return f"<html><body><table>{rows}</table></body></html>".encode()


def warc(records: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    data = out.getvalue()
    for _ in range(rng.randrange(0, 3)):  # a malformed HTTP head
        at = data.find(b"HTTP/1.1 200", rng.randrange(len(data)))
        if at >= 0:
            data = data[:at] + b"HTXP/1.1 200" + data[at + 12:]
    return data


TIMEML_GOOD = ('<?xml version="1.0"?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-{d:02d}" '
               'functionInDocument="CREATION_TIME">2024-03-{d:02d}</TIMEX3></DCT><TEXT>{text}</TEXT></TimeML>')


@dataclass
class Batch:
    folder: Path
    inputs: int = 0
    good: set[str] = field(default_factory=set)


def make_batch(folder: Path, size: int, rng: random.Random, start: int) -> Batch:
    """A folder of about `size` inputs, numbered from `start`."""
    batch = Batch(folder)
    folder.mkdir(parents=True)
    n = start
    files = 0
    while batch.inputs < size:
        files += 1
        roll = rng.random()
        if roll < 0.80:  # a JSON Lines file, plain or gzipped, good articles among hostile lines
            lines = []
            for _ in range(min(LINES_PER_FILE, size - batch.inputs)):
                n += 1
                if n % GOOD_EVERY == 0:
                    lines.append(good_line(n))
                    batch.good.add(f"good-{n}")
                else:
                    lines.append(hostile_line(rng, n))
            body = b"\n".join(lines) + b"\n"
            if rng.random() < 0.5:
                (folder / f"f{files}.jsonl.gz").write_bytes(gzip.compress(body))
            else:
                (folder / f"f{files}.jsonl").write_bytes(body)
            batch.inputs += len(lines)
        elif roll < 0.85:  # a damaged gzip of hostile lines
            lines = [hostile_line(rng, n + k) for k in range(100)]
            packed = bytearray(gzip.compress(b"\n".join(lines) + b"\n"))
            if rng.random() < 0.5:
                packed[rng.randrange(10, len(packed))] ^= 0xFF
            else:
                del packed[rng.randrange(10, len(packed)):]
            (folder / f"d{files}.jsonl.gz").write_bytes(bytes(packed))
            n += 100
            batch.inputs += 100
        elif roll < 0.93:  # an HTML page, good or hostile
            n += 1
            if rng.random() < 0.3:
                (folder / f"goodpage-{n}.html").write_text(page(n), encoding="utf-8")
                batch.good.add(f"goodpage-{n}")
            else:
                (folder / f"page-{n}.html").write_bytes(hostile_page(rng, n))
            batch.inputs += 1
        elif roll < 0.96:  # a WARC crawl of hostile pages (its good records may sit after damage)
            records = [(f"https://x.example/{n + k}", hostile_page(rng, n + k)) for k in range(5)]
            (folder / f"crawl{files}.warc").write_bytes(warc(records, rng))
            n += 5
            batch.inputs += 5
        elif roll < 0.98:  # TimeML
            n += 1
            if rng.random() < 0.5:
                doc = TIMEML_GOOD.format(d=1 + n % 27, text=good_text(n))
                (folder / f"goodtml-{n}.tml").write_text(doc, encoding="utf-8")
                batch.good.add(f"goodtml-{n}")
            else:
                doc = rng.choice(["<TimeML><TEXT>" + "<a>" * 5000 + "</TEXT>", "<TimeML>", "\x00\x01",
                                  "<TimeML><DCT/><TEXT>no date</TEXT></TimeML>"])
                (folder / f"tml-{n}.tml").write_text(doc, encoding="utf-8")
            batch.inputs += 1
        else:  # dated text
            n += 1
            if rng.random() < 0.5:
                (folder / f"goodtxt-{n}.txt").write_text(f"date 2024-03-04 {good_text(n)}", encoding="utf-8")
                batch.good.add(f"goodtxt-{n}")
            else:
                (folder / f"txt-{n}.txt").write_bytes(rng.choice([b"date 2024-02-30 x", b"no date at all",
                                                                  b"\xff\xfe\x00junk", b"date  "]))
            batch.inputs += 1
    return batch


def run(batch: Batch) -> tuple[int, float, set[str], str]:
    """`dateline extract` on the batch's folder: exit status, seconds, the ids it wrote, its standard error."""
    started = time.perf_counter()
    done = subprocess.run([*CLI, "extract", str(batch.folder), "--jsonl"], capture_output=True)
    seconds = time.perf_counter() - started
    ids = set()
    for line in done.stdout.splitlines():
        try:
            ids.add(json.loads(line)["id"])
        except (ValueError, KeyError):
            pass
    return done.returncode, seconds, ids, done.stderr.decode("utf-8", "replace")


def slowest_inputs(folder: Path, top: int = 5) -> list[tuple[float, str]]:
    """Each file of a batch read and extracted on its own, in this process: the slowest."""
    import dateline
    from dateline.pipeline import process
    from dateline.read import read_paths

    nlp = dateline.nlp()
    timed = []
    for path in sorted(folder.iterdir()):
        started = time.perf_counter()
        for _ in process(nlp, read_paths([path])):
            pass
        timed.append((time.perf_counter() - started, path.name))
    return sorted(timed, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=37)
    parser.add_argument("--keep", type=Path, help="write the batches here and keep them")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = args.keep or Path(tempfile.mkdtemp(prefix="dateline-fuzz-"))
    statuses: Counter[int] = Counter()
    crashes: list[str] = []
    lost: list[str] = []
    made = good = over = 0
    runs: list[tuple[float, Path]] = []
    started = time.perf_counter()
    try:
        k = 0
        while made < args.inputs:
            batch = make_batch(root / f"batch{k:03d}", min(args.batch, args.inputs - made), rng, start=made * 2)
            made += batch.inputs
            good += len(batch.good)
            status, seconds, ids, stderr = run(batch)
            statuses[status] += 1
            over += stderr.count("[D301]") + stderr.count("[D110]")
            if status not in (0, 1) or "Traceback" in stderr or "[D109]" in stderr or "[D900]" in stderr:
                crashes.append(f"{batch.folder.name}: status {status}: {stderr.strip().splitlines()[-1:]}")
            lost.extend(sorted(batch.good - ids))
            runs.append((seconds, batch.folder))
            print(f"{batch.folder.name}: {batch.inputs:,} inputs, {len(batch.good)} good, status {status}, "
                  f"{seconds:.1f} s, lost {len(batch.good - ids)}", flush=True)
            k += 1
        print(f"\ninputs {made:,} in {len(runs)} runs ({time.perf_counter() - started:,.0f} s); good articles {good:,}")
        print(f"crashes: {len(crashes)}" + "".join(f"\n  {c}" for c in crashes[:10]))
        print(f"exit statuses: {dict(sorted(statuses.items()))}")
        print(f"good articles lost: {len(lost)}" + (f" ({', '.join(lost[:10])})" if lost else ""))
        print(f"inputs refused as over their time budget (D301, D110): {over}")
        runs.sort(reverse=True)
        print("slowest runs: " + ", ".join(f"{p.name} {s:.1f} s" for s, p in runs[:3]))
        print(f"slowest inputs of {runs[0][1].name}, each alone:")
        for seconds, name in slowest_inputs(runs[0][1]):
            print(f"  {seconds:6.2f} s  {name}")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
