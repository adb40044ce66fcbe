"""Nothing on disk is trusted that this installation did not make (issue 30, items 3 and 4): a cache entry
sealed with what the public code gives is thrown away, no cache holds code to load, and a cache that
cannot be written or a secret that cannot be had makes a build slower, never a failure."""

import hashlib
import marshal
import os
import stat
import subprocess

import pytest
from conftest import ROOT, SETTINGS
from portal_build import build
from portal_content.render_cache import RenderCache, _fingerprint
from samples import news


def test_a_render_cache_entry_forged_with_the_public_code_fingerprint_is_thrown_away(site, tmp_path):
    cache = tmp_path / "cache" / "render"
    body = "Nội dung của Tin mẫu."
    site.write("tin-tuc/dia-phuong/a.md", news())
    # the forgery the old seal allowed: key and seal both from the code's fingerprint, which anyone can compute
    fingerprint = _fingerprint()
    key = hashlib.blake2b(body.encode(), digest_size=20, key=fingerprint).hexdigest()
    payload = marshal.dumps(("<p>Nội dung <script>alert(1)</script></p>", "Nội dung"))
    seal = hashlib.blake2b(payload, digest_size=32, key=fingerprint[:64], person=key[:16].encode()).digest()
    entry = RenderCache(cache, b"x" * 32).path(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(seal + payload)
    result = site.build(PORTAL_CACHE_PATH=str(cache))
    assert result.ok and result.bodies.rendered == 1 and result.bodies.reused == 0
    assert "alert(1)" not in site.all_text()


def test_no_cache_loads_code_jinja_compiles_templates_itself():
    from pelican.settings import read_settings
    from portal_serve.pages import ThemePages

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert "bytecode_cache" not in settings["JINJA_ENVIRONMENT"]
    assert ThemePages(settings).env.bytecode_cache is None


def test_the_secret_is_made_private_and_one_others_can_read_is_replaced(site, tmp_path):
    from portal_content.installation import _known, installation_secret

    secret = tmp_path / "bi-mat" / "seal.key"
    first = installation_secret({"PORTAL_SECRET_FILE": str(secret)})
    assert first is not None and len(first) == 32
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and stat.S_IMODE(secret.parent.stat().st_mode) == 0o700
    os.chmod(secret, 0o644)  # readable by others: whatever it holds may be known
    _known.clear()
    second = installation_secret({"PORTAL_SECRET_FILE": str(secret)})
    assert second is not None and second != first and stat.S_IMODE(secret.stat().st_mode) == 0o600
    site.write("tin-tuc/dia-phuong/a.md", news())
    result = site.build(PORTAL_SECRET_FILE=str(site.content / "seal.key"))
    assert not result.ok  # a secret inside the content (or cache, or output) is refused
    assert any(p.field == "PORTAL_SECRET_FILE" for p in result.problems)


def test_caches_that_cannot_be_written_and_no_secret_only_slow_the_build(site, tmp_path):
    blocked, locked = tmp_path / "a-file", tmp_path / "another-file"
    blocked.write_text("not a folder")
    locked.write_text("not a folder either")
    site.write("tin-tuc/dia-phuong/a.md", news())
    for _ in range(2):
        result = site.build(PORTAL_CACHE_PATH=str(blocked / "render"), PORTAL_SECRET_FILE=str(locked / "seal.key"))
        assert result.ok, site.messages()
        assert result.bodies.rendered == 1  # nothing kept, nothing reused
    assert site.exists("tin-tuc/dia-phuong/tin-mau/")


def test_an_output_that_is_a_mount_point_is_refused_at_once_with_the_fix(site, tmp_path):
    mount = tmp_path / "volume"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], check=False, capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("this machine lets no test mount a file system")
    try:
        (mount / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
        site.write("tin-tuc/dia-phuong/a.md", news())
        result = build(SETTINGS, site.content, mount, {"PORTAL_TODAY": "2024-06-01"})
        assert not result.ok
        [problem] = result.problems
        assert "điểm gắn ổ đĩa (mount point)" in problem.message and "--output" in problem.hint
        assert (mount / "index.html").read_text(encoding="utf-8") == "<p>trang cũ</p>"  # as it was
        assert [p.name for p in mount.iterdir()] == ["index.html"]
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".volume")]  # no staging left beside
        # the fix the message gives: the volume one level up, the output a folder inside it
        inside = build(SETTINGS, site.content, mount / "output", {"PORTAL_TODAY": "2024-06-01"})
        assert inside.ok and (mount / "output" / "tin-tuc" / "dia-phuong" / "tin-mau" / "index.html").is_file()
    finally:
        subprocess.run(["umount", str(mount)], check=False)
