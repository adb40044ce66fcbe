"""The portal's benchmark (not a test): our build against plain Pelican, rebuilds, search.

For each size it generates two corpora with ../shared/bench/make_corpus.py (documents N,
news N/5): ours, and the same content flavoured for plain Pelican. Then, in this one run,
each measurement in a fresh process:
- plain Pelican (bench/plain_pelicanconf.py, no plugins, content cache on): cold, then
  again after editing one file (cache warm);
- our build (pages, relations, citations, listings, feeds, open data, index): cold (no
  output, empty render cache), then after editing one document twice (the first rebuild has no spare
  site yet), adding one, deleting one;
- search through HTTP: the service under gunicorn (one worker per core) on loopback, one
  client for latency (p50/p95/p99), then concurrent clients for throughput.
Peak memory is each build process's peak RSS, and the largest of its child processes.

Usage: python bench/portal_bench.py [--sizes 1000,10000] [--quick] [--write docs/benchmarks.md]
--quick is one size of 500 documents and shorter search runs, for CI: it prints, never fails
on figures.
"""

import argparse
import json
import os
import platform
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"
TODAY = "2026-11-01"
START, END = "<!-- invoke bench: start -->", "<!-- invoke bench: end -->"
EDITOR_START, EDITOR_END = "<!-- invoke bench --editor: start -->", "<!-- invoke bench --editor: end -->"
SEARCH_START, SEARCH_END = "<!-- invoke bench --search-only: start -->", "<!-- invoke bench --search-only: end -->"


# --------------------------------------------------------------------------- one measurement per process


def _peaks() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": round(own), "child_rss_mb": round(children)}


def _our_build(content: str, output: str, cache: str) -> dict:
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from portal_build import build

    started = time.perf_counter()
    result = build(
        ROOT / "pelicanconf.py", Path(content), Path(output), {"PORTAL_TODAY": TODAY, "PORTAL_CACHE_PATH": cache}
    )
    seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("\n".join(str(p) for p in result.problems if p.is_error)[:2000])
    i = result.index
    return {
        "seconds": seconds,
        "pages": result.pages,
        "index_s": i.seconds,
        "indexed": [i.added, i.updated, i.deleted],
        "rendered": result.bodies.rendered,
        "reused": result.bodies.reused,
        "pages_rendered": result.pages_rendered,
        "pages_reused": result.pages_reused,
        "history_s": result.history_seconds,
        "review_s": result.review_seconds,
        "history_note": result.history_note,
        **_peaks(),
    }


def _plain_pelican(content: str, output: str, cache: str) -> dict:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "bench" / "plain_pelicanconf.py"),
        override={"PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache},
    )
    started = time.perf_counter()
    Pelican(settings).run()
    return {"seconds": time.perf_counter() - started, **_peaks()}


def measured(kind: str, *args: str, env: dict | None = None) -> dict:
    """Run one measurement in a fresh Python; its JSON."""
    done = subprocess.run(
        [sys.executable, __file__, f"--{kind}", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} {args} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _preview(content: str, output: str, cache: str) -> dict:
    """The live preview as `invoke serve --watch` runs it, over HTTP: a preview build, then one document
    saved with a new sentence; how long until the preview serves its page with the sentence (the page
    made at once from the last build's model, portal_serve.quick), and until the build that follows
    serves it."""
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from pelican.settings import read_settings
    from portal_build import build
    from portal_serve.app import portal_app
    from portal_serve.watch import PreviewState, Watcher, preview_app

    settings_file, content_root = ROOT / "pelicanconf.py", Path(content)
    overrides = {"PORTAL_TODAY": TODAY, "PORTAL_CACHE_PATH": cache, "PORTAL_PREVIEW": True}
    builds = []

    def rebuild():
        started = time.perf_counter()
        result = build(settings_file, content_root, Path(output), overrides)
        builds.append(time.perf_counter() - started)
        return result

    state = PreviewState()
    watcher = Watcher([content_root], rebuild, state, log=lambda _: None, content=content_root)
    watcher.build_once()
    watcher.start()
    watcher.ready.wait(60)

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    app = preview_app(portal_app(Path(output), read_settings(str(settings_file))), state)
    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    one = min((content_root / "van-ban").rglob("*.md"))
    url = (
        f"http://127.0.0.1:{server.server_port}/"
        + watcher.last.site.entries[one.relative_to(content_root).as_posix()].url
    )
    sentence = f"Câu mới lúc {time.time():.0f} để đo bản xem trước."

    def served() -> bytes:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()

    saved = time.perf_counter()
    one.write_text(one.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    marker, quick_s, built_s = sentence.encode(), None, None
    while time.perf_counter() - saved < 600 and built_s is None:
        page = served()
        if marker in page and quick_s is None:
            quick_s = time.perf_counter() - saved
        if marker in page and b"preview-quick" not in page:
            built_s = time.perf_counter() - saved
        time.sleep(0.05)
    watcher.stop()
    server.shutdown()
    return {"quick_s": quick_s, "built_s": built_s, "first_build_s": builds[0], **_peaks()}


# --------------------------------------------------------------------------- content changes


def edit_one(content: Path) -> None:
    """Either flavour of corpus: the first document gets one more sentence."""
    one = min((content / "van-ban").rglob("*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\nĐã sửa để đo việc xây dựng lại.\n", encoding="utf-8")


def add_one(content: Path) -> None:
    """A new document, as staff publish one: issued and posted the day before the bench's today (the newest
    of the archive), with another document's text."""
    model = sorted((content / "van-ban").rglob("*.md"))[1]
    day = (date.fromisoformat(TODAY) - timedelta(days=1)).isoformat()
    new = {"number:": "number: 9999/QĐ-BENCH\n", "issued:": f"issued: {day}\n", "date:": f"date: {day}\n"}
    lines = model.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [next((v for k, v in new.items() if line.startswith(k)), line) for line in lines]
    lines = [line for line in lines if not line.startswith(("effective:", "expires:", "comment_until:"))]
    (model.parent / "9999-qd-bench.md").write_text("".join(lines), encoding="utf-8")


def delete_one(content: Path) -> None:
    max((content / "van-ban").rglob("*.md")).unlink()


# --------------------------------------------------------------------------- the archive in git, with review

HISTORY_EDITS = 20  # commits after the first, each editing one document
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Biên tập viên",
    "GIT_AUTHOR_EMAIL": "bien-tap@bench.invalid",
    "GIT_COMMITTER_NAME": "Biên tập viên",
    "GIT_COMMITTER_EMAIL": "bien-tap@bench.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def into_git(content: Path) -> None:
    """The corpus as an archive kept in git: everything in one commit, then one commit per edited document,
    a renamed file and the document edit_one changes."""
    _git(content, "init", "-q", "-b", "main")
    _git(content, "add", "-A")
    _git(content, "commit", "-q", "-m", "Kho văn bản")
    documents = sorted((content / "van-ban").rglob("*.md"))
    for n in range(HISTORY_EDITS):
        one = documents[2 + (n * 37) % (len(documents) - 2)]
        one.write_text(one.read_text(encoding="utf-8") + f"\nĐính chính lần {n + 1}.\n", encoding="utf-8")
        _git(content, "commit", "-q", "-am", f"Đính chính {n + 1}")
    moved = documents[1]
    _git(content, "mv", str(moved), str(moved.with_name("doi-ten-" + moved.name)))
    _git(content, "commit", "-q", "-m", "Đổi tên tệp")
    edit_one(content)
    _git(content, "commit", "-q", "-am", "Sửa một văn bản")


def approve(content: Path, key: Path) -> None:
    """A reviewer's signed approval of everything committed (what `invoke duyet` makes)."""
    _git(
        content,
        "-c",
        "gpg.format=ssh",
        "-c",
        f"user.signingkey={key}",
        "commit",
        "-q",
        "--allow-empty",
        "-S",
        "-m",
        "Duyệt",
    )


def turn_review_on(content: Path, work: Path) -> Path:
    key = work / "bench-reviewer"
    if not key.exists():
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    public = " ".join(key.with_suffix(".pub").read_text().split()[:2])
    (content / ".nguoi-duyet").write_text(f"duyet@bench.invalid {public}\n", encoding="utf-8")
    _git(content, "add", ".nguoi-duyet")
    _git(content, "commit", "-q", "-m", "Bật duyệt")
    approve(content, key)
    return key


# --------------------------------------------------------------------------- search through HTTP


def queries(content: Path, count: int, seed: int = 7) -> list[str]:
    """Realistic queries from the corpus itself: title words without diacritics, and numbers."""
    sys.path[:0] = [str(ROOT)]
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
            out.append(" ".join(words[start : start + rng.randint(1, 4)]))
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        json.loads(response.read())
    return (time.perf_counter() - started) * 1000


LOAD_QUERIES = 3000  # more than 8 connections ask in the load's seconds


def search(
    output: Path, content: Path, latency_queries: int, seconds: float, clients: int, database: str = "", worst: str = ""
) -> dict:
    """`database`: the service searches the index the build wrote into this PostgreSQL database."""
    port, workers = _free_port(), os.cpu_count() or 1
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--pythonpath",
            f"{ROOT},{ROOT / 'plugins'}",
            "portal_serve.wsgi:search_application",
        ],
        cwd=ROOT,
        env={**os.environ, "PORTAL_OUTPUT": str(output), "PORTAL_SEARCH_DATABASE": database},
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/api/search?"
        for _ in range(100):
            try:
                _get(base + "q=x")
                break
            except OSError:
                time.sleep(0.1)
        # every query is asked once: a worker answers a query asked again from memory (search.engine.Answers),
        # which is not what these figures are about. Warm-up, latency and load each have their own queries.
        texts = list(dict.fromkeys(queries(content, latency_queries + 100 + LOAD_QUERIES)))
        asked = [base + urllib.parse.urlencode({"q": text}) for text in texts]
        for url in asked[:40]:  # warm up every worker: open the index, fill the OS cache
            _get(url)
        latencies = sorted(_get(url) for url in asked[100 : 100 + latency_queries])
        fresh = asked[100 + latency_queries :] or asked
        stop, done, loaded = time.perf_counter() + seconds, [], []

        def client(offset):
            count, i = 0, offset
            while time.perf_counter() < stop:
                # distinct queries, and then each with a page of its own, so no answer is given twice
                url = fresh[i % len(fresh)] + (f"&page={i // len(fresh) + 1}" if i >= len(fresh) else "")
                loaded.append(_get(url))
                count, i = count + 1, i + clients
            done.append(count)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        hostile = _beside_the_worst(base, worst or _worst_query(output), fresh[: len(fresh) // 2], seconds)
        relevance = _relevance(f"http://127.0.0.1:{port}", content)
        memory = _workers_rss(server.pid)
    finally:
        server.terminate()
        server.wait()

    def pct(values, p):
        return values[min(int(len(values) * p), len(values) - 1)]

    loaded.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": pct(latencies, 0.95),
        "p99": pct(latencies, 0.99),
        "qps": sum(done) / seconds,
        "loaded_p99": pct(loaded, 0.99) if loaded else 0.0,
        **hostile,
        "clients": clients,
        "workers": workers,
        "queries": len(latencies),
        **relevance,
        **memory,
    }


def _workers_rss(master: int) -> dict:
    """Each gunicorn worker's resident memory now and at its peak (MB), read from /proc."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()

    def megabytes(pid: str, field: str) -> float:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return 0.0

    return {
        "worker_rss_mb": max((megabytes(pid, "VmRSS") for pid in children), default=0.0),
        "worker_peak_mb": max((megabytes(pid, "VmHWM") for pid in children), default=0.0),
    }


ATTACKERS = 4


def _database_mb(url: str) -> float:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6


def _postgres():
    """A throwaway PostgreSQL cluster from Debian's binaries (tests/pg_cluster.py)."""
    sys.path[:0] = [str(ROOT / "tests")]
    from pg_cluster import Cluster

    return Cluster()


def _index_folder(output: Path) -> Path:
    """The Whoosh index a build into `output` wrote (beside it: portal_content.private)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from portal_content.private import search_index_of

    return search_index_of(output)


def _worst_query(output: Path) -> str:
    """The most expensive query one can type: the twelve words most documents have (each in every
    field), which every document matches, so every posting of them is read, scored and counted."""
    from whoosh import index

    from search.indexer import INDEX_NAME

    with index.open_dir(_index_folder(output), indexname=INDEX_NAME).reader() as reader:
        common = sorted((reader.doc_frequency("body_ascii", t), t) for t in reader.field_terms("body_ascii"))
    return " ".join(term for _, term in common[-12:])


def _beside_the_worst(base: str, text: str, normal: list[str], seconds: float) -> dict:
    """One client's distinct queries while ATTACKERS clients send the most expensive query over and over,
    each time another page (so no answer is given again from memory)."""
    worst = base + urllib.parse.urlencode({"q": text})
    stop, latencies, sent = time.perf_counter() + seconds, [], []

    def attacker(n):
        page = n
        while time.perf_counter() < stop:
            sent.append(_get(f"{worst}&page={page % 100 + 1}"))
            page += ATTACKERS

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(ATTACKERS)]
    for thread in threads:
        thread.start()
    for url in normal:
        if time.perf_counter() >= stop:
            break
        latencies.append(_get(url + "&page=3"))  # pages not asked before
    for thread in threads:
        thread.join()
    latencies.sort()
    sent.sort()
    return {
        "hostile_p99": latencies[min(int(len(latencies) * 0.99), len(latencies) - 1)] if latencies else 0.0,
        "hostile_normal": len(latencies),
        "worst_p50": sent[len(sent) // 2] if sent else 0.0,
    }


def _relevance(base: str, content: Path | None, cases=None) -> dict:
    """MRR and recall@3 of the relevance set (tests/relevance.py) through the running service."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "plugins"), str(ROOT)]
    from relevance import corpus_cases, evaluate

    cases = cases if cases is not None else corpus_cases(content)

    def first_page(query):
        with urllib.request.urlopen(f"{base}/api/search?" + urllib.parse.urlencode({"q": query}), timeout=30) as r:
            return [hit["url"] for hit in json.loads(r.read())["results"]]

    mrr, recall3, _ = evaluate(first_page, cases)
    return {"mrr": mrr, "recall3": recall3, "relevance_queries": len(cases)}


# --------------------------------------------------------------------------- one size


def _corpus(size: int, folder: Path, flavor: str = "portal") -> None:
    """The shared generator's archive of `size` documents and size/5 news into `folder`."""
    subprocess.run(
        [sys.executable, str(CORPUS), "--docs", str(size), "--news", str(size // 5), "--out", str(folder)]
        # as in real archives: numbers without a year restart every year
        + ["--flavor", flavor, "--repeat-numbers", "--force"],
        check=True,
        capture_output=True,
    )


def measure(size: int, work: Path, quick: bool, postgres=None) -> dict:
    ours, plain = work / f"portal-{size}", work / f"plain-{size}"
    for folder, flavor in ((ours, "portal"), (plain, "pelican")):
        _corpus(size, folder, flavor)
    row = {"size": size, "news": size // 5}
    row["plain_cold"] = measured("plain", plain, work / f"plain-out-{size}", work / f"plain-cache-{size}")
    edit_one(plain)
    row["plain_warm"] = measured("plain", plain, work / f"plain-out-{size}", work / f"plain-cache-{size}")
    out, cache = work / f"out-{size}", work / f"cache-{size}"
    row["cold"] = measured("ours", ours, out, cache)
    # the first rebuild after a cold build has no spare site (portal_build/spare.py) to start from; every
    # later one has, as when staff save again and again: measured apart
    for name, change in (("first", edit_one), ("edit", edit_one), ("add", add_one), ("delete", delete_one)):
        change(ours)
        row[name] = measured("ours", ours, out, cache)
    row["preview"] = measured("preview", ours, out, cache)  # the live preview: a save, then its page
    row["search"] = search(out, ours, 100 if quick else 300, 3.0 if quick else 8.0, 8)
    if postgres is not None:  # the same corpus, its index in PostgreSQL: a cold build, then the same search
        url = postgres.new_database(f"bench_{size}")
        database = {"PORTAL_SEARCH_DATABASE": url}
        out_pg = work / f"out-pg-{size}"
        row["pg_cold"] = measured("ours", ours, out_pg, work / f"cache-pg-{size}", env=database)
        row["pg_search"] = search(
            out_pg, ours, 100 if quick else 300, 3.0 if quick else 8.0, 8, database=url, worst=_worst_query(out)
        )
        row["pg_size_mb"] = _database_mb(url)
    # the same rebuild with the content kept in git (each page's history read), then with review on
    # (the first build of each kind renders every page again, once: each page gains its "Cập nhật lần cuối"
    # line, then its approver's name; and the build after one that rendered everything has no spare site)
    into_git(ours)
    row["history_first"] = measured("ours", ours, out, cache)
    for name in ("history_second", "history"):
        edit_one(ours)
        _git(ours, "commit", "-q", "-am", "Sửa một văn bản")
        row[name] = measured("ours", ours, out, cache)
    key = turn_review_on(ours, work)
    row["review_first"] = measured("ours", ours, out, cache)  # the approved content is written out once
    for name in ("review_second", "review"):
        edit_one(ours)
        _git(ours, "commit", "-q", "-am", "Sửa một văn bản")
        approve(ours, key)
        row[name] = measured("ours", ours, out, cache)
    print(json.dumps(row), file=sys.stderr)
    return row


def measure_search(size: int, work: Path, postgres=None) -> dict:
    """Search alone at one size (the national point): a cold build, the search through gunicorn, memory
    per worker; then, with PostgreSQL, the index written there by a build that reuses the rendered pages'
    cache (so its time is mostly the index), and the same search."""
    ours = work / f"portal-{size}"
    _corpus(size, ours)
    out, cache = work / f"out-{size}", work / f"cache-{size}"
    row = {"size": size, "news": size // 5, "cold": measured("ours", ours, out, cache)}
    row["index_mb"] = sum(f.stat().st_size for f in _index_folder(out).rglob("*") if f.is_file()) / 1e6
    print(json.dumps(row), file=sys.stderr)
    row["search"] = search(out, ours, 300, 8.0, 8)
    print(json.dumps(row), file=sys.stderr)
    if postgres is not None:
        url = postgres.new_database(f"bench_{size}")
        out_pg = work / f"out-pg-{size}"
        row["pg_cold"] = measured("ours", ours, out_pg, cache, env={"PORTAL_SEARCH_DATABASE": url})
        row["pg_size_mb"] = _database_mb(url)
        row["pg_search"] = search(out_pg, ours, 300, 8.0, 8, database=url, worst=_worst_query(out))
    print(json.dumps(row), file=sys.stderr)
    return row


def measure_editor(size: int, work: Path) -> dict:
    """The staff editor over a generated archive: making its forms (the settings and every document's issuer and
    lĩnh vực), the backend listing every document, and in Chromium: the list, one document, a relation."""
    sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]
    from portal_editor import make_editor

    from search.service import make_threaded_server

    content = work / f"editor-{size}"
    _corpus(size, content)
    holder = {}
    server = make_threaded_server("127.0.0.1", 0, lambda e, s: holder["app"](e, s))
    port = server.server_address[1]
    started = time.perf_counter()
    editor = make_editor(ROOT / "pelicanconf.py", content, work / f"editor-preview-{size}", port)
    row = {"size": size, "news": size // 5, "start_s": time.perf_counter() - started}
    holder["app"] = editor.app
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host = f"127.0.0.1:{port}"
        body = json.dumps(
            {
                "action": "entriesByFolder",
                "params": {"branch": "main", "folder": "van-ban", "extension": "md", "depth": 3},
            }
        ).encode()
        request = urllib.request.Request(
            f"http://{host}/quan-tri/api",
            data=body,
            headers={"Origin": f"http://{host}", "Content-Type": "application/json"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as answer:
            listed = answer.read()
        row["api_list_s"], row["api_list_mb"] = time.perf_counter() - started, len(listed) / 1e6
        done = subprocess.run(
            ["node", str(ROOT / "bench" / "editor_timing.mjs"), f"http://{host}"],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
            cwd=ROOT,
        )
        if done.returncode != 0:
            raise SystemExit(f"editor timing failed: {done.stderr[-2000:]}")
        row.update(json.loads(done.stdout))
    finally:
        server.shutdown()
        server.server_close()
    print(json.dumps(row), file=sys.stderr)
    return row


def editor_table(rows: list[dict], command: str) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {_machine()}; Decap CMS 3.16.3 in Debian's Chromium.",
        f"Reproduce: `{command}`.",
        "",
        (
            "| documents + news | forms made (start) | backend lists every document | list of Văn bản shown "
            "| one opened | căn cứ options after typing |"
        ),
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} + {r['news']:,} | {r['start_s']:.1f} s | {r['api_list_s']:.1f} s ({r['api_list_mb']:.0f} MB) "
            f"| {r['list_ms'] / 1000:.1f} s ({r['listed']} shown) | {r['open_ms'] / 1000:.1f} s "
            f"| {r['relation_ms'] / 1000:.1f} s |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- the table


def search_table(rows: list[dict], command: str) -> str:
    """The search-only table (`--search-only`): one column per size and backend."""
    columns = []
    for r in rows:
        columns.append((f"Whoosh, {r['size']:,} + {r['news']:,} news", r["cold"], r["index_mb"], r["search"]))
        if "pg_search" in r:
            columns.append(
                (f"PostgreSQL, {r['size']:,} + {r['news']:,}", r["pg_cold"], r["pg_size_mb"], r["pg_search"])
            )
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {_machine()}; Python {platform.python_version()}, {_versions()}.",
        f"Reproduce: `{command}`.",
        "",
        "| measure | " + " | ".join(c[0] for c in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]

    def line(label, f):
        lines.append(f"| {label} | " + " | ".join(f(*c[1:]) for c in columns) + " |")

    line(
        "build (the PostgreSQL one reuses the rendered pages) · of it, the index",
        lambda b, mb, s: f"{b['seconds']:.0f} s · {b['index_s']:.0f} s",
    )
    line("index size", lambda b, mb, s: f"{mb:,.0f} MB")
    line("peak RSS, build process · largest child", lambda b, mb, s: f"{b['rss_mb']:,} MB · {b['child_rss_mb']:,} MB")
    line(
        "one client p50 / p95 / p99 (goal at 100,000: p95 ≤ 200 ms)",
        lambda b, mb, s: f"{s['p50']:.0f} / {s['p95']:.0f} / {s['p99']:.0f} ms",
    )
    line(
        "8 connections: throughput, p99",
        lambda b, mb, s: f"{s['qps']:.0f} queries/s, p99 {s['loaded_p99']:.0f} ms ({s['workers']} workers)",
    )
    line(
        f"p99 of one client beside {ATTACKERS} sending the most expensive query · that query's p50",
        lambda b, mb, s: f"{s['hostile_p99']:.0f} ms · {s['worst_p50']:.0f} ms",
    )
    line(
        "memory per worker after the runs: resident · peak",
        lambda b, mb, s: f"{s['worker_rss_mb']:,.0f} · {s['worker_peak_mb']:,.0f} MB",
    )
    line(
        "relevance: MRR / recall@3",
        lambda b, mb, s: f"{s['mrr']:.3f} / {s['recall3']:.3f} ({s['relevance_queries']} queries)",
    )
    return "\n".join(lines)


def _versions() -> str:
    from importlib.metadata import version

    names = ("pelican", "Markdown", "Whoosh-Reloaded", "numpy", "nh3", "feedgen", "Jinja2", "gunicorn")
    return ", ".join(f"{n} {version(n)}" for n in names)


def _machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}"


def table(rows: list[dict], command: str) -> str:
    first, last = rows[0], rows[-1]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {_machine()}; Python {platform.python_version()}, {_versions()}.",
        f"Reproduce: `{command}`.",
        "",
        "| measure | "
        + " | ".join(f"{r['size']:,} documents + {r['news']:,} news" for r in rows)
        + (f" | growth, ×{rows[-1]['size'] / rows[0]['size']:g} content |" if len(rows) > 1 else " |"),
        "|---|" + "---|" * len(rows) + ("---|" if len(rows) > 1 else ""),
    ]

    def line(label, f, growth=None):
        cells = " | ".join(f(r) for r in rows)
        extra = ""
        if len(rows) > 1:
            extra = f" {growth(first, last):.1f} × |" if growth else " |"
        lines.append(f"| {label} | {cells} |{extra}")

    def ratio(r, a, b):
        return r[a]["seconds"] / r[b]["seconds"]

    def growth_of(key):
        return lambda a, b: b[key]["seconds"] / a[key]["seconds"]

    line("plain Pelican, cold", lambda r: f"{r['plain_cold']['seconds']:.1f} s", growth_of("plain_cold"))
    line(
        "plain Pelican, after editing one file (content cache)",
        lambda r: f"{r['plain_warm']['seconds']:.1f} s ({ratio(r, 'plain_warm', 'plain_cold'):.2f} × its cold)",
        growth_of("plain_warm"),
    )
    line(
        "**ours, cold** (target ≤ 0.8 × plain Pelican cold)",
        lambda r: f"**{r['cold']['seconds']:.1f} s ({ratio(r, 'cold', 'plain_cold'):.2f} × plain)**",
        growth_of("cold"),
    )
    line(
        "ours, first rebuild after the cold build, one document edited (no spare site yet)",
        lambda r: f"{r['first']['seconds']:.1f} s ({ratio(r, 'first', 'cold'):.2f} × cold)" if "first" in r else "–",
    )
    line(
        "ours, after editing one document (target ≤ 0.1 × our cold)",
        lambda r: f"{r['edit']['seconds']:.1f} s ({ratio(r, 'edit', 'cold'):.2f} × cold)",
        growth_of("edit"),
    )
    line(
        "ours, after adding one document",
        lambda r: f"{r['add']['seconds']:.1f} s ({ratio(r, 'add', 'cold'):.2f} × cold)",
        growth_of("add"),
    )
    line(
        "ours, after deleting one document",
        lambda r: f"{r['delete']['seconds']:.1f} s ({ratio(r, 'delete', 'cold'):.2f} × cold)",
        growth_of("delete"),
    )
    line(
        f"ours, content in git ({HISTORY_EDITS + 3}+ commits), after editing one document: whole rebuild "
        "(× the edit without git) · history read (target ≤ 0.1 of the rebuild)",
        lambda r: (
            f"{r['history']['seconds']:.1f} s ({ratio(r, 'history', 'edit'):.2f} ×) · "
            f"{r['history']['history_s']:.2f} s ({r['history']['history_s'] / r['history']['seconds']:.3f})"
        ),
    )
    line(
        "ours, review on, after an approved edit: whole rebuild (× the edit without git) · review + history",
        lambda r: (
            f"{r['review']['seconds']:.1f} s ({ratio(r, 'review', 'edit'):.2f} ×) · "
            f"{r['review']['review_s']:.2f} + {r['review']['history_s']:.2f} s "
            f"({(r['review']['review_s'] + r['review']['history_s']) / r['review']['seconds']:.3f})"
        ),
    )
    line(
        "ours, once: the first build in git · the first with review (every page gains its line)",
        lambda r: f"{r['history_first']['seconds']:.1f} s · {r['review_first']['seconds']:.1f} s",
    )
    line(
        "live preview, a document saved: its page shown (made at once from the last build's model) · "
        "the build's page (target ≤ 2 s for the first)",
        lambda r: (
            f"{r['preview']['quick_s']:.2f} s · {r['preview']['built_s']:.1f} s"
            if r["preview"]["quick_s"] is not None and r["preview"]["built_s"] is not None
            else "not shown"
        ),
    )
    line("pages written (HTML)", lambda r: f"{r['cold']['pages']:,}")
    line(
        "index, cold (child process, beside the pages)",
        lambda r: f"{r['cold']['index_s']:.1f} s",
        lambda a, b: b["cold"]["index_s"] / a["cold"]["index_s"],
    )
    line(
        "index after the edit (items updated / unchanged)",
        lambda r: f"{r['edit']['index_s']:.2f} s ({r['edit']['indexed'][1]} updated)",
    )
    line("bodies rendered / reused after the edit", lambda r: f"{r['edit']['rendered']} / {r['edit']['reused']:,}")
    line(
        "pages rendered / linked unchanged, after the edit · the addition · the deletion",
        lambda r: " · ".join(
            f"{r[k]['pages_rendered']:,} / {r[k]['pages_reused']:,}" for k in ("edit", "add", "delete")
        ),
    )
    line(
        "peak RSS, build process (target ≤ 1 GiB)",
        lambda r: f"{r['cold']['rss_mb']:,} MB",
        lambda a, b: b["cold"]["rss_mb"] / a["cold"]["rss_mb"],
    )
    line("peak RSS, largest child (index, renderers)", lambda r: f"{r['cold']['child_rss_mb']:,} MB")
    line("peak RSS, plain Pelican cold", lambda r: f"{r['plain_cold']['rss_mb']:,} MB")
    line(
        "search p50 / p95 / p99, one client (target p95 ≤ 50 ms)",
        lambda r: f"{r['search']['p50']:.0f} / {r['search']['p95']:.0f} / {r['search']['p99']:.0f} ms",
    )
    line(
        "search throughput and p99, 8 connections (target ≥ 100 /s, p99 ≤ 100 ms)",
        lambda r: (
            f"{r['search']['qps']:.0f} queries/s, p99 {r['search']['loaded_p99']:.0f} ms "
            f"({r['search']['workers']} gunicorn workers)"
        ),
    )
    line(
        f"search p99 of one client while {ATTACKERS} send the most expensive query (target ≤ 250 ms) · that query's p50",
        lambda r: f"{r['search']['hostile_p99']:.0f} ms · {r['search']['worst_p50']:.0f} ms",
    )
    if all("pg_search" in r for r in rows):
        line(
            "PostgreSQL index: cold build with the index written there · database size",
            lambda r: (
                f"{r['pg_cold']['seconds']:.1f} s ({r['pg_cold']['index_s']:.1f} s writing) · {r['pg_size_mb']:,.0f} MB"
            ),
        )
        line(
            "PostgreSQL search p50 / p95 / p99, one client · 8 connections",
            lambda r: (
                f"{r['pg_search']['p50']:.0f} / {r['pg_search']['p95']:.0f} / {r['pg_search']['p99']:.0f} ms · "
                f"{r['pg_search']['qps']:.0f} queries/s, p99 {r['pg_search']['loaded_p99']:.0f} ms"
            ),
        )
        line(
            f"PostgreSQL search p99 beside {ATTACKERS} clients of the most expensive query · MRR",
            lambda r: f"{r['pg_search']['hostile_p99']:.0f} ms · {r['pg_search']['mrr']:.3f}",
        )
    line(
        "relevance on the corpus: MRR / recall@3 (tests/relevance.py, target MRR ≥ 0.9)",
        lambda r: (
            f"{r['search']['mrr']:.3f} / {r['search']['recall3']:.3f} ({r['search']['relevance_queries']} queries)"
        ),
    )
    return "\n".join(lines)


def write_into(document: Path, text: str, start: str = START, end: str = END) -> None:
    source = document.read_text(encoding="utf-8")
    if start in source and end in source:
        before, rest = source.split(start, 1)
        source = before + start + "\n" + text + "\n" + end + rest.split(end, 1)[1]
    else:
        source = source.rstrip() + f"\n\n{start}\n{text}\n{end}\n"
    document.write_text(source, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write")
    parser.add_argument("--postgres", action="store_true", help="also the search index in PostgreSQL")
    parser.add_argument("--search-only", action="store_true", help="a cold build and search only, per size")
    parser.add_argument("--editor", action="store_true", help="the staff editor over a generated archive, per size")
    parser.add_argument("--ours", nargs=3)
    parser.add_argument("--plain", nargs=3)
    parser.add_argument("--preview", nargs=3)
    args = parser.parse_args()
    if args.ours:
        print(json.dumps(_our_build(*args.ours)))
        return
    if args.preview:
        print(json.dumps(_preview(*args.preview)))
        return
    if args.plain:
        print(json.dumps(_plain_pelican(*args.plain)))
        return
    if not CORPUS.is_file():
        print(f"invoke bench: skipped, the corpus generator {CORPUS} is not on this machine.")
        return
    sizes = [500] if args.quick else [int(s) for s in args.sizes.split(",")]
    command = "invoke bench --quick" if args.quick else f"invoke bench --sizes {','.join(map(str, sizes))}"
    command += " --postgres" if args.postgres else ""
    command += " --search-only" if args.search_only else ""
    if args.editor:
        with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
            text = editor_table([measure_editor(size, Path(tmp)) for size in sizes], command + " --editor")
        print(text)
        if args.write:
            write_into(Path(args.write), text, EDITOR_START, EDITOR_END)
        return
    postgres = _postgres() if args.postgres else None
    try:
        with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
            if args.search_only:
                rows = [measure_search(size, Path(tmp), postgres) for size in sizes]
            else:
                rows = [measure(size, Path(tmp), args.quick, postgres) for size in sizes]
    finally:
        if postgres is not None:
            postgres.stop()
    text = search_table(rows, command) if args.search_only else table(rows, command)
    print(text)
    if args.write:
        write_into(Path(args.write), text, *((SEARCH_START, SEARCH_END) if args.search_only else (START, END)))


if __name__ == "__main__":
    main()
