"""The build under faults: concurrent builds, killed processes, hostile headers, huge bodies,
a damaged cache, a full or read-only disk (issue 19). Real builds, real processes, real mounts."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, Site, run_invoke
from samples import document, news


def build_in_child(content: Path, output: Path, marker: str) -> subprocess.Popen:
    """`portal_build.build` in its own process; `marker` in its command line finds it (and its children)."""
    code = (
        f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'plugins')!r}]; {marker!r}\n"
        "from pathlib import Path\nfrom portal_build import build\n"
        f"r = build(Path({str(SETTINGS)!r}), Path({str(content)!r}), Path({str(output)!r}), "
        "{'PORTAL_TODAY': '2024-06-01'})\nsys.exit(0 if r.ok else 1)"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def many_news(site_content: Path, count: int, prefix: str = "Tin") -> None:
    folder = site_content / "tin-tuc" / "dia-phuong"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = f"Nội dung số {n} " + "về văn bản điện tử và chữ ký số. " * 40
        (folder / f"tin-{n:04d}.md").write_text(
            news(title=f"{prefix} số {n}", date=f"2024-01-{1 + n % 28:02d} 09:{n % 60:02d}")
            .replace(f"Nội dung của {prefix} số {n}.", body)
            .lstrip("\n"),
            encoding="utf-8",
        )


# --------------------------------------------------------------------------- 8. one build at a time


def test_a_newer_build_started_later_is_the_one_published(tmp_path):
    older, newer, output = tmp_path / "older", tmp_path / "newer", tmp_path / "output"
    many_news(older, 300, prefix="Tin cũ")
    many_news(newer, 1, prefix="Tin mới")
    first = build_in_child(older, output, "build-older-a1")
    while not list(tmp_path.glob(".output.building-*")):  # the older build has the lock and is writing
        assert first.poll() is None, first.communicate()
        time.sleep(0.02)
    second = build_in_child(newer, output, "build-newer-b2")
    assert second.wait(120) == 0 and first.wait(120) == 0
    assert "chờ lần đó xong" in second.stderr.read().decode()
    assert (output / "tin-tuc" / "dia-phuong" / "tin-moi-so-0" / "index.html").is_file()
    assert not (output / "tin-tuc" / "dia-phuong" / "tin-cu-so-1").exists()


# --------------------------------------------------------------------------- 9. killed processes


def test_a_killed_render_worker_does_not_hang_the_build(site, monkeypatch):
    from portal_content import render_cache

    parent = os.getpid()
    real = render_cache.RenderCache._render

    def dying(self, body):
        if "GIẾT TIẾN TRÌNH" in body and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, body)

    monkeypatch.setattr(render_cache.RenderCache, "_render", dying)
    many_news(site.content, render_cache.PARALLEL_FROM + 10)
    site.write("tin-tuc/dia-phuong/z.md", news(title="Bài cuối").replace("Nội dung của Bài cuối.", "GIẾT TIẾN TRÌNH"))
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(result=site.build(PORTAL_CACHE_PATH=str(site.root / "c"))))
    worker.start()
    worker.join(180)
    assert not worker.is_alive(), "the build hangs after a render worker was killed"
    assert outcome["result"].ok, site.messages()
    assert site.exists("tin-tuc/dia-phuong/bai-cuoi/") and site.exists("tin-tuc/dia-phuong/tin-so-3/")


def test_a_killed_build_leaves_no_indexer_running_and_its_leftovers_go_with_the_next_build(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    many_news(content, 400)
    marker = "killed-build-c3"
    child = build_in_child(content, output, marker)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".output.building-*/output.private/search/*")):  # the indexing child is writing
        assert child.poll() is None and time.monotonic() < deadline, "no indexing child seen"
        time.sleep(0.01)
    assert len(processes_with(marker)) >= 2
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 10
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_with(marker) == [], "the indexing child outlived the killed build"
    assert list(tmp_path.glob(".output.building-*")), "the kill came too late to leave a staging folder"
    site = Site(tmp_path)
    assert site.build().ok
    assert not list(tmp_path.glob(".output.building-*"))


# --------------------------------------------------------------------------- 10, 17. hostile headers


@pytest.mark.parametrize(
    "header, needle",
    [
        ("tags: " + "[" * 30000 + "]" * 30000, "lồng nhau quá sâu"),
        ("tags:\n" + "".join("  " * depth + "- a:\n" for depth in range(40)), "lồng nhau quá sâu"),
        ("summary: !!binary VGluIG5o4bqhbg==", '"!!binary"'),
        ("tags: !!set {a, b}", '"!!set"'),
        ("tags: &t [a, b]\nsource: *t", "tham chiếu"),
    ],
)
def test_a_hostile_header_is_a_message_not_a_crash(site, header, needle):
    site.write("tin-tuc/dia-phuong/a.md", news(extra=header))
    for command in (
        ["build", "--content", str(site.content), "--output", str(site.output)],
        ["check", "--content", str(site.content)],
    ):
        done = run_invoke(*command)
        assert done.returncode == 1, (done.returncode, done.stderr[-2000:])  # not -11 (SIGSEGV)
        assert "tin-tuc/dia-phuong/a.md, dòng" in done.stdout + done.stderr
        assert needle in done.stdout + done.stderr
    assert not site.output.exists()


# --------------------------------------------------------------------------- 11. bodies of any size


def test_body_to_text_is_linear_in_the_size_of_the_body():
    from portal_sanitize import to_text

    unit = "<p>Điều <b>1</b>. Tỷ lệ <em>60%</em> văn bản <a href='/x'>điện tử</a>.</p>"
    timings = []
    for copies in (20_000, 80_000):  # about 1.4 MB and 5.6 MB, thousands of tags each
        started = time.perf_counter()
        text = to_text(unit * copies)
        timings.append(time.perf_counter() - started)
        assert text.count("60%") == copies
    # html5lib's stripping was quadratic (4x the size, 16x the time); allow noise, not a square
    assert timings[1] < 8 * timings[0] + 0.5, timings


# --------------------------------------------------------------------------- 12. the render cache


def _build_and_read(site: Site, cache: Path) -> str:
    assert site.build(PORTAL_CACHE_PATH=str(cache)).ok, site.messages()
    return site.page("van-ban/chi-thi-15-ct-ttg-ngay-22-05-2012/").get_text()


def test_a_changed_byte_in_the_render_cache_never_reaches_the_page(site):
    cache = site.root / "cache"
    site.write(
        "van-ban/ct-15.md", document().replace("Nội dung văn bản 15/CT-TTg.", "Tỷ lệ văn bản điện tử đạt 60% trở lên.")
    )
    assert "60%" in _build_and_read(site, cache)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    for entry in entries:
        data = entry.read_bytes()
        if b"60%" in data:
            entry.write_bytes(data.replace(b"60%", b"90%"))
    text = _build_and_read(site, cache)
    assert "60%" in text and "90%" not in text


def test_a_malformed_render_cache_entry_does_not_unpublish_anything(site):
    cache = site.root / "cache"
    site.write("van-ban/ct-15.md", document())
    _build_and_read(site, cache)
    for entry in (p for p in cache.rglob("*") if p.is_file()):
        entry.write_bytes(b"\x00garbage" * 3)
    assert "Nội dung văn bản 15/CT-TTg" in _build_and_read(site, cache)


# --------------------------------------------------------------------------- 13. a full or read-only disk


@pytest.fixture
def mount_point(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    point = tmp_path / "disk"
    point.mkdir()
    mounted = []

    def mount(options: str) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True, check=False
        )
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode()}")
        mounted.append(point)
        return point

    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.parametrize("options, needle", [("size=64k", "ổ đĩa đã đầy"), ("ro,size=1m", "ổ đĩa chỉ đọc")])
def test_a_full_or_read_only_disk_is_a_message_and_the_site_stays(site, mount_point, options, needle):
    many_news(site.content, 30)
    disk = mount_point(options)
    output = disk / "output"
    result = __import__("portal_build").build(SETTINGS, site.content, output, {"PORTAL_TODAY": "2024-06-01"})
    assert not result.ok
    message = "\n".join(map(str, result.problems))
    assert needle in message and "không phải lỗi nội dung" in message and "Traceback" not in message
    assert not output.exists()
    done = run_invoke("build", "--content", str(site.content), "--output", str(output))
    assert done.returncode == 1 and needle in done.stderr and "Traceback" not in done.stderr, done.stderr[-3000:]
