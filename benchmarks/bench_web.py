"""Web load: story pages and their JSON at a fixed request rate while an ingest of 1,000 articles runs.

Run: ``python -m benchmarks.bench_web`` (``make bench-web``); ``--seconds``/``--rate`` to change the
run. Everything talks over 127.0.0.1 between separate processes:

1. Build a database of 10,000 articles: the 1,438 DPG Media 2019 articles plus 8,562
   recombinations of them (article A with its k-th sentence dropped and one sentence of another
   article B appended, a real DPG outlet name, A's date + k days). The copies of one article
   form one story (about 1,440 stories of ~7 reports), plus one large story of 300 reports and the
   five seed reports as a story. No DPG text is written into the repository (files go to a
   temporary folder).
2. Start ``storyline serve`` on a free port (a subprocess).
3. Load client (another subprocess, open loop): requests scheduled at a fixed rate, round-robin
   over the HTML and JSON pages of five stories; latency counted from the scheduled start, so a
   stalled server cannot hide queued requests (no coordinated omission).
4. Runs side by side: a quiet run (no ingest), then the same load with ``storyline ingest`` of
   1,000 new recombinations started 3 s in (another process). Ingest correctness: its report says
   1,000 new, the store holds 11,005 articles, and the FTS index passes its integrity check.

Target (issue 7): no errors, p99 < 250 ms at 200 requests/s for 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks._report import DATA, ROOT, table, write_section

CORPUS = DATA / "dpgmedia2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
LABELS = DATA / "dpgmedia2019" / "dpgMedia2019-labels-byarticle.jsonl"
SEEDS = ROOT / "examples" / "sochi"
COMMAND = "python -m benchmarks.bench_web"
TOTAL = 10_000
INGEST = 1_000
BIG_STORY = 300
TARGET_P99_MS = 250.0


# ------------------------------------------------------------------------------------------------
# 1. The database
# ------------------------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    import re

    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def recombine(base: list[dict[str, Any]], outlets: list[str], start: int, count: int,
              seed: int) -> list[dict[str, Any]]:
    """``count`` new articles: article A minus its k-th sentence plus one sentence of B, another outlet and day."""
    rng = random.Random(seed)
    out = []
    for i in range(start, start + count):
        a = base[i % len(base)]
        b = base[rng.randrange(len(base))]
        k = i // len(base)
        sents = _sentences(a["text"])
        if len(sents) > 3:
            del sents[k % len(sents)]
        extra = _sentences(b["text"])
        if extra:
            sents.append(extra[rng.randrange(len(extra))])
        published = a.get("published_at") or "2019-03-01"
        day = min(28, int(published[8:10] or 1) + k % 4) if len(published) >= 10 else 1
        out.append({
            "id": f"recombined-{seed}-{i}", "title": a.get("title"), "text": " ".join(sents),
            "published": f"{published[:8]}{day:02d}" if len(published) >= 10 else published,
            "outlet": outlets[(i + k) % len(outlets)], "language": "nl", "base": str(a["id"]),
            "url": f"https://example.org/{seed}/{i}",
        })
    return out


def build_database(folder: Path) -> dict[str, Any]:
    """Write the JSONL inputs, ingest 10,000 articles + seeds, store the stories; return what the load needs."""
    from storyline.model import Story
    from storyline.pipeline import ingest
    from storyline.settings import Settings
    from storyline.store import Store

    base = [r for r in map(json.loads, CORPUS.open(encoding="utf-8")) if len(_sentences(r.get("text") or "")) >= 2]
    publishers = sorted({json.loads(line)["publisher"] for line in LABELS.open(encoding="utf-8")})
    outlets = [p.upper() if len(p) <= 3 else p.title() for p in publishers] or ["DPG"]
    originals = [{"id": str(r["id"]), "title": r.get("title"), "text": r["text"], "published": r.get("published_at"),
                  "outlet": outlets[n % len(outlets)], "language": "nl", "base": str(r["id"]),
                  "url": f"https://example.org/original/{r['id']}"}
                 for n, r in enumerate(base)]
    records = originals + recombine(base, outlets, len(base), TOTAL - len(base), seed=1)
    fresh = recombine(base, outlets, TOTAL, INGEST, seed=2)
    fresh_2 = recombine(base, outlets, TOTAL + INGEST, INGEST, seed=3)
    main_dir, ingest_file, ingest_file_2 = folder / "articles", folder / "ingest.jsonl", folder / "ingest-2.jsonl"
    main_dir.mkdir()
    chunks = [(main_dir / f"part-{n}.jsonl", records[n:n + 2500]) for n in range(0, len(records), 2500)]
    for path, rows in [*chunks, (ingest_file, fresh), (ingest_file_2, fresh_2)]:  # files under the 20 MB input limit
        with path.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: v for k, v in r.items() if k != "base"}, ensure_ascii=False) + "\n")
    db = folder / "web.db"
    settings = Settings(db=str(db))
    t0 = time.perf_counter()
    with Store(db) as store:
        report = ingest([str(main_dir), str(SEEDS)], store, settings)
        assert report.new == TOTAL + 5, (report.new, report.duplicate, report.rejected[:3])
        ids_by_external = dict(store.reader().execute("SELECT external_id, id FROM articles").fetchall())
        families: dict[str, list[str]] = {}
        for r in records:
            families.setdefault(r["base"], []).append(ids_by_external[r["id"]])
        stories = [Story(id=f"dpg-{key}", title=next(x["title"] for x in originals if x["base"] == key) or key,
                         articles=ids) for key, ids in families.items()]
        big = [a for ids in list(families.values())[:BIG_STORY // 7 + 1] for a in ids][:BIG_STORY]
        stories.append(Story(id="dpg-big", title="Een groot verhaal van driehonderd berichten", articles=big))
        seed_ids = [ids_by_external[p.name] for p in sorted(SEEDS.glob("*.txt"))]
        stories.append(Story(id="sochi", title="Loekasjenko kan rekenen op steun van Rusland", articles=seed_ids))
        store.put_stories(stories)
        count = store.count_articles()
    return {"db": str(db), "ingest_file": str(ingest_file), "ingest_file_2": str(ingest_file_2), "articles": count, "stories": len(stories),
            "build_s": time.perf_counter() - t0,
            "story_ids": ["sochi", "dpg-big", stories[10].id, stories[500].id, stories[1000].id]}


# ------------------------------------------------------------------------------------------------
# 2./3. Server and open-loop load client
# ------------------------------------------------------------------------------------------------


def start_server(db: str) -> tuple[subprocess.Popen[bytes], int]:
    """`storyline serve` on a free port; returns the process and port once it answers."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLINE_")}
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "--db", db, "serve", "--port", str(port)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/stories.json", timeout=2).read()
            return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start")


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: nl\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def _load(port: int, paths: list[str], rate: float, seconds: float, connections: int) -> dict[str, Any]:
    """Open-loop load: request k starts at t0 + k/rate on a free keep-alive connection."""
    pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    results: list[tuple[float, float, int, str]] = []  # (scheduled offset, latency, status, path)
    loop = asyncio.get_running_loop()
    t0 = loop.time() + 0.2
    total = int(rate * seconds)

    async def one(k: int) -> None:
        scheduled = t0 + k / rate
        path = paths[k % len(paths)]
        conn = await pool.get()
        status = 0
        try:
            status = await asyncio.wait_for(_request(*conn, path), timeout=10)
            pool.put_nowait(conn)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            conn[1].close()
            try:
                pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
            except OSError:
                pass
        results.append((scheduled - t0, loop.time() - scheduled, status, path))

    tasks = []
    for k in range(total):
        delay = t0 + k / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(k)))
    await asyncio.gather(*tasks)
    while not pool.empty():
        pool.get_nowait()[1].close()
    return {"results": results, "wall": loop.time() - t0}


def client_main(args: argparse.Namespace) -> None:
    """Entry of the load-client subprocess: run the load and print the raw results as JSON."""
    out = asyncio.run(_load(args.port, args.paths, args.rate, args.seconds, args.connections))
    json.dump(out, sys.stdout)


def summarise(results: list[list[Any]], window: tuple[float, float] | None = None) -> dict[str, Any]:
    """Percentiles (ms), error count and achieved rate, optionally for requests scheduled inside a window."""
    rows = [r for r in results if window is None or window[0] <= r[0] <= window[1]]
    lat = sorted(r[1] * 1000 for r in rows)
    errors = sum(1 for r in rows if r[2] != 200)

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")

    return {"requests": len(rows), "errors": errors, "p50": pct(50), "p90": pct(90), "p99": pct(99),
            "max": lat[-1] if lat else float("nan"), "mean": statistics.fmean(lat) if lat else float("nan")}


def server_stack() -> str:
    """Which HTTP parser and event loop uvicorn picks here ('auto' uses httptools/uvloop when installed)."""
    import importlib.util

    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"uvicorn with {http} and {loop}"


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_second(results: list[list[Any]]) -> list[float]:
    """p99 latency (ms) of the requests scheduled in each second of a run: where the slow ones were."""
    buckets: dict[int, list[float]] = {}
    for r in results:
        buckets.setdefault(int(r[0]), []).append(r[1] * 1000)
    return [round(sorted(v)[min(len(v) - 1, int(0.99 * len(v)))], 1) for _, v in sorted(buckets.items())]


def run_load(port: int, paths: list[str], rate: float, seconds: float) -> tuple[subprocess.Popen[bytes], float]:
    """Start the load client process; returns it and its start time (monotonic)."""
    cmd = [sys.executable, "-m", "benchmarks.bench_web", "--client", "--port", str(port), "--rate", str(rate),
           "--seconds", str(seconds), "--connections", "32", "--paths", *paths]
    started = time.monotonic()
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE), started


def collect(proc: subprocess.Popen[bytes], timeout: float) -> dict[str, Any]:
    """The load client's results (waits for it, bounded)."""
    out, _ = proc.communicate(timeout=timeout)
    return json.loads(out)


# ------------------------------------------------------------------------------------------------
# 4. The runs
# ------------------------------------------------------------------------------------------------


def bench(rate: float, seconds: float, write: bool) -> dict[str, Any]:
    from storyline.store import Store

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        built = build_database(Path(tmp))
        print(f"database: {built['articles']} articles, {built['stories']} stories in {built['build_s']:.1f} s",
              file=sys.stderr)
        paths = [p for s in built["story_ids"] for p in (f"/stories/{s}", f"/stories/{s}.json")]
        server, port = start_server(built["db"])
        try:
            cold = []
            for p in paths:  # first views build the digests (measured apart: the cold cost)
                t = time.perf_counter()
                urllib.request.urlopen(f"http://127.0.0.1:{port}{p}", timeout=60).read()
                cold.append((time.perf_counter() - t) * 1000)
            cold_ms = max(cold)
            runs: dict[str, dict[str, Any]] = {}
            load_before = os.getloadavg()[0]
            cpu0, load0 = server_cpu(server.pid), f"{os.getloadavg()[0]:.1f}"
            handle, _ = run_load(port, paths, rate, seconds)
            quiet = collect(handle, seconds + 60)
            series: dict[str, list[float]] = {"load alone": per_second(quiet["results"])}
            runs["load alone"] = summarise(quiet["results"]) | {
                "achieved": len(quiet["results"]) / quiet["wall"], "loadavg": load0,
                "server_cpu_ms": f"{(server_cpu(server.pid) - cpu0) * 1000 / max(1, len(quiet['results'])):.2f}"}

            ingests: dict[str, dict[str, Any]] = {}
            for label, niceness, source in (("during ingest", 0, built["ingest_file"]),
                                            ("during ingest at nice 10", 10, built["ingest_file_2"])):
                cpu0, load0 = server_cpu(server.pid), f"{os.getloadavg()[0]:.1f}"
                handle, started = run_load(port, paths, rate, seconds)
                time.sleep(3.0)
                t_ingest = time.monotonic()
                ingest = subprocess.run(["nice", "-n", str(niceness), sys.executable, "-m", "storyline", "--db",
                                         built["db"], "ingest", source, "--json"], cwd=ROOT, capture_output=True,
                                        text=True, check=False)
                ingest_s = time.monotonic() - t_ingest
                busy = collect(handle, seconds + 120)
                offset = t_ingest - started - 0.2
                runs[f"{label} (whole run)"] = summarise(busy["results"]) | {
                    "achieved": len(busy["results"]) / busy["wall"], "loadavg": load0,
                    "server_cpu_ms": f"{(server_cpu(server.pid) - cpu0) * 1000 / max(1, len(busy['results'])):.2f}"}
                runs[f"{label} (ingest window)"] = summarise(busy["results"], (offset, offset + ingest_s))
                series[label] = per_second(busy["results"])
                report = json.loads(ingest.stdout) if ingest.stdout.strip().startswith("{") else {}
                ingests[label] = {"exit": ingest.returncode, "seconds": round(ingest_s, 1), "new": report.get("new"),
                                  "window_s": [round(offset, 1), round(offset + ingest_s, 1)]}
            with Store(built["db"]) as store:
                count, fts_ok = store.count_articles(), store.fts_in_sync()
        finally:
            server.terminate()
            server.wait(timeout=20)
    result = {"runs": runs, "series_p99_ms": series, "rate": rate, "seconds": seconds, "cold_first_views_ms": cold_ms,
              "ingests": ingests, "articles_after": count, "fts_in_sync": fts_ok,
              "built": {k: built[k] for k in ("articles", "stories", "build_s")}, "loadavg_before": load_before,
              "server_stack": server_stack()}
    if write:
        write_doc(result)
    return result


def write_doc(r: dict[str, Any]) -> None:
    """The docs/BENCHMARKS.md section of one run."""
    rows = []
    for name, s in r["runs"].items():
        rows.append([name, s["requests"], s["errors"], f"{s['achieved']:.0f}" if "achieved" in s else "",
                     f"{s['p50']:.1f}", f"{s['p90']:.1f}", f"{s['p99']:.1f}", f"{s['max']:.1f}",
                     s.get("server_cpu_ms", ""), s.get("loadavg", "")])
    worst = max(s["p99"] for s in r["runs"].values())
    errors = sum(s["errors"] for s in r["runs"].values())
    ingests = r["ingests"]
    expected = r["built"]["articles"] + INGEST * len(ingests)
    correct = all(i["new"] == INGEST and i["exit"] == 0 for i in ingests.values()) and r["fts_in_sync"] \
        and r["articles_after"] == expected
    ok = errors == 0 and worst < TARGET_P99_MS and correct
    ingest_lines = "\n".join(f"- {label}: exit {i['exit']}, {i['new']} new in {i['seconds']} s "
                              f"(seconds {i['window_s'][0]}–{i['window_s'][1]} of the run)"
                              for label, i in ingests.items())
    series = "\n".join(f"- {label}: {', '.join(f'{v:.0f}' for v in values)}" for label, values in r["series_p99_ms"].items())
    body = f"""Story pages (HTML and JSON of five stories: the seed story, a 300-report story, three ~7-report
stories) at a fixed {r['rate']:.0f} requests/s for {r['seconds']:.0f} s per run, from a separate open-loop client process
over 127.0.0.1, against a database of {r['built']['articles']:,} articles and {r['built']['stories']:,} stories (DPG
Media 2019 + recombinations, see the module docstring; built in {r['built']['build_s']:.0f} s). Side by side in
one run: the load alone, with `storyline ingest` of {INGEST:,} new articles started 3 s in (another process),
and the same with the ingest started under `nice -n 10` (how a batch job would run next to the server).
Server: `storyline serve` ({r.get('server_stack', 'uvicorn')}). Latency in ms from each request's scheduled start (queueing included). "server CPU" is the server
process's CPU time per request; "load" the 1-minute load average at the start of the run (2 cores,
shared with other work while this ran).

{table(["run", "requests", "errors", "req/s", "p50", "p90", "p99", "max", "server CPU ms/req", "load"], rows)}

Ingests during the load (correctness: {r['articles_after']:,} articles after, expected {expected:,}; FTS index in
sync: {r['fts_in_sync']}):
{ingest_lines}

p99 per second of each run (ms), to show where the slow requests were:
{series}

Slowest first (uncached) view of the ten pages: {r['cold_first_views_ms']:.0f} ms; later views come from the
per-story page cache (checked against the story's stored version on every request; an HTTP ingest drops the stories it changed).

Target: no errors and p99 < {TARGET_P99_MS:.0f} ms in every run — **{'met' if ok else 'NOT met'}** (worst p99
{worst:.1f} ms, {errors} errors; ingest correct: {correct}).
{r.get('note', '')}
"""
    write_section("web", "Web: story pages under load while an ingest runs", COMMAND, body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--paths", nargs="*", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--connections", type=int, default=32, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second (default 200)")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run (default 30)")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/BENCHMARKS.md")
    parser.add_argument("--write-from", metavar="JSON", help="write docs/BENCHMARKS.md from a saved result instead")
    parser.add_argument("--save", metavar="JSON", help="also save the raw result to this file")
    args = parser.parse_args()
    if args.client:
        client_main(args)
        return
    if args.write_from:
        write_doc(json.loads(Path(args.write_from).read_text(encoding="utf-8")))
        return
    if not CORPUS.exists():
        sys.exit(f"missing {CORPUS}: the evaluation data is not here (set STORYLINE_DATA)")
    result = bench(args.rate, args.seconds, write=not args.no_write)
    if args.save:
        Path(args.save).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    main()
