"""Search benchmark (not a test): index time, query latency and throughput through HTTP.

For each size it generates a corpus with ../shared/bench/make_corpus.py (news = docs / 5),
builds the portal (site and index) with the real build, then measures on loopback:
- cold index time (the build's own figure) and a rebuild's, after editing one document;
- latency of top-10 queries with snippets, one client: p50, p95, p99;
- throughput with concurrent clients for a bounded time.
Prints a Markdown table. Usage: invoke bench-search [--sizes 1000,10000]
"""

import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queries(content: Path, count: int, seed: int = 7) -> list[str]:
    """Realistic queries from the corpus itself: title words without diacritics, and numbers."""
    from search.text import fold

    rng = random.Random(seed)
    titles, numbers = [], []
    for path in sorted(content.rglob("*.md"))[:3000]:
        for line in path.read_text(encoding="utf-8").splitlines()[1:20]:
            if line.startswith("title: "):
                titles.append(line[7:].strip('"'))
            elif line.startswith("number: "):
                numbers.append(line[8:].strip('"'))
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.25 and numbers:
            number = rng.choice(numbers)
            out.append(number.lower() if rng.random() < 0.5 else number)
        else:
            words = fold(rng.choice(titles)).lower().split()
            start = rng.randrange(max(len(words) - 3, 1))
            out.append(" ".join(words[start:start + rng.randint(1, 4)]))
    return out


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        json.loads(response.read())
    return (time.perf_counter() - started) * 1000


def measure(size: int, work: Path) -> dict:
    from portal_build import build
    from search.service import create_app, make_threaded_server

    content, output = work / f"content-{size}", work / f"output-{size}"
    subprocess.run([sys.executable, str(CORPUS), "--docs", str(size), "--news", str(size // 5), "--out", str(content)],
                   check=True, capture_output=True)
    started = time.perf_counter()
    result = build(ROOT / "pelicanconf.py", content, output, {"PORTAL_TODAY": "2026-11-01"})
    build_seconds = time.perf_counter() - started
    assert result.ok, [str(p) for p in result.problems[:5]]
    cold_index = result.index.seconds

    one = sorted((content / "van-ban").rglob("*.md"))[0]
    one.write_text(one.read_text(encoding="utf-8") + "\nĐã sửa để đo việc lập chỉ mục lại.\n", encoding="utf-8")
    rebuild = build(ROOT / "pelicanconf.py", content, output, {"PORTAL_TODAY": "2026-11-01"})
    assert rebuild.index.updated == 1 and rebuild.index.added == 0

    app = create_app(output / "_search", output)
    server = make_threaded_server("127.0.0.1", 0, app)
    server.RequestHandlerClass.log_message = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/api/search?"
    asked = [base + urllib.parse.urlencode({"q": text}) for text in queries(content, 400)]
    for url in asked[:20]:  # warm up: open the index, fill the OS cache
        timed_get(url)
    latencies = sorted(timed_get(url) for url in asked[20:320])

    clients, seconds, done = 4, 8.0, []
    stop = time.perf_counter() + seconds

    def client(offset):
        count, i = 0, offset
        while time.perf_counter() < stop:
            timed_get(asked[i % len(asked)])
            count, i = count + 1, i + clients
        done.append(count)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.shutdown()

    def pct(p):
        return latencies[min(int(len(latencies) * p), len(latencies) - 1)]

    return {"size": size, "items": result.index.added, "build_s": build_seconds, "index_s": cold_index,
            "reindex_s": rebuild.index.seconds, "p50": statistics.median(latencies), "p95": pct(0.95),
            "p99": pct(0.99), "qps": sum(done) / seconds, "clients": clients, "rss_mb": peak_rss_mb()}


def main(sizes: list[int]) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        for size in sizes:
            rows.append(measure(size, Path(tmp)))
            print(json.dumps(rows[-1]), file=sys.stderr)
    print("| documents (+ news) | items indexed | whole build | cold index | re-index after 1 edit | "
          "p50 | p95 | p99 | queries/s (4 clients) | peak RSS of the run |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['size']:,} (+{r['size'] // 5:,}) | {r['items']:,} | {r['build_s']:.1f} s | {r['index_s']:.1f} s | "
              f"{r['reindex_s']:.2f} s | {r['p50']:.1f} ms | {r['p95']:.1f} ms | {r['p99']:.1f} ms | "
              f"{r['qps']:.0f} | {r['rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main([int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000,10000").split(",")])
